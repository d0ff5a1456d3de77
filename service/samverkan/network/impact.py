"""Impact: if an actor fails or loses its mandate, what is at risk, and why."""

from __future__ import annotations

from collections import deque

import networkx as nx
from pydantic import BaseModel, ConfigDict

from samverkan.network.nodes import NodeRef, node_ref
from samverkan.network.reliance import DEFAULT_RULES, RelianceRules, reliance_graph
from samverkan.store.heap import collector_paused


class Step(BaseModel):
    """One node on an explaining path and the statement that links it to the previous node.

    `against` is true when the statement runs from the previous node to this one (the failing
    actor `responsibleFor` this goal); false when it runs from this node to the previous one
    (this recommendation `dependsOn` the previous actor).
    """

    model_config = ConfigDict(frozen=True)

    node: NodeRef
    relation: str | None = None
    role: str | None = None
    against: bool = False


class ImpactItem(BaseModel):
    """A node put at risk, the shortest path of statements that explains it, and who else carries it."""

    model_config = ConfigDict(frozen=True)

    node: NodeRef
    depth: int
    path: list[Step]
    also_carried_by: list[NodeRef]


class Impact(BaseModel):
    """Everything at risk when `actor` fails, nearest first."""

    actor: NodeRef
    as_of: str | None
    items: list[ImpactItem]


def impact(
    graph: nx.MultiDiGraph,
    actor: str,
    *,
    rules: RelianceRules = DEFAULT_RULES,
    lang: str = "sv",
    max_depth: int | None = None,
) -> Impact:
    """What is at risk if `actor` (a node IRI) fails, transitively through reliance (see `reliance`).

    Each item carries a shortest explaining path from the actor, and the other actors that carry it
    under `rules.roles` and are not themselves at risk. Raises `KeyError` for a node not in `graph`.
    """
    if actor not in graph:
        raise KeyError(actor)
    with collector_paused():
        view = reliance_graph(graph, rules)
        parents = _breadth_first(view, actor, max_depth)
        paths = _paths(graph, view, parents, lang)
        items = [
            ImpactItem(
                node=path[-1].node,
                depth=len(path) - 1,
                path=path,
                also_carried_by=[node_ref(graph, c, lang) for c in _other_carriers(view, node, parents)],
            )
            for node, path in paths.items()
            if node != actor
        ]
    items.sort(key=lambda item: (item.depth, item.node.category or "", item.node.label, item.node.iri))
    return Impact(actor=node_ref(graph, actor, lang), as_of=graph.graph.get("as_of"), items=items)


def _breadth_first(view: nx.DiGraph, start: str, max_depth: int | None) -> dict[str, str | None]:
    """The nodes that rely on `start`, directly or not, each with its parent on a shortest path."""
    parents: dict[str, str | None] = {start: None}
    frontier = deque([(start, 0)])
    while frontier:
        node, depth = frontier.popleft()
        if max_depth is not None and depth >= max_depth:
            continue
        for dependant in sorted(view.predecessors(node)):
            if dependant not in parents:
                parents[dependant] = node
                frontier.append((dependant, depth + 1))
    return parents


def _paths(
    graph: nx.MultiDiGraph, view: nx.DiGraph, parents: dict[str, str | None], lang: str
) -> dict[str, list[Step]]:
    """Each node's explaining path from the start: its parent's path and one step (parents come first)."""
    paths: dict[str, list[Step]] = {}
    for node, parent in parents.items():
        if parent is None:
            paths[node] = [Step(node=node_ref(graph, node, lang))]
        else:
            edge = view[node][parent]
            step = Step(
                node=node_ref(graph, node, lang),
                relation=edge["relation"],
                role=edge["role"],
                against=edge["against"],
            )
            paths[node] = [*paths[parent], step]
    return paths


def _other_carriers(view: nx.DiGraph, node: str, at_risk: dict[str, str | None]) -> list[str]:
    """Actors the node relies on through a responsibility that are not at risk themselves."""
    return sorted(
        carrier
        for carrier in view.successors(node)
        if carrier not in at_risk and view[node][carrier]["against"]
    )
