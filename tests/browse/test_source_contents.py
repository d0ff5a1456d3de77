"""A source's page lists what the source states: its resources by class, counted, with locators."""

from __future__ import annotations

import pyoxigraph as ox

from samverkan.browse.source_contents import source_contents
from samverkan.store import Store

ID = "https://w3id.org/samverkan/id/"
SAM = "https://w3id.org/samverkan/ontology#"


def test_the_municipality_register_states_290_municipalities(project_store: Store) -> None:
    groups = {group.iri: group for group in source_contents(project_store, ID + "source/scb-kommunkoder", "sv")}
    municipalities = groups[SAM + "Municipality"].resources
    assert len(municipalities) == 290
    malmo = next(r for r in municipalities if r.iri == ID + "municipality/1280")
    assert malmo.label == "Malmö kommun" and malmo.statements > 0


def test_counts_and_locators_agree_with_the_graph(project_store: Store) -> None:
    source = ID + "source/sfs-2018-1486"
    resources = {r.iri: r for group in source_contents(project_store, source, "en") for r in group.resources}
    answer = project_store.query(
        "SELECT ?s (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?s != ?g) } GROUP BY ?s",
        bindings={"g": ox.NamedNode(source)},
    )
    assert isinstance(answer, ox.QuerySolutions)
    expected = {row["s"].value: int(row["n"].value) for row in answer if isinstance(row["s"], ox.NamedNode)}
    assert {iri: r.statements for iri, r in resources.items()} == expected
    assert all(r.locators for r in resources.values())


def test_a_report_is_a_source_too_and_resources_group_by_their_class(project_store: Store) -> None:
    groups = source_contents(project_store, ID + "source/sou-2017-114", "en")
    assert groups, "a sam:Report names its graph like any source document"
    for group in groups:
        for resource in group.resources:
            types = project_store.query(
                "ASK { ?r a ?c }", bindings={"r": ox.NamedNode(resource.iri), "c": ox.NamedNode(group.iri)}
            ) if group.iri else True
            assert types, (resource.iri, group.iri)
