"""SHACL property paths (nodes of the shapes graph) written as SPARQL 1.1 property paths."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import BNode, Node

SH = Namespace("http://www.w3.org/ns/shacl#")
_UNARY = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


class UnsupportedPath(Exception):
    """The node is not a well-formed SHACL path."""


def sparql_path(shapes: Graph, path: Node) -> str:
    """The SPARQL property path a SHACL path means (inverse, sequence, alternative, *, +, ?)."""
    if isinstance(path, URIRef):
        return str(ox.NamedNode(str(path)))
    if not isinstance(path, BNode):
        raise UnsupportedPath(path)
    if shapes.value(path, RDF.first) is not None:
        steps = list(RdfList(shapes, path))
        if len(steps) < 2:
            raise UnsupportedPath(path)
        return "(" + "/".join(sparql_path(shapes, step) for step in steps) + ")"
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return f"^({sparql_path(shapes, inverse)})"
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(shapes, p) for p in RdfList(shapes, alternatives)) + ")"
    for predicate, operator in _UNARY.items():
        inner = shapes.value(path, predicate)
        if inner is not None:
            return f"({sparql_path(shapes, inner)}){operator}"
    raise UnsupportedPath(path)
