"""Ancestor counts equal networkx's ancestors: curated and 10k synthetic reliance views, a small cyclic graph."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from samverkan.bench.synthetic import generate
from samverkan.network import build_network, reliance_graph
from samverkan.network.reach import ancestor_counts
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore


def assert_as_networkx(graph: nx.DiGraph) -> None:
    counts = ancestor_counts(graph, graph)
    assert counts == {node: len(nx.ancestors(graph, node)) for node in graph}
    assert any(counts.values())


def test_curated_and_synthetic_views(project_store: Store) -> None:
    synthetic = EmbeddedStore()
    synthetic.load("".join(generate(10_000)), ox.RdfFormat.N_QUADS)
    for store in (project_store, synthetic):
        assert_as_networkx(reliance_graph(build_network(store)))


def test_cycles_self_loops_and_isolated_nodes() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "c"), ("d", "c")])
    graph.add_node("e")
    assert ancestor_counts(graph, ["a", "c", "e"]) == {"a": 1, "c": 3, "e": 0}
    assert_as_networkx(graph)
