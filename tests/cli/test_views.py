"""`samverkan matrix`, `dashboard` and `scoreboard` on a store holding part of the real data."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from samverkan.cli.main import app
from samverkan.knowledge.loading import load_project
from samverkan.settings import Settings
from samverkan.store.embedded import EmbeddedStore

DiskStore = Callable[[str, Callable[[EmbeddedStore], object]], str]

DATA = Path(__file__).parents[2] / "data"
PART = [
    "frameworks/eif-2017.trig",
    "frameworks/samverkan-eif-alignment.trig",
    "frameworks/svenskt-ramverk.trig",
    "sources/skr-utveckling-i-en-digital-tid.trig",
    "assignments/2019-12-uppdrag-att-etablera-ett-nationellt-ramverk-for-grunddata-inom-den-offentliga-forvaltningen.trig",
]


@pytest.fixture(scope="module")
def store_dir(settings: Settings, tmp_path_factory: pytest.TempPathFactory, disk_store: DiskStore) -> str:
    data = tmp_path_factory.mktemp("views-data")
    for name in PART:
        shutil.copy(DATA / name, data / Path(name).name)
    return disk_store(
        "views-store", lambda store: load_project(store, settings.model_copy(update={"data_dir": data}))
    )


def test_matrix_lists_each_role_and_writes_a_workbook(
    run: Callable[..., str], store_dir: str, tmp_path: Path
) -> None:
    lines = list(csv.DictReader(io.StringIO(run("matrix", "--format", "csv", "--store", store_dir))))
    roles = {
        (line["actor"].rsplit("/", 1)[-1], line["code"])
        for line in lines
        if line["thing"].endswith("i2019-03307")
    }
    assert roles == {
        ("digg", "A"),
        ("bolagsverket", "R"),
        ("lantmateriet", "R"),
        ("msb", "R"),
        ("skatteverket", "R"),
    }
    only = run("matrix", "--actor", "digg", "--only-gaps", "--format", "csv", "--store", store_dir)
    assert len(list(csv.DictReader(io.StringIO(only)))) == 0, "the one assignment has one accountable actor"
    target = tmp_path / "matrix.xlsx"
    run("matrix", "--xlsx", str(target), "--per", "actor", "--lang", "en", "--store", store_dir)
    assert len(load_workbook(target).sheetnames) == 3 + len({line["actor"] for line in lines})


def test_scoreboard_and_dashboard(run: Callable[..., str], store_dir: str) -> None:
    lines = list(csv.DictReader(io.StringIO(run("scoreboard", "--format", "csv", "--store", store_dir))))
    assert len(lines) == 12 + 47
    assert all(line["aligned"] for line in lines if line["kind"] == "principle")
    figures = list(csv.DictReader(io.StringIO(run("dashboard", "--format", "csv", "--store", store_dir))))
    assert {line["figure"] for line in figures} >= {"rule", "ministry", "kind", "absence"}
    result = CliRunner().invoke(app, ["scoreboard", "--kind", "goal", "--store", store_dir])
    assert result.exit_code == 2
