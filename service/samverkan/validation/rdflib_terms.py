"""pyoxigraph terms and quads as rdflib terms, for the libraries that need rdflib graphs (pySHACL)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """The rdflib term for a pyoxigraph term (plain strings stay plain literals; no RDF-star)."""
    if isinstance(term, ox.Triple):
        raise ValueError("quoted triples (RDF-star) are not supported")
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def add_triples(graph: Graph, triples: Iterable[ox.Triple | ox.Quad]) -> Graph:
    """Add pyoxigraph triples (or the triples of quads) to an rdflib graph; returns the graph."""
    for triple in triples:
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    return graph
