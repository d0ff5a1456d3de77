"""The landing page, search over HTTP and the notebooks page."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store


@pytest.fixture(scope="module")
def client(settings: Settings, backend_store: Store) -> TestClient:
    return TestClient(create_app(settings, backend_store))


def test_landing_counts_by_class_and_source_and_links_the_tools(client: TestClient) -> None:
    page = client.get("/?lang=en")
    assert page.status_code == 200
    assert '<a href="/id/municipality/">municipality</a>' in page.text
    assert "290" in page.text
    assert 'href="/id/source/scb-kommunkoder"' in page.text
    for link in (
        'href="/gaps/report',
        'href="/sparql"',
        'href="/ontology"',
        'href="/notebooks"',
        'action="/search"',
    ):
        assert link in page.text


def test_sources_are_samverkans_own_with_titles_in_the_pages_language(client: TestClient) -> None:
    swedish, english = client.get("/?lang=sv").text, client.get("/?lang=en").text
    assert "Kommuner och län med kommunkoder och länskoder" in swedish
    assert "Municipalities and counties with their codes" in english
    assert "openlinksw" not in english and "virtrdf" not in english, "a server's own graphs are no sources"


def test_search_is_accent_insensitive_in_html_and_json(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Malmo", "lang": "sv"})
    assert page.status_code == 200 and 'href="/id/municipality/1280">Malmö kommun</a>' in page.text
    hits = client.get("/search", params={"q": "malmö"}, headers={"Accept": "application/json"}).json()
    assert hits[0]["iri"] == "https://w3id.org/samverkan/id/municipality/1280"
    assert client.get("/search", params={"q": "zzzz-nothing"}).status_code == 200


def test_notebooks_are_listed_and_served(settings: Settings, project_store: Store, tmp_path: Path) -> None:
    (tmp_path / "01-tour.ipynb").write_text('{"cells": []}', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a notebook", encoding="utf-8")
    client = TestClient(create_app(settings.model_copy(update={"notebooks_dir": tmp_path}), project_store))
    page = client.get("/notebooks?lang=en")
    assert "make notebooks" in page.text and 'href="/notebooks/01-tour.ipynb"' in page.text
    assert "notes.txt" not in page.text
    assert client.get("/notebooks/01-tour.ipynb").json() == {"cells": []}
    assert client.get("/notebooks/notes.txt").status_code == 404
    assert client.get("/notebooks/..%2Fsettings.py").status_code == 404
    empty = TestClient(
        create_app(settings.model_copy(update={"notebooks_dir": tmp_path / "none"}), project_store)
    )
    assert "no notebooks yet" in empty.get("/notebooks?lang=en").text


def test_vocabulary_page_and_json(client: TestClient) -> None:
    page = client.get("/vocabulary?lang=en")
    assert page.status_code == 200
    assert "The vocabulary in use" in page.text and 'href="/sparql#query=' in page.text
    assert 'href="/vocabulary"' in client.get("/?lang=en").text
    classes = client.get("/vocabulary", headers={"Accept": "application/json"}).json()
    municipality = next(c for c in classes if c["iri"].endswith("#Municipality"))
    assert {"iri", "label", "uses", "resources", "example", "query"} <= set(municipality["properties"][0])


def test_pages_follow_accept_language_unless_chosen(client: TestClient) -> None:
    def language(accept: str, query: str = "") -> str:
        client.cookies.clear()
        page = client.get(f"/{query}", headers={"Accept-Language": accept})
        return page.text.split('<html lang="', 1)[1].split('"', 1)[0]

    assert language("en-GB,en;q=0.9,sv;q=0.5") == "en"
    assert language("sv, en;q=0.8") == "sv"
    assert language("en;q=0.4, sv;q=0.9") == "sv"
    assert language("en", "?lang=sv") == "sv"
    assert language("de, fr;q=0.5") == "en", "neither offered: English"
    assert language("") == "sv"
    assert language("en;level=1;q=0.5, sv;q=0.8") == "sv", "q need not come first"


def test_favicon(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
