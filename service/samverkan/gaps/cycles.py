"""The DependencyCycle rule by strongly connected components: the rule's rows without its property path.

The rule's SELECT (`shapes/governance.ttl`, which the validator runs) follows a `*` path back from
every step, which took minutes at a million triples. Here the steps (`sam:dependsOn`, and a
`sam:Dependency` from its `sam:dependent` to its `sam:dependsOnActor` or `sam:dependsOnComponent`)
are read in one query; a node is on a cycle when its component has more than one node or it steps to
itself. With the actor parameter, only the nodes on a cycle through the actor, that is in its component.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from samverkan.sparql.text import Term
from samverkan.store import Store
from samverkan.validation.rules import Rule
from samverkan.validation.sparql_shapes import Finding
from samverkan.vocabulary.namespaces import SAMSH, sparql_prefixes

RULE = f"{SAMSH}DependencyCycle"
_STEPS = (
    sparql_prefixes()
    + """SELECT DISTINCT ?from ?to WHERE {
    { ?from sam:dependsOn ?to }
    UNION { ?dependency sam:dependent ?from ; sam:dependsOnActor|sam:dependsOnComponent ?to }
}"""
)


def cycle_findings(store: Store, rule: Rule, bindings: Mapping[str, Term]) -> list[Finding]:
    """The rule's findings (the nodes on a dependency cycle), in `run_rule`'s order."""
    parameter = rule.parameter("actor")
    actor = bindings.get(parameter.variable) if parameter else None
    import networkx as nx  # not at the server's start-up

    steps = nx.DiGraph()
    answer = store.query(_STEPS)
    assert isinstance(answer, ox.QuerySolutions)
    steps.add_edges_from((row["from"], row["to"]) for row in answer)
    on_cycle = [
        node
        for component in nx.strongly_connected_components(steps)
        if len(component) > 1 or any(steps.has_edge(node, node) for node in component)
        if actor is None or actor in component
        for node in component
    ]
    return sorted((Finding(node, None) for node in on_cycle), key=lambda f: str(f.focus))
