"""Writes that would add a Violation are refused with the report and change nothing; others pass (#18)."""

from __future__ import annotations

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from pydantic import SecretStr

from samverkan.cli.validate import refuse_violations
from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.server.write_check import CheckedWrites
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.validator import Validator

TOKEN = "s3cret-token"
WRITER = {"Authorization": f"Bearer {TOKEN}"}
GRAPH = "http://example.org/write-check"
UNLABELLED_ACTOR = f"""
PREFIX sam: <https://w3id.org/samverkan/ontology#>
INSERT DATA {{ GRAPH <{GRAPH}> {{ <https://w3id.org/samverkan/id/actor/write-check> a sam:Actor }} }}
"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def store(settings: Settings) -> Store:
    store = EmbeddedStore()
    load_project(store, settings)
    return store


@pytest.fixture(scope="module")
def client(settings: Settings, store: Store) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"update_token": SecretStr(TOKEN)}), store))


def quads(client: TestClient) -> int:
    answer = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "application/json"})
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_update_adding_a_violation_is_refused_and_changes_nothing(client: TestClient) -> None:
    before = quads(client)
    response = client.post("/sparql", data={"update": UNLABELLED_ACTOR}, headers=WRITER)
    assert response.status_code == 422
    report = response.json()["detail"]
    assert report["conforms"] is False
    assert any(r["focus"].endswith("/actor/write-check") for r in report["results"])
    assert quads(client) == before
    ask = client.get(
        "/sparql",
        params={"query": "ASK { <https://w3id.org/samverkan/id/actor/write-check> ?p ?o }"},
        headers={"Accept": "application/json"},
    )
    assert ask.json()["boolean"] is False, "nothing is left in the default graph either"


def test_graph_store_write_adding_a_violation_is_refused_and_changes_nothing(client: TestClient) -> None:
    body = "<https://w3id.org/samverkan/id/actor/write-check> a <https://w3id.org/samverkan/ontology#Actor> ."
    response = client.put(
        "/graph-store",
        params={"graph": GRAPH},
        content=body,
        headers={**WRITER, "Content-Type": "text/turtle"},
    )
    assert response.status_code == 422
    assert client.get("/graph-store", params={"graph": GRAPH}).status_code == 404


def test_write_without_violations_stays(client: TestClient) -> None:
    """An unchecked graph is refused (its claims have no described source); a claim in a source graph stays."""
    source = client.get(
        "/sparql",
        params={
            "query": "SELECT ?g WHERE { GRAPH ?g { ?g a <https://w3id.org/samverkan/ontology#SourceDocument> } } LIMIT 1"
        },
        headers={"Accept": "application/json"},
    ).json()["results"]["bindings"][0]["g"]["value"]
    triple = '<http://example.org/a> <http://example.org/p> "x"'
    before = quads(client)
    assert (
        client.post(
            "/sparql", data={"update": f"INSERT DATA {{ GRAPH <{source}> {{ {triple} }} }}"}, headers=WRITER
        ).status_code
        == 204
    )
    assert quads(client) == before + 1
    assert (
        client.post(
            "/sparql", data={"update": f"DELETE DATA {{ GRAPH <{source}> {{ {triple} }} }}"}, headers=WRITER
        ).status_code
        == 204
    )
    assert quads(client) == before
    assert (
        client.post(
            "/sparql", data={"update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {triple} }} }}"}, headers=WRITER
        ).status_code
        == 422
    )


def test_serve_reports_violations_in_a_store_that_held_the_data(settings: Settings) -> None:
    """A store written around the service (a Violation in it) is reported by serve, not refused."""
    broken = EmbeddedStore()
    load_project(broken, settings)
    broken.update(UNLABELLED_ACTOR)
    assert not refuse_violations(broken, refuse=False).conforms


def test_a_write_waits_for_the_one_before_it_only_a_bounded_time(store: Store) -> None:
    writes = CheckedWrites(store, wait=0.05)
    with writes._lock, pytest.raises(HTTPException) as refused:  # a write that does not end
        writes.apply(lambda: None, [GRAPH], Validator(store))
    assert refused.value.status_code == 503 and "retry-after" in {
        k.lower() for k in refused.value.headers or {}
    }
