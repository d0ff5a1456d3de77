"""Build the responsibility network from the store: one networkx graph for API, CLI and notebooks.

The SPARQL lives in `samverkan/queries/network/*.rq`: `nodes.rq` (typed resources with their labels),
`labels.rq` (the labels of untyped ones), and one `edges-*.rq` per family of relations, each answering
`?from ?to ?relation ?role ?via ?g`. Adding a relation to the network is adding such a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from importlib.resources import files
from itertools import chain
from typing import TypedDict

import networkx as nx
import pyoxigraph as ox

from samverkan.gaps.pinning import pinned
from samverkan.network.nodes import LANGUAGES
from samverkan.store import Store
from samverkan.store.heap import collector_paused
from samverkan.vocabulary.namespaces import PREFIXES, SAMID
from samverkan.vocabulary.terms import compact_iri, is_true

QUERY_DIR = files("samverkan") / "queries" / "network"
ROLE_NAMESPACE = f"{SAMID}role/"
XSD_DATE = ox.NamedNode(f"{PREFIXES['xsd']}date")
PINNED_AT_ONCE = 500
"""Nodes pinned in one query when reading the ends of a node's edges (a hub has thousands)."""
NODE_COLUMNS = ("node", "class", "category", "rank", "inForce", "label", "preference")
LABEL_COLUMNS = ("node", "label", "preference")
EDGE_COLUMNS = ("from", "to", "relation", "role", "via", "g")

Row = dict[str, str | None]
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Attributes = dict[str, str | None]
EdgeRow = tuple[str | None, ...]
"""An edge query's values: `from`, `to`, `relation`, `role`, `via`, `g`."""


class EdgeData(TypedDict):
    """An edge's attributes."""

    relation: str
    role: str | None
    sources: list[str]
    """The named graphs stating it."""
    via: list[str]
    """Its qualified nodes."""


Labels = dict[tuple[str, str], tuple[int, str]]
"""The label chosen so far for a node in a language, with the preference of its property."""


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
    edges = chain.from_iterable(
        map(_edge_row, _solutions(store, read_query(name), EDGE_COLUMNS, bindings))
        for name in edge_query_names()
    )
    return _network(store, as_of, _solutions(store, read_query("nodes.rq"), NODE_COLUMNS, bindings), edges)


def edges_around(store: Store, node: str, as_of: date | None = None) -> list[Row]:
    """The rows of every edge query with `node` at either end (`from`, `to`, `relation`, `role`, `via`, `g`)."""
    term = ox.NamedNode(node)
    return [
        dict(zip(EDGE_COLUMNS, _values(solution), strict=True))
        for name in edge_query_names()
        for end in ("from", "to")
        for solution in _solutions(
            store, pinned(read_query(name), end, term), EDGE_COLUMNS, _as_of_bindings(as_of)
        )
    ]


def network_around(
    store: Store, node: str, as_of: date | None = None, edges: list[Row] | None = None
) -> nx.MultiDiGraph:
    """The part of `build_network`'s graph that touches `node`: its edges, and their ends as nodes.

    Every query starts from the node (its edges) or from the ends (their classes and labels), so a
    page about one node does not build the whole network (9-11 s at 1M quads). `edges` (rows of
    `edges_around`) builds from a part of them only: the ends of the others are not read.
    """
    if edges is None:
        edges = edges_around(store, node, as_of)
    ends = sorted({node} | {end for row in edges for end in (row["from"], row["to"]) if end})
    nodes = _pinned(store, "nodes.rq", NODE_COLUMNS, ends, _as_of_bindings(as_of))
    return _network(store, as_of, nodes, (tuple(row[column] for column in EDGE_COLUMNS) for row in edges))


def _as_of_bindings(as_of: date | None) -> dict[str, ox.NamedNode | ox.Literal]:
    return {"asOf": ox.Literal(as_of.isoformat(), datatype=XSD_DATE)} if as_of else {}


def _pinned(
    store: Store,
    name: str,
    columns: tuple[str, ...],
    nodes: list[str],
    bindings: Mapping[str, ox.NamedNode | ox.Literal],
) -> Iterator[ox.QuerySolution]:
    """The solutions of a query about `?node`, for the given nodes, in their order (a few hundred at a time)."""
    for start in range(0, len(nodes), PINNED_AT_ONCE):
        batch = [ox.NamedNode(n) for n in nodes[start : start + PINNED_AT_ONCE]]
        yield from _solutions(store, pinned(read_query(name), "node", *batch), columns, bindings)


def _solutions(
    store: Store, sparql: str, columns: tuple[str, ...], bindings: Mapping[str, ox.NamedNode | ox.Literal]
) -> ox.QuerySolutions:
    """The answer of a SELECT query of these columns, in this order: its solutions are read by position."""
    answer = store.query(sparql, bindings=bindings or None)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError("a network query must be a SELECT query")
    if tuple(variable.value for variable in answer.variables) != columns:
        raise ValueError(f"a network query must select {' '.join(f'?{column}' for column in columns)}")
    return answer


def _values(solution: ox.QuerySolution) -> tuple[str | None, ...]:
    return tuple(map(_value, solution))


def _edge_row(solution: ox.QuerySolution) -> EdgeRow:
    """The values of an edge query's solution, read term by term (a call for each took a quarter of the
    conversion at 1M quads), and through `_value` where one is unbound or a triple term (with no value)."""
    source, target, relation, role, via, graph = solution
    try:
        return (
            source.value,
            target.value,
            relation.value,
            None if role is None else role.value,
            None if via is None else via.value,
            graph.value,
        )
    except AttributeError:
        return _values(solution)


def _value(term: Term | None) -> str | None:
    if term is None:
        return None
    return str(term) if isinstance(term, ox.Triple) else term.value


def _network(
    store: Store,
    as_of: date | None,
    node_solutions: Iterable[ox.QuerySolution],
    edge_rows: Iterable[EdgeRow],
) -> nx.MultiDiGraph:
    """The typed nodes of `nodes.rq`'s solutions in IRI order, then the untyped ends of the edges' rows in the
    order first stated, with their labels (`labels.rq`), then the edges in that order."""
    with collector_paused():
        nodes, absent = _typed_nodes(node_solutions)
        edges = _edges(edge_rows, absent)
        untyped = {
            end: _node_attributes(end, None, None)
            for end in dict.fromkeys(end for source, target, _ in edges for end in (source, target))
            if end not in nodes
        }
        labels: Labels = {}
        for node, label, preference in _pinned(store, "labels.rq", LABEL_COLUMNS, list(untyped), {}):
            _prefer(labels, node.value, label, preference)
        _label(untyped, labels)
        graph = nx.MultiDiGraph(as_of=as_of.isoformat() if as_of else None)
        _fill(graph, nodes | untyped, edges)
    return graph


def _typed_nodes(solutions: Iterable[ox.QuerySolution]) -> tuple[dict[str, Attributes], set[str]]:
    """The typed resources in force, in IRI order, each with its most specific class (least rank, then class
    IRI) and labels; and those absent at the as-of date. (Chosen here: an ORDER BY in the query took 1 s at
    1M quads.)"""
    classes: dict[str, tuple[int, str, str, bool]] = {}
    labels: Labels = {}
    for node, kind, category, rank, in_force, label, preference in solutions:
        iri = node.value
        key = (int(rank.value), kind.value)
        known = classes.get(iri)
        if known is None or key < known[:2]:
            classes[iri] = (*key, category.value, is_true(in_force))
        if label is not None:
            _prefer(labels, iri, label, preference)
    nodes: dict[str, Attributes] = {}
    absent: set[str] = set()
    for iri in sorted(classes):
        _, kind, category, in_force = classes[iri]
        if in_force:
            nodes[iri] = _node_attributes(iri, kind, category)
        else:
            absent.add(iri)
    _label(nodes, labels)
    return nodes, absent


def _node_attributes(node: str, kind: str | None, category: str | None) -> Attributes:
    return {
        "iri": node,
        "kind": compact_iri(kind) if kind else None,
        "category": category,
        "label_sv": None,
        "label_en": None,
    }


def _prefer(labels: Labels, node: str, label: Term, preference: ox.Literal) -> None:
    """Keep `label` as the node's label in its language if it comes first: rdfs:label before skos:prefLabel
    (`preference`), then the least text. (Chosen here: an ORDER BY over every label took 22 s at 1M quads.)"""
    if isinstance(label, ox.Literal) and label.language in LANGUAGES:
        key = (int(preference.value), label.value)
        if labels.get((node, label.language), key) >= key:
            labels[node, label.language] = key


def _label(nodes: dict[str, Attributes], labels: Labels) -> None:
    for (node, language), (_, label) in labels.items():
        if node in nodes:
            nodes[node][f"label_{language}"] = label


def _edges(rows: Iterable[EdgeRow], absent: set[str]) -> dict[tuple[str, str, str], EdgeData]:
    """The edges of the rows by (source, target, key), in the order first stated, but those touching an
    absent node. Rows with the same ends, relation and role are one edge, with the graphs and qualified nodes
    of all (in order)."""
    edges: dict[tuple[str, str, str], EdgeData] = {}
    merged: list[EdgeData] = []
    for source, target, relation, stated_role, via, graph in rows:
        if source is None or target is None or relation is None or source in absent or target in absent:
            continue
        role = role_name(stated_role)
        edge = (source, target, f"{relation}:{role}" if role else relation)
        data = edges.get(edge)
        if data is None:
            edges[edge] = {
                "relation": relation,
                "role": role,
                "sources": [graph] if graph else [],
                "via": [via] if via else [],
            }
            continue
        merged.append(data)
        if graph and graph not in data["sources"]:
            data["sources"].append(graph)
        if via and via not in data["via"]:
            data["via"].append(via)
    for data in merged:
        data["sources"].sort()
        data["via"].sort()
    return edges


def _fill(
    graph: nx.MultiDiGraph, nodes: dict[str, Attributes], edges: dict[tuple[str, str, str], EdgeData]
) -> None:
    """Add the nodes, then the edges, to a graph without nodes, in their order, writing its adjacency as
    `add_node` and `add_edge` write it: their checks, made for each edge, took a third of this at 1M quads."""
    node_data, successors, predecessors = graph._node, graph._succ, graph._pred
    for node, attributes in nodes.items():
        node_data[node] = attributes
        successors[node] = {}
        predecessors[node] = {}
    for (source, target, key), data in edges.items():
        keys = successors[source].get(target)
        if keys is None:
            keys = successors[source][target] = predecessors[target][source] = {}
        keys[key] = data


def role_name(role: str | None) -> str | None:
    """`accountable` for Samverkan's role concepts; other role IRIs stay whole."""
    if role is None:
        return None
    return role.removeprefix(ROLE_NAMESPACE)
