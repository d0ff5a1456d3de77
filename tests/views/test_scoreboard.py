"""The EIF scoreboard against plain SPARQL: every item listed, and the ones nothing carries."""

from __future__ import annotations

from importlib import resources

import pyoxigraph as ox
import pytest

from samverkan.store import Store
from samverkan.views.scoreboard import scoreboard, scoreboard_table

PREFIXES = """PREFIX sam: <https://w3id.org/samverkan/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX framework: <https://w3id.org/samverkan/id/framework/>
"""


def column(store: Store, query: str, name: str) -> set[str]:
    answer = store.query(query)
    assert isinstance(answer, ox.QuerySolutions)
    return {row[name].value for row in answer}


def test_every_principle_and_recommendation_of_the_eif_is_a_row(project_store: Store) -> None:
    result = scoreboard(project_store, "eif", lang="en")
    principles = column(
        project_store, PREFIXES + "SELECT ?p WHERE { ?p skos:inScheme framework:eif ; a sam:Principle }", "p"
    )
    recommendations = column(
        project_store,
        PREFIXES
        + "SELECT ?r WHERE { framework:eif dcterms:source ?d . ?r sam:inReport ?d ; a sam:Recommendation }",
        "r",
    )
    assert {r.item.iri for r in result.rows if r.kind == "principle"} == principles
    assert {r.item.iri for r in result.rows if r.kind == "recommendation"} == recommendations
    assert result.summary["principle"]["items"] == len(principles)
    numbers = [r.number for r in result.rows if r.kind == "principle"]
    assert numbers == sorted(numbers)


def test_aligned_principles_come_from_skos_mappings(project_store: Store) -> None:
    result = scoreboard(project_store, "eif")
    mapped = column(
        project_store,
        PREFIXES + "SELECT ?se WHERE { ?se skos:closeMatch|skos:broadMatch|skos:relatedMatch ?eif . "
        "?eif skos:inScheme framework:eif }",
        "se",
    )
    shown = {link.target.iri for r in result.rows if r.kind == "principle" for link in r.aligned}
    assert shown == mapped
    assert all(link.sources for r in result.rows for link in r.aligned + r.strategies)


def test_only_uncarried_matches_the_sparql_example(project_store: Store) -> None:
    example = (
        resources.files("samverkan") / "queries" / "tour" / "10-eif-items-nothing-carries.rq"
    ).read_text()
    nothing = column(project_store, example, "item")
    result = scoreboard(project_store, "eif", only_uncarried=True)
    assert {r.item.iri for r in result.rows} == nothing
    whole = scoreboard(project_store, "eif")
    assert sum(counts["nothing"] for counts in whole.summary.values()) == len(nothing)
    columns, lines = scoreboard_table(result)
    assert len(lines) == len(nothing) and all(line[columns.index("carried")] == "no" for line in lines)


def test_kind_filter_and_its_check(project_store: Store) -> None:
    recommendations = scoreboard(project_store, "eif", kind="recommendation")
    assert recommendations.rows and {r.kind for r in recommendations.rows} == {"recommendation"}
    with pytest.raises(ValueError):
        scoreboard(project_store, "eif", kind="goal")
