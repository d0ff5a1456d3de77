"""One node's neighbours in the network: what an actor answers for, what it depends on, who depends on it."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from pydantic import BaseModel

from samverkan.network.build import Row, edges_around, network_around, role_name
from samverkan.network.nodes import NodeRef, node_ref
from samverkan.store import Store

GROUPS = ("responsible_for", "depends_on", "dependents", "other")
EdgeKey = tuple[str, str, str, bool]


class Neighbour(BaseModel):
    """A node next to the centre, the relation between them and its direction (`outgoing` from the centre)."""

    node: NodeRef
    relation: str
    role: str | None
    outgoing: bool


class Neighbourhood(BaseModel):
    centre: NodeRef
    responsible_for: list[Neighbour]
    """Things the centre is responsible for, any role (`role` says which)."""
    depends_on: list[Neighbour]
    dependents: list[Neighbour]
    """Things that depend on the centre."""
    other: list[Neighbour]
    """Every other statement linking the centre (ownership, sub-organisation, addressee, ...)."""
    more: dict[str, int] = {}
    """Per group, the neighbours left out of its list (by `neighbourhood_around`'s `shown`)."""

    @property
    def all(self) -> list[Neighbour]:
        return [*self.responsible_for, *self.depends_on, *self.dependents, *self.other]


def neighbourhood_around(store: Store, node: str, lang: str, shown: int) -> Neighbourhood | None:
    """The actor's neighbourhood with at most `shown` neighbours per group, whose ends alone are read
    (classes and labels), and the count of the rest; None when `node` is no actor of the network.

    A group longer than `shown` keeps its first `shown` by role, then IRI, listed by role, then label.
    """
    edges = edges_around(store, node)
    kept, more = _first_edges(node, edges, shown)
    graph = network_around(store, node, edges=kept)
    if graph.nodes.get(node, {}).get("category") != "actor":
        return None
    return neighbourhood(graph, node, lang).model_copy(update={"more": more})


def _first_edges(node: str, edges: list[Row], shown: int) -> tuple[list[Row], dict[str, int]]:
    """The rows of the first `shown` edges of each group (by role, then the other end's IRI) and how
    many edges each group has beyond them. An edge is its ends, relation and role, as in the network."""
    keys: dict[str, set[EdgeKey]] = defaultdict(set)
    for row in edges:
        for key in _edge_keys(node, row):
            keys[_group(key[2], key[3])].add(key)
    first = {key for group in keys.values() for key in sorted(group)[:shown]}
    more = {group: len(found) - shown for group, found in keys.items() if len(found) > shown}
    return [row for row in edges if any(key in first for key in _edge_keys(node, row))], more


def _edge_keys(node: str, row: Row) -> list[EdgeKey]:
    """(role, other end, relation, outgoing) of an edge row as the centre's lists have it: none for a
    row of no edge, two for a loop (in the lists of both directions)."""
    source, target, relation = row["from"], row["to"], row["relation"]
    if source is None or target is None or relation is None:
        return []
    role = role_name(row["role"]) or ""
    return [
        (role, target if outgoing else source, relation, outgoing)
        for outgoing in (True, False)
        if (source if outgoing else target) == node
    ]


def _group(relation: str, outgoing: bool) -> str:
    if relation == "responsibleFor" and outgoing:
        return "responsible_for"
    if relation == "dependsOn":
        return "depends_on" if outgoing else "dependents"
    return "other"


def neighbourhood(graph: nx.MultiDiGraph, node: str, lang: str = "sv") -> Neighbourhood:
    """The statements of the network that touch `node`, grouped as a page shows them, by label."""
    found: dict[str, list[Neighbour]] = {group: [] for group in GROUPS}
    edges = [(target, data, True) for _, target, data in graph.out_edges(node, data=True)] + [
        (source, data, False) for source, _, data in graph.in_edges(node, data=True)
    ]
    for other, data, outgoing in edges:
        relation = data["relation"]
        found[_group(relation, outgoing)].append(
            Neighbour(
                node=node_ref(graph, other, lang), relation=relation, role=data.get("role"), outgoing=outgoing
            )
        )
    for neighbours in found.values():
        neighbours.sort(key=lambda n: (n.role or "", n.node.label.casefold(), n.node.iri))
    return Neighbourhood(
        centre=node_ref(graph, node, lang),
        responsible_for=found["responsible_for"],
        depends_on=found["depends_on"],
        dependents=found["dependents"],
        other=found["other"],
    )
