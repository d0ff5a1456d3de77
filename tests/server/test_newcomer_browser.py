"""A newcomer's paths in a real headless Chromium, with axe-core on each new page.

Type `actor:digg` in the query UI and follow a result to its page; open the vocabulary in use; find
municipality 2584 by its code; read what a source states; open the gap report in English as of a date;
see what is at risk if an actor fails.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.server.test_browse_browser import axe_violations

from samverkan.settings import Settings


@pytest.mark.browser
def test_a_newcomer_finds_the_way(settings: Settings, served_page: Any) -> None:
    axe_script = settings.assets_dir / "axe-core" / "axe.min.js"
    page, base = served_page.page, served_page.base
    violations: dict[str, list[dict[str, Any]]] = {}

    page.goto(f"{base}/sparql?lang=en")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.evaluate(
        "text => document.querySelector('.yasqe .CodeMirror').CodeMirror.setValue(text)",
        "SELECT ?property ?value WHERE { actor:digg ?property ?value } LIMIT 20",
    )
    page.click(".yasqe_queryButton")
    result = page.locator(".yasr table tbody a[href^='/id/']").first
    result.wait_for(timeout=20_000)
    editor = page.evaluate("() => document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()")
    assert "PREFIX actor: <https://w3id.org/samverkan/id/actor/>" in editor, "declared before sending"
    violations["query UI"] = axe_violations(page, axe_script)
    href = result.get_attribute("href")
    result.click()
    page.wait_for_url(f"{base}{href}")
    assert page.request.get(f"{base}{href}").status == 200, "a real page, not the 404 page"

    page.goto(f"{base}/?lang=en")
    page.get_by_role("link", name="The vocabulary in use: classes and their properties").click()
    assert page.locator("h1").inner_text() == "The vocabulary in use"
    assert page.locator("main table").count() > 5
    violations["vocabulary"] = axe_violations(page, axe_script)

    page.get_by_label("Search", exact=True).fill("2584")
    page.get_by_label("Search", exact=True).press("Enter")
    first = page.locator("main ol li a").first
    assert first.inner_text() == "Kiruna Municipality"
    first.click()
    assert page.url == f"{base}/id/municipality/2584"

    page.goto(f"{base}/id/source/sfs-2018-1486?lang=en")
    contents = page.locator("section[aria-labelledby='contents-heading']")
    assert "What this source states" in contents.inner_text()
    assert contents.locator("a[href='/id/actor/digg']").count() == 1
    violations["source"] = axe_violations(page, axe_script)

    page.goto(f"{base}/gaps/report?lang=en")
    page.fill("#as-of", "2020-06-30")
    page.get_by_role("button", name="Show").click()
    assert "as-of=2020-06-30" in page.url
    assert page.locator("h1").inner_text() == "Governance gaps"
    assert "As of: 2020-06-30" in page.locator("main p").first.inner_text()
    violations["gap report"] = axe_violations(page, axe_script)

    page.goto(f"{base}/network/impact/lantmateriet?lang=en")
    assert page.locator("h1").inner_text().startswith("What is at risk if this actor fails")
    violations["impact"] = axe_violations(page, axe_script)

    assert {name: found for name, found in violations.items() if found} == {}
    assert served_page.requests_outside() == []
