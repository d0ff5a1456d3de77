"""`samverkan gaps` says whether each absence is established or only not recorded."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from samverkan.knowledge.loading import load_project
from samverkan.settings import Settings
from samverkan.store.embedded import EmbeddedStore

DiskStore = Callable[[str, Callable[[EmbeddedStore], object]], str]

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gaps" / "absence.trig"


@pytest.fixture(scope="module")
def store_dir(settings: Settings, tmp_path_factory: pytest.TempPathFactory, disk_store: DiskStore) -> str:
    data = tmp_path_factory.mktemp("absence-data")
    shutil.copy(FIXTURE, data / FIXTURE.name)
    return disk_store(
        "absence-store", lambda store: load_project(store, settings.model_copy(update={"data_dir": data}))
    )


def test_table_shows_established_and_not_recorded(run: Callable[..., str], store_dir: str) -> None:
    output = run("gaps", "GoalWithoutAccountableActor", "--lang", "en", "--store", store_dir)
    lines = {line.split("  ")[0]: line for line in output.splitlines()}
    assert "established" in lines["Goal read in full"]
    assert "Source read in full (full text)" in lines["Goal read in full"]
    assert "not recorded" in lines["Listed goal"] and "Metadata only (metadata only)" in lines["Listed goal"]
    assert "absence: established: every source that covers the thing was read in full" in output


def test_csv_and_swedish_words(run: Callable[..., str], store_dir: str) -> None:
    output = run("gaps", "GoalWithoutAccountableActor", "--format", "csv", "--store", store_dir)
    rows = {row["thing"]: row for row in csv.DictReader(io.StringIO(output))}
    assert rows["Läst mål"]["absence"] == "fastställd"
    assert rows["Listat mål"]["absence"] == "inte registrerad"


def test_summary_counts_per_rule(run: Callable[..., str], store_dir: str) -> None:
    output = run("gaps", "--format", "md", "--lang", "en", "--store", store_dir)
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in output.splitlines()]
    summary = {row[0]: row[1:] for row in cells if len(row) == 5}
    assert summary["Goal without an accountable actor"] == ["Warning", "5", "1", "4"]
    assert summary["Single point of failure"] == ["Info", "1", "", ""]
