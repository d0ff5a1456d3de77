"""The reliance view of the network: an edge u -> v means trouble at v puts u at risk.

Impact follows these edges backwards from a failing actor; rankings, single points of failure and
cycles are computed on them. Which statements count as reliance is one rule set, so impact and
rankings always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class RelianceRules:
    """Which relations carry a failure.

    `along`: the subject relies on the object (a recommendation `dependsOn` an actor). `against`:
    the object relies on the subject (a goal relies on the actor `responsibleFor` it), for the
    responsibility `roles` listed; `None` stands for a role the sources leave unstated.
    """

    along: frozenset[str] = frozenset({"dependsOn", "subOrganizationOf"})
    against: frozenset[str] = frozenset({"responsibleFor"})
    roles: frozenset[str | None] = frozenset({"accountable", "responsible", "contributes", None})


DEFAULT_RULES = RelianceRules()


def reliance_graph(graph: nx.MultiDiGraph, rules: RelianceRules = DEFAULT_RULES) -> nx.DiGraph:
    """All nodes of `graph`, with an edge u -> v wherever u relies on v under `rules`.

    Each edge keeps the `relation` and `role` of the statement behind it and `against`, true when
    the statement runs from v to u. Where several statements give the same edge, the first by
    relation and role is kept, so the view is the same for the same graph.
    """
    view = nx.DiGraph()
    view.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    statements = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for subject, obj, _, data in statements:
        relation = data["relation"]
        if relation in rules.along:
            edge, against = (subject, obj), False
        elif relation in rules.against and data.get("role") in rules.roles:
            edge, against = (obj, subject), True
        else:
            continue
        if not view.has_edge(*edge):
            view.add_edge(*edge, relation=relation, role=data.get("role"), against=against)
    return view
