"""The matrix workbook read back with openpyxl: sheets per filter choice, coloured roles, the sources."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from samverkan.store import Store
from samverkan.views.matrix import MatrixFilters, matrix
from samverkan.views.workbook import ROLE_COLOURS, matrix_workbook


def test_one_sheet_per_ministry_roles_coloured_and_sources_listed(project_store: Store) -> None:
    filters = MatrixFilters(strategy="digitaliseringsstrategi-2025-2030")
    book = load_workbook(io.BytesIO(matrix_workbook(project_store, filters, per="ministry", lang="en")))
    first = matrix(project_store, filters, "en")
    ministries = [o.label for o in first.options["ministry"]]
    assert book.sheetnames[:2] == ["About", "Matrix"] and book.sheetnames[-1] == "Sources"
    assert len(book.sheetnames) == 3 + len(ministries)
    sheet = book["Matrix"]
    assert [c.value for c in sheet[1]][3:] == [a.label for a in first.actors]
    for index, row in enumerate(first.rows, start=2):
        assert sheet.cell(index, 1).value == row.thing.label
        for column, actor in enumerate(first.actors, start=4):
            held = row.cells.get(actor.iri or "", [])
            cell = sheet.cell(index, column)
            assert (cell.value or "") == "".join(c.code for c in held)
            if held:
                assert cell.fill.fgColor.rgb.endswith(ROLE_COLOURS[held[0].code])
                assert cell.hyperlink.target == held[0].responsibility
    listed = {row[1].value for row in book["Sources"].iter_rows(min_row=2)}
    assert listed == {s.iri for s in first.sources}
    about = [[c.value for c in row] for row in book["About"].iter_rows()]
    assert about[1] == ["Matrix", "strategy=digitaliseringsstrategi-2025-2030"]


def test_an_unknown_dimension_is_refused(project_store: Store) -> None:
    with pytest.raises(ValueError):
        matrix_workbook(project_store, per="colour")


def test_the_legend_names_the_roles_of_the_ontology(project_store: Store) -> None:
    book = load_workbook(io.BytesIO(matrix_workbook(project_store, lang="en")))
    rows = [[c.value for c in row] for row in book["About"].iter_rows()]
    legend = rows[rows.index(["Code", "Role"]) + 1 :]
    assert legend == [
        ["A", "accountable"],
        ["R", "responsible"],
        ["S", "contributes"],
        ["C", "consulted"],
        ["I", "informed"],
    ]
