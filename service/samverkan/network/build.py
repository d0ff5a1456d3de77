"""Build the responsibility network from the store: one networkx graph for API, CLI and notebooks.

The SPARQL lives in `samverkan/queries/network/*.rq`: `nodes.rq` and `labels.rq`, and one
`edges-*.rq` per family of relations, each answering `?from ?to ?relation ?role ?via ?g`.
Adding a relation to the network is adding such a file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from importlib.resources import files
from itertools import chain

import networkx as nx
import pyoxigraph as ox

from samverkan.gaps.pinning import pinned
from samverkan.store import Store
from samverkan.store.heap import collector_paused
from samverkan.vocabulary.namespaces import PREFIXES, SAMID
from samverkan.vocabulary.terms import compact_iri, is_true

QUERY_DIR = files("samverkan") / "queries" / "network"
ROLE_NAMESPACE = f"{SAMID}role/"
XSD_DATE = ox.NamedNode(f"{PREFIXES['xsd']}date")
PINNED_AT_ONCE = 500
"""Nodes pinned in one query when reading the ends of a node's edges (a hub has thousands)."""

Row = dict[str, str | None]


def read_query(name: str) -> str:
    """The text of one of the network's query files."""
    return (QUERY_DIR / name).read_text(encoding="utf-8")


def edge_query_names() -> list[str]:
    """The `edges-*.rq` files, in a stable order."""
    return sorted(
        p.name for p in QUERY_DIR.iterdir() if p.name.startswith("edges-") and p.name.endswith(".rq")
    )


def build_network(store: Store, as_of: date | None = None) -> nx.MultiDiGraph:
    """The network of actors, goals, recommendations, principles, strategies and components.

    Nodes are IRIs with `iri`, `kind` (compact class), `category` (`actor`, `goal`, ...; `None` when
    the store does not type the resource) and `label_sv`/`label_en`. Edges run in the direction of
    the statement (actor `responsibleFor` goal, recommendation `dependsOn` actor) and carry
    `relation`, `role` (responsibility roles), `sources` (named graphs) and `via` (qualified nodes).
    With `as_of`, actors not yet founded or already dissolved, and responsibilities or dependencies
    outside their validity, are left out.
    """
    bindings = _as_of_bindings(as_of)
    graph = nx.MultiDiGraph(as_of=as_of.isoformat() if as_of else None)
    with collector_paused():
        absent = _add_nodes(graph, _select(store, read_query("nodes.rq"), bindings))
        edges = chain.from_iterable(_select(store, read_query(name), bindings) for name in edge_query_names())
        _add_edges(graph, edges, absent)
        _add_labels(graph, _select(store, read_query("labels.rq"), {}, about=graph))
    return graph


def edges_around(store: Store, node: str, as_of: date | None = None) -> list[Row]:
    """The rows of every edge query with `node` at either end (`from`, `to`, `relation`, `role`, `via`, `g`)."""
    term = ox.NamedNode(node)
    return [
        row
        for name in edge_query_names()
        for end in ("from", "to")
        for row in _select(store, pinned(read_query(name), end, term), _as_of_bindings(as_of))
    ]


def network_around(
    store: Store, node: str, as_of: date | None = None, edges: list[Row] | None = None
) -> nx.MultiDiGraph:
    """The part of `build_network`'s graph that touches `node`: its edges, and their ends as nodes.

    Every query starts from the node (its edges) or from the ends (their classes and labels), so a
    page about one node does not build the whole network (9-11 s at 1M quads). `edges` (rows of
    `edges_around`) builds from a part of them only: the ends of the others are not read.
    """
    bindings = _as_of_bindings(as_of)
    if edges is None:
        edges = edges_around(store, node, as_of)
    ends = sorted({node} | {end for row in edges for end in (row["from"], row["to"]) if end})
    graph = nx.MultiDiGraph(as_of=as_of.isoformat() if as_of else None)
    with collector_paused():
        absent = _add_nodes(graph, _pinned_rows(store, "nodes.rq", ends, bindings))
        _add_edges(graph, iter(edges), absent)
        _add_labels(graph, _pinned_rows(store, "labels.rq", [n for n in ends if n in graph], {}))
    return graph


def _as_of_bindings(as_of: date | None) -> dict[str, ox.NamedNode | ox.Literal]:
    return {"asOf": ox.Literal(as_of.isoformat(), datatype=XSD_DATE)} if as_of else {}


def _pinned_rows(
    store: Store, name: str, nodes: list[str], bindings: Mapping[str, ox.NamedNode | ox.Literal]
) -> Iterator[Row]:
    """The rows of a query about `?node`, for the given nodes, in their order (a few hundred at a time)."""
    for start in range(0, len(nodes), PINNED_AT_ONCE):
        batch = [ox.NamedNode(n) for n in nodes[start : start + PINNED_AT_ONCE]]
        yield from _select(store, pinned(read_query(name), "node", *batch), bindings)


def _select(
    store: Store,
    sparql: str,
    bindings: Mapping[str, ox.NamedNode | ox.Literal],
    about: nx.MultiDiGraph | None = None,
) -> Iterator[Row]:
    """The answer's rows; with `about`, only those whose first column is one of its nodes."""
    answer = store.query(sparql, bindings=bindings or None)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError("a network query must be a SELECT query")
    columns = [variable.value for variable in answer.variables]
    for solution in answer:
        if about is None or _value(solution[0]) in about:
            yield dict(zip(columns, map(_value, solution), strict=True))


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str | None:
    if term is None:
        return None
    return str(term) if isinstance(term, ox.Triple) else term.value


def _add_nodes(graph: nx.MultiDiGraph, rows: Iterator[Row]) -> set[str]:
    """Add typed resources in IRI order, each with its most specific class (least rank, then class IRI);
    return those absent at the as-of date. (Chosen here: an ORDER BY in the query took 1 s at 1M quads.)"""
    chosen: dict[str, tuple[int, str, Row]] = {}
    for row in rows:
        node, kind = row["node"], row["class"] or ""
        if node is None:
            continue
        key = (int(row["rank"] or 0), kind, row)
        if node not in chosen or key[:2] < chosen[node][:2]:
            chosen[node] = key
    absent: set[str] = set()
    for node in sorted(chosen):
        if node in graph:
            continue
        row = chosen[node][2]
        if not is_true(row["inForce"]):
            absent.add(node)
            continue
        graph.add_node(node, **_node_attributes(node, row["class"], row["category"]))
    return absent


def _node_attributes(node: str, kind: str | None, category: str | None) -> dict[str, str | None]:
    return {
        "iri": node,
        "kind": compact_iri(kind) if kind else None,
        "category": category,
        "label_sv": None,
        "label_en": None,
    }


def _add_edges(graph: nx.MultiDiGraph, rows: Iterator[Row], absent: set[str]) -> None:
    """Add the edges of the rows to a graph without edges, in the order first stated, with their untyped ends.

    Rows with the same ends, relation and role are one edge, with the graphs and qualified nodes of all.
    """
    edges: dict[tuple[str, str, str], tuple[str, str | None, set[str], set[str]]] = {}
    for row in rows:
        source, target, relation = row["from"], row["to"], row["relation"]
        if source is None or target is None or relation is None or source in absent or target in absent:
            continue
        role = role_name(row["role"])
        edge = (source, target, f"{relation}:{role}" if role else relation)
        if edge not in edges:
            edges[edge] = (relation, role, set(), set())
        _, _, sources, via = edges[edge]
        if row["g"]:
            sources.add(row["g"])
        if row["via"]:
            via.add(row["via"])
    for node in dict.fromkeys(end for source, target, _ in edges for end in (source, target)):
        if node not in graph:
            graph.add_node(node, **_node_attributes(node, None, None))
    for (source, target, key), (relation, role, sources, via) in edges.items():
        graph.add_edge(
            source, target, key, relation=relation, role=role, sources=sorted(sources), via=sorted(via)
        )


def role_name(role: str | None) -> str | None:
    """`accountable` for Samverkan's role concepts; other role IRIs stay whole."""
    if role is None:
        return None
    return role.removeprefix(ROLE_NAMESPACE)


def _add_labels(graph: nx.MultiDiGraph, rows: Iterator[Row]) -> None:
    """Each node's label in each language: rdfs:label before skos:prefLabel, then the least text.
    (Chosen here: an ORDER BY over every label in the query took 22 s at 1M quads.)"""
    chosen: dict[tuple[str, str], tuple[int, str]] = {}
    for row in rows:
        node, label, lang = row["node"], row["label"], row["lang"]
        if node is not None and node in graph and lang and label is not None:
            key = (int(row["preference"] or 0), label)
            if chosen.get((node, lang), key) >= key:
                chosen[node, lang] = key
    for (node, lang), (_, label) in chosen.items():
        graph.nodes[node][f"label_{lang}"] = label
