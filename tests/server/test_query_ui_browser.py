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


def _run(page: Any, query: str) -> None:
    page.evaluate("text => document.querySelector('.yasqe .CodeMirror').CodeMirror.setValue(text)", query)
    page.click(".yasqe_queryButton")


@pytest.mark.browser
def test_a_typed_prefixed_name_leads_to_the_local_page(served_page: Any) -> None:
    page = served_page.page
    page.goto(f"{served_page.base}/sparql?lang=en")
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.locator("header.site a.brand").get_attribute("href") == "/"
    assert page.locator("#examples optgroup").count() == 2
    _run(
        page,
        "PREFIX actor: <https://w3id.org/samverkan/id/actor/>\n"
        "PREFIX org: <http://www.w3.org/ns/org#>\n"
        "SELECT ?member WHERE { ?member org:memberOf actor:skr } LIMIT 3",
    )
    link = page.locator(".yasr table tbody a[href^='/id/']").first
    link.wait_for(timeout=20_000)
    href = link.get_attribute("href")
    assert href and href.startswith("/id/")
    link.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("main h1").count() == 1
    assert served_page.requests_outside() == []


@pytest.mark.browser
def test_a_syntax_error_reads_as_text_with_the_working_form(served_page: Any) -> None:
    page = served_page.page
    page.goto(f"{served_page.base}/sparql?lang=en")
    page.wait_for_selector(".yasqe .CodeMirror")
    _run(
        page,
        "PREFIX samid: <https://w3id.org/samverkan/id/>\nSELECT * WHERE { samid:actor/digg ?p ?o }",
    )
    error = page.locator(".samverkan-error")
    error.wait_for(timeout=20_000)
    text = error.inner_text()
    assert "line 2, column" in text and "write actor:digg" in text
    assert '{"detail"' not in text


@pytest.mark.browser
def test_choosing_an_example_loads_it(served_page: Any) -> None:
    page = served_page.page
    page.goto(f"{served_page.base}/sparql?lang=en")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.select_option("#examples", "0:2")
    value = page.evaluate("() => document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()")
    assert value.startswith("# Who is accountable")


@pytest.mark.browser
def test_results_use_the_kind_prefixes(served_page: Any) -> None:
    page = served_page.page
    page.goto(f"{served_page.base}/sparql?lang=en")
    page.wait_for_selector(".yasqe .CodeMirror")
    _run(page, "SELECT ?source WHERE { GRAPH ?source { ?s ?p ?o } } GROUP BY ?source ORDER BY ?source LIMIT 5")
    page.locator(".yasr table tbody tr").first.wait_for(timeout=20_000)
    cells = page.locator(".yasr table tbody a[href^='/id/source/']").all_inner_texts()
    assert cells and all(text.startswith("source:") for text in cells)
