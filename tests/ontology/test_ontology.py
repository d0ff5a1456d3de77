"""Checks of ontology/samverkan.ttl, and of data/ and shapes/ against it.

How inconsistencies are found: `owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)`
computes the OWL 2 RL closure in place. owlrl never raises on an inconsistency; it records each
violated rule (cax-dw for owl:disjointWith, AllDisjointClasses, cls-nothing2, literal lexical
forms, property disjointness, ...) as a blank node
`[] a <http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage> ; <...#error> "text"`.
`owl_rl_problems` collects those messages and, in addition, any `?x rdf:type owl:Nothing`.
The fixtures `inconsistent_*` prove that this check can fail; `consistent_*` prove that the main
modelling patterns pass it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import owlrl
import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from samverkan.knowledge.archimate_table import render_table, replace_section

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = ROOT / "ontology" / "samverkan.ttl"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SAM = Namespace("https://w3id.org/samverkan/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/samverkan/ontology")
ROLE_SCHEME = URIRef("https://w3id.org/samverkan/id/scheme/responsibility-roles")
ROLES = ("accountable", "responsible", "contributes", "consulted", "informed")
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
VANN = Namespace("http://purl.org/vocab/vann/")
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


# ---------------------------------------------------------------- helpers


def load_rdf(path: Path) -> Graph:
    """One file as a single graph; for TriG, the union of all its graphs."""
    if path.suffix == ".trig":
        dataset = Dataset()
        dataset.parse(path, format="trig")
        merged = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged
    return Graph().parse(path, format="turtle")


def rdf_files(directory: Path, patterns: Iterable[str]) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted({p for pattern in patterns for p in directory.rglob(pattern) if p.is_file()})


def data_files() -> list[Path]:
    return rdf_files(ROOT / "data", ("*.trig", "*.ttl"))


def shape_files() -> list[Path]:
    return rdf_files(ROOT / "shapes", ("*.ttl",))


def sam_iris(graph: Graph) -> set[URIRef]:
    """Every IRI in the sam: namespace used anywhere in the graph."""
    found: set[URIRef] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(str(SAM)) and term != URIRef(SAM):
                found.add(term)
    return found


def declared_terms(graph: Graph) -> set[URIRef]:
    return {s for t in DECLARATION_TYPES for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str]:
    return {
        o.language
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language is not None
    }


def owl_rl_problems(graph: Graph) -> list[str]:
    """Inconsistencies found by an OWL RL closure of a copy of `graph` (see module docstring)."""
    closed = Graph()
    for triple in graph:
        closed.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    problems = sorted(
        str(message)
        for node in closed.subjects(RDF.type, ERR.ErrorMessage)
        for message in closed.objects(node, ERR.error)
    )
    problems += sorted(
        f"{s} is an instance of owl:Nothing"
        for s in closed.subjects(RDF.type, OWL.Nothing)
        if not isinstance(s, BNode) or (s, RDF.type, ERR.ErrorMessage) not in closed
    )
    return problems


def with_ontology(*paths: Path) -> Graph:
    graph = Graph()
    graph += ontology()
    for path in paths:
        graph += load_rdf(path)
    return graph


@functools.cache
def ontology() -> Graph:
    """The ontology graph, parsed once per test session (tests never modify it)."""
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


# ---------------------------------------------------------------- the ontology itself


def test_parses_with_rdflib() -> None:
    graph = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert len(graph) > 500


def test_parses_with_pyoxigraph() -> None:
    pyoxigraph = pytest.importorskip("pyoxigraph")
    quads = list(pyoxigraph.parse(path=str(ONTOLOGY_FILE), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology())


def test_header_metadata() -> None:
    graph = ontology()
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert languages(graph, ONTOLOGY_IRI, predicate) >= {"sv", "en"}, predicate
    expected = {
        DCTERMS.license: URIRef("https://creativecommons.org/licenses/by/4.0/"),
        DCTERMS.creator: Literal("Samverkan contributors"),
        OWL.versionIRI: URIRef("https://w3id.org/samverkan/ontology/0.1.0"),
        OWL.versionInfo: Literal("0.1.0"),
        VANN.preferredNamespacePrefix: Literal("sam"),
        VANN.preferredNamespaceUri: Literal(str(SAM)),
    }
    for predicate, value in expected.items():
        assert (ONTOLOGY_IRI, predicate, value) in graph, predicate
    assert graph.value(ONTOLOGY_IRI, DCTERMS.created) is not None


def test_every_sam_term_is_declared_and_documented() -> None:
    graph = ontology()
    declared = declared_terms(graph)
    problems: list[str] = []
    for term in sorted(sam_iris(graph)):
        if term not in declared:
            problems.append(f"{term}: not typed owl:Class/ObjectProperty/DatatypeProperty/AnnotationProperty")
        for predicate in (RDFS.label, SKOS.definition):
            missing = {"sv", "en"} - languages(graph, term, predicate)
            if missing:
                problems.append(f"{term}: no {predicate} in {sorted(missing)}")
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in graph:
            problems.append(f"{term}: no rdfs:isDefinedBy <{ONTOLOGY_IRI}>")
    assert not problems, "\n".join(problems)


def test_no_term_is_typed_twice() -> None:
    graph = ontology()
    clashes = [
        term for term in sam_iris(graph) if sum((term, RDF.type, t) in graph for t in DECLARATION_TYPES) > 1
    ]
    assert not clashes, clashes


def test_at_most_one_domain_and_range() -> None:
    graph = ontology()
    problems = [
        f"{term} has {len(values)} {predicate}"
        for term in sam_iris(graph)
        for predicate in (RDFS.domain, RDFS.range)
        if len(values := list(graph.objects(term, predicate))) > 1
    ]
    assert not problems, "\n".join(problems)


def test_no_undeclared_characteristics() -> None:
    """The vocabulary declares no inverse, symmetric or transitive property (none is certain)."""
    graph = ontology()
    risky = [
        (term, kind)
        for term in sam_iris(graph)
        for kind in (OWL.TransitiveProperty, OWL.SymmetricProperty)
        if (term, RDF.type, kind) in graph
    ]
    risky += [(term, OWL.inverseOf) for term in sam_iris(graph) if (term, OWL.inverseOf, None) in graph]
    assert not risky, risky


def test_responsibility_roles() -> None:
    graph = ontology()
    assert (ROLE_SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    for name in ROLES:
        role = URIRef(f"https://w3id.org/samverkan/id/role/{name}")
        assert (role, RDF.type, SAM.ResponsibilityRole) in graph, role
        assert (role, SKOS.inScheme, ROLE_SCHEME) in graph, role
        for predicate in (SKOS.prefLabel, SKOS.definition):
            assert languages(graph, role, predicate) >= {"sv", "en"}, (role, predicate)
    assert set(graph.subjects(SKOS.inScheme, ROLE_SCHEME)) == {
        URIRef(f"https://w3id.org/samverkan/id/role/{name}") for name in ROLES
    }


def test_archimate_table_in_readme_is_current() -> None:
    readme = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    wanted = replace_section(readme, render_table(ontology()))
    assert wanted == readme, "ontology/README.md is out of date: run python -m samverkan.knowledge.archimate_table"


def test_motivation_classes_have_archimate_concepts() -> None:
    graph = ontology()
    expected = {
        SAM.Goal: "Goal",
        SAM.Principle: "Principle",
        SAM.Recommendation: "Requirement",
        SAM.Challenge: "Assessment",
        SAM.Actor: "BusinessActor",
    }
    for term, concept in expected.items():
        assert graph.value(term, SAM.archimateConcept) == Literal(concept), term


# ---------------------------------------------------------------- OWL RL consistency


def test_ontology_alone_is_consistent() -> None:
    assert owl_rl_problems(ontology()) == []


def test_every_class_can_have_an_instance() -> None:
    """A fresh instance of each sam: class raises no inconsistency (no class is unsatisfiable
    through contradictory subclass and disjointness axioms)."""
    graph = Graph()
    graph += ontology()
    for term in sam_iris(ontology()):
        if (term, RDF.type, OWL.Class) in ontology():
            graph.add(
                (URIRef(f"http://example.org/samverkan-test/instance-of-{term.fragment}"), RDF.type, term)
            )
    assert owl_rl_problems(graph) == []


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("inconsistent_*")), ids=lambda p: p.name)
def test_inconsistent_fixture_is_detected(fixture: Path) -> None:
    assert owl_rl_problems(with_ontology(fixture)), f"{fixture.name} should be inconsistent"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("consistent_*")), ids=lambda p: p.name)
def test_consistent_fixture_passes(fixture: Path) -> None:
    assert owl_rl_problems(with_ontology(fixture)) == []


def test_minimal_inconsistency_reports_both_rules() -> None:
    problems = owl_rl_problems(load_rdf(FIXTURES / "inconsistent_minimal.ttl"))
    assert any("Disjoint classes" in p for p in problems), problems
    assert any("Nothing" in p for p in problems), problems


def test_disjoint_actor_kinds_are_detected() -> None:
    problems = owl_rl_problems(with_ontology(FIXTURES / "inconsistent_disjoint_actor_kinds.ttl"))
    joined = "\n".join(problems)
    assert "muni-and-company" in joined, problems
    assert str(SAM.Municipality) in joined and str(SAM.Company) in joined, problems


def test_patterns_infer_standard_types() -> None:
    """The qualified responsibility is a prov:Attribution and actors are org:Organizations."""
    closed = with_ontology(FIXTURES / "consistent_example.trig")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    ex = Namespace("http://example.org/samverkan-test/")
    prov = Namespace("http://www.w3.org/ns/prov#")
    org = Namespace("http://www.w3.org/ns/org#")
    assert (ex.responsibility, RDF.type, prov.Attribution) in closed
    assert (ex.responsibility, prov.agent, ex.agency) in closed
    assert (ex.muni, RDF.type, org.Organization) in closed
    assert (ex.renaming, RDF.type, org.ChangeEvent) in closed


# ---------------------------------------------------------------- data/ and shapes/


@pytest.mark.parametrize("path", data_files() + shape_files(), ids=relative)
def test_sam_terms_used_in_file_are_declared(path: Path) -> None:
    declared = declared_terms(ontology())
    undeclared = sorted(str(t) for t in sam_iris(load_rdf(path)) - declared)
    assert not undeclared, (
        f"{relative(path)} uses sam: terms the ontology does not declare: {undeclared}. "
        "Fix the spelling, or add the term to ontology/samverkan.ttl and notes/vocabulary.md."
    )


def test_all_data_is_consistent_with_ontology() -> None:
    files = data_files()
    if not files:
        pytest.skip("data/ holds no .trig or .ttl files yet")
    problems = owl_rl_problems(with_ontology(*files))
    assert not problems, "OWL RL inconsistencies in data/:\n" + "\n".join(problems)


def test_iri_local_names_are_ascii() -> None:
    bad = [t for t in sam_iris(ontology()) if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", t.fragment)]
    assert not bad, bad


def test_undeclared_term_check_can_fail() -> None:
    """The check behind test_sam_terms_used_in_file_are_declared reports a misspelt term."""
    graph = Graph()
    graph.add((URIRef("http://example.org/samverkan-test/x"), RDF.type, SAM.Muncipality))
    assert sam_iris(graph) - declared_terms(ontology()) == {SAM.Muncipality}
