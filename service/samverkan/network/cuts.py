"""Articulation points and bridges of a graph's undirected view, from one depth-first search.

networkx finds each in a search of its own over an undirected copy of the graph (its bridges through a
chain decomposition): 2 s of CPU for the reliance view of the 1M-quad synthetic graph, a copy, two
searches and the chains. Here the nodes are numbered and one search (Hopcroft and Tarjan's low points)
gives both, a fraction of that. The answers are sets, the same whatever order the search takes.
"""

from __future__ import annotations

import networkx as nx


def cut_points_and_bridges(graph: nx.DiGraph) -> tuple[set[str], set[tuple[str, str]]]:
    """The nodes whose removal splits the undirected view into more parts (articulation points), and the
    links whose removal does (bridges, each as a pair of its ends); self-loops count
    for neither, as in `networkx.articulation_points` and `networkx.bridges`. (The network's nodes are IRIs.)"""
    order = list(graph)
    index = {node: i for i, node in enumerate(order)}
    neighbours: list[set[int]] = [set() for _ in order]
    for source, target in graph.edges():
        a, b = index[source], index[target]
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    found = [-1] * len(order)
    low = [0] * len(order)
    points: set[int] = set()
    bridges: set[tuple[int, int]] = set()
    counter = 0
    for root in range(len(order)):
        if found[root] >= 0 or not neighbours[root]:
            continue
        found[root] = low[root] = counter
        counter += 1
        root_children = 0
        frames = [(root, -1, iter(neighbours[root]))]
        while frames:
            node, parent, following = frames[-1]
            for other in following:
                if found[other] < 0:
                    found[other] = low[other] = counter
                    counter += 1
                    frames.append((other, node, iter(neighbours[other])))
                    break
                if other != parent and found[other] < low[node]:
                    low[node] = found[other]
            else:
                frames.pop()
                if not frames:
                    continue
                if low[node] < low[parent]:
                    low[parent] = low[node]
                if low[node] > found[parent]:
                    bridges.add((parent, node))
                if parent == root:
                    root_children += 1
                elif low[node] >= found[parent]:
                    points.add(parent)
        if root_children > 1:
            points.add(root)
    return {order[i] for i in points}, {(order[a], order[b]) for a, b in bridges}
