"""SHACL validation: the data graphs together with the ontology, against `shapes/`.

pySHACL evaluates the SHACL Core shapes over an rdflib graph holding the data, the ontology and
two links derived for validation only: `subject samsh:statedIn graph` for every subject of the
data (outside a named graph: the sources it names with prov:wasDerivedFrom or dcterms:source, else
`samsh:DefaultGraph`) and `iri samsh:referencedIn graph` for every Samverkan IRI used as an object. RDFS/OWL inference is off: sh:class and sh:targetClass
follow the ontology's rdfs:subClassOf triples, which are in the data graph.

The SHACL-SPARQL shapes run on pyoxigraph through `samverkan.sparql_rules` (pySHACL re-parses a
SELECT for every focus node, which costs seconds even on the curated graph); the same shapes stay
valid SHACL for any processor, and the shape tests run them under pySHACL as well.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import cached_property

import pyoxigraph as ox
from pydantic import BaseModel
from pyshacl import validate as pyshacl_validate
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from samverkan.answers import to_bytes
from samverkan.labels import pick_label
from samverkan.messages import render_message
from samverkan.namespaces import ONTOLOGY_GRAPH, SAMID, SAMSH, SHAPES_GRAPH
from samverkan.rdflib_terms import add_triples, to_rdflib
from samverkan.rules import SEVERITIES, Rule, read_rules
from samverkan.sparql_rules import run_rule
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.terms import compact_iri

SH = Namespace("http://www.w3.org/ns/shacl#")
STATED_IN = URIRef(SAMSH + "statedIn")
REFERENCED_IN = URIRef(SAMSH + "referencedIn")
DEFAULT_GRAPH = URIRef(SAMSH + "DefaultGraph")
SOURCE_PROPERTIES = (
    URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
    URIRef("http://purl.org/dc/terms/source"),
)
LABEL_PROPERTIES = (
    URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
    URIRef("http://purl.org/dc/terms/title"),
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

    def __init__(self, store: Store):
        self.rules: dict[str, Rule] = read_rules(store)
        self.shapes = add_triples(Graph(), store.graph_triples(SHAPES_GRAPH))
        self.ontology = store.graph_triples(ONTOLOGY_GRAPH)
        self._ontology_rdflib = [
            (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in self.ontology
        ]
        self.core_rules = [iri for iri, rule in self.rules.items() if rule.query is None]
        self.sparql_rules = [rule for rule in self.rules.values() if rule.query is not None]

    @cached_property
    def _owning_rule(self) -> dict[Node, str]:
        """Each shape node (named or nested) mapped to the named rule it belongs to."""
        owners: dict[Node, str] = {}
        for rule in self.rules:
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
        scratch.load(to_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)), ox.RdfFormat.N_QUADS)
        scratch.load(
            to_bytes(ox.serialize(self.ontology, format=ox.RdfFormat.N_TRIPLES)),
            ox.RdfFormat.N_TRIPLES,
            ONTOLOGY_GRAPH,
        )
        return self._validate(quads, scratch, lang)

    def validate_store(self, store: Store, lang: str = "sv") -> ValidationReport:
        """Validate every data graph of a store."""
        answer = store.query(_DATA_QUADS)
        assert isinstance(answer, ox.QuerySolutions)
        quads = [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in answer]
        return self._validate(quads, store, lang)

    def _validate(self, quads: list[ox.Quad], store: Store, lang: str) -> ValidationReport:
        started = time.perf_counter()
        data = self.data_graph(quads)
        _, results_graph, _ = pyshacl_validate(
            data,
            shacl_graph=self.shapes,
            advanced=True,
            inference="none",
            allow_warnings=True,
            inplace=True,
            use_shapes=self.core_rules,
        )
        assert isinstance(results_graph, Graph)
        results = [
            self._core_result(results_graph, node, data, lang)
            for node in results_graph.subjects(RDF.type, SH.ValidationResult)
        ]
        for rule in self.sparql_rules:
            for finding in run_rule(store, rule):
                focus, value = (
                    to_rdflib(finding.focus),
                    to_rdflib(finding.value) if finding.value is not None else None,
                )
                results.append(self._result(rule, rule.message(lang), focus, None, value, data, lang))
        results.sort(key=lambda r: (SEVERITIES.index(r.severity), r.rule_id, r.focus, r.value or ""))
        return ValidationReport(
            conforms=not any(r.severity == "Violation" for r in results),
            results=results,
            seconds=time.perf_counter() - started,
        )

    def data_graph(self, quads: list[ox.Quad]) -> Graph:
        """The rdflib graph pySHACL validates: data, ontology and the derived source links."""
        data = Graph()
        for triple in self._ontology_rdflib:
            data.add(triple)
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

    def _core_result(self, results: Graph, node: Node, data: Graph, lang: str) -> ValidationResult:
        source = results.value(node, SH.sourceShape)
        assert source is not None
        rule = self.rules[self._owning_rule[source]]
        own = [
            (str(m), m.language or "")
            for m in self.shapes.objects(source, SH.message)
            if isinstance(m, Literal)
        ]
        template = (
            pick_label(own, lang) or rule.message(lang) or str(results.value(node, SH.resultMessage) or "")
        )
        return self._result(
            rule,
            template,
            results.value(node, SH.focusNode),
            results.value(node, SH.resultPath),
            results.value(node, SH.value),
            data,
            lang,
        )

    def _result(
        self,
        rule: Rule,
        template: str | None,
        focus: Node | None,
        path: Node | None,
        value: Node | None,
        data: Graph,
        lang: str,
    ) -> ValidationResult:
        texts = {
            "this": _label(data, focus, lang),
            "value": _label(data, value, lang),
            "path": self._path_text(path),
        }
        return ValidationResult(
            severity=rule.severity,
            rule=rule.iri,
            rule_id=rule.short_id,
            rule_name=rule.name(lang),
            focus=str(focus),
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
            return "|".join(compact_iri(str(p)) for p in Collection(self.shapes, alternatives))
        return ""


def _label(data: Graph, term: Node | None, lang: str) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    candidates = [
        (str(o), o.language or "")
        for p in LABEL_PROPERTIES
        for o in data.objects(term, p)
        if isinstance(o, Literal)
    ]
    return pick_label(candidates, lang) or compact_iri(str(term))
