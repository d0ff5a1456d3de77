"""SHACL Core shapes compiled to SPARQL, so that the store's own engine evaluates them.

pySHACL walks an rdflib graph one focus node at a time in Python: seconds at 100k triples, minutes
at a million, plus the cost of copying the data into rdflib. The shapes of `shapes/` use a small
part of SHACL Core: class and subjects-of targets, sh:property with a predicate path, and minCount,
maxCount, class, datatype, pattern and or. Each constraint becomes one SELECT with the meaning SHACL
gives it (sh:class follows rdf:type/rdfs:subClassOf*; an ill-typed literal fails sh:datatype; one
result per value node). The subclasses of each class are read once per validation (`subclasses`)
and written into the queries: a `rdfs:subClassOf*` path per value costs pyoxigraph about 50 µs. A shape that uses anything else is not compiled and stays with pySHACL. The
shapes remain plain SHACL: the tests check that pySHACL and these queries agree. (One difference
comes from the store, not the queries: pyoxigraph stores xsd:int, xsd:long and the like as
xsd:integer, so a document's `"8"^^xsd:int` satisfies `sh:datatype xsd:integer` once loaded.)

The two links that validation derives (samsh:statedIn, samsh:referencedIn) are read through the
patterns of `queries/validation/*.rq` instead of being materialised.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import Node

from samverkan.store import Store
from samverkan.validation.sparql_shapes import this_values
from samverkan.vocabulary.namespaces import SAMSH, sparql_prefixes

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ANNOTATIONS = {RDF.type, SH.name, SH.description, SH.message, SH.severity, URIRef(SAMSH + "parameter")}
TARGETS = {SH.targetClass, SH.targetSubjectsOf}
VALUE_CONSTRAINTS = {SH["class"], SH.datatype, SH.pattern, SH["or"]}
CASTABLE = {XSD.date, XSD.decimal, XSD.gYear, XSD.integer}
"""Datatypes whose ill-typed literals fail sh:datatype, checked by a cast. (rdflib, hence pySHACL,
checks xsd:gYear only once owlrl's datatype handling is loaded, as after an inferencing run.)"""
_TARGET = "#TARGET#"
_FOCUS = "#FOCUS"
"""A comment line in a derived link's pattern where incremental validation pins ?this."""
_SUBCLASSES = re.compile(r"%(VALUES|IN) (<[^>]*>)%")
_SUBCLASSES_QUERY = (
    "SELECT ?class ?sub WHERE {{ VALUES ?class {{ {classes} }} ?sub rdfs:subClassOf* ?class }}"
)
_VARIABLE = re.compile(r"\?(\w+)")


def _derived_pattern(name: str) -> str:
    text = (files("samverkan") / "queries" / "validation" / f"{name}.rq").read_text(encoding="utf-8")
    return text[text.index("{", text.upper().index("WHERE")) + 1 : text.rindex("}")]


DERIVED = {
    SAMSH + "statedIn": _derived_pattern("stated-in"),
    SAMSH + "referencedIn": _derived_pattern("referenced-in"),
}


@dataclass(frozen=True)
class CoreQuery:
    """One constraint of a named shape as a SELECT of the failing ?this (and ?value where SHACL names one)."""

    rule: str
    source: Node
    """The shape the constraint belongs to: its sh:message, else the rule's, words the result."""
    path: Node | None
    template: str
    targets: str
    value_is_focus: bool = False
    """A constraint on the focus node itself: SHACL reports the focus node as the value."""

    def text(
        self, subclasses: Mapping[str, Collection[str]], focus: Iterable[ox.NamedNode] | None = None
    ) -> str:
        """The query, given the `subclasses` of its classes; with `focus`, only those nodes are checked."""
        template = self.template
        if focus is None:
            target = self.targets and f"{{ SELECT DISTINCT ?this WHERE {{ {self.targets} }} }}"
        else:
            values = this_values(focus)
            target = f"{values} " + (self.targets and f"FILTER EXISTS {{ {self.targets} }}")
            template = template.replace(_FOCUS, values)
        return _SUBCLASSES.sub(
            lambda m: (" " if m.group(1) == "VALUES" else ", ").join(
                str(ox.NamedNode(sub)) for sub in sorted(subclasses[m.group(2)[1:-1]])
            ),
            template.replace(_TARGET, target),
        )

    @property
    def classes(self) -> set[str]:
        """The classes whose subclasses the query needs."""
        return {match[1][1:-1] for match in _SUBCLASSES.findall(self.template + self.targets)}


def subclasses(store: Store, classes: Collection[str]) -> dict[str, set[str]]:
    """Each class with its subclasses (itself included), as the store's rdfs:subClassOf triples say."""
    found: dict[str, set[str]] = {iri: {iri} for iri in classes}
    if found:
        terms = " ".join(str(ox.NamedNode(iri)) for iri in sorted(found))
        answer = store.query(sparql_prefixes() + _SUBCLASSES_QUERY.format(classes=terms))
        assert isinstance(answer, ox.QuerySolutions)
        for solution in answer:
            found[solution["class"].value].add(solution["sub"].value)
    return found


@dataclass(frozen=True)
class _Draft:
    source: Node
    path: Node | None
    template: str
    value_is_focus: bool = False
    needs_values: bool = True
    """Only nodes with a value on the path can fail: a target `subjects of the path` adds nothing."""


class Unsupported(Exception):
    """The shape uses SHACL beyond what this compiler translates."""


def compile_rule(shapes: Graph, rule: str) -> list[CoreQuery] | None:
    """The queries of a named SHACL Core shape, or None when pySHACL has to evaluate it."""
    try:
        return _Compiler(shapes, rule).queries()
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, shapes: Graph, rule: str):
        self.shapes = shapes
        self.rule = rule
        self.counter = itertools.count()

    def queries(self) -> list[CoreQuery]:
        shape = URIRef(self.rule)
        targets: list[str] = []
        subject_of: set[Node] = set()
        drafts: list[_Draft] = []
        for predicate, obj in sorted(self.shapes.predicate_objects(shape)):
            if predicate in ANNOTATIONS:
                continue
            if predicate == SH.targetClass:
                kind = self.fresh("class")
                targets.append(f"VALUES {kind} {{ %VALUES {_n3(obj)}% }} ?this rdf:type {kind} .")
            elif predicate == SH.targetSubjectsOf:
                subject_of.add(obj)
                targets.append(self.link("?this", obj, self.fresh("object")))
            elif predicate == SH.property:
                drafts.extend(self.property_shape(obj))
            elif predicate in VALUE_CONSTRAINTS:
                test = self.test("?this", predicate, obj)
                template = f"SELECT DISTINCT ?this WHERE {{ {_TARGET} FILTER(!({test})) }}"
                drafts.append(_Draft(shape, None, template, value_is_focus=True))
            else:
                raise Unsupported(predicate)
        union = " UNION ".join(f"{{ {target} }}" for target in targets)
        return [
            CoreQuery(
                self.rule,
                draft.source,
                draft.path,
                sparql_prefixes() + draft.template,
                "" if draft.needs_values and draft.path in subject_of else union,
                draft.value_is_focus,
            )
            for draft in drafts
        ]

    def property_shape(self, shape: Node) -> list[_Draft]:
        path = self.shapes.value(shape, SH.path)
        drafts = []
        for predicate, obj in sorted(self.shapes.predicate_objects(shape)):
            if predicate in ANNOTATIONS or predicate == SH.path:
                continue
            link = self.link("?this", path, "?value")
            if predicate == SH.minCount:
                count = _count(obj)
                if count == 0:
                    continue
                template = (
                    f"SELECT ?this WHERE {{ {_TARGET} FILTER NOT EXISTS {{ {link} }} }}"
                    if count == 1
                    else f"SELECT ?this WHERE {{ {_TARGET} OPTIONAL {{ {link} }} }} "
                    f"GROUP BY ?this HAVING(COUNT(DISTINCT ?value) < {count})"
                )
                drafts.append(_Draft(shape, path, template, needs_values=False))
            elif predicate == SH.maxCount:
                template = (
                    f"SELECT ?this WHERE {{ {_TARGET} {link} }} "
                    f"GROUP BY ?this HAVING(COUNT(DISTINCT ?value) > {_count(obj)})"
                )
                drafts.append(_Draft(shape, path, template))
            elif predicate in VALUE_CONSTRAINTS:
                test = self.test("?value", predicate, obj)
                template = f"SELECT DISTINCT ?this ?value WHERE {{ {_TARGET} {link} FILTER(!({test})) }}"
                drafts.append(_Draft(shape, path, template))
            else:
                raise Unsupported(predicate)
        return drafts

    def test(self, node: str, constraint: Node, obj: Node) -> str:
        """A SPARQL expression: does `node` satisfy the constraint?"""
        if constraint == SH["class"]:
            kind = self.fresh("class")
            return f"EXISTS {{ {node} rdf:type {kind} FILTER({kind} IN (%IN {_n3(obj)}%)) }}"
        if constraint == SH.datatype:
            well_formed = (
                f" && COALESCE(isLiteral({_n3(obj)}(STR({node}))), false)" if obj in CASTABLE else ""
            )
            return f"(isLiteral({node}) && DATATYPE({node}) = {_n3(obj)}{well_formed})"
        if constraint == SH.pattern and isinstance(obj, Literal):
            return f"(!isBlank({node}) && REGEX(STR({node}), {ox.Literal(str(obj))}))"
        if constraint == SH["or"]:
            return (
                "(" + " || ".join(self.conforms(node, member) for member in RdfList(self.shapes, obj)) + ")"
            )
        raise Unsupported(constraint)

    def conforms(self, node: str, shape: Node) -> str:
        """A SPARQL expression: does `node` conform to a nested shape (an sh:or member)?"""
        path = self.shapes.value(shape, SH.path)
        tests = []
        for predicate, obj in sorted(self.shapes.predicate_objects(shape)):
            if predicate in ANNOTATIONS or predicate == SH.path:
                continue
            if path is None and predicate in VALUE_CONSTRAINTS:
                tests.append(self.test(node, predicate, obj))
            elif path is not None and predicate == SH.minCount and _count(obj) <= 1:
                tests.append(
                    f"EXISTS {{ {self.link(node, path, self.fresh('value'))} }}" if _count(obj) else "true"
                )
            elif path is not None and predicate in VALUE_CONSTRAINTS:
                value = self.fresh("value")
                tests.append(
                    f"NOT EXISTS {{ {self.link(node, path, value)} FILTER(!({self.test(value, predicate, obj)})) }}"
                )
            else:
                raise Unsupported(predicate)
        return "(" + (" && ".join(tests) or "true") + ")"

    def link(self, subject: str, path: Node | None, obj: str) -> str:
        """The graph pattern `subject path obj`: a triple, or a derived link's pattern."""
        if not isinstance(path, URIRef):
            raise Unsupported(path)
        derived = DERIVED.get(str(path))
        if derived is None:
            return f"{subject} {_n3(path)} {obj} ."
        suffix = next(self.counter)
        names = {"this": subject, "value": obj}
        return (
            "{ " + _VARIABLE.sub(lambda m: names.get(m.group(1), f"?{m.group(1)}_{suffix}"), derived) + " }"
        )

    def fresh(self, name: str) -> str:
        return f"?{name}_{next(self.counter)}"


def _count(obj: Node) -> int:
    if not isinstance(obj, Literal) or not isinstance(obj.toPython(), int):
        raise Unsupported(obj)
    return int(obj.toPython())


def _n3(term: Node) -> str:
    if not isinstance(term, URIRef):
        raise Unsupported(term)
    return str(ox.NamedNode(str(term)))
