"""Models made without validation: the models validation makes, sharing a set of field names per class."""

from __future__ import annotations

from samverkan.gaps.catalogue import GapRow, Ref, gap_report
from samverkan.gaps.unvalidated import made
from samverkan.store import Store


def test_a_made_model_is_the_validated_model() -> None:
    thing, source = Ref(iri="https://example.org/a", label="A"), Ref(iri="https://example.org/s", label="S")
    fields = {"thing": thing, "value": None, "why": "why", "sources": [source], "absence": None}
    row = made(GapRow, fields)
    validated = GapRow.model_validate(fields)
    assert row == validated
    assert row.model_dump_json() == validated.model_dump_json()
    assert row.model_fields_set == validated.model_fields_set == set(GapRow.model_fields)


def test_the_rows_of_a_report_share_their_parts(synthetic_project: Store) -> None:
    """One set of field names for every row, one list for the rows citing the same sources."""
    rows = [row for result in gap_report(synthetic_project, lang="en") for row in result.rows]
    assert len({id(row.model_fields_set) for row in rows}) == 1
    assert len(rows) > len({id(row.sources) for row in rows}) > 1
