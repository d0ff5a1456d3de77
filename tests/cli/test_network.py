"""`samverkan impact` and `samverkan rankings` on an on-disk store holding fixture graphs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from samverkan.cli.main import app
from samverkan.store.embedded import EmbeddedStore

DiskStore = Callable[[str, Callable[[EmbeddedStore], object]], str]

FIXTURES = Path(__file__).parents[1] / "fixtures" / "network"
ID = "https://w3id.org/samverkan/id/"


@pytest.fixture(scope="module")
def store_dir(disk_store: DiskStore) -> str:
    def fill(store: EmbeddedStore) -> None:
        for name in ("chain", "cycle"):
            store.load((FIXTURES / f"{name}.trig").read_bytes(), ox.RdfFormat.TRIG)

    return disk_store("network-store", fill)


def test_impact_table_explains_each_row(run: Callable[..., str], store_dir: str) -> None:
    output = run("impact", "a", "--lang", "en", "--store", store_dir)
    assert output.startswith("If Agency A fails: 6 at risk")
    assert "Agency A -[responsibleFor (responsible)]-> Component C <-[dependsOn]- Goal G" in output


def test_impact_json_and_markdown(run: Callable[..., str], store_dir: str) -> None:
    body = json.loads(run("impact", "a", "--format", "json", "--store", store_dir))
    assert len(body["items"]) == 6
    assert "| depth | category | at risk | because |" in run("impact", "a", "-f", "md", "--store", store_dir)


def test_unknown_actor_fails_with_a_hint(store_dir: str) -> None:
    result = CliRunner().invoke(app, ["impact", "qq", "--store", store_dir])
    assert result.exit_code == 2
    assert "did you mean q" in result.output


def test_rankings_lists_actors_and_cycles(run: Callable[..., str], store_dir: str) -> None:
    output = run("rankings", "--top", "2", "--lang", "en", "--store", store_dir)
    assert "Actors most relied on" in output and "Agency A" in output
    assert "Agency P -> Agency Q -> Agency R" in output
    body = json.loads(run("rankings", "-f", "json", "--store", store_dir))
    assert len(body["cycles"]) == 1
