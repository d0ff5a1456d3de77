"""The focus nodes a change touches: what incremental validation checks again.

A change is the quads added and removed. Each result of a shape is about a focus node and reads
triples near it: its own, its values' types, the graph it is stated in, the triples that use it
as a value, and for most governance rules the triples of one node further (a responsibility for a
goal, a realiser of a mapped principle). So a changed triple `a p b` can alter the results of `a`,
`b` (unless `p` is rdf:type: a class is no focus node), their neighbours in the store, and the
subjects of a graph whose description changed. The ontology's own terms (classes, role concepts)
are constants the shapes compare with and never walk from: their neighbours are not added (a
change of one responsibility's role would otherwise touch every responsibility with that role). Results further away do not change, except for
rules that follow chains of any length (samsh:DependencyCycle) or look at a neighbour's neighbour's
type (samsh:SinglePointOfFailure's other actors): validate everything for those.

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


def touched_nodes(store: Store, changed: Iterable[ox.Quad]) -> set[ox.NamedNode] | None:
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
    if not nodes:
        return nodes
    answer = store.query(
        _NEIGHBOURS.format(
            ontology=ONTOLOGY_GRAPH, nodes=" ".join(str(node) for node in sorted(nodes, key=str))
        )
    )
    assert isinstance(answer, ox.QuerySolutions)
    for solution in answer:
        node = solution["node"]
        if isinstance(node, ox.BlankNode):
            return None
        if isinstance(node, ox.NamedNode):
            nodes.add(node)
    return nodes


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
