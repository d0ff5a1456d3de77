"""The network around one node: its edges and their ends exactly as the whole network has them."""

from __future__ import annotations

import random
from datetime import date

import networkx as nx
import pytest

from samverkan.network import build_network
from samverkan.network.build import network_around
from samverkan.store import Store

HUB = "https://w3id.org/samverkan/id/actor/syn-agency-001"


def touching(graph: nx.MultiDiGraph, node: str) -> tuple[list[object], dict[str, dict[str, object]]]:
    """The node's edges with their data, and the attributes of their ends."""
    edges = sorted(
        [*graph.out_edges(node, keys=True, data=True), *graph.in_edges(node, keys=True, data=True)], key=repr
    )
    ends = {end for u, v, _, _ in edges for end in (u, v)} | {node}
    return edges, {end: dict(graph.nodes[end]) for end in ends}


def picks(graph: nx.MultiDiGraph, seed: int) -> list[str]:
    """Every actor, and 40 other nodes (seeded)."""
    actors = sorted(n for n, category in graph.nodes(data="category") if category == "actor")
    others = sorted(n for n in graph if n not in set(actors))
    return actors + random.Random(seed).sample(others, min(40, len(others)))


@pytest.mark.parametrize("as_of", [None, date(2020, 1, 1)])
def test_the_curated_network_around_each_node(project_store: Store, as_of: date | None) -> None:
    whole = build_network(project_store, as_of)
    for node in picks(whole, 7):
        assert touching(network_around(project_store, node, as_of), node) == touching(whole, node), node


def test_the_synthetic_network_around_the_hub_and_others(synthetic_project: Store) -> None:
    whole = build_network(synthetic_project)
    nodes = [HUB, *random.Random(7).sample(sorted(whole), 60)]
    for node in nodes:
        assert touching(network_around(synthetic_project, node), node) == touching(whole, node), node
    assert whole.degree(HUB) > 40
