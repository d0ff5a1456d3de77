"""Browsing in a real headless Chromium: search, an entity page, a link, the language switch, and axe-core.

axe-core comes from npm (node_modules) and is injected into the same browser; pages may have no
serious or critical violations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from samverkan.settings import Settings

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BLOCKING = {"serious", "critical"}


def axe_violations(page: Page, axe_script: Path) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations of the page as it stands."""
    page.evaluate(axe_script.read_text(encoding="utf-8"))  # not a script tag: the pages' CSP refuses inline scripts
    results = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.browser
def test_search_open_follow_switch_language_and_check_accessibility(
    settings: Settings, served_page: Any
) -> None:
    axe_script = settings.assets_dir / "axe-core" / "axe.min.js"
    assert axe_script.is_file(), "axe-core is an npm devDependency: run `npm ci`"
    violations: dict[str, list[dict[str, Any]]] = {}
    ARTIFACTS.mkdir(exist_ok=True)
    page, base = served_page.page, served_page.base
    page.goto(f"{base}/")
    assert page.locator("html").get_attribute("lang") == "en", "Chromium asks for en-US (Accept-Language)"
    page.goto(f"{base}/?lang=sv")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip", "the skip link comes first"
    violations["landing"] = axe_violations(page, axe_script)

    page.get_by_label("Sök på namn").fill("Malmo")
    page.get_by_label("Sök på namn").press("Enter")
    page.get_by_role("link", name="Malmö kommun").click()
    assert page.url == f"{base}/id/municipality/1280"
    assert page.locator("h1").inner_text() == "Malmö kommun"
    violations["municipality"] = axe_violations(page, axe_script)

    page.locator("main").get_by_role("link", name="Sveriges Kommuner och Regioner").first.click()
    assert page.url == f"{base}/id/actor/skr"
    assert page.locator("h1").inner_text() == "Sveriges Kommuner och Regioner"

    page.click("#language-switch")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Swedish Association of Local Authorities and Regions"
    assert page.locator("figure.network svg").count() == 1
    violations["actor"] = axe_violations(page, axe_script)
    page.screenshot(path=str(ARTIFACTS / "entity-page.png"), full_page=True)

    page.get_by_role("link", name="Actors", exact=True).click()
    assert page.locator("html").get_attribute("lang") == "en", "the language is remembered"
    page.select_option("#filter-kind", "sam:Municipality")
    page.select_option("#filter-county", "12")
    page.get_by_role("button", name="Filter").click()
    assert "33 members" in page.locator("main").inner_text()
    violations["listing"] = axe_violations(page, axe_script)
    page.screenshot(path=str(ARTIFACTS / "listing-page.png"), full_page=True)
    assert {name: found for name, found in violations.items() if found} == {}
    assert served_page.requests_outside() == []
