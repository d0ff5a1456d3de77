"""Ancestor counts equal networkx's ancestors: curated and 10k synthetic reliance views, a small cyclic graph."""

from __future__ import annotations

import networkx as nx

from samverkan.network.reach import ancestor_counts, components_after_their_links


def assert_as_networkx(graph: nx.DiGraph) -> None:
    counts = ancestor_counts(graph, graph)
    assert counts == {node: len(nx.ancestors(graph, node)) for node in graph}
    assert any(counts.values())


def test_curated_and_synthetic_views(reliance_views: list[nx.DiGraph]) -> None:
    for view in reliance_views:
        assert_as_networkx(view)


def test_cycles_self_loops_and_isolated_nodes() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "c"), ("d", "c")])
    graph.add_node("e")
    assert ancestor_counts(graph, ["a", "c", "e"]) == {"a": 1, "c": 3, "e": 0}
    assert_as_networkx(graph)


def test_random_graphs_with_chains_and_cycles() -> None:
    for seed, probability in ((1, 0.01), (2, 0.03), (3, 0.08)):
        graph = nx.gnp_random_graph(300, probability, seed=seed, directed=True)
        graph.add_edges_from((n, n + 1) for n in range(300, 340))  # a chain into the rest
        graph.add_edge(339, 0)
        assert_as_networkx(graph)


def test_components_come_after_those_they_link_to() -> None:
    graph = nx.gnp_random_graph(200, 0.02, seed=5, directed=True)
    links = [list(graph[node]) for node in range(len(graph))]
    components = list(components_after_their_links(links))
    assert sorted(map(sorted, components)) == sorted(map(sorted, nx.strongly_connected_components(graph)))
    place = {node: i for i, members in enumerate(components) for node in members}
    assert all(place[w] <= place[v] for v, w in graph.edges)
    assert any(len(members) > 1 for members in components)
