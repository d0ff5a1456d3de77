"""SHACL Core shapes compiled to SPARQL, so that the store's own engine evaluates them.

pySHACL walks an rdflib graph one focus node at a time in Python: seconds at 100k triples, minutes
at a million, plus the cost of copying the data into rdflib. Here every shape with a target (explicit,
or the implicit class target of a shape that is also an rdfs:Class) becomes SELECTs of its failing
focus nodes, one per constraint, with the meaning SHACL Core gives it: all targets, SHACL paths as
SPARQL property paths, the value-type constraints (class, datatype with ill-formed literals, nodeKind,
ranges, lengths, pattern and flags, languageIn, in), the cardinality and property-pair constraints,
hasValue, uniqueLang, closed, the logical constraints (not, and, or, xone), sh:node, sh:property and
qualified value shapes. A nested shape becomes a boolean SPARQL expression (`NOT EXISTS` its
violations). A shape's sh:sparql constraints and SPARQL-based constraint components are compiled
by `samverkan.validation.sparql_constraints` with the same targets. sh:class follows
rdf:type/rdfs:subClassOf*: the subclasses of each class are read once per validation (`subclasses`)
and written into the queries. What the compiler cannot translate (a recursive shape, a blank node
where a term must be written into a query) raises `Unsupported`; the validator lists and logs it.
(pyoxigraph stores valid literals in canonical form, xsd:int and the like as xsd:integer, so a
document's `"8"^^xsd:int` satisfies `sh:datatype xsd:integer` once loaded.)

The two links that validation derives (samsh:statedIn, samsh:referencedIn) are read through the
patterns of `queries/validation/*.rq` instead of being materialised.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from importlib.resources import files

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import Node

from samverkan.sparql.text import strip_strings_and_comments
from samverkan.store import Store
from samverkan.validation.compiled import (
    SH,
    TARGET,
    Draft,
    ShapesError,
    Unsupported,
    integer,
    iri,
    is_deactivated,
    is_true,
    severity,
    term,
)
from samverkan.validation.datatypes import well_formed
from samverkan.validation.paths import UnsupportedPath, sparql_path
from samverkan.validation.sparql_constraints import sparql_drafts
from samverkan.validation.sparql_shapes import this_values
from samverkan.vocabulary.namespaces import SAMSH, sparql_prefixes

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
VALUE_TESTS = {
    SH["class"], SH.datatype, SH.nodeKind, SH.minExclusive, SH.minInclusive, SH.maxExclusive,
    SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern, SH.languageIn, SH["in"], SH.node,
    SH["and"], SH["or"], SH["not"], SH.xone,
}  # fmt: skip
"""Constraints each value node passes or fails on its own: one result per failing value."""
FOCUS_TESTS = {
    SH.minCount, SH.maxCount, SH.hasValue, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
    SH.uniqueLang, SH.closed, SH.qualifiedValueShape,
}  # fmt: skip
"""Constraints on the set of value nodes of a focus node."""
NEEDS_VALUES = {SH.maxCount, SH.disjoint, SH.lessThan, SH.lessThanOrEquals, SH.uniqueLang}
"""Constraints that a focus node without values cannot fail."""
_COMPARISONS = {SH.minExclusive: ">", SH.minInclusive: ">=", SH.maxExclusive: "<", SH.maxInclusive: "<="}
_NODE_KINDS = {
    SH.IRI: "isIRI({0})",
    SH.BlankNode: "isBlank({0})",
    SH.Literal: "isLiteral({0})",
    SH.BlankNodeOrIRI: "(isBlank({0}) || isIRI({0}))",
    SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
    SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))",
}
_FOCUS = "#FOCUS"
"""A comment line in a derived link's pattern where incremental validation pins ?this."""
_SUBCLASSES = re.compile(r"%(VALUES|IN) (<[^>]*>)%")
_SUBCLASS_BRANCH = "{{ ?sub rdfs:subClassOf* {iri} BIND({iri} AS ?class) }}"
"""One branch per class, the class written in: a closure from a VALUES-bound end is refused by Virtuoso."""
_VARIABLE = re.compile(r"\?(\w+)")
_FILTER_NOT_EXISTS = "FILTER NOT EXISTS {"
_RESULT_VARIABLES = ("?value", "?path", "?lang", "?other")
"""Variables a constraint's SELECT returns: the value, a path, and what makes results distinct."""


def _derived_pattern(name: str) -> str:
    text = (files("samverkan") / "queries" / "validation" / f"{name}.rq").read_text(encoding="utf-8")
    return text[text.index("{", text.upper().index("WHERE")) + 1 : text.rindex("}")]


DERIVED = {
    SAMSH + "statedIn": _derived_pattern("stated-in"),
    SAMSH + "referencedIn": _derived_pattern("referenced-in"),
}


@dataclass(frozen=True)
class CoreQuery:
    """One constraint of a shape as a SELECT of the failing ?this (and ?value, ?path where SHACL names them)."""

    rule: str
    """The shape with the targets (an IRI, or a blank node's id)."""
    source: Node
    """The shape the constraint belongs to (sh:sourceShape): its sh:message, else the rule's, words the result."""
    component: Node
    """The constraint component (sh:sourceConstraintComponent)."""
    severity: str
    """The source shape's sh:severity without the namespace: Violation unless it says otherwise."""
    path: Node | None
    template: str
    targets: str
    pinned: bool = True
    """?this is the target's node, so incremental validation can pin it (else results are filtered)."""
    value_is_focus: bool = False
    """Without a ?value, the result's value is the focus node (a node shape's SPARQL constraint)."""

    def text(
        self, subclasses: Mapping[str, Collection[str]], focus: Iterable[ox.NamedNode] | None = None
    ) -> str:
        """The query, given the `subclasses` of its classes; with `focus`, only those nodes are checked."""
        template = self.template
        if focus is None or not self.pinned:
            target = self.targets and f"{{ SELECT DISTINCT ?this WHERE {{ {self.targets} }} }}"
        else:
            values = this_values(focus)
            target = f"{values} " + (self.targets and f"FILTER EXISTS {{ {self.targets} }}")
            template = template.replace(_FOCUS, values)
        return _SUBCLASSES.sub(
            lambda m: (" " if m.group(1) == "VALUES" else ", ").join(
                str(ox.NamedNode(sub)) for sub in sorted(subclasses[m.group(2)[1:-1]])
            ),
            template.replace(TARGET, target),
        )

    @property
    def classes(self) -> set[str]:
        """The classes whose subclasses the query needs."""
        return {match[1][1:-1] for match in _SUBCLASSES.findall(self.template + self.targets)}


def subclasses(store: Store, classes: Collection[str]) -> dict[str, set[str]]:
    """Each class with its subclasses (itself included), as the store's rdfs:subClassOf triples say."""
    found: dict[str, set[str]] = {iri: {iri} for iri in classes}
    if found:
        branches = " UNION ".join(_SUBCLASS_BRANCH.format(iri=ox.NamedNode(iri)) for iri in sorted(found))
        answer = store.query(f"{sparql_prefixes()}SELECT ?class ?sub WHERE {{ {branches} }}")
        assert isinstance(answer, ox.QuerySolutions)
        for solution in answer:
            found[solution["class"].value].add(solution["sub"].value)
    return found


def target_shapes(shapes: Graph) -> list[Node]:
    """The shapes that select focus nodes: explicit targets, or the implicit class target."""
    found = {shape for target in TARGETS for shape in shapes.subjects(target, None)}
    for kind in (SH.NodeShape, SH.PropertyShape):
        found.update(shape for shape in shapes.subjects(RDF.type, kind) if is_class(shapes, shape))
    return sorted(found, key=lambda node: (isinstance(node, BNode), str(node)))


def is_class(shapes: Graph, shape: Node) -> bool:
    """Is the shape an rdfs:Class in the shapes graph (an implicit class target)?"""
    classes = set(shapes.transitive_subjects(RDFS.subClassOf, RDFS.Class))
    return isinstance(shape, URIRef) and any((shape, RDF.type, kind) in shapes for kind in classes)


def compile_rule(shapes: Graph, rule: Node | str) -> list[CoreQuery] | None:
    """The queries of a shape with targets, or None when the compiler cannot translate it."""
    try:
        return compile_shape(shapes, URIRef(rule) if isinstance(rule, str) else rule)
    except Unsupported:
        return None


def compile_shape(shapes: Graph, shape: Node) -> list[CoreQuery]:
    """The queries of a shape with targets; `Unsupported` when the compiler cannot translate it."""
    return ShapeCompiler(shapes, shape).queries()


class ShapeCompiler:
    def __init__(self, shapes: Graph, rule: Node):
        self.shapes = shapes
        self.rule = rule
        self.counter = itertools.count()

    def queries(self) -> list[CoreQuery]:
        if is_deactivated(self.shapes, self.rule):
            return []
        targets: list[str] = []
        subject_of: set[Node] = set()
        for predicate, obj in sorted(self.shapes.predicate_objects(self.rule)):
            if predicate == SH.targetClass:
                targets.append(self.class_target(obj))
            elif predicate == SH.targetNode:
                targets.append(f"VALUES ?this {{ {term(obj)} }}")
            elif predicate == SH.targetSubjectsOf:
                subject_of.add(obj)
                targets.append(self.link("?this", obj, self.fresh("object")))
            elif predicate == SH.targetObjectsOf:
                targets.append(f"{self.fresh('subject')} {term(obj)} ?this .")
        if is_class(self.shapes, self.rule):
            targets.append(self.class_target(self.rule))
        union = " UNION ".join(f"{{ {target} }}" for target in targets)
        return [
            CoreQuery(
                str(self.rule),
                draft.source,
                draft.component,
                severity(self.shapes, draft.source),
                draft.path,
                sparql_prefixes() + draft.template,
                "" if draft.needs_values and draft.path in subject_of else union,
                draft.pinned,
                draft.value_is_focus,
            )
            for draft in self.drafts(self.rule)
        ]

    def class_target(self, kind: Node) -> str:
        variable = self.fresh("class")
        return f"VALUES {variable} {{ %VALUES {iri(kind)}% }} ?this rdf:type {variable} ."

    def drafts(self, shape: Node) -> list[Draft]:
        """The queries of a shape whose focus nodes the target placeholder binds to ?this."""
        if is_deactivated(self.shapes, shape):
            return []
        path = self.shapes.value(shape, SH.path)
        drafts: list[Draft] = []
        for predicate, obj in sorted(self.shapes.predicate_objects(shape)):
            patterns = self.violation(shape, path, predicate, obj, "?this", "?value")
            if patterns:
                drafts.extend(self.draft(shape, path, predicate, obj, pattern) for pattern in patterns)
            elif predicate == SH.qualifiedValueShape:
                drafts.extend(self.qualified_drafts(shape, path, obj))
            elif predicate == SH.property:
                drafts.extend(self.nested(path, self.drafts(obj)))
        drafts.extend(sparql_drafts(self, shape, path))
        return drafts

    def draft(self, shape: Node, path: Node | None, predicate: Node, obj: Node, pattern: str) -> Draft:
        selected = " ".join(v for v in _RESULT_VARIABLES if re.search(rf"\{v}\b", pattern))
        if predicate in {SH.minCount, SH.maxCount}:
            count = integer(obj)
            if count > 1 or (predicate == SH.maxCount and count == 1):
                return self.count_draft(shape, path, predicate, count, "")
        return Draft(
            shape,
            component(predicate),
            path,
            f"SELECT DISTINCT ?this {selected} WHERE {{ {TARGET} {pattern} }}",
            needs_values=path is not None and (predicate in VALUE_TESTS or predicate in NEEDS_VALUES),
        )

    def count_draft(
        self, shape: Node, path: Node | None, predicate: Node, count: int, condition: str
    ) -> Draft:
        """minCount / maxCount (also qualified) over a GROUP BY: one pass instead of an n-way join."""
        values = f"{self.values(path, '?this', '?value')} {condition}"
        at_least = predicate in {SH.minCount, SH.qualifiedMinCount}
        body = f"OPTIONAL {{ {values} }}" if at_least else values
        operator = "<" if at_least else ">"
        template = (
            f"SELECT ?this WHERE {{ {TARGET} {body} }} "
            f"GROUP BY ?this HAVING(COUNT(DISTINCT ?value) {operator} {count})"
        )
        return Draft(shape, component(predicate), path, template, needs_values=not at_least)

    def qualified_drafts(self, shape: Node, path: Node | None, qualified: Node) -> list[Draft]:
        condition = f"FILTER({self.qualified_condition(shape, qualified, '?value', ())})"
        return [
            self.count_draft(shape, path, bound, integer(limit), condition)
            for bound in (SH.qualifiedMinCount, SH.qualifiedMaxCount)
            for limit in self.shapes.objects(shape, bound)
        ]

    def nested(self, path: Node | None, drafts: list[Draft]) -> list[Draft]:
        """Drafts of a property shape under a shape: its focus nodes are the outer shape's value nodes.

        A value node reached from two focus nodes is validated twice, as SHACL does: the outer node
        is selected too, so that its results are not merged."""
        if path is None:
            return drafts
        outer = self.fresh("outer")
        focus = (
            f"{{ SELECT {outer} ?this WHERE {{ {{ SELECT DISTINCT (?this AS {outer}) WHERE {{ {TARGET} }} }} "
            f"{self.link(outer, path, '?this')} }} }}"
        )
        return [
            replace(
                d,
                template=_also_select(d.template, outer).replace(TARGET, focus),
                pinned=False,
                needs_values=False,
            )
            for d in drafts
        ]

    def violation(
        self, shape: Node, path: Node | None, predicate: Node, obj: Node, node: str, value: str
    ) -> list[str]:
        """Graph patterns with one solution per violation of a constraint by `node` (none: not a constraint)."""
        if predicate in VALUE_TESTS:
            return [f"{self.values(path, node, value)} FILTER(!({self.test(value, predicate, obj, shape)}))"]
        if predicate == SH.minCount:
            count = integer(obj)
            return [f"FILTER NOT EXISTS {{ {self.distinct_values(path, node, count)} }}"] if count else []
        if predicate == SH.maxCount:
            return [self.distinct_values(path, node, integer(obj) + 1)]
        if predicate == SH.hasValue:
            found = self.fresh("value")
            return [
                f"FILTER NOT EXISTS {{ {self.values(path, node, found)} FILTER(sameTerm({found}, {term(obj)})) }}"
            ]
        if predicate == SH.equals:
            other = self.link(node, obj, value)
            mine = self.is_value(path, node, value)
            return [
                f"{self.values(path, node, value)} FILTER NOT EXISTS {{ {other} }}",
                f"{other} FILTER NOT EXISTS {{ {mine} }}",
            ]
        if predicate == SH.disjoint:
            return [f"{self.values(path, node, value)} {self.link(node, obj, value)}"]
        if predicate in {SH.lessThan, SH.lessThanOrEquals}:
            other = "?other" if value == "?value" else self.fresh("other")  # one result per pair
            operator = "<" if predicate == SH.lessThan else "<="
            return [
                f"{self.values(path, node, value)} {self.link(node, obj, other)} "
                f"FILTER(!COALESCE({value} {operator} {other}, false))"
            ]
        if predicate == SH.uniqueLang:
            if not is_true(self.shapes, shape, predicate):
                return []
            one, other = self.fresh("value"), self.fresh("other")
            lang = "?lang" if value == "?value" else self.fresh("lang")
            return [
                f"{self.values(path, node, one)} {self.values(path, node, other)} "
                f'FILTER(!sameTerm({one}, {other}) && LANG({one}) != "" && LANG({one}) = LANG({other})) '
                f"BIND(LANG({one}) AS {lang})"
            ]
        if predicate == SH.closed:
            if not is_true(self.shapes, shape, predicate):
                return []
            allowed = [
                iri(p)
                for member in self.shapes.objects(shape, SH.property)
                for p in [self.shapes.value(member, SH.path)]
                if isinstance(p, URIRef)
            ]
            ignored = self.shapes.value(shape, SH.ignoredProperties)
            allowed += [iri(p) for p in RdfList(self.shapes, ignored)] if ignored is not None else []
            subject, predicate_var = (
                self.fresh("closed"),
                "?path" if value == "?value" else self.fresh("path"),
            )
            excluded = (
                f"FILTER({predicate_var} NOT IN ({', '.join(sorted(set(allowed)))}))" if allowed else ""
            )
            return [f"{self.values(path, node, subject)} {subject} {predicate_var} {value} {excluded}"]
        return []

    def test(self, node: str, constraint: Node, obj: Node, shape: Node, stack: tuple[Node, ...] = ()) -> str:
        """A SPARQL expression: does the value `node` satisfy the constraint?"""
        if constraint == SH["class"]:
            kind = self.fresh("class")
            return f"EXISTS {{ {node} rdf:type {kind} FILTER({kind} IN (%IN {iri(obj)}%)) }}"
        if constraint == SH.datatype:
            datatype = iri(obj)
            checked = well_formed(node, str(obj))
            return f"(isLiteral({node}) && sameTerm(DATATYPE({node}), {datatype})" + (
                f" && {checked})" if checked else ")"
            )
        if constraint == SH.nodeKind:
            if not isinstance(obj, URIRef) or obj not in _NODE_KINDS:
                raise ShapesError(f"sh:nodeKind {obj}")
            return _NODE_KINDS[obj].format(node)
        if constraint in _COMPARISONS:
            return f"COALESCE({node} {_COMPARISONS[URIRef(str(constraint))]} {term(obj)}, false)"
        if constraint in {SH.minLength, SH.maxLength}:
            operator = ">=" if constraint == SH.minLength else "<="
            return f"(!isBlank({node}) && STRLEN(STR({node})) {operator} {integer(obj)})"
        if constraint == SH.pattern:
            flags = self.shapes.value(shape, SH.flags)
            extra = f", {ox.Literal(str(flags))}" if flags is not None else ""
            return f"(!isBlank({node}) && REGEX(STR({node}), {ox.Literal(str(obj))}{extra}))"
        if constraint == SH.languageIn:
            tags = " || ".join(f"langMatches(LANG({node}), {ox.Literal(str(t))})" for t in self.members(obj))
            return f"(isLiteral({node}) && ({tags or 'false'}))"
        if constraint == SH["in"]:
            return (
                "("
                + (" || ".join(f"sameTerm({node}, {term(m)})" for m in self.members(obj)) or "false")
                + ")"
            )
        if constraint == SH.node:
            return self.conforms(node, obj, stack)
        if constraint == SH["not"]:
            return f"!{self.conforms(node, obj, stack)}"
        if constraint == SH["and"]:
            return (
                "(" + (" && ".join(self.conforms(node, m, stack) for m in self.members(obj)) or "true") + ")"
            )
        if constraint == SH["or"]:
            return (
                "(" + (" || ".join(self.conforms(node, m, stack) for m in self.members(obj)) or "false") + ")"
            )
        if constraint == SH.xone:
            ones = " + ".join(f"IF({self.conforms(node, m, stack)}, 1, 0)" for m in self.members(obj))
            return f"({ones or 0}) = 1"
        raise Unsupported(constraint)

    def conforms(self, node: str, shape: Node, stack: tuple[Node, ...] = ()) -> str:
        """A SPARQL expression: does `node` conform to a shape (sh:node, sh:or, … and nested shapes)?"""
        if shape in stack:
            raise Unsupported(f"recursive shape {shape}")
        stack = (*stack, shape)
        if is_deactivated(self.shapes, shape):
            return "true"
        path = self.shapes.value(shape, SH.path)
        tests = []
        for predicate, obj in sorted(self.shapes.predicate_objects(shape)):
            if predicate in VALUE_TESTS and path is None:
                # The node is its one value node: tested as it is (Virtuoso finds nothing in an EXISTS
                # without a triple pattern, such as `NOT EXISTS { BIND(?node AS ?value) FILTER(...) }`).
                tests.append(f"({self.test(node, predicate, obj, shape, stack)})")
            elif predicate in VALUE_TESTS:
                value = self.fresh("value")
                test = self.test(value, predicate, obj, shape, stack)
                tests.append(f"NOT EXISTS {{ {self.values(path, node, value)} FILTER(!({test})) }}")
            elif predicate in FOCUS_TESTS - {SH.qualifiedValueShape}:
                patterns = self.violation(shape, path, predicate, obj, node, self.fresh("value"))
                tests.extend(_absent(pattern) for pattern in patterns)
            elif predicate == SH.qualifiedValueShape:
                tests.extend(self.qualified_tests(shape, path, node, obj, stack))
            elif predicate == SH.property:
                value = self.fresh("value")
                tests.append(
                    f"NOT EXISTS {{ {self.values(path, node, value)} FILTER(!{self.conforms(value, obj, stack)}) }}"
                )
            elif predicate in {SH.sparql} or self.is_component_parameter(predicate):
                raise Unsupported(f"{predicate} in a nested shape")
        return "(" + (" && ".join(tests) or "true") + ")"

    def is_component_parameter(self, predicate: Node) -> bool:
        """Is the predicate a parameter of a SPARQL-based constraint component?"""
        return any(
            (parameter, SH.path, predicate) in self.shapes
            for parameter in self.shapes.subjects(SH.path, predicate)
            if (None, SH.parameter, parameter) in self.shapes
        )

    def qualified_condition(self, shape: Node, qualified: Node, value: str, stack: tuple[Node, ...]) -> str:
        """The value conforms to the qualified shape (and, if disjoint, to none of its siblings)."""
        tests = [self.conforms(value, qualified, stack)]
        if is_true(self.shapes, shape, SH.qualifiedValueShapesDisjoint):
            siblings = {
                sibling
                for parent in self.shapes.subjects(SH.property, shape)
                for other in self.shapes.objects(parent, SH.property)
                if other != shape
                for sibling in self.shapes.objects(other, SH.qualifiedValueShape)
            }
            tests.extend(f"!{self.conforms(value, sibling, stack)}" for sibling in sorted(siblings, key=str))
        return " && ".join(tests)

    def qualified_tests(
        self, shape: Node, path: Node | None, node: str, qualified: Node, stack: tuple[Node, ...]
    ) -> Iterator[str]:
        for bound, at_least in ((SH.qualifiedMinCount, True), (SH.qualifiedMaxCount, False)):
            limit = self.shapes.value(shape, bound)
            if limit is None:
                continue
            count = integer(limit) if at_least else integer(limit) + 1
            variables = [self.fresh("value") for _ in range(count)]
            conditions = " && ".join(self.qualified_condition(shape, qualified, v, stack) for v in variables)
            found = f"{self.distinct_values(path, node, count, variables)} FILTER({conditions or 'true'})"
            yield (f"EXISTS {{ {found} }}" if at_least else f"NOT EXISTS {{ {found} }}") if count else "true"

    def distinct_values(
        self, path: Node | None, node: str, count: int, variables: list[str] | None = None
    ) -> str:
        """A pattern: `node` has at least `count` distinct value nodes."""
        variables = variables or [self.fresh("value") for _ in range(count)]
        links = " ".join(self.values(path, node, v) for v in variables)
        different = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(variables, 2))
        return f"{links} FILTER({different})" if different else links

    def values(self, path: Node | None, node: str, value: str) -> str:
        """A pattern binding `value` to each value node of `node`: the path's objects, or the node itself."""
        return f"BIND({node} AS {value})" if path is None else self.link(node, path, value)

    def is_value(self, path: Node | None, node: str, value: str) -> str:
        """A pattern: the bound `value` is a value node of `node`."""
        return f"FILTER(sameTerm({node}, {value}))" if path is None else self.link(node, path, value)

    def members(self, items: Node) -> list[Node]:
        return list(RdfList(self.shapes, items))

    def link(self, subject: str, path: Node | None, obj: str) -> str:
        """The graph pattern `subject path obj`: a SHACL path, or a derived link's pattern."""
        derived = DERIVED.get(str(path)) if isinstance(path, URIRef) else None
        if derived is None:
            try:
                return f"{subject} {sparql_path(self.shapes, path)} {obj} ." if path is not None else ""
            except UnsupportedPath as error:
                raise ShapesError(f"ill-formed path {error}") from error
        suffix = next(self.counter)
        names = {"this": subject, "value": obj}
        return (
            "{ " + _VARIABLE.sub(lambda m: names.get(m.group(1), f"?{m.group(1)}_{suffix}"), derived) + " }"
        )

    def fresh(self, name: str) -> str:
        return f"?{name}_{next(self.counter)}"


def _absent(pattern: str) -> str:
    """`NOT EXISTS { pattern }`, where a pattern `FILTER NOT EXISTS { P }` gives `EXISTS { P }` (Virtuoso
    finds nothing in an EXISTS without a triple pattern, such as `NOT EXISTS { FILTER NOT EXISTS { P } }`)."""
    scanned = strip_strings_and_comments(pattern)
    if scanned.startswith(_FILTER_NOT_EXISTS):
        depth = 0
        for index, character in enumerate(scanned):
            depth += {"{": 1, "}": -1}.get(character, 0)
            if character == "}" and depth == 0:
                if not scanned[index + 1 :].strip():
                    return f"EXISTS {pattern[len(_FILTER_NOT_EXISTS) - 1 :]}"
                break
    return f"NOT EXISTS {{ {pattern} }}"


def _also_select(template: str, variable: str) -> str:
    """A compiled query (not a SHACL-SPARQL one, which starts with its prefixes) that also selects and groups by `variable`."""
    selected = re.sub(r"^SELECT (DISTINCT )?", lambda m: f"{m.group(0)}{variable} ", template)
    return selected.replace("GROUP BY ", f"GROUP BY {variable} ") if selected != template else template


def component(parameter: Node) -> URIRef:
    """The SHACL Core constraint component a parameter belongs to (sh:minCount → sh:MinCountConstraintComponent)."""
    name = str(parameter).removeprefix(str(SH))
    return SH[f"{name[0].upper()}{name[1:]}ConstraintComponent"]
