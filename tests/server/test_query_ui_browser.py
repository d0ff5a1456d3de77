"""The query UI in a real headless Chromium: open it, run a ready-made query, see rows."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from playwright.sync_api import sync_playwright

from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
def test_yasgui_runs_a_query_and_shows_rows(
    settings: Settings,
    project_store: Store,
    serve_app: Callable[[FastAPI], AbstractContextManager[str]],
    chromium_launch: dict[str, Any],
) -> None:
    requests_outside: list[str] = []
    with serve_app(create_app(settings, project_store)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch)
        page = browser.new_page()
        page.on(
            "request",
            lambda request: None if request.url.startswith(base) else requests_outside.append(request.url),
        )
        page.goto(f"{base}/sparql")
        page.wait_for_selector(".yasqe .CodeMirror")
        assert page.locator(".tabPanel, .tab").count() > 0
        page.click(".yasqe_queryButton")
        page.wait_for_selector(".yasr table tbody tr", timeout=20_000)
        rows = page.locator(".yasr table tbody tr").count()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "query-ui.png"), full_page=True)
        browser.close()
    assert rows > 0
    assert [url for url in requests_outside if not url.startswith("data:")] == []
