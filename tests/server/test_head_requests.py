"""HEAD is answered like GET, with the same status and headers and no body."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store


@pytest.fixture(scope="module")
def client(settings: Settings, project_store: Store) -> TestClient:
    return TestClient(create_app(settings, project_store))


@pytest.mark.parametrize("path", ["/", "/id/actor/skr", "/id/actor/", "/gaps/report", "/health", "/sparql"])
def test_head_mirrors_get(client: TestClient, path: str) -> None:
    get = client.get(path, headers={"Accept": "text/html"})
    head = client.head(path, headers={"Accept": "text/html"})
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_head_of_an_unknown_entity_is_404(client: TestClient) -> None:
    assert client.head("/id/actor/no-such-actor").status_code == 404


def test_head_of_rdf_keeps_the_length(client: TestClient) -> None:
    get = client.get("/id/actor/digg", headers={"Accept": "text/turtle"})
    head = client.head("/id/actor/digg", headers={"Accept": "text/turtle"})
    assert head.headers["content-length"] == get.headers["content-length"] == str(len(get.content))
