"""One node's neighbours in the network: what an actor answers for, what it depends on, who depends on it."""

from __future__ import annotations

import networkx as nx
from pydantic import BaseModel

from samverkan.network.nodes import NodeRef, node_ref


class Neighbour(BaseModel):
    """A node next to the centre, the relation between them and its direction (`outgoing` from the centre)."""

    node: NodeRef
    relation: str
    role: str | None
    outgoing: bool


class Neighbourhood(BaseModel):
    centre: NodeRef
    responsible_for: list[Neighbour]
    """Things the centre is responsible for, any role (`role` says which)."""
    depends_on: list[Neighbour]
    dependents: list[Neighbour]
    """Things that depend on the centre."""
    other: list[Neighbour]
    """Every other statement linking the centre (ownership, sub-organisation, addressee, ...)."""

    @property
    def all(self) -> list[Neighbour]:
        return [*self.responsible_for, *self.depends_on, *self.dependents, *self.other]


def neighbourhood(graph: nx.MultiDiGraph, node: str, lang: str = "sv") -> Neighbourhood:
    """The statements of the network that touch `node`, grouped as a page shows them, by label."""
    found: dict[str, list[Neighbour]] = {
        "responsible_for": [],
        "depends_on": [],
        "dependents": [],
        "other": [],
    }
    edges = [(target, data, True) for _, target, data in graph.out_edges(node, data=True)] + [
        (source, data, False) for source, _, data in graph.in_edges(node, data=True)
    ]
    for other, data, outgoing in edges:
        relation = data["relation"]
        if relation == "responsibleFor" and outgoing:
            group = "responsible_for"
        elif relation == "dependsOn":
            group = "depends_on" if outgoing else "dependents"
        else:
            group = "other"
        found[group].append(
            Neighbour(
                node=node_ref(graph, other, lang), relation=relation, role=data.get("role"), outgoing=outgoing
            )
        )
    for neighbours in found.values():
        neighbours.sort(key=lambda n: (n.role or "", n.node.label.casefold(), n.node.iri))
    return Neighbourhood(centre=node_ref(graph, node, lang), **found)
