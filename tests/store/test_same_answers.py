"""The analyses give the same answers on every backend: the gap report and the validation report of
the curated graph from `oxigraph serve` and Virtuoso equal those of the embedded store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from samverkan.gaps.catalogue import gap_report
from samverkan.store import Store
from samverkan.validation.validator import Validator

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _gaps(store: Store) -> list[tuple[str, list[tuple[str, ...]]]]:
    return [
        (result.rule.id, sorted(tuple(sorted(map(str, row.model_dump().items()))) for row in result.rows))
        for result in gap_report(store, as_of="2026-01-01", lang="en")
    ]


def _findings(store: Store) -> list[tuple[str, ...]]:
    report = Validator(store).validate_store(store, lang="en")
    return sorted(tuple(sorted(map(str, result.model_dump().items()))) for result in report.results)


def test_gap_report_equals_the_embedded_stores(backend_store: Store, project_store: Store) -> None:
    if backend_store is project_store:
        pytest.skip("the embedded store is the reference")
    assert _gaps(backend_store) == _gaps(project_store)


def test_validation_report_equals_the_embedded_stores(backend_store: Store, project_store: Store) -> None:
    if backend_store is project_store:
        pytest.skip("the embedded store is the reference")
    assert _findings(backend_store) == _findings(project_store)


def test_counts_over_the_default_graph_are_counts_of_distinct_triples(backend_store: Store) -> None:
    """A triple several sources state is one solution: the union default graph is a set on every store."""
    answer = backend_store.query("SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT *) AS ?d) WHERE { ?s ?p ?o }")
    assert isinstance(answer, ox.QuerySolutions)
    row = next(iter(answer))
    assert int(row["n"].value) == int(row["d"].value) > 0


TOUR = sorted((Path(__file__).parents[2] / "service/samverkan/queries/tour").glob("*.rq"))


@pytest.mark.parametrize("query", TOUR, ids=[path.stem for path in TOUR])
def test_tour_queries_have_the_same_rows_on_every_store(
    query: Path, backend_store: Store, project_store: Store
) -> None:
    """The query UI's examples as a user pastes them: the same rows, none doubled by a store."""
    if backend_store is project_store:
        pytest.skip("the embedded store is the reference")
    text = query.read_text(encoding="utf-8")
    assert _rows(backend_store, text) == _rows(project_store, text)


def _rows(store: Store, sparql: str) -> list[tuple[str, ...]]:
    answer = store.query(sparql)
    assert isinstance(answer, ox.QuerySolutions)
    return sorted(tuple(_comparable(term) for term in row) for row in answer)


def _comparable(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """The term as text; a simple literal's words sorted, since SPARQL leaves the order of the strings a
    GROUP_CONCAT joins unspecified (the stores differ)."""
    if isinstance(term, ox.Literal) and term.datatype == ox.NamedNode(XSD_STRING) and not term.language:
        return " ".join(sorted(term.value.split(" ")))
    return str(term)
