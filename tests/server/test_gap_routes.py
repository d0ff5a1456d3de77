"""The /gaps routes through FastAPI's test client, over the real project store and an absence fixture."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

ABSENCE = Path(__file__).parents[1] / "fixtures" / "gaps" / "absence.trig"


@pytest.fixture(scope="module")
def client(settings: Settings, backend_store: Store) -> TestClient:
    return TestClient(create_app(settings, backend_store))


@pytest.fixture(scope="module")
def absence_client(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """The service over the absence fixture: goals covered by sources read to different depths."""
    data = tmp_path_factory.mktemp("absence")
    shutil.copy(ABSENCE, data / ABSENCE.name)
    store = EmbeddedStore()
    load_project(store, settings.model_copy(update={"data_dir": data}))
    return TestClient(create_app(settings, store))


def test_catalogue(client: TestClient) -> None:
    rules = client.get("/gaps?lang=en").json()
    ids = {rule["short_id"] for rule in rules}
    assert {"GoalWithoutAccountableActor", "DependencyCycle", "OnlyAccountableActorCeased"} <= ids
    ceased = next(rule for rule in rules if rule["short_id"] == "OnlyAccountableActorCeased")
    assert {p["option"] for p in ceased["parameters"]} == {"as-of", "actor", "goal-area"}


def test_one_gap_in_three_formats(client: TestClient) -> None:
    answer = client.get("/gaps/RecommendationWithoutOwner?lang=en").json()
    assert answer["rule"]["name"] == "Recommendation without an owner"
    assert answer["rows"] and all(row["sources"] for row in answer["rows"])
    table = client.get("/gaps/RecommendationWithoutOwner", headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(table.text)))
    assert rows[0] == ["thing", "value", "why", "sources", "absence", "covered by"]
    assert len(rows) == len(answer["rows"]) + 1
    page = client.get("/gaps/RecommendationWithoutOwner", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "Rekommendation utan ägare" in page.text
    assert 'href="/id/recommendation/' in page.text and 'href="https://w3id.org' not in page.text


def test_parameters_are_query_parameters(client: TestClient) -> None:
    late = client.get("/gaps/MandatePastDeadline", params={"as-of": "2030-01-01"}).json()
    early = client.get("/gaps/MandatePastDeadline", params={"as-of": "2000-01-01"}).json()
    assert late["rows"] and not early["rows"] and late["parameters"] == {"as-of": "2030-01-01"}
    assert client.get("/gaps/MandatePastDeadline", params={"as-of": "not a date"}).status_code == 400
    assert client.get("/gaps/PrincipleNotRealised", params={"actor": "digg"}).status_code == 400
    assert client.get("/gaps/NoSuchGap").status_code == 404


def test_whole_report_as_html_and_markdown(client: TestClient) -> None:
    rules = client.get("/gaps?lang=en").json()
    page = client.get("/gaps/report?lang=en", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert all(rule["name"] in page.text for rule in rules)
    markdown = client.get("/gaps/report", headers={"Accept": "text/markdown"})
    assert markdown.headers["content-type"].startswith("text/markdown") and markdown.text.startswith("## ")
    assert client.get("/gaps/report?format=md").text == markdown.text


def test_openapi_documents_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/gaps", "/gaps/report", "/gaps/{gap_id}"} <= set(paths)
    assert "GapResult" in str(paths["/gaps/{gap_id}"]["get"]["responses"]["200"])


def test_rows_say_whether_an_absence_is_established(absence_client: TestClient) -> None:
    rules = {rule["short_id"]: rule for rule in absence_client.get("/gaps?lang=en").json()}
    assert rules["GoalWithoutAccountableActor"]["settled_by_full_reading"]
    assert not rules["SinglePointOfFailure"]["absence_rule"]
    answer = absence_client.get("/gaps/GoalWithoutAccountableActor?lang=en").json()
    absence = {row["thing"]["label"]: row["absence"] for row in answer["rows"]}
    assert absence["Goal read in full"]["status"] == "established"
    assert absence["Goal read in full"]["covered_by"][0]["depth"]["label"] == "full text"
    assert absence["Listed goal"]["status"] == "not-recorded"
    single = absence_client.get("/gaps/SinglePointOfFailure").json()
    assert [row["absence"] for row in single["rows"]] == [None]
    table = absence_client.get("/gaps/GoalWithoutAccountableActor?lang=en", headers={"Accept": "text/csv"})
    cells = {row["thing"]: row for row in csv.DictReader(io.StringIO(table.text))}
    assert cells["Goal read in full"]["absence"] == "established"
    assert cells["Listed goal"]["covered by"] == "Metadata only (metadata only)"


def test_report_page_and_markdown_show_the_distinction(absence_client: TestClient) -> None:
    page = absence_client.get("/gaps/report?lang=en", headers={"Accept": "text/html"}).text
    assert 'id="absence-legend"' in page and "every source that covers the thing was read in full" in page
    assert '<td class="absence-established">established</td>' in page
    assert '<td class="absence-not-recorded">not recorded</td>' in page
    swedish = absence_client.get("/gaps/report?format=md&lang=sv").text
    assert "| Mål utan ytterst ansvarig | Warning | 5 | 1 | 4 |" in swedish
    assert "fastställd: varje källa som täcker saken lästes i sin helhet" in swedish


def test_entity_page_shows_the_distinction(absence_client: TestClient) -> None:
    read = absence_client.get("/id/test/goal-read?lang=en", headers={"Accept": "text/html"}).text
    assert '<span class="absence-established">established</span>' in read
    assert "Source read in full</a> (full text)" in read
    listed = absence_client.get("/id/test/goal-listed?lang=en", headers={"Accept": "text/html"}).text
    assert '<span class="absence-not-recorded">not recorded</span>' in listed


def test_report_page_in_the_site_frame_with_as_of_and_natural_order(client: TestClient) -> None:
    page = client.get("/gaps/report?lang=en&as-of=2020-06-30", headers={"Accept": "text/html"}).text
    assert '<header class="site">' in page and "<h1>Governance gaps</h1>" in page
    assert 'name="as-of" type="date" value="2020-06-30"' in page and "As of: <strong>2020-06-30</strong>" in page
    summary = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert summary.count("<tr>") >= 10, "counts per gap at the top"
    client.cookies.clear()
    swedish = client.get("/gaps/report", headers={"Accept": "text/html", "Accept-Language": "sv"}).text
    assert "<h1>Styrningsluckor</h1>" in swedish and "Lucka" in swedish
    owners = page.split('id="RecommendationWithoutOwner"', 1)[1].split("</section>", 1)[0]
    numbers = [
        int(label.rsplit(" ", 1)[1])
        for label in re.findall(r">(EIF recommendation \d+)</a>", owners)
    ]
    assert len(numbers) > 10 and numbers == sorted(numbers)


def test_whole_report_after_a_write_is_never_the_kept_one(settings: Settings) -> None:
    """With the service running (its thread keeping the report), a write's goal is in the next report,
    in Markdown and on the entity page, and it is gone from them after the write that removes it."""
    store = EmbeddedStore()
    load_project(store, settings)
    token = "kept-report-token"
    writer = {"Authorization": f"Bearer {token}"}
    goal, graph = (
        "https://w3id.org/samverkan/id/goal/kept-route-test",
        "https://w3id.org/samverkan/id/test/kept",
    )
    insert = (
        "PREFIX sam: <https://w3id.org/samverkan/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f'INSERT DATA {{ GRAPH <{graph}> {{ <{goal}> a sam:Goal ; rdfs:label "Kept route goal"@en }} }}'
    )
    app = create_app(
        settings.model_copy(update={"update_token": SecretStr(token), "validate_writes": False}), store
    )
    with TestClient(app) as running:
        assert "Kept route goal" not in running.get("/gaps/report?format=md&lang=en").text
        assert running.post("/sparql", data={"update": insert}, headers=writer).status_code == 204
        assert "Kept route goal" in running.get("/gaps/report?format=md&lang=en").text
        page = running.get(
            "/id/goal/kept-route-test", headers={"Accept": "text/html", "Accept-Language": "en"}
        )
        assert "GoalWithoutAccountableActor" in page.text or "No one is accountable" in page.text
        drop = f"DROP GRAPH <{graph}>"
        assert running.post("/sparql", data={"update": drop}, headers=writer).status_code == 204
        assert "Kept route goal" not in running.get("/gaps/report?format=md&lang=en").text
