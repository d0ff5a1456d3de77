"""A browser page on the project's service, for the headless Chromium tests of the web pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from samverkan.notebook.background import serving
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store


@dataclass
class ServedPage:
    """A Chromium page next to the service at `base`, recording every request that leaves it."""

    base: str
    page: Page
    requests: list[str]

    def requests_outside(self) -> list[str]:
        """Requests to anywhere but the service (inline `data:` URLs are not requests out)."""
        return [url for url in self.requests if not url.startswith(("data:", self.base))]


@pytest.fixture(scope="module")
def chromium(chromium_launch: dict[str, Any]) -> Iterator[Browser]:
    """One headless Chromium for a module's browser tests (each test opens its own context in it)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch)
        yield browser
        browser.close()


@pytest.fixture
def served_page(settings: Settings, project_store: Store, chromium: Browser) -> Iterator[ServedPage]:
    """A page in a fresh browser context (no cookies or storage from other tests) next to a fresh service."""
    with serving(create_app(settings, project_store)) as base:
        context = chromium.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        served = ServedPage(base, page, [])
        page.on("request", lambda request: served.requests.append(request.url))
        yield served
        context.close()
