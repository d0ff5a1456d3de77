"""The responsibility matrix as an XLSX workbook: the matrix as filtered, one sheet per choice of a
filter dimension when asked, roles coloured, a sheet with the filters and the role legend, and one
listing the sources."""

from __future__ import annotations

import io
import re
from functools import cache
from typing import TYPE_CHECKING

from samverkan.store import Store
from samverkan.views.matrix import DIMENSIONS, Matrix, MatrixFilters, matrix
from samverkan.views.queries import select_for

if TYPE_CHECKING:
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

ROLE_COLOURS = {"A": "F4B183", "R": "9DC3E6", "S": "C5E0B4", "C": "FFE699", "I": "D9D9D9"}
"""Fill colours of the role codes (the page uses the same)."""
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WORDS = {
    "sv": {"matrix": "Matris", "about": "Om", "sources": "Källor", "thing": "Sak", "kind": "Slag",
           "gap": "Lucka", "sheet": "Blad", "filters": "Filter", "role": "Roll", "code": "Kod",
           "source": "Källa", "url": "Webbadress", "iri": "IRI", "none": "inga"},
    "en": {"matrix": "Matrix", "about": "About", "sources": "Sources", "thing": "Thing", "kind": "Kind",
           "gap": "Gap", "sheet": "Sheet", "filters": "Filters", "role": "Role", "code": "Code",
           "source": "Source", "url": "Web address", "iri": "IRI", "none": "none"},
}  # fmt: skip


@cache
def fills() -> dict[str, PatternFill]:
    """The cell fill of each role code (openpyxl is imported when a workbook is made, not at start-up)."""
    from openpyxl.styles import PatternFill

    return {code: PatternFill("solid", fgColor=colour) for code, colour in ROLE_COLOURS.items()}


def matrix_workbook(
    store: Store, filters: MatrixFilters | None = None, per: str | None = None, lang: str = "sv"
) -> bytes:
    """The workbook: the matrix under `filters`, then one sheet per choice of dimension `per`."""
    if per is not None and per not in DIMENSIONS:
        raise ValueError(f"per is one of {', '.join(DIMENSIONS)}, not {per!r}")
    words = _WORDS.get(lang, _WORDS["en"])
    filters = filters or MatrixFilters()
    first = matrix(store, filters, lang)
    sheets: list[tuple[str, Matrix]] = [(words["matrix"], first)]
    if per:
        for option in first.options[per]:
            sheets.append((option.label, matrix(store, filters.choosing(per, option.value), lang)))
    from openpyxl import Workbook

    book = Workbook()
    about = book.active
    assert about is not None
    about.title = words["about"]
    names: set[str] = {about.title, words["sources"]}
    listed = []
    for title, result in sheets:
        name = _sheet_name(title, names)
        _matrix_sheet(book.create_sheet(name), result, words)
        listed.append((name, result))
    _about_sheet(about, listed, words)
    _sources_sheet(store, book.create_sheet(words["sources"]), [r for _, r in listed], words)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = _FORBIDDEN.sub(" ", title).strip()[:31] or "-"
    name, number = base, 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name


def _matrix_sheet(sheet: Worksheet, result: Matrix, words: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header = [words["thing"], words["kind"], words["gap"], *(a.label for a in result.actors)]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(text_rotation=90 if cell.column > 3 else 0, vertical="bottom")
    for index, actor in enumerate(result.actors, start=4):
        sheet.cell(row=1, column=index).hyperlink = actor.iri
    centre = Alignment(horizontal="center")
    for number, row in enumerate(result.rows, start=2):
        line = [row.thing.label, row.kind.label if row.kind else "", row.gap or ""]
        line += ["".join(c.code for c in row.cells.get(a.iri or "", [])) for a in result.actors]
        sheet.append(line)
        sheet.cell(row=number, column=1).hyperlink = row.thing.iri
        for index, actor in enumerate(result.actors, start=4):
            held = row.cells.get(actor.iri or "")
            if held:
                cell = sheet.cell(row=number, column=index)
                if held[0].code in fills():
                    cell.fill = fills()[held[0].code]
                cell.hyperlink = held[0].responsibility
                cell.alignment = centre
    sheet.freeze_panes = "D2"
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 18
    for index in range(4, len(result.actors) + 4):
        sheet.column_dimensions[get_column_letter(index)].width = 5


def _about_sheet(sheet: Worksheet, listed: list[tuple[str, Matrix]], words: dict[str, str]) -> None:
    from openpyxl.styles import Font

    sheet.append([words["sheet"], words["filters"]])
    for name, result in listed:
        sheet.append([name, "; ".join(f"{k}={v}" for k, v in result.filters.items()) or words["none"]])
    sheet.append([])
    sheet.append([words["code"], words["role"]])
    legend = len(listed) + 3
    for number, (code, role) in enumerate(listed[0][1].roles.items(), start=legend + 1):
        sheet.append([code, role.label])
        if code in fills():
            sheet.cell(row=number, column=1).fill = fills()[code]
    for cell in (*sheet[1], *sheet[legend]):
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 80


def _sources_sheet(store: Store, sheet: Worksheet, results: list[Matrix], words: dict[str, str]) -> None:
    from openpyxl.styles import Font

    sources = {s.iri: s.label for r in results for s in r.sources if s.iri}
    urls: dict[str, list[str]] = {}
    for row in select_for(store, "source-urls", sources):
        urls.setdefault(row["source"].value, []).append(row["url"].value)
    sheet.append([words["source"], words["iri"], words["url"]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for iri, label in sorted(sources.items(), key=lambda item: item[1].casefold()):
        sheet.append([label, iri, " ".join(sorted(urls.get(iri, [])))])
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 70
