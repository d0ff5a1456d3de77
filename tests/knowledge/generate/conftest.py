"""What the generator tests share: a fresh run of a generator into a folder, compared with data/generated."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from rdflib import Dataset

GENERATED = Path(__file__).resolve().parents[3] / "data" / "generated"


@pytest.fixture
def stale_outputs(tmp_path: Path) -> Callable[[str, Path, Iterable[str]], list[str]]:
    """`stale_outputs(module, csv, files)`: run `python -m module --csv csv --out-dir tmp`; the files of
    data/generated that differ from the fresh run (each with the command that refreshes it)."""

    def compare(module: str, csv: Path, files: Iterable[str]) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-m", module, "--csv", str(csv), "--out-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return [
            f"data/generated/{name} is stale: run python -m {module}"
            for name in files
            if (tmp_path / name).read_text(encoding="utf-8") != (GENERATED / name).read_text(encoding="utf-8")
        ]

    return compare


@pytest.fixture(scope="session")
def parse_generated() -> Callable[[Iterable[str]], Dataset]:
    """`parse_generated(files)`: the committed files of data/generated as one rdflib dataset (graphs kept)."""

    def parse(files: Iterable[str]) -> Dataset:
        dataset = Dataset()
        for name in files:
            dataset.parse(GENERATED / name, format="trig")
        return dataset

    return parse
