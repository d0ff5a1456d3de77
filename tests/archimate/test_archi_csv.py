"""Archi's CSV import format: three files, Archi's columns, every id known."""

from __future__ import annotations

import csv
import io
import zipfile

from samverkan.archimate.archi_csv import write_csv_zip
from samverkan.archimate.model import Model


def test_three_files_with_archis_columns(whole_model: Model) -> None:
    archive = zipfile.ZipFile(io.BytesIO(write_csv_zip(whole_model, "sv")))
    assert archive.namelist() == ["elements.csv", "relations.csv", "properties.csv"]
    tables = {
        name.removesuffix(".csv"): list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
        for name in archive.namelist()
    }
    assert tables["elements"][0] == ["ID", "Type", "Name", "Documentation", "Specialization"]
    assert tables["relations"][0] == [
        "ID",
        "Type",
        "Name",
        "Documentation",
        "Source",
        "Target",
        "Specialization",
    ]
    assert tables["properties"][0] == ["ID", "Key", "Value"]
    assert tables["elements"][1][1] == "ArchimateModel"
    element_ids = {row[0] for row in tables["elements"][2:]}
    assert len(element_ids) == len(whole_model.elements)
    assert all(row[1].endswith("Relationship") for row in tables["relations"][1:])
    assert all(row[4] in element_ids and row[5] in element_ids for row in tables["relations"][1:])
    relation_ids = {row[0] for row in tables["relations"][1:]}
    assert {row[0] for row in tables["properties"][1:]} <= element_ids | relation_ids


def test_zip_is_stable(whole_model: Model) -> None:
    assert write_csv_zip(whole_model, "en") == write_csv_zip(whole_model, "en")
