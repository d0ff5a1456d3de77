"""The focus nodes a change touches: what incremental validation checks again.

A change is the quads added and removed. Each result of a shape is about a focus node and reads
triples near it: its own, its values' types, the graph it is stated in, the triples that use it
as a value, and for some governance rules the triples of a node two steps away (the date of a
change event of an accountable actor; the type of another actor a goal depends on through a
dependency). So a changed triple `a p b` can alter the results of `a`, `b` (unless `p` is rdf:type:
a class is no focus node), the nodes within `HOPS` links of them in the store, and the subjects of a
graph whose description changed. The ontology's own terms (classes, role concepts) are constants the
shapes compare with and never walk from: their neighbours are not added (a change of one
responsibility's role would otherwise touch every responsibility with that role). Rules that follow
chains of any length (a property path with `*` or `+`: DependencyCycle, partOfFunding chains) are
recomputed in full (`Scope.full_rules`); the property-based test of `tests/validation` checks that
the scope's results plus the rest of the previous full report equal a full run.

A change to rdfs:subClassOf, or one that involves blank nodes (which a VALUES block cannot name),
touches everything: `touched_nodes` returns None.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from samverkan.store import Store
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, sparql_prefixes

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
_NEIGHBOURS = (
    sparql_prefixes()
    + """SELECT DISTINCT ?node WHERE {{
    VALUES ?changed {{ {nodes} }}
    FILTER NOT EXISTS {{ GRAPH <{ontology}> {{ ?changed ?described ?as }} }}
    {{ ?node ?p ?changed }} UNION {{ ?changed ?p ?node FILTER(?p != rdf:type) }}
    UNION {{ GRAPH ?changed {{ ?node ?p ?o }} }}
}}"""
)


HOPS = 2
"""How far from a changed triple's ends a result can change (two links: see the module's docstring)."""


def touched_nodes(store: Store, changed: Iterable[ox.Quad], hops: int = HOPS) -> set[ox.NamedNode] | None:
    """The IRIs whose results the change can alter, read in the store as it is after the change."""
    nodes: set[ox.NamedNode] = set()
    for quad in changed:
        if quad.predicate == SUBCLASS_OF:
            return None
        ends = (quad.subject,) if quad.predicate == RDF_TYPE else (quad.subject, quad.object)
        for term in ends:
            if isinstance(term, ox.BlankNode):
                return None
            if isinstance(term, ox.NamedNode):
                nodes.add(term)
    frontier = set(nodes)
    for _ in range(hops):
        if not frontier:
            break
        found = _neighbours(store, frontier)
        if found is None:
            return None
        frontier = found - nodes
        nodes |= found
    return nodes


def _neighbours(store: Store, nodes: set[ox.NamedNode]) -> set[ox.NamedNode] | None:
    """The IRIs linked to the nodes (None: a blank node is)."""
    answer = store.query(
        _NEIGHBOURS.format(
            ontology=ONTOLOGY_GRAPH, nodes=" ".join(str(node) for node in sorted(nodes, key=str))
        )
    )
    assert isinstance(answer, ox.QuerySolutions)
    found: set[ox.NamedNode] = set()
    for solution in answer:
        node = solution["node"]
        if isinstance(node, ox.BlankNode):
            return None
        if isinstance(node, ox.NamedNode):
            found.add(node)
    return found


def replace_graphs(store: Store, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Replace the named graphs the quads name with them; the quads added and removed."""
    new: dict[str, set[ox.Quad]] = {}
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise ValueError(f"{quad.subject} {quad.predicate} … is outside a named graph")
        new.setdefault(quad.graph_name.value, set()).add(quad)
    changed: list[ox.Quad] = []
    for graph, added in sorted(new.items()):
        name = ox.NamedNode(graph)
        old = {ox.Quad(t.subject, t.predicate, t.object, name) for t in store.graph_triples(graph)}
        changed.extend(sorted(old ^ added, key=str))
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in added]
        store.replace_graph(
            graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", ox.RdfFormat.N_TRIPLES
        )
    return changed
