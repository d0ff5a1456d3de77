"""SHACL validation: the data graphs together with the ontology, against the shapes graph.

Every shape with a target runs as SPARQL on the store's engine (pyoxigraph for documents and the
embedded store): SHACL Core compiled by `samverkan.validation.core`, SHACL-SPARQL by
`samverkan.validation.sparql_constraints`; the W3C SHACL test suite checks both. pySHACL over an
rdflib copy of the data costs about 100 s at a million triples; the queries cost a few seconds, and
`validate_change` checks only what a change can alter (`change_scope`). A shape the compiler refuses
(a recursive one) runs under pySHACL, over an rdflib graph holding the data, the ontology and the
two links derived for validation (`subject samsh:statedIn graph`, `iri samsh:referencedIn graph`;
see `queries/validation/`); `explain` lists it and its use is logged. RDFS/OWL inference is off:
sh:class and sh:targetClass follow the ontology's rdfs:subClassOf triples, which are part of the data.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import pyoxigraph as ox
from pydantic import BaseModel
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import Node

from samverkan.knowledge.labels import labels, pick_label
from samverkan.sparql.formats import to_bytes
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.compiled import SH, ShapesError, Unsupported
from samverkan.validation.core import CoreQuery, compile_shape, subclasses, target_shapes
from samverkan.validation.focus import touched_nodes
from samverkan.validation.messages import render_message
from samverkan.validation.rdflib_terms import add_triples, to_rdflib
from samverkan.validation.rules import SEVERITIES, Rule, read_rules
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SAMID, SAMSH, SHAPES_GRAPH
from samverkan.vocabulary.terms import compact_iri

_log = logging.getLogger(__name__)
MOST_PINNED = 1000
"""Above this many touched nodes a full run is cheaper than queries pinned to them (a pinned node costs
about 0.25 ms over all shapes, a full run about 5 µs a quad: 0.15 s on the curated graph)."""
STATED_IN = URIRef(SAMSH + "statedIn")
REFERENCED_IN = URIRef(SAMSH + "referencedIn")
DEFAULT_GRAPH = URIRef(SAMSH + "DefaultGraph")
UNSOURCED = ox.NamedNode(DEFAULT_GRAPH)
"""Where a document's triples outside a named graph are kept while it is validated."""
SOURCE_PROPERTIES = (
    URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
    URIRef("http://purl.org/dc/terms/source"),
)
NOT_DATA = (ONTOLOGY_GRAPH, SHAPES_GRAPH)
_DATA_QUADS = f"""SELECT ?s ?p ?o ?g WHERE {{
    GRAPH ?g {{ ?s ?p ?o }}
    FILTER(?g NOT IN ({", ".join(str(ox.NamedNode(g)) for g in NOT_DATA)}))
}}"""


class ValidationResult(BaseModel):
    """One finding: which rule, about what, and why."""

    severity: str
    rule: str
    rule_id: str
    rule_name: str
    focus: str
    focus_label: str
    path: str | None = None
    value: str | None = None
    message: str


class ValidationReport(BaseModel):
    """All findings of one validation; `conforms` means: no Violation."""

    conforms: bool
    results: list[ValidationResult]
    seconds: float

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)


class Validator:
    """Shapes, ontology and rule descriptions read once from a store; validates data quads."""

    def __init__(self, store: Store, compile_core: bool = True):
        """`compile_core=False` leaves every shape without sh:sparql to pySHACL: the reference, for tests.

        Raises `ShapesError` when the shapes graph is not well-formed SHACL.
        """
        self.rules: dict[str, Rule] = read_rules(store)
        shapes = store.graph_triples(SHAPES_GRAPH)
        self.shapes = add_triples(Graph(), shapes)
        self.shapes_version = _digest(shapes)
        """Which shapes the validator was built from (`shapes_version(store)` tells when they changed)."""
        self.ontology = store.graph_triples(ONTOLOGY_GRAPH)
        self.queries: list[CoreQuery] = []
        """The constraints the store's SPARQL engine evaluates."""
        self.delegated: dict[str, str] = {}
        """Shapes beyond what the compiler translates, with the reason: pySHACL evaluates them."""
        for shape in target_shapes(self.shapes):
            try:
                if not compile_core and (shape, SH.sparql, None) not in self.shapes:
                    raise Unsupported("the reference run (compile_core=False)")
                self.queries.extend(compile_shape(self.shapes, shape))
            except Unsupported as reason:
                if not isinstance(shape, URIRef):
                    raise ShapesError(f"a blank-node shape beyond the compiled subset: {reason}") from reason
                self.delegated[str(shape)] = str(reason)
        self.unbounded = frozenset(
            {q.rule for q in self.queries if _UNBOUNDED_PATH.search(_code(q.template))} | set(self.delegated)
        )
        """Rules that follow chains of any length, and those pySHACL evaluates: a change can alter their
        results anywhere, so incremental validation recomputes them in full."""
        self.core_rules = sorted(
            {q.rule for q in self.queries if q.component != SH.SPARQLConstraintComponent}
            | set(self.delegated)
        )
        """The shapes with SHACL Core constraints (compiled or delegated)."""

    def explain(self) -> list[tuple[str, str, str, str]]:
        """Where each constraint runs: (shape, source shape, constraint component, engine), in order."""
        rows = {
            (q.rule, _text(q.source), compact_iri(str(q.component)), "SPARQL on the store")
            for q in self.queries
        }
        rows.update((shape, shape, reason, "pySHACL") for shape, reason in self.delegated.items())
        return sorted(rows)

    @cached_property
    def _owning_rule(self) -> dict[Node, str]:
        """Each shape node (named or nested) mapped to the delegated shape it belongs to."""
        owners: dict[Node, str] = {}
        for rule in self.delegated:
            pending: list[Node] = [URIRef(rule)]
            while pending:
                node = pending.pop()
                if node not in owners:
                    owners[node] = rule
                    pending.extend(o for o in self.shapes.objects(node, None) if isinstance(o, BNode))
        return owners

    def validate_quads(self, quads: Iterable[ox.Quad], lang: str = "sv") -> ValidationReport:
        """Validate quads (named graphs are sources; default-graph triples have none)."""
        quads = list(quads)
        scratch = EmbeddedStore()
        kept = [
            q
            if isinstance(q.graph_name, ox.NamedNode)
            else ox.Quad(q.subject, q.predicate, q.object, UNSOURCED)
            for q in quads
        ]
        scratch.load(to_bytes(ox.serialize(kept, format=ox.RdfFormat.N_QUADS)), ox.RdfFormat.N_QUADS)
        scratch.load(
            to_bytes(ox.serialize(self.ontology, format=ox.RdfFormat.N_TRIPLES)),
            ox.RdfFormat.N_TRIPLES,
            ONTOLOGY_GRAPH,
        )
        return self._validate(scratch, lambda: quads, lang, None)

    def validate_store(
        self, store: Store, lang: str = "sv", focus: Collection[ox.NamedNode] | None = None
    ) -> ValidationReport:
        """Validate every data graph of a store; with `focus`, only the results about those nodes."""
        scope = Scope(frozenset(focus) if focus is not None else None, frozenset())
        return self._validate(store, lambda: data_quads(store), lang, scope)

    def validate_change(self, store: Store, changed: Iterable[ox.Quad], lang: str = "sv") -> ValidationReport:
        """Validate what a change can alter (quads added and removed, already in the store): `change_scope`."""
        return self._validate(store, lambda: data_quads(store), lang, self.change_scope(store, changed))

    def change_scope(self, store: Store, changed: Iterable[ox.Quad]) -> Scope:
        """The results a change can alter: those about the nodes it touches, and every result of a rule
        that follows chains of any length (or that pySHACL evaluates), which is recomputed in full."""
        touched = touched_nodes(store, changed)
        if touched is None or len(touched) > MOST_PINNED:
            return Scope(None)
        return Scope(frozenset(touched), self.unbounded)

    def _validate(
        self,
        store: Store,
        quads: Callable[[], list[ox.Quad]],
        lang: str,
        scope: Scope | None,
    ) -> ValidationReport:
        started = time.perf_counter()
        findings = self.findings(store, quads, scope)
        named = {str(t) for f in findings for t in (f.focus, f.value) if isinstance(t, URIRef)}
        names = labels(store, named, lang)
        results = [self._result(finding, names, lang) for finding in findings]
        results.sort(
            key=lambda r: (
                SEVERITIES.index(r.severity) if r.severity in SEVERITIES else len(SEVERITIES),
                r.rule_id,
                r.focus,
                r.value or "",
                r.path or "",
                r.message,
            )
        )
        return ValidationReport(
            conforms=not any(r.severity == "Violation" for r in results),
            results=results,
            seconds=time.perf_counter() - started,
        )

    def findings(
        self, store: Store, quads: Callable[[], list[ox.Quad]] | None = None, scope: Scope | None = None
    ) -> list[Finding]:
        """The results of every shape on the store, before wording; with a `scope`, only those it covers."""
        classes = subclasses(store, {iri for query in self.queries for iri in query.classes})
        findings = [
            finding
            for query in self.queries
            for finding in _core_findings(store, query, classes, scope.pinned(query.rule) if scope else None)
        ]
        if self.delegated:
            findings.extend(self._pyshacl_findings(quads() if quads else data_quads(store)))
        return [finding for finding in findings if scope.covers(finding)] if scope else findings

    def _pyshacl_findings(self, quads: list[ox.Quad]) -> list[Finding]:
        # Imported here, where pySHACL runs: importing it costs every start of the service 0.3 s.
        from pyshacl import validate as pyshacl_validate

        _log.info("pySHACL validates %s", ", ".join(sorted(self.delegated)))
        _, results, _ = pyshacl_validate(
            self.data_graph(quads),
            shacl_graph=self.shapes,
            advanced=True,
            inference="none",
            allow_warnings=True,
            inplace=True,
            use_shapes=sorted(self.delegated),
        )
        assert isinstance(results, Graph)
        findings = []
        for node in results.subjects(RDF.type, SH.ValidationResult):
            source, focus_node = results.value(node, SH.sourceShape), results.value(node, SH.focusNode)
            component, level = (
                results.value(node, SH.sourceConstraintComponent),
                results.value(node, SH.resultSeverity),
            )
            assert source is not None and focus_node is not None and component is not None
            findings.append(
                Finding(
                    self._owning_rule[source],
                    source,
                    component,
                    str(level).removeprefix(str(SH)),
                    focus_node,
                    results.value(node, SH.resultPath),
                    results.value(node, SH.value),
                )
            )
        return findings

    def data_graph(self, quads: list[ox.Quad]) -> Graph:
        """The rdflib graph pySHACL validates: data, ontology and the derived source links."""
        data = add_triples(Graph(), self.ontology)
        stated: set[tuple[Node, Node]] = set()
        referenced: set[tuple[Node, Node]] = set()
        unsourced: set[Node] = set()
        for quad in quads:
            subject, obj = to_rdflib(quad.subject), to_rdflib(quad.object)
            data.add((subject, to_rdflib(quad.predicate), obj))
            graph: Node | None = (
                URIRef(quad.graph_name.value) if isinstance(quad.graph_name, ox.NamedNode) else None
            )
            if graph is None:
                unsourced.add(subject)
            else:
                stated.add((subject, graph))
            if isinstance(obj, URIRef) and obj.startswith(SAMID):
                referenced.add((obj, graph or DEFAULT_GRAPH))
        for subject in unsourced:
            named: set[Node] = {o for p in SOURCE_PROPERTIES for o in data.objects(subject, p)}
            stated.update((subject, source) for source in named or {DEFAULT_GRAPH})
        for subject, graph in stated:
            data.add((subject, STATED_IN, graph))
        for obj, graph in referenced:
            data.add((obj, REFERENCED_IN, graph))
        return data

    def _result(self, finding: Finding, names: dict[str, str], lang: str) -> ValidationResult:
        rule = self.rules.get(finding.rule) or Rule(finding.rule, finding.severity, {}, {}, {})
        own = [
            (str(m), m.language or "")
            for m in self.shapes.objects(finding.source, SH.message)
            if isinstance(m, Literal)
        ]
        template = pick_label(own, lang) or rule.message(lang)
        # A SPARQL constraint's result without a ?value has the focus node as its value: named once.
        echo = finding.component == SH.SPARQLConstraintComponent and finding.value == finding.focus
        texts = {
            "this": _label(finding.focus, names),
            "value": "" if echo else _label(finding.value, names),
            "path": self._path_text(finding.path),
        }
        return ValidationResult(
            severity=finding.severity,
            rule=rule.iri,
            rule_id=rule.short_id,
            rule_name=rule.name(lang),
            focus=str(finding.focus),
            focus_label=texts["this"],
            path=texts["path"] or None,
            value=texts["value"] or None,
            message=render_message(template or rule.description(lang), texts),
        )

    def _path_text(self, path: Node | None) -> str:
        if isinstance(path, URIRef):
            return compact_iri(str(path))
        alternatives = self.shapes.value(path, SH.alternativePath) if path is not None else None
        if alternatives is not None:
            return "|".join(compact_iri(str(p)) for p in RdfList(self.shapes, alternatives))
        return ""


@dataclass(frozen=True)
class Scope:
    """What a validation checks: the results about `focus` (None: about every node), and every
    result of `full_rules`."""

    focus: frozenset[ox.NamedNode] | None
    full_rules: frozenset[str] = frozenset()

    def pinned(self, rule: str) -> frozenset[ox.NamedNode] | None:
        """The focus nodes a rule's queries are pinned to (None: all)."""
        return None if rule in self.full_rules else self.focus

    def covers(self, finding: Finding) -> bool:
        if self.focus is None or finding.rule in self.full_rules:
            return True
        return isinstance(finding.focus, URIRef) and ox.NamedNode(str(finding.focus)) in self.focus


class Finding(NamedTuple):
    """A result before wording: the shape with the targets, the source shape and constraint, focus, path, value."""

    rule: str
    source: Node
    component: Node
    severity: str
    focus: Node
    path: Node | None
    value: Node | None


def _core_findings(
    store: Store, query: CoreQuery, classes: dict[str, set[str]], focus: Collection[ox.NamedNode] | None
) -> list[Finding]:
    answer = store.query(query.text(classes, focus))
    assert isinstance(answer, ox.QuerySolutions)
    found = set(answer.variables)
    findings = []
    for solution in answer:
        this = to_rdflib(solution["this"])
        value = solution["value"] if ox.Variable("value") in found else None
        path = solution["path"] if ox.Variable("path") in found else None
        findings.append(
            Finding(
                query.rule,
                query.source,
                query.component,
                query.severity,
                this,
                to_rdflib(path) if path is not None else query.path,
                to_rdflib(value) if value is not None else this if query.value_is_focus else None,
            )
        )
    return findings


def shapes_version(store: Store) -> str:
    """A digest of the store's shapes graph: a validator built from other shapes is out of date."""
    return _digest(store.graph_triples(SHAPES_GRAPH))


def _digest(triples: list[ox.Triple]) -> str:
    return hashlib.sha256("\n".join(sorted(map(str, triples))).encode()).hexdigest()


def data_quads(store: Store) -> list[ox.Quad]:
    """The quads of every data graph of a store (not the ontology, not the shapes)."""
    answer = store.query(_DATA_QUADS)
    assert isinstance(answer, ox.QuerySolutions)
    return [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in answer]


_STRINGS_AND_COMMENTS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|(<[^<>"{}|^`\\\s]*>)|#[^\n]*'
)
_UNBOUNDED_PATH = re.compile(r"(?:>|\)|\b[A-Za-z_][\w.-]*:[\w.-]*)[*+]")
"""A property path step repeated any number of times (`sam:partOfFunding*`, `(…)+`)."""


def _code(sparql: str) -> str:
    """The query without its strings and comments (IRIs kept)."""
    return _STRINGS_AND_COMMENTS.sub(lambda m: m.group(1) or "", sparql)


def _text(node: Node) -> str:
    return compact_iri(str(node)) if isinstance(node, URIRef) else f"_:{node}"


def _label(term: Node | None, names: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    return names.get(str(term)) or compact_iri(str(term))
