"""`samverkan export archimate` and `samverkan import archimate` (in-memory store, real data)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from samverkan.cli.main import app

runner = CliRunner()


def test_export_then_import_writes_a_change_set(tmp_path: Path) -> None:
    exported = tmp_path / "strategy.xml"
    result = runner.invoke(
        app,
        ["export", "archimate", "--scope", "strategy", "digitaliseringsstrategin-2017", "-o", str(exported)],
    )
    assert result.exit_code == 0, result.output
    change_set = tmp_path / "change-set.trig"
    result = runner.invoke(app, ["import", "archimate", str(exported), "-o", str(change_set)])
    assert result.exit_code == 0, result.output
    assert "0 new elements, 0 new statements" in result.output
    assert "wasDerivedFrom" in change_set.read_text(encoding="utf-8")


def test_malformed_file_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text('<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/">\n<elements>\n</model>\n')
    change_set = tmp_path / "change-set.trig"
    result = runner.invoke(app, ["import", "archimate", str(broken), "-o", str(change_set)])
    assert result.exit_code == 2 and "line 3, column" in result.output
    assert not change_set.exists()


def test_unknown_scope_exits_2() -> None:
    result = runner.invoke(app, ["export", "archimate", "--scope", "actor", "nobody"])
    assert result.exit_code == 2 and "no actor" in result.output
