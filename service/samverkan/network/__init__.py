"""Network analysis of responsibility and dependency: build, impact, rankings, node-link JSON. Imports gaps and below.

graph = build_network(store)
impact(graph, resolve_actor(graph, "digg")).items
rankings(graph, top=10).actors
"""

from samverkan.network.build import build_network
from samverkan.network.impact import Impact, ImpactItem, Step, impact
from samverkan.network.node_link import NodeLinkGraph, node_link
from samverkan.network.nodes import NodeRef, UnknownNodeError, node_label, resolve_actor
from samverkan.network.rankings import ActorRank, Bridge, Rankings, rankings
from samverkan.network.reliance import DEFAULT_RULES, RelianceRules, reliance_graph

__all__ = [
    "DEFAULT_RULES",
    "ActorRank",
    "Bridge",
    "Impact",
    "ImpactItem",
    "NodeLinkGraph",
    "NodeRef",
    "Rankings",
    "RelianceRules",
    "Step",
    "UnknownNodeError",
    "build_network",
    "impact",
    "node_label",
    "node_link",
    "rankings",
    "reliance_graph",
    "resolve_actor",
]
