"""The responsibility matrix on the curated graph, checked against plain SPARQL on the same store."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from samverkan.store import Store
from samverkan.views.matrix import ACCOUNTABLE, Matrix, MatrixFilters, matrix, matrix_table
from samverkan.vocabulary.namespaces import SAM, SAMID

PREFIXES = "PREFIX sam: <https://w3id.org/samverkan/ontology#>\n"


def column(store: Store, query: str, name: str) -> set[str]:
    answer = store.query(PREFIXES + query)
    assert isinstance(answer, ox.QuerySolutions)
    return {row[name].value for row in answer}


def cells(result: Matrix) -> set[tuple[str, str, str]]:
    return {
        (row.thing.iri or "", actor, cell.responsibility)
        for row in result.rows
        for actor, held in row.cells.items()
        for cell in held
    }


def test_every_responsibility_with_a_role_is_one_cell(project_store: Store) -> None:
    expected = column(
        project_store,
        "SELECT ?r WHERE { ?r a sam:Responsibility ; sam:actor ?a ; sam:responsibilityFor ?t ; sam:role ?role }",
        "r",
    )
    result = matrix(project_store, lang="en")
    assert {responsibility for _, _, responsibility in cells(result)} == expected
    columns, lines = matrix_table(result)
    assert len(lines) == len(cells(result)) and columns[0] == "thing"
    assert {s.iri for s in result.sources} == column(
        project_store, "SELECT ?g WHERE { GRAPH ?g { ?r a sam:Responsibility ; sam:role ?role } }", "g"
    )


def test_ministry_keeps_the_actors_that_report_to_it(project_store: Store) -> None:
    ministry = f"{SAMID}actor/finansdepartementet"
    result = matrix(project_store, MatrixFilters(ministry="finansdepartementet"))
    under = column(project_store, f"SELECT ?a WHERE {{ ?a sam:reportsTo <{ministry}> }}", "a") | {ministry}
    assert result.rows
    assert {a.iri for a in result.actors} <= under
    expected = column(
        project_store,
        f"""SELECT ?t WHERE {{ ?r a sam:Responsibility ; sam:actor ?a ; sam:responsibilityFor ?t ; sam:role ?x .
            FILTER(?a = <{ministry}> || EXISTS {{ ?a sam:reportsTo <{ministry}> }}) }}""",
        "t",
    )
    assert {row.thing.iri for row in result.rows} == expected


def test_strategy_keeps_what_lies_within_it(project_store: Store) -> None:
    strategy = f"{SAMID}strategy/digitaliseringsstrategi-2025-2030"
    result = matrix(project_store, MatrixFilters(strategy=strategy))
    within = column(
        project_store,
        f"SELECT ?t WHERE {{ ?t (sam:serves|sam:subGoalOf|sam:inGoalArea|sam:partOfStrategy)* <{strategy}> }}",
        "t",
    )
    assert result.rows and {row.thing.iri for row in result.rows} <= within


def test_actor_keeps_its_rows_with_every_actor_in_them(project_store: Store) -> None:
    digg = f"{SAMID}actor/digg"
    result = matrix(project_store, MatrixFilters(actor="digg"))
    assert result.rows and all(digg in row.cells for row in result.rows)
    assert len(result.actors) > 1, "the other actors of DIGG's rows stay"


def test_kind_keeps_actors_of_that_class(project_store: Store) -> None:
    result = matrix(project_store, MatrixFilters(kind="sam:StateAgency"))
    agencies = column(project_store, "SELECT ?a WHERE { ?a a sam:StateAgency }", "a")
    assert result.actors and {a.iri for a in result.actors} <= agencies
    assert f"{SAM}StateAgency" in {o.value for o in result.options["kind"]}


def test_as_of_drops_responsibilities_not_valid_that_day(project_store: Store) -> None:
    ended = column(
        project_store,
        "SELECT ?r WHERE { ?r a sam:Responsibility ; sam:validUntil ?until FILTER(?until < '2024-01-01'^^<http://www.w3.org/2001/XMLSchema#date>) }",
        "r",
    )
    assert ended, "the curated graph has responsibilities that ended"
    later = {r for _, _, r in cells(matrix(project_store, MatrixFilters(as_of="2024-01-01")))}
    assert not ended & later
    with pytest.raises(ValueError):
        matrix(project_store, MatrixFilters(as_of="yesterday"))


def test_only_gaps_keeps_rows_without_exactly_one_accountable(project_store: Store) -> None:
    every = matrix(project_store)
    gaps = matrix(project_store, MatrixFilters(only_gaps=True))
    assert gaps.rows and len(gaps.rows) < len(every.rows)
    for row in every.rows:
        accountable = {a for a, held in row.cells.items() if any(c.role.iri == ACCOUNTABLE for c in held)}
        assert (row.gap is None) == (len(accountable) == 1)
    assert {row.thing.iri for row in gaps.rows} == {row.thing.iri for row in every.rows if row.gap}
