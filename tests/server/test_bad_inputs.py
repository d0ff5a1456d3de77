"""Inputs that were 500s get their 4xx; answers carry security headers and no paths, hosts or script links (#18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from samverkan.knowledge.loading import load_project
from samverkan.server import entity_routes
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def client(settings: Settings, project_store: Store) -> TestClient:
    return TestClient(create_app(settings, project_store))


def still_answers(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


@pytest.mark.parametrize("accept", ["text/html", "text/turtle"])
@pytest.mark.parametrize("path", ["/id/actor/a%20b", "/id/actor/%3Cx%3E", "/id/actor/a%7Bb"])
def test_entity_path_that_is_no_iri_is_404(client: TestClient, path: str, accept: str) -> None:
    assert client.get(path, headers={"Accept": accept}).status_code == 404
    still_answers(client)


def test_gap_report_for_unknown_actor_and_framework_is_no_500(client: TestClient) -> None:
    response = client.get(
        "/gaps/report", params={"actor": "x", "framework": "y"}, headers={"Accept": "text/html"}
    )
    assert response.status_code in {200, 400, 404}
    still_answers(client)


def test_missing_entity_page_searches_a_bounded_number_of_words(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    searches: list[str] = []
    real_search = entity_routes.search

    def counting(*args: Any, **kwargs: Any) -> Any:
        searches.append(args[1])
        return real_search(*args, **kwargs)

    monkeypatch.setattr(entity_routes, "search", counting)
    slug = "-".join(f"word{i}" for i in range(200))
    assert client.get(f"/id/actor/{slug}", headers={"Accept": "text/html"}).status_code == 404
    assert len(searches) <= entity_routes.GUESS_WORDS + 1


@pytest.mark.parametrize("path", ["/", "/sparql", "/health", "/id/actor/digg", "/no-such-page"])
def test_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path, headers={"Accept": "text/html"}).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]


def test_health_names_no_filesystem_path(settings: Settings, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    on_disk = TestClient(create_app(settings.model_copy(update={"store": str(tmp_path / "store")}), store))
    answer = on_disk.get("/health")
    assert answer.json()["store"] == "on-disk"
    assert str(tmp_path) not in answer.text


def test_query_ui_does_not_echo_the_host(client: TestClient) -> None:
    page = client.get("/sparql", headers={"Accept": "text/html", "Host": "attacker.example"})
    assert page.status_code == 200
    assert "attacker.example" not in page.text


def test_only_http_objects_are_links_on_entity_pages(settings: Settings) -> None:
    store = EmbeddedStore()
    load_project(store, settings)
    store.update(
        "INSERT DATA { GRAPH <http://example.org/g> { "
        "<https://w3id.org/samverkan/id/actor/digg> <http://example.org/see> <javascript:alert(1)> , <https://example.org/ok> } }"
    )
    page = TestClient(create_app(settings, store)).get("/id/actor/digg", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "javascript:alert(1)" in page.text
    assert 'href="javascript:' not in page.text
    assert 'href="https://example.org/ok"' in page.text


def test_default_graph_read_is_cut_at_the_result_limit(settings: Settings, project_store: Store) -> None:
    small = TestClient(create_app(settings.model_copy(update={"result_limit": 5}), project_store))
    answer = small.get("/graph-store", params={"default": ""}, headers={"Accept": "application/n-triples"})
    assert answer.status_code == 200
    assert len(answer.text.strip().splitlines()) == 5
    assert "cut at 5" in answer.headers["samverkan-result-truncated"]


def test_named_graph_read_is_cut_at_the_result_limit(settings: Settings, project_store: Store) -> None:
    small = TestClient(create_app(settings.model_copy(update={"result_limit": 5}), project_store))
    graph = max(project_store.graph_sizes().items(), key=lambda item: item[1])[0]
    answer = small.get("/graph-store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert answer.status_code == 200
    assert len(answer.text.strip().splitlines()) == 5
    assert "cut at 5" in answer.headers["samverkan-result-truncated"]
    whole = TestClient(create_app(settings, project_store)).get(
        "/graph-store", params={"graph": graph}, headers={"Accept": "application/n-triples"}
    )
    assert "samverkan-result-truncated" not in whole.headers
    assert len(whole.text.strip().splitlines()) == project_store.graph_sizes()[graph]


def test_a_route_past_its_deadline_is_503_and_the_service_answers(
    settings: Settings, project_store: Store
) -> None:
    hurried = TestClient(create_app(settings.model_copy(update={"route_timeout": 0.001}), project_store))
    answer = hurried.get("/gaps/report", headers={"Accept": "application/json"})
    assert answer.status_code == 503
    assert "SAMVERKAN_ROUTE_TIMEOUT" in answer.json()["detail"]
    assert hurried.get("/health").status_code == 200
    still_answers(hurried)


def test_routes_past_the_running_bound_are_503_at_once(settings: Settings, project_store: Store) -> None:
    full = TestClient(create_app(settings.model_copy(update={"max_running_requests": 0}), project_store))
    answer = full.get("/network/rankings")
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "1"
    assert full.get("/health").status_code == 200
    still_answers(full)
