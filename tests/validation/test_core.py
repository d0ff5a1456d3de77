"""SHACL Core shapes compiled to SPARQL agree with pySHACL, on every shape fixture and on the curated data."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef

from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.core import compile_rule
from samverkan.validation.datatypes import well_formed
from samverkan.validation.documents import parse_quads, read_file_quads
from samverkan.validation.validator import ValidationReport, Validator
from samverkan.vocabulary.namespaces import SHAPES_GRAPH

FIXTURES = Path(__file__).resolve().parents[1] / "shapes" / "fixtures"
SH = Namespace("http://www.w3.org/ns/shacl#")
EX = Namespace("https://example.org/shapes#")
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
BLANK = re.compile(r"\b[0-9a-f]{16,32}\b")
"""A blank node's id: a document's blank nodes are renamed when it is loaded into a store."""


@pytest.fixture(scope="module")
def compiled(project_store: Store) -> Validator:
    return Validator(project_store)


@pytest.fixture(scope="module")
def reference(project_store: Store) -> Validator:
    return Validator(project_store, compile_core=False)


def core_results(validator: Validator, report: ValidationReport) -> list[tuple[str, ...]]:
    """The results of Core shapes, everything a reader sees, in order."""
    core = set(validator.core_rules)
    found = [
        (r.rule_id, r.focus, r.focus_label, r.path or "", r.value or "", r.message)
        for r in report.results
        if r.rule in core
    ]
    return sorted(tuple(BLANK.sub("_:b", text) for text in result) for result in found)


def test_every_core_shape_of_the_project_compiles(compiled: Validator) -> None:
    assert compiled.core_rules and not compiled.delegated


@pytest.mark.parametrize("path", sorted(FIXTURES.iterdir()), ids=lambda p: p.name)
def test_compiled_shapes_agree_with_pyshacl_on_fixture(
    path: Path, compiled: Validator, reference: Validator
) -> None:
    quads = read_file_quads(path)
    ours = core_results(compiled, compiled.validate_quads(quads, "en"))
    assert ours == core_results(reference, reference.validate_quads(quads, "en"))


def test_compiled_shapes_agree_with_pyshacl_on_curated_data(
    compiled: Validator, reference: Validator, project_store: Store
) -> None:
    ours = compiled.validate_store(project_store, "sv")
    theirs = reference.validate_store(project_store, "sv")
    assert core_results(compiled, ours) == core_results(reference, theirs)
    assert ours.results == theirs.results


EDGES = """@prefix sam: <https://w3id.org/samverkan/ontology#> .
@prefix t: <https://w3id.org/samverkan/id/test/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
t:loose a sam:Goal ; rdfs:label "Lös"@sv ; dcterms:source t:source , t:elsewhere ; sam:inGoalArea t:nowhere .
t:bare sam:deadline "2020-01-01" .
t:source {
  t:source a sam:SourceDocument ; rdfs:label "Källa"@sv , "Source"@en .
  t:assignment a sam:Assignment ; sam:issuer [ a sam:Actor ] , [ a sam:Goal ] ; sam:assignee t:source ;
      sam:deadline "2020-13-45"^^xsd:date , "2020"^^xsd:gYear ; sam:decisionDate "2020-02-30"^^xsd:date .
  t:funding a sam:Funding ; sam:amount "12.5"^^xsd:decimal , "x"^^xsd:decimal ; sam:currency "sek" ;
      sam:fiscalYear "2020"^^xsd:date ; sam:periodStart "2020"^^xsd:gYear .
  t:recommendation sam:recommendationNumber "1.5"^^xsd:integer , "7"^^xsd:integer .
  t:region sam:countyCode "01"@sv ; sam:municipalityCode 1234 ; sam:wikidataId t:Q1 .
  [ a sam:Agreement ; sam:party t:source ] .
}
"""


def test_compiled_shapes_agree_with_pyshacl_on_edge_cases(compiled: Validator, reference: Validator) -> None:
    """Ill-typed and mistyped literals, blank nodes, IRIs where literals belong, triples outside a graph."""
    quads = list(parse_quads(EDGES.encode(), ox.RdfFormat.TRIG))
    ours = core_results(compiled, compiled.validate_quads(quads, "en"))
    assert len(ours) > 15
    assert ours == core_results(reference, reference.validate_quads(quads, "en"))


def test_an_ill_typed_year_fails_its_datatype(compiled: Validator) -> None:
    """SHACL's sh:datatype: the lexical form must be valid (pySHACL agrees once owlrl is loaded)."""
    document = EDGES.replace('"2020"^^xsd:date ; sam:periodStart', '"20x0"^^xsd:gYear ; sam:periodStart')
    report = compiled.validate_quads(parse_quads(document.encode(), ox.RdfFormat.TRIG), "en")
    assert [r.value for r in report.results if r.path == "sam:fiscalYear"] == ["20x0"]


def test_fixtures_exercise_the_compiled_shapes(compiled: Validator) -> None:
    fired = {
        r.rule
        for path in FIXTURES.glob("*.fail.*")
        for r in compiled.validate_quads(read_file_quads(path), "en").results
    }
    assert set(compiled.core_rules) <= fired


def test_a_recursive_shape_is_left_to_pyshacl() -> None:
    shapes = Graph()
    shapes.parse(
        data=f"""@prefix sh: <{SH}> . @prefix ex: <{EX}> .
        ex:Tree a sh:NodeShape ; sh:targetClass ex:Tree ; sh:property [ sh:path ex:child ; sh:node ex:Tree ] .
        ex:Kind a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ] .
        ex:Count a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; sh:minCount 2 ] .""",
        format="turtle",
    )
    assert compile_rule(shapes, str(EX.Tree)) is None
    kind = compile_rule(shapes, str(EX.Kind))
    assert kind is not None and [q.component for q in kind] == [SH.NodeKindConstraintComponent]
    count = compile_rule(shapes, str(EX.Count))
    assert count is not None and [q.path for q in count] == [URIRef(EX.p)]


FINDINGS = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
ex:Both a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] ;
    sh:sparql [ sh:select "SELECT $this WHERE { $this ex:flag true }" ; sh:prefixes ex:declared ] .
ex:declared sh:declare [ sh:prefix "ex" ; sh:namespace "https://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
ex:Targetless a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
ex:Off a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:sparql [ sh:select "SELECT $this WHERE { }" ; sh:deactivated true ] .
"""


def test_the_compiler_findings_of_issue_19_stay_fixed() -> None:
    """sh:sparql and sh:property both run; a targetless shape checks nothing (and does not fail);
    a deactivated SPARQL constraint is skipped; no severity means Violation."""
    store = EmbeddedStore()
    store.load(FINDINGS, ox.RdfFormat.TURTLE, SHAPES_GRAPH)
    store.load(
        "<https://example.org/t> a <https://example.org/Thing> ; <https://example.org/flag> true .",
        ox.RdfFormat.TURTLE,
        "https://example.org/g",
    )
    findings = Validator(store).findings(store)
    assert sorted((str(f.rule), str(f.component), f.severity) for f in findings) == [
        ("https://example.org/Both", str(SH.MinCountConstraintComponent), "Violation"),
        ("https://example.org/Both", str(SH.SPARQLConstraintComponent), "Violation"),
    ]


NON_STANDARD_CAST = re.compile(r"#(date|gYear|time|duration)>\(")
"""A cast by a datatype IRI SPARQL 1.1 does not define as a function (xsd:date(), xsd:gYear(), …)."""


@pytest.mark.parametrize(
    ("lexical", "datatype", "valid"),
    [
        ("yes", "boolean", False),
        ("1", "boolean", True),
        ("300", "byte", False),
        ("-12", "byte", True),
        ("2021-02-29", "date", False),
        ("2020-02-29Z", "date", True),
        ("20x0", "gYear", False),
        ("-0044", "gYear", True),
        ("1.5", "integer", False),
        ("-1", "unsignedLong", False),
        ("2020-01-01T24:00:00", "dateTime", True),
        ("2020-01-32T10:00:00", "dateTime", False),
        ("P", "duration", False),
        ("P1Y2MT3H", "duration", True),
        ("INF", "double", True),
        ("1e", "double", False),
        ("en-GB", "language", True),
        ("abc", "hexBinary", False),
    ],
)
def test_ill_formed_literals_fail_by_standard_sparql(lexical: str, datatype: str, valid: bool) -> None:
    """Well-formedness is a REGEX and SPARQL 1.1 casts only (xsd:date() and xsd:gYear() are no SPARQL 1.1 casts)."""
    iri = f"http://www.w3.org/2001/XMLSchema#{datatype}"
    test = well_formed("?v", iri)
    assert test is not None and not NON_STANDARD_CAST.search(test)
    literal = ox.Literal(lexical, datatype=ox.NamedNode(iri))
    answer = ox.Store().query(f"SELECT ?ok WHERE {{ BIND({literal} AS ?v) BIND({test} AS ?ok) }}")
    assert isinstance(answer, ox.QuerySolutions)
    assert next(iter(answer))["ok"] == ox.Literal(str(valid).lower(), datatype=ox.NamedNode(XSD_BOOLEAN))
