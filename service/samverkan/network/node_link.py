"""The network as node-link JSON for visualisation (d3, cytoscape, vis), in a stable order."""

from __future__ import annotations

from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from samverkan.network.nodes import node_label


class GraphNode(BaseModel):
    """A node: its IRI (`id`), label in the requested language, category, class and both labels."""

    model_config = ConfigDict(frozen=True)

    id: str
    iri: str
    label: str
    category: str | None
    kind: str | None
    label_sv: str | None
    label_en: str | None


class GraphLink(BaseModel):
    """A statement: `source` `relation` `target`, with its role and the graphs that state it."""

    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    key: str
    relation: str
    role: str | None
    sources: list[str]
    via: list[str]


class NodeLinkGraph(BaseModel):
    """networkx's node-link format (`nx.node_link_graph` reads it back)."""

    directed: bool
    multigraph: bool
    graph: dict[str, Any] = Field(default_factory=dict)
    nodes: list[GraphNode]
    links: list[GraphLink]


def node_link(graph: nx.MultiDiGraph, lang: str = "sv", isolated: bool = True) -> NodeLinkGraph:
    """The graph in node-link form, nodes by IRI and links by (source, target, key).

    `isolated=False` leaves out nodes without any edge (most municipalities, say), which a picture
    of the network does not need.
    """
    ordered = nx.MultiDiGraph(**graph.graph)
    for node in sorted(graph):
        if isolated or graph.degree(node):
            ordered.add_node(node, **graph.nodes[node], label=node_label(graph, node, lang))
    for source, target, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        ordered.add_edge(source, target, key=key, **data)
    return NodeLinkGraph.model_validate(nx.node_link_data(ordered, edges="links"))
