"""The /gaps routes through FastAPI's test client, over the real project store."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store


@pytest.fixture(scope="module")
def client(settings: Settings, project_store: Store) -> TestClient:
    return TestClient(create_app(settings, project_store))


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
    assert rows[0] == ["thing", "value", "why", "sources"] and len(rows) == len(answer["rows"]) + 1
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
