"""The three views in headless Chromium: apply a filter, check the rows against SPARQL on the same store, and
run axe-core (no serious or critical violations)."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox
import pytest

from samverkan.gaps.catalogue import run_gap
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAMID

from .test_browse_browser import ARTIFACTS, axe_violations

FINANCE = f"{SAMID}actor/finansdepartementet"
UNDER_FINANCE = f"""PREFIX sam: <https://w3id.org/samverkan/ontology#>
SELECT DISTINCT ?thing WHERE {{
  ?r a sam:Responsibility ; sam:actor ?actor ; sam:responsibilityFor ?thing ; sam:role ?role .
  FILTER(?actor = <{FINANCE}> || EXISTS {{ ?actor sam:reportsTo <{FINANCE}> }})
}}"""


def column(store: Store, query: str, name: str) -> set[str]:
    answer = store.query(query)
    assert isinstance(answer, ox.QuerySolutions)
    return {row[name].value for row in answer}


def shown(page: Any, selector: str, attribute: str) -> set[str]:
    return set(page.eval_on_selector_all(selector, f"rows => rows.map(r => r.getAttribute('{attribute}'))"))


def check_accessibility(settings: Settings, page: Any, name: str) -> None:
    """No serious or critical axe-core violations; a screenshot for people to look at."""
    axe_script = settings.assets_dir / "axe-core" / "axe.min.js"
    assert axe_script.is_file(), "axe-core is an npm devDependency: run `npm ci`"
    assert axe_violations(page, axe_script) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"views-{name}.png"))


@pytest.mark.browser
def test_matrix_filtered_by_ministry(settings: Settings, project_store: Store, served_page: Any) -> None:
    page, base = served_page.page, served_page.base
    page.goto(f"{base}/views/matrix?lang=en")
    assert page.locator("h1").inner_text() == "Responsibility matrix"
    page.select_option("#filter-ministry", FINANCE)
    page.get_by_role("button", name="Filter").click()
    assert parse_qs(urlparse(page.url).query)["ministry"] == [FINANCE]
    assert page.locator("#matrix td.role-A").count() > 0, "accountable cells are coloured"
    check_accessibility(settings, page, "matrix")
    rows = shown(page, "#matrix tr[data-thing]", "data-thing")
    while page.locator("a[rel=next]").count():
        page.locator("a[rel=next]").click()
        rows |= shown(page, "#matrix tr[data-thing]", "data-thing")
    assert rows == column(project_store, UNDER_FINANCE, "thing"), "every page together holds the rows"
    assert served_page.requests_outside() == []


@pytest.mark.browser
def test_dashboard_bar_leads_to_its_rows(settings: Settings, project_store: Store, served_page: Any) -> None:
    page, base = served_page.page, served_page.base
    page.goto(f"{base}/views/dashboard?as-of=2026-06-01&since=2022-01-01")
    assert page.locator("figure.chart svg").count() == 5
    page.locator("#chart-rule svg a").first.click()
    rule = parse_qs(urlparse(page.url).query)["rule"][0]
    expected = {row.thing.iri for row in run_gap(project_store, rule, as_of="2026-06-01").rows}
    assert shown(page, "#dashboard-rows tr[data-thing]", "data-thing") == expected
    assert shown(page, "#dashboard-rows tr[data-rule]", "data-rule") == {rule}
    check_accessibility(settings, page, "dashboard")
    assert served_page.requests_outside() == []


@pytest.mark.browser
def test_scoreboard_only_what_nothing_carries(
    settings: Settings, project_store: Store, served_page: Any
) -> None:
    page, base = served_page.page, served_page.base
    page.goto(f"{base}/views/scoreboard?lang=sv")
    page.check("#filter-only-uncarried")
    page.get_by_role("button", name="Filtrera").click()
    example = (
        resources.files("samverkan") / "queries" / "tour" / "10-eif-items-nothing-carries.rq"
    ).read_text()
    assert shown(page, "#scoreboard tr[data-item]", "data-item") == column(project_store, example, "item")
    check_accessibility(settings, page, "scoreboard")
    assert served_page.requests_outside() == []
