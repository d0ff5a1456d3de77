"""Articulation points and bridges are networkx's: curated and 10k synthetic reliance views, random graphs."""

from __future__ import annotations

import networkx as nx

from samverkan.network.cuts import cut_points_and_bridges


def assert_as_networkx(graph: nx.DiGraph) -> None:
    undirected = nx.Graph(graph)
    points, bridges = cut_points_and_bridges(graph)
    assert points == set(nx.articulation_points(undirected))
    assert {frozenset(edge) for edge in bridges} == {frozenset(edge) for edge in nx.bridges(undirected)}
    assert points and bridges


def test_curated_and_synthetic_views(reliance_views: list[nx.DiGraph]) -> None:
    for view in reliance_views:
        assert_as_networkx(view)


def test_random_graphs_with_links_both_ways_and_self_loops() -> None:
    for seed, probability in ((1, 0.003), (2, 0.005), (3, 0.008)):
        graph = nx.gnp_random_graph(400, probability, seed=seed, directed=True)
        graph.add_edges_from([(0, 0), (5, 5), (7, 8), (8, 7)])
        assert_as_networkx(graph)


def test_a_path_a_triangle_and_a_star() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("f", "d"), ("e", "e")])
    graph.add_node("lone")
    points, bridges = cut_points_and_bridges(graph)
    assert points == {"c", "d"}
    assert {frozenset(edge) for edge in bridges} == {frozenset("cd"), frozenset("de"), frozenset("df")}
