"""What the command-line tests share: running `samverkan` in-process, and on-disk stores to point it at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samverkan.cli.main import app
from samverkan.store.embedded import EmbeddedStore


@pytest.fixture(scope="session")
def run() -> Callable[..., str]:
    """`run("gaps", "--store", d)`: the command's output; it must exit 0."""

    def invoke(*args: str) -> str:
        result = CliRunner().invoke(app, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


@pytest.fixture(scope="session")
def disk_store(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str, Callable[[EmbeddedStore], object]], str]:
    """`disk_store(name, fill)`: a new on-disk store filled by `fill`, closed, as a `--store` argument."""

    def make(name: str, fill: Callable[[EmbeddedStore], object]) -> str:
        location: Path = tmp_path_factory.mktemp(name)
        store = EmbeddedStore(location)
        fill(store)
        store.close()
        return str(location)

    return make
