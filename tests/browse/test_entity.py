"""One entity read from the curated graph: labels, linked values, incoming links, sources, gaps."""

from __future__ import annotations

import pytest

from samverkan.browse.entity import gaps_concerning, quads, read_entity, statements
from samverkan.browse.search import fold
from samverkan.gaps.catalogue import gap_report
from samverkan.store import Store

ID = "https://w3id.org/samverkan/id/"
MALMO = f"{ID}municipality/1280"


def test_malmo_with_labels_links_and_sources(project_store: Store) -> None:
    found = statements(project_store, MALMO)
    entity = read_entity(project_store, MALMO, "en", found)
    assert entity.label == "Malmö Municipality"
    assert entity.labels == {"en": ["Malmö Municipality"], "sv": ["Malmö kommun"]}
    assert [t.label for t in entity.types] == ["municipality"]
    values = {r.property.iri: r.values for r in entity.properties}
    member_of = values["http://www.w3.org/ns/org#memberOf"]
    assert [(v.iri, v.text) for v in member_of] == [
        (f"{ID}actor/skr", "Swedish Association of Local Authorities and Regions")
    ]
    assert [source.iri for source in member_of[0].sources] == [f"{ID}source/skr-medlemmar"]
    sources = {use.source.iri: use for use in entity.sources}
    census = sources[f"{ID}source/scb-kommunkoder"]
    assert census.locators == ["swedish_municipalities.csv line 118 (municipality_code 1280)"]
    assert len(quads(MALMO, found)) == len(found.statements)


def test_incoming_links_are_grouped_by_relation(project_store: Store) -> None:
    skr = f"{ID}actor/skr"
    entity = read_entity(project_store, skr, "sv", statements(project_store, skr))
    incoming = {r.property.iri: r.values for r in entity.incoming}
    members = incoming["http://www.w3.org/ns/org#memberOf"]
    assert MALMO in [v.iri for v in members] and len(members) >= 290


def test_a_long_group_shows_its_first_values_by_iri_and_counts_the_rest(project_store: Store) -> None:
    skr = f"{ID}actor/skr"
    found = statements(project_store, skr)
    whole = read_entity(project_store, skr, "sv", found)
    capped = read_entity(project_store, skr, "sv", found, shown=10)
    every = {r.property.iri: r.values for r in whole.incoming}
    for relation in capped.incoming:
        values = every[relation.property.iri]
        first = sorted(v.iri or v.text for v in values)[:10]
        assert sorted(v.iri or v.text for v in relation.values) == first
        assert relation.more == len(values) - len(first)
    members = next(r for r in capped.incoming if r.property.iri == "http://www.w3.org/ns/org#memberOf")
    assert len(members.values) == 10 and members.more >= 280
    assert [v.text for v in members.values] == sorted((v.text for v in members.values), key=fold)
    assert all(r.more == 0 for r in whole.incoming + whole.properties), "curated groups are listed whole"


@pytest.mark.parametrize(
    "iri",
    [
        f"{ID}actor/skr",  # 290 members, IRIs
        "http://www.w3.org/2002/07/owl#Class",  # typed blank nodes (which no query can name) among IRIs
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil",  # ends of lists: blank nodes only
    ],
)
def test_a_page_reads_only_the_subjects_it_shows_and_shows_what_a_whole_read_shows(
    project_store: Store, iri: str
) -> None:
    whole = statements(project_store, iri)
    bounded = statements(project_store, iri, shown=10)
    assert bounded.unread and len(bounded.statements) < len(whole.statements)
    assert read_entity(project_store, iri, "sv", bounded, shown=10) == read_entity(
        project_store, iri, "sv", whole, shown=10
    )
    incoming = {s.property for s in whole.statements if not s.outgoing}
    assert {s.property for s in bounded.statements if not s.outgoing} == incoming
    for prop, left in bounded.unread.items():
        subjects = {s.other for s in whole.statements if not s.outgoing and s.property == prop}
        assert left == len(subjects) - 10


def test_literals_in_the_asked_language_only_where_there_are_some(project_store: Store) -> None:
    skr = f"{ID}actor/skr"
    entity = read_entity(project_store, skr, "en", statements(project_store, skr))
    purposes = next(r for r in entity.properties if r.property.iri == "http://www.w3.org/ns/org#purpose")
    assert {v.language for v in purposes.values} == {"en"}


def test_gaps_come_from_the_catalogue(project_store: Store) -> None:
    concerns = gaps_concerning(project_store, f"{ID}actor/digg", "en")
    assert concerns and {c.severity for c in concerns} <= {"Warning", "Info"}
    assert all(c.gap and c.why for c in concerns)
    assert gaps_concerning(project_store, MALMO, "en") == []


def test_an_entitys_gaps_are_the_full_reports_rows_that_name_it(project_store: Store) -> None:
    report = gap_report(project_store, lang="en")
    named = [row.thing.iri for result in report for row in result.rows] + [
        row.value.iri for result in report for row in result.rows if row.value and row.value.iri
    ]
    goal = next(iri for iri in named if iri and "/goal/" in iri)
    recommendation = next(iri for iri in named if iri and "/recommendation/" in iri)
    values = [row.value.iri for result in report for row in result.rows if row.value and row.value.iri]
    for iri in {f"{ID}actor/digg", goal, recommendation, values[0], values[-1], MALMO}:
        expected = [
            (result.rule.short_id, row.why, row.absence)
            for result in report
            for row in result.rows
            if iri in {row.thing.iri, row.value.iri if row.value else None}
        ]
        assert [(c.gap, c.why, c.absence) for c in gaps_concerning(project_store, iri, "en")] == expected, iri
