"""The query UI in a real headless Chromium: open it, run a ready-made query, see rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
def test_yasgui_runs_a_query_and_shows_rows(served_page: Any) -> None:
    page = served_page.page
    page.goto(f"{served_page.base}/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.locator(".tabPanel, .tab").count() > 0
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr", timeout=20_000)
    assert page.locator(".yasr table tbody tr").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "query-ui.png"), full_page=True)
    assert served_page.requests_outside() == []
