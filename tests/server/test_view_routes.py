"""The /views routes through FastAPI's test client over the real project store: JSON, CSV, XLSX, pages."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.views.matrix import MatrixFilters, matrix
from samverkan.views.scoreboard import scoreboard


@pytest.fixture(scope="module")
def client(settings: Settings, project_store: Store) -> TestClient:
    return TestClient(create_app(settings, project_store))


def test_matrix_as_json_csv_and_xlsx(client: TestClient, project_store: Store) -> None:
    expected = matrix(project_store, MatrixFilters(ministry="finansdepartementet"), "en")
    answer = client.get("/views/matrix", params={"ministry": "finansdepartementet", "lang": "en"})
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["rows"] == expected.model_dump()["rows"]
    table = client.get("/views/matrix", params={"ministry": "finansdepartementet", "format": "csv"})
    lines = list(csv.DictReader(io.StringIO(table.text)))
    assert len(lines) == sum(len(held) for row in expected.rows for held in row.cells.values())
    book = client.get("/views/matrix", params={"format": "xlsx", "per": "framework", "lang": "en"})
    assert book.headers["content-disposition"].startswith("attachment")
    sheets = load_workbook(io.BytesIO(book.content)).sheetnames
    assert sheets[:2] == ["About", "Matrix"] and len(sheets) == 3 + len(expected.options["framework"])


def test_dashboard_figures_and_rows(client: TestClient) -> None:
    figures = client.get("/views/dashboard", params={"as-of": "2026-06-01", "format": "json"}).json()
    rule = figures["figures"]["rule"][0]
    rows = client.get(
        "/views/dashboard",
        params={"as-of": "2026-06-01", "rule": rule["key"], "format": "csv", "table": "rows"},
    )
    assert len(list(csv.DictReader(io.StringIO(rows.text)))) == rule["count"]
    page = client.get("/views/dashboard", params={"as-of": "2026-06-01"}, headers={"accept": "text/html"})
    assert page.text.count("<svg") == 4 and f"rule={rule['key']}" in page.text


def test_scoreboard_and_refusals(client: TestClient, project_store: Store) -> None:
    answer = client.get("/views/scoreboard", params={"only-uncarried": "true"}).json()
    assert [r["item"] for r in answer["rows"]] == [
        r.item.model_dump() for r in scoreboard(project_store, only_uncarried=True).rows
    ]
    assert client.get("/views/scoreboard", params={"kind": "goal"}).status_code == 400
    assert client.get("/views/matrix", params={"as-of": "someday"}).status_code == 400
    assert client.get("/views/matrix", params={"format": "pdf"}).status_code == 400
    assert client.get("/views/dashboard", headers={"accept": "image/png"}).status_code == 406
    assert client.get("/views", headers={"accept": "text/html"}).status_code == 200


def test_matrix_page_shows_a_hundred_rows_at_a_time(client: TestClient, project_store: Store) -> None:
    whole = matrix(project_store, lang="en")
    assert len(whole.rows) > 100, "the curated matrix spans pages"
    first = client.get("/views/matrix", params={"lang": "en"}, headers={"accept": "text/html"}).text
    second = client.get(
        "/views/matrix", params={"lang": "en", "page": 2}, headers={"accept": "text/html"}
    ).text
    assert first.count("<tr data-thing=") == 100
    assert second.count("<tr data-thing=") == len(whole.rows) - 100 if len(whole.rows) <= 200 else 100
    assert f'data-thing="{whole.rows[100].thing.iri}"' in second and 'rel="prev"' in second


def test_an_actor_page_links_to_its_matrix(client: TestClient) -> None:
    page = client.get("/id/actor/digg", params={"lang": "en"}, headers={"accept": "text/html"}).text
    link = "/views/matrix?actor=https%3A//w3id.org/samverkan/id/actor/digg"
    assert link in page
    rows = client.get(link.replace("?", "?format=json&")).json()["rows"]
    assert rows and all("https://w3id.org/samverkan/id/actor/digg" in row["cells"] for row in rows)
