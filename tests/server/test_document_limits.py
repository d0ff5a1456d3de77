"""RDF documents that could take the parser down are refused before it runs; JSON-LD graphs are accepted (#18)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store.embedded import EmbeddedStore

TOKEN = "s3cret-token"
GRAPH = {"graph": "http://example.org/limits"}
DEEP_JSON_LD = (
    '{"@id": "http://example.org/a", "http://example.org/p": '
    + '{"http://example.org/p": ' * 5000
    + "1"
    + "}" * 5001
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + ']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">'
    '<rdf:Description rdf:about="http://example.org/a"><e:p>&j;</e:p></rdf:Description></rdf:RDF>'
)


@pytest.fixture(scope="module")
def client(settings: Settings) -> TestClient:
    store = EmbeddedStore()
    load_project(store, settings)
    configured = settings.model_copy(update={"update_token": SecretStr(TOKEN), "validate_writes": False})
    return TestClient(create_app(configured, store))


def writer(media_type: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}", "Content-Type": media_type}


def still_answers(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_deep_json_ld_is_not_validated(client: TestClient) -> None:
    response = client.post("/validate", content=DEEP_JSON_LD, headers={"Content-Type": "application/ld+json"})
    assert response.status_code == 400
    assert "SAMVERKAN_MAX_NESTING_DEPTH" in response.json()["detail"]
    still_answers(client)


def test_deep_json_ld_is_not_written(client: TestClient) -> None:
    response = client.put(
        "/graph-store", params=GRAPH, content=DEEP_JSON_LD, headers=writer("application/ld+json")
    )
    assert response.status_code == 400
    assert client.get("/graph-store", params=GRAPH).status_code == 404
    still_answers(client)


def test_rdf_xml_with_entities_is_refused(client: TestClient) -> None:
    response = client.put(
        "/graph-store", params=GRAPH, content=BILLION_LAUGHS, headers=writer("application/rdf+xml")
    )
    assert response.status_code == 400
    assert "DOCTYPE" in response.json()["detail"]
    assert client.get("/graph-store", params=GRAPH).status_code == 404
    still_answers(client)


def test_json_ld_graph_is_accepted_by_the_graph_store(client: TestClient) -> None:
    document = {"@id": "http://example.org/a", "http://example.org/p": "ä"}
    response = client.put(
        "/graph-store", params=GRAPH, content=json.dumps(document), headers=writer("application/ld+json")
    )
    assert response.status_code == 201
    read = client.get("/graph-store", params=GRAPH, headers={"Accept": "application/n-triples"})
    assert read.text.strip() == '<http://example.org/a> <http://example.org/p> "ä" .'
    assert client.delete("/graph-store", params=GRAPH, headers=writer("text/turtle")).status_code == 204


def test_json_ld_naming_other_graphs_is_refused(client: TestClient) -> None:
    document = {
        "@id": "http://example.org/elsewhere",
        "@graph": [{"@id": "http://example.org/a", "http://example.org/p": 1}],
    }
    response = client.put(
        "/graph-store", params=GRAPH, content=json.dumps(document), headers=writer("application/ld+json")
    )
    assert response.status_code == 400
    assert client.get("/graph-store", params={"graph": "http://example.org/elsewhere"}).status_code == 404


def test_validations_past_their_bound_are_503_at_once(settings: Settings) -> None:
    store = EmbeddedStore()
    full = TestClient(create_app(settings.model_copy(update={"max_running_validations": 0}), store))
    response = full.post(
        "/validate",
        content="<http://example.org/a> <http://example.org/p> 1 .",
        headers={"Content-Type": "text/turtle"},
    )
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert "SAMVERKAN_MAX_RUNNING_VALIDATIONS" in response.json()["detail"]
    assert full.get("/health").status_code == 200
