"""Rankings of actors by how much relies on them; single points of failure; reliance cycles."""

from __future__ import annotations

from itertools import islice

import networkx as nx
from pydantic import BaseModel, ConfigDict

from samverkan.network.betweenness import betweenness_centrality
from samverkan.network.cuts import cut_points_and_bridges
from samverkan.network.nodes import NodeRef, node_ref
from samverkan.network.reach import ancestor_counts
from samverkan.network.reliance import DEFAULT_RULES, RelianceRules, reliance_graph
from samverkan.store.heap import collector_paused


class ActorRank(BaseModel):
    """How much relies on one actor: directly (`in_degree`), in all (`dependants`), as a broker."""

    model_config = ConfigDict(frozen=True)

    actor: NodeRef
    in_degree: int
    dependants: int
    betweenness: float


class Bridge(BaseModel):
    """A link whose loss splits the network (on the undirected view)."""

    model_config = ConfigDict(frozen=True)

    ends: tuple[NodeRef, NodeRef]


class Rankings(BaseModel):
    """Actors ranked by dependants, then in-degree, then betweenness; cut points; cycles."""

    as_of: str | None
    actors: list[ActorRank]
    articulation_points: list[NodeRef]
    bridges: list[Bridge]
    cycles: list[list[NodeRef]]
    cycles_truncated: bool
    betweenness_sources: int | None
    """Sources betweenness was estimated from (seeded, repeatable); None when it is exact."""


BETWEENNESS_SAMPLE = 1000
"""Above this many nodes in the reliance view, betweenness is estimated from this many sources
(networkx took 19 s for the exact values at 5,000 nodes; `samverkan.network.betweenness`, which gives
networkx's values, takes 0.05 s there, but the sample stays so that rankings stay what they were)."""


def rankings(
    graph: nx.MultiDiGraph,
    *,
    rules: RelianceRules = DEFAULT_RULES,
    lang: str = "sv",
    top: int | None = None,
    max_cycle_length: int = 8,
    max_cycles: int = 100,
    betweenness_sample: int | None = BETWEENNESS_SAMPLE,
) -> Rankings:
    """Rank actors in the reliance view (see `reliance`) and find its weak spots.

    Articulation points and bridges are computed on the undirected view of the nodes that take part
    in reliance; cycles up to `max_cycle_length` nodes, at most `max_cycles` of them. For large
    graphs, betweenness is estimated from `betweenness_sample` sources (None: always exact).
    """
    with collector_paused():
        view = reliance_graph(graph, rules)
        sources = betweenness_sample if betweenness_sample and betweenness_sample < len(view) else None
        betweenness = betweenness_centrality(view, k=sources, seed=0)
        dependants = ancestor_counts(view, (n for n in view if view.nodes[n].get("category") == "actor"))
        points, bridges = cut_points_and_bridges(view)
        cycles, truncated = _cycles(view, max_cycle_length, max_cycles)
    actors = [
        ActorRank(
            actor=node_ref(graph, node, lang),
            in_degree=view.in_degree(node),
            dependants=count,
            betweenness=round(betweenness[node], 6),
        )
        for node, count in dependants.items()
    ]
    actors.sort(key=lambda r: (-r.dependants, -r.in_degree, -r.betweenness, r.actor.label, r.actor.iri))
    return Rankings(
        as_of=graph.graph.get("as_of"),
        actors=actors[:top] if top is not None else actors,
        articulation_points=[node_ref(graph, n, lang) for n in sorted(points)],
        bridges=[
            Bridge(ends=(node_ref(graph, a, lang), node_ref(graph, b, lang)))
            for a, b in sorted(tuple(sorted(edge)) for edge in bridges)
        ],
        cycles=[[node_ref(graph, n, lang) for n in cycle] for cycle in cycles],
        cycles_truncated=truncated,
        betweenness_sources=sources,
    )


def _cycles(view: nx.DiGraph, max_length: int, limit: int) -> tuple[list[list[str]], bool]:
    """Up to `limit` simple cycles, each starting at its smallest IRI, in a stable order. The search runs over the
    nodes on a cycle numbered in IRI order: over the IRIs themselves its order followed the process's string
    hashing, so when there were more than `limit` cycles, which were kept changed from one process to the next."""
    on_cycles = sorted(
        node
        for component in nx.strongly_connected_components(view)
        for node in component
        if len(component) > 1 or view.has_edge(node, node)
    )
    number = {node: position for position, node in enumerate(on_cycles)}
    numbered = nx.DiGraph()
    numbered.add_nodes_from(range(len(on_cycles)))
    numbered.add_edges_from(sorted((number[a], number[b]) for a, b in view.subgraph(on_cycles).edges))
    found = list(islice(nx.simple_cycles(numbered, length_bound=max_length), limit + 1))
    rotated = sorted(_rotate([on_cycles[position] for position in cycle]) for cycle in found[:limit])
    return rotated, len(found) > limit


def _rotate(cycle: list[str]) -> list[str]:
    start = cycle.index(min(cycle))
    return cycle[start:] + cycle[:start]
