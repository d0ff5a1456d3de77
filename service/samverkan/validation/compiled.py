"""What the SHACL compilers share: a constraint's query before its targets, and terms written into SPARQL."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
TARGET = "#TARGET#"
"""Where a draft's query binds ?this to the focus nodes (the shape's targets, or a VALUES block)."""


class Unsupported(Exception):
    """The shape uses SHACL beyond what the compiler translates."""


class ShapesError(ValueError):
    """The shapes graph is not well-formed SHACL (a SHACL processor must fail on it)."""


@dataclass(frozen=True)
class Draft:
    """A constraint's query before the targets are known."""

    source: Node
    component: Node
    path: Node | None
    template: str
    needs_values: bool = False
    """A focus node without value nodes cannot fail: the values' pattern can stand for the target."""
    pinned: bool = True
    """?this is the target's node (not a value node of it)."""
    value_is_focus: bool = False
    """Without a ?value, the result's value is the focus node (a node shape's SPARQL constraint)."""


def is_true(shapes: Graph, node: Node, predicate: Node) -> bool:
    value = shapes.value(node, predicate)
    return isinstance(value, Literal) and value.toPython() is True


def is_deactivated(shapes: Graph, shape: Node) -> bool:
    return is_true(shapes, shape, SH.deactivated)


def severity(shapes: Graph, shape: Node) -> str:
    """A shape's sh:severity (SHACL's own without the namespace); Violation when it has none."""
    value = shapes.value(shape, SH.severity)
    return str(value).removeprefix(str(SH)) if value is not None else "Violation"


def integer(obj: Node | None) -> int:
    if not isinstance(obj, Literal) or not isinstance(obj.toPython(), int):
        raise ShapesError(f"not an integer: {obj}")
    return int(obj.toPython())


def iri(term: Node) -> str:
    if not isinstance(term, URIRef):
        raise Unsupported(term)
    return str(ox.NamedNode(str(term)))


def term(node: Node) -> str:
    """A term written into a query (an IRI or literal; a blank node cannot be named in SPARQL)."""
    if isinstance(node, URIRef):
        return iri(node)
    if isinstance(node, Literal):
        datatype = ox.NamedNode(str(node.datatype)) if node.datatype else None
        return str(ox.Literal(str(node), language=node.language, datatype=datatype))
    raise Unsupported(node)
