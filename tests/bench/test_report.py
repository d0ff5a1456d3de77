"""The README's Performance section is rendered from the committed results (no bench run needed)."""

from __future__ import annotations

import json
from pathlib import Path

from samverkan.bench.report import README_BEGIN, with_readme_block

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_performance_section_is_true_to_the_committed_results() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    committed = json.loads((ROOT / "bench" / "results" / "latest.json").read_text(encoding="utf-8"))
    assert README_BEGIN in readme
    assert with_readme_block(readme, committed) == readme, "run `samverkan bench report --readme README.md`"
