"""One call for the CLI and the service: a model by scope, written in the chosen format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from samverkan.archimate.archi_csv import csv_tables, write_csv, write_csv_zip
from samverkan.archimate.exchange import write_exchange
from samverkan.archimate.model import Scope, ScopeKind, build_model, names_of, scope_iri
from samverkan.store import Store

ExportFormat = Literal["xml", "csv"]
CsvFile = Literal["elements", "relations", "properties"]
MEDIA_TYPES = {"xml": "application/xml", "csv": "application/zip", "csv-file": "text/csv; charset=utf-8"}


@dataclass(frozen=True)
class Export:
    content: bytes
    media_type: str
    filename: str


def export_archimate(
    store: Store,
    kind: ScopeKind | None = None,
    ident: str | None = None,
    output: ExportFormat = "xml",
    lang: str = "sv",
    csv_file: CsvFile | None = None,
) -> Export:
    """The exchange file (xml), Archi's three CSV files in a zip (csv), or one of them (csv_file)."""
    scope = Scope(kind, scope_iri(kind, ident)) if kind and ident else None
    model = build_model(store, scope)
    stem = f"samverkan-{kind}-{scope.focus.rsplit('/', 1)[-1]}" if kind and scope else "samverkan"
    if output == "xml":
        return Export(write_exchange(model, names_of(store)), MEDIA_TYPES["xml"], f"{stem}.xml")
    if csv_file:
        return Export(
            write_csv(csv_tables(model, lang)[csv_file]), MEDIA_TYPES["csv-file"], f"{csv_file}.csv"
        )
    return Export(write_csv_zip(model, lang), MEDIA_TYPES["csv"], f"{stem}-csv.zip")
