"""Commands imported when used: each named command runs and helps as before, and `samverkan` itself starts without
importing them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from samverkan.cli.main import Commands, app


@pytest.mark.parametrize("name", list(Commands.lazy))
def test_a_named_command_is_found_and_helps(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"], prog_name="samverkan")
    assert result.exit_code == 0, result.output
    assert f"Usage: samverkan {name} " in result.output


def test_help_lists_every_command_once() -> None:
    listed = CliRunner().invoke(app, ["--help"]).output
    for name in [*Commands.lazy, "load", "query", "stats", "docs", "serve"]:
        assert listed.count(f"│ {name} ") == 1, name


def test_a_misspelt_command_is_matched_among_the_named_ones() -> None:
    result = CliRunner().invoke(app, ["rankngs"])
    assert result.exit_code == 2
    assert "Did you mean 'rankings'?" in result.output


def test_the_command_line_starts_without_the_commands_it_names() -> None:
    """Importing `samverkan.cli.main` (as `samverkan serve` does) leaves the named commands' modules and the
    libraries they use unimported."""
    heavy = sorted({target.split(":")[0] for target in Commands.lazy.values()} | {"networkx", "rdflib"})
    code = f"import sys, samverkan.cli.main; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert imported.split() == []
