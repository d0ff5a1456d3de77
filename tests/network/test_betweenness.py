"""Betweenness gives networkx's values to the last bit: exact and sampled, curated and 10k synthetic views."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest

from samverkan.bench.synthetic import generate
from samverkan.network import build_network, reliance_graph
from samverkan.network.betweenness import betweenness_centrality
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def synthetic_view() -> nx.DiGraph:
    store = EmbeddedStore()
    store.load("".join(generate(10_000)), ox.RdfFormat.N_QUADS)
    return reliance_graph(build_network(store))


@pytest.mark.parametrize("k", [None, 2, 50])
def test_curated_view_as_networkx(project_store: Store, k: int | None) -> None:
    view = reliance_graph(build_network(project_store))
    ours = betweenness_centrality(view, k=k, seed=0)
    assert ours == nx.betweenness_centrality(view, k=k, seed=0)
    assert k is not None or any(ours.values())


@pytest.mark.parametrize("k", [None, 100])
def test_synthetic_view_as_networkx(synthetic_view: nx.DiGraph, k: int | None) -> None:
    ours = betweenness_centrality(synthetic_view, k=k, seed=0)
    assert ours == nx.betweenness_centrality(synthetic_view, k=k, seed=0)
    assert list(ours) == list(synthetic_view) and any(ours.values())


def test_small_graphs_with_cycles_parallel_paths_and_self_loops() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "d"), ("d", "c"), ("c", "a"), ("c", "c"), ("e", "a")])
    for k in (None, 1, 3, 5):
        expected = nx.betweenness_centrality(graph, k=k, seed=3)
        ours = betweenness_centrality(graph, k=k, seed=3)
        assert ours.keys() == expected.keys()
        assert all(
            ours[n] == expected[n] or (ours[n] != ours[n] and expected[n] != expected[n]) for n in graph
        )
    assert betweenness_centrality(nx.DiGraph([("a", "b")])) == nx.betweenness_centrality(
        nx.DiGraph([("a", "b")])
    )
