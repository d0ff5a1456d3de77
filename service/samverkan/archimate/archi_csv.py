"""Archi's CSV import format: elements.csv, relations.csv and properties.csv (UTF-8, every value
quoted). Archi names relationship types with a `Relationship` suffix and puts the model itself in
the first row of elements.csv; a CSV name has one language, so the caller picks it."""

from __future__ import annotations

import csv
import io
import zipfile

from samverkan.archimate.exchange import (
    element_id,
    element_properties,
    model_id,
    relationship_id,
    relationship_properties,
)
from samverkan.archimate.model import Model, Names

CSV_FILES = ("elements", "relations", "properties")
ELEMENT_COLUMNS = ("ID", "Type", "Name", "Documentation", "Specialization")
RELATION_COLUMNS = ("ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization")
PROPERTY_COLUMNS = ("ID", "Key", "Value")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _name(names: Names, lang: str, fallback: str = "") -> str:
    return names.get(lang) or next(iter(sorted(names.values())), fallback)


def csv_tables(model: Model, lang: str) -> dict[str, list[tuple[str, ...]]]:
    """Rows (header first) of each of Archi's three files, names in `lang` where there is one."""
    elements: list[tuple[str, ...]] = [
        ELEMENT_COLUMNS,
        (model_id(model), "ArchimateModel", _name(model.names, lang), "", ""),
    ]
    elements += sorted(
        (element_id(e), e.concept, _name(e.names, lang, e.iri), "", "") for e in model.elements.values()
    )
    relations: list[tuple[str, ...]] = [RELATION_COLUMNS]
    relations += sorted(
        (
            relationship_id(r),
            f"{r.concept}Relationship",
            _name(r.names, lang),
            "",
            element_id(model.elements[r.source]),
            element_id(model.elements[r.target]),
            "",
        )
        for r in model.relationships.values()
    )
    properties: list[tuple[str, ...]] = [PROPERTY_COLUMNS]
    properties += sorted(
        (element_id(e), key, value) for e in model.elements.values() for key, value in element_properties(e)
    )
    properties += sorted(
        (relationship_id(r), key, value)
        for r in model.relationships.values()
        for key, value in relationship_properties(r)
    )
    return {"elements": elements, "relations": relations, "properties": properties}


def write_csv(rows: list[tuple[str, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_csv_zip(model: Model, lang: str) -> bytes:
    """The three files in one zip, with fixed timestamps so the bytes are stable."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in csv_tables(model, lang).items():
            info = zipfile.ZipInfo(f"{name}.csv", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, write_csv(rows))
    return buffer.getvalue()
