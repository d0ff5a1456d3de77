"""The coverage report over the curated graph and over a small graph with known gaps."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from samverkan.knowledge.coverage import (
    AgencyCompleteness,
    AssignmentCompleteness,
    agency_completeness,
    assignment_completeness,
    coverage,
    resources_per_class,
)
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

SAMID = "https://w3id.org/samverkan/id/"


def test_every_source_has_claims_and_every_resource_both_labels(project_store: Store) -> None:
    report = coverage(project_store)
    sources = {item.source for item in report}
    assert f"{SAMID}source/skl-2019-lagesbild-digital-ledning" in sources
    assert f"{SAMID}source/geoforum-2018-kompetenslyft" in sources
    assert all(item.claims > 0 for item in report)
    assert [(item.source, item.missing_labels) for item in report if any(item.missing_labels.values())] == []


def test_counts_claims_classes_and_missing_labels() -> None:
    store = EmbeddedStore()
    store.load(
        f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <{SAMID}source/s> {{
          <{SAMID}source/s> dcterms:title "Källan"@sv , "The source"@en .
          <{SAMID}actor/a> a <https://w3id.org/samverkan/ontology#Actor> ; rdfs:label "A"@sv .
          <{SAMID}actor/b> a <https://w3id.org/samverkan/ontology#Actor> ; rdfs:label "B"@sv , "B"@en .
        }}""",
        ox.RdfFormat.TRIG,
    )
    (item,) = coverage(store, "sv")
    assert (item.title, item.claims) == ("Källan", 7)
    assert item.resources_by_class == {"https://w3id.org/samverkan/ontology#Actor": 2}
    assert item.missing_labels == {"sv": [], "en": [f"{SAMID}actor/a"]}


def test_counts_state_agencies_lacking_ministry_or_instruction() -> None:
    store = EmbeddedStore()
    store.load(
        f"""@prefix sam: <https://w3id.org/samverkan/ontology#> .
        <{SAMID}source/s> {{
          <{SAMID}actor/a> a sam:StateAgency ; sam:reportsTo <{SAMID}actor/m> ; sam:hasInstruction <{SAMID}instruction/i> .
          <{SAMID}actor/b> a sam:StateAgency ; sam:reportsTo <{SAMID}actor/m> .
          <{SAMID}actor/c> a sam:StateAgency .
        }}
        <{SAMID}source/t> {{ <{SAMID}actor/c> a sam:StateAgency . }}""",
        ox.RdfFormat.TRIG,
    )
    assert agency_completeness(store) == AgencyCompleteness(3, 1, 2)
    assert resources_per_class(store) == {"https://w3id.org/samverkan/ontology#StateAgency": 3}


def test_the_project_graph_gives_every_registered_agency_a_ministry_and_an_instruction(
    project_store: Store,
) -> None:
    agencies = agency_completeness(project_store, date(2026, 1, 2))
    assert agencies.agencies >= 262
    # curated agencies outside the register have theirs from their ordinances (Domstolsverket: SFS 2007:1073)
    assert agencies.lacking_ministry == agencies.lacking_instruction == 0
    # E-legitimationsnämnden: its instruction (SFS 2010:1497) is repealed
    assert agencies.ceased == 1
    # DIGG ceases on 2027-01-01 (merged into PTS)
    assert agency_completeness(project_store, date(2027, 1, 1)).ceased == 2


def test_counts_assignments_with_assignee_deadline_and_source_url() -> None:
    store = EmbeddedStore()
    store.load(
        f"""@prefix sam: <https://w3id.org/samverkan/ontology#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <{SAMID}source/s> {{
          <{SAMID}source/s> sam:sourceUrl "https://example.org/s"^^xsd:anyURI .
          <{SAMID}assignment/a> a sam:Assignment ; sam:assignee <{SAMID}actor/x> ; sam:deadline "2020-01-31"^^xsd:date .
          <{SAMID}assignment/b> a sam:Assignment ; sam:assignee <{SAMID}actor/x> .
        }}
        <{SAMID}source/t> {{ <{SAMID}assignment/c> a sam:Assignment ; sam:assignee <{SAMID}actor/x> ;
          sam:deadline "2020-01-31"^^xsd:date . }}""",
        ox.RdfFormat.TRIG,
    )
    assert assignment_completeness(store) == AssignmentCompleteness(3, 1)


def test_the_project_graph_has_a_hundred_complete_assignments(project_store: Store) -> None:
    assert assignment_completeness(project_store).complete >= 100
