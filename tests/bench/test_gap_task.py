"""The bench's gap figures: the task measures the cold and the kept report; the target reads the kept answer
where one was measured and shows the cold computation beside it. Structure only, no bound on the numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from samverkan.bench.report import targets
from samverkan.bench.synthetic import generate
from samverkan.bench.tasks import gaps

GAP_TARGETS = ("full gap report at 1M under 1 s embedded", "full gap report at 100k under 0.2 s embedded")


def test_the_task_measures_the_cold_and_the_kept_report(tmp_path: Path) -> None:
    (tmp_path / "data.nq").write_text("".join(generate(10_000)), encoding="utf-8")
    measured = gaps(tmp_path)
    assert measured["rules"] == 11 and measured["rows"] > 0
    assert isinstance(measured["seconds"], float)
    kept = measured["kept"]
    assert kept["mb"] > 0, "the kept report holds the rows"
    measured_rows = gap_rows(results(kept))
    assert len(measured_rows) == 2 and all(row[1].startswith("kept report: answer ") for row in measured_rows), (
        "the targets read the kept figures the task measured"
    )


def results(kept: dict[str, Any] | None) -> dict[str, Any]:
    """Results with the two scales the gap targets read, the cold report at 10 s and 2 s."""
    scales = []
    for triples, seconds in ((100_000, 2.0), (1_000_000, 10.0)):
        gap: dict[str, Any] = {"seconds": seconds, "rules": 11, "rows": 1}
        if kept is not None:
            gap["kept"] = kept
        scales.append(
            {
                "triples": triples,
                "gaps": {"samverkan": gap},
                "validate": {"samverkan": {}, "pyshacl": {}},
                "sparql": [],
            }
        )
    return {"scales": scales}


def gap_rows(found: dict[str, Any]) -> list[list[str]]:
    return [row for row in targets(found) if row[0] in GAP_TARGETS]


def test_the_target_reads_the_kept_answer_with_the_cold_beside_it() -> None:
    rows = gap_rows(results({"answer_ms": 0.004, "ready_after_write_seconds": 9.5, "mb": 120.0}))
    assert len(rows) == 2
    for _, measured, _, met in rows:
        assert measured.startswith("kept report: answer 0.004 ms, ready 9.500 s after a write")
        assert "cold computation" in measured
        assert met == "yes (kept); no (cold)"


def test_without_a_kept_figure_the_cold_one_decides() -> None:
    assert [row[3] for row in gap_rows(results(None))] == ["no", "no"]
