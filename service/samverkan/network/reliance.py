"""The reliance view of the network: an edge u -> v means trouble at v puts u at risk.

Impact follows these edges backwards from a failing actor; rankings, single points of failure and
cycles are computed on them. Which statements count as reliance is one rule set, so impact and
rankings always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

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
    view.add_nodes_from(sorted(graph.nodes(data=True), key=itemgetter(0)))
    edges: dict[tuple[str, str], dict[str, str | bool | None]] = {}
    for subject, objects in sorted((node, objects) for node, objects in graph.adjacency() if objects):
        for obj, statements in sorted(objects.items()):
            for key in sorted(statements):
                relation, role = statements[key]["relation"], statements[key].get("role")
                if relation in rules.along:
                    edge, against = (subject, obj), False
                elif relation in rules.against and role in rules.roles:
                    edge, against = (obj, subject), True
                else:
                    continue
                if edge not in edges:
                    edges[edge] = {"relation": relation, "role": role, "against": against}
    view.add_edges_from((source, target, data) for (source, target), data in edges.items())
    return view
