"""The SPARQL 1.1 Protocol endpoint over the curated graph, through FastAPI's test client."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store.embedded import EmbeddedStore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TOKEN = "s3cret-token"


@pytest.fixture
def client(settings: Settings) -> TestClient:
    store = EmbeddedStore()
    load_project(store, settings)
    configured = settings.model_copy(
        update={"update_token": SecretStr(TOKEN), "max_body_bytes": 4096, "validate_writes": False}
    )
    return TestClient(create_app(configured, store))


def _count(client: TestClient) -> int:
    response = client.get(
        "/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"}
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_direct_post_agree(client: TestClient) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    by_get = client.get("/sparql", params={"query": COUNT}, headers=accept).json()
    by_form = client.post("/sparql", data={"query": COUNT}, headers=accept).json()
    direct = client.post(
        "/sparql", content=COUNT, headers={**accept, "Content-Type": "application/sparql-query"}
    ).json()
    assert by_get == by_form == direct
    assert int(by_get["results"]["bindings"][0]["n"]["value"]) > 1000


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.9, text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv", "text/csv"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_negotiation_honours_q_values(client: TestClient, accept: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"


def test_format_parameter_and_406(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": COUNT, "format": "csv"}).text.startswith("n\r\n")
    refused = client.get("/sparql", params={"query": COUNT, "format": "turtle"})
    assert refused.status_code == 406
    assert "turtle" in refused.json()["detail"]
    assert client.get("/sparql", params={"query": COUNT}, headers={"Accept": "image/png"}).status_code == 406


def test_construct_in_rdf_formats(client: TestClient) -> None:
    query = "CONSTRUCT WHERE { <https://w3id.org/samverkan/id/actor/digg> ?p ?o }"
    turtle = client.get("/sparql", params={"query": query}, headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "Myndigheten för digital förvaltning" in turtle.text
    jsonld = client.get("/sparql", params={"query": query, "format": "jsonld"})
    assert isinstance(json.loads(jsonld.text), list | dict)


def test_malformed_query_is_400_with_position(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n ?s ?p }"})
    assert response.status_code == 400
    assert "line 2" in response.json()["detail"]


def test_service_description_and_query_ui(client: TestClient) -> None:
    description = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert "sd:Service" in description.text and "UnionDefaultGraph" in description.text
    page = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    assert "/assets/yasgui/yasgui.min.js" in page.text and "cdn" not in page.text.lower()


def test_updates_need_the_token_and_apply_atomically(client: TestClient) -> None:
    update = (
        'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> "x" } }'
    )
    before = _count(client)
    assert client.post("/sparql", data={"update": update}).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post("/sparql", data={"update": update}, headers=wrong).status_code == 403
    bad = client.post(
        "/sparql",
        data={"update": update + " ; INSERT DATA { <a> }"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert bad.status_code == 400
    assert _count(client) == before
    ok = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 204
    assert _count(client) == before + 1


@pytest.mark.parametrize(
    ("update", "named"),
    [
        (
            "CREATE GRAPH <https://w3id.org/samverkan/ontology>",
            "<https://w3id.org/samverkan/ontology> already exists",
        ),
        ("DROP GRAPH <http://example.org/none>", "<http://example.org/none> does not exist"),
    ],
)
def test_an_update_the_engine_cannot_carry_out_is_400_and_changes_nothing(
    client: TestClient, update: str, named: str
) -> None:
    before = _count(client)
    response = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400
    assert named in response.json()["detail"]
    assert "nothing was changed" in response.json()["detail"]
    assert _count(client) == before


def test_writes_are_off_without_a_configured_token(settings: Settings) -> None:
    client = TestClient(create_app(settings, EmbeddedStore()))
    response = client.post("/sparql", data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://169.254.169.254/latest/> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://localhost:7878/query> { ?s ?p ?o } }",
    ],
)
def test_service_to_outside_endpoints_is_refused(client: TestClient, text: str) -> None:
    response = client.get("/sparql", params={"query": text})
    assert response.status_code == 403
    assert "SAMVERKAN_FEDERATION_ALLOWLIST" in response.json()["detail"]


def test_load_is_refused_even_with_the_token(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        data={"update": "LOAD <http://example.org/data.ttl>"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 403


def test_graph_store_protocol_roundtrip(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"}
    params = {"graph": "http://example.org/gsp"}
    body = '<http://example.org/a> <http://example.org/p> "ä" .'
    assert client.put("/graph-store", params=params, content=body, headers=auth).status_code == 201
    assert (
        client.post("/graph-store", params=params, content=body.replace("ä", "ö"), headers=auth).status_code
        == 204
    )
    read = client.get("/graph-store", params=params, headers={"Accept": "application/n-triples"})
    assert sorted(read.text.splitlines()) == [
        '<http://example.org/a> <http://example.org/p> "\u00e4" .',
        '<http://example.org/a> <http://example.org/p> "\u00f6" .',
    ]
    broken = client.put("/graph-store", params=params, content="<a> <b> .", headers=auth)
    assert broken.status_code == 400 and "line 1" in broken.json()["detail"]
    assert client.get("/graph-store", params=params).status_code == 200
    assert client.delete("/graph-store", params=params, headers=auth).status_code == 204
    assert client.get("/graph-store", params=params).status_code == 404


def test_body_over_the_cap_is_413(client: TestClient) -> None:
    response = client.post(
        "/sparql", content="#" * 5000 + "\nASK {}", headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413


def test_void_health_metrics_cors(client: TestClient) -> None:
    void = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert "void:sparqlEndpoint" in void.text and "eif-2017" in void.text
    assert client.get("/health").json()["triples"] > 1000
    client.get("/sparql", params={"query": "ASK {}"})
    assert "samverkan_http_requests" in client.get("/metrics").text
    preflight = client.options(
        "/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    )
    assert preflight.headers["access-control-allow-origin"] in {"*", "https://example.org"}


def test_result_cap_cuts_and_says_so(settings: Settings) -> None:
    store = EmbeddedStore()
    load_project(store, settings)
    client = TestClient(create_app(settings.model_copy(update={"result_limit": 3}), store))
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "json"})
    assert len(response.json()["results"]["bindings"]) == 3
    assert "cut at 3" in response.headers["samverkan-result-truncated"]


def test_query_timeout_stops_the_query(settings: Settings) -> None:
    store = EmbeddedStore()
    load_project(store, settings)
    client = TestClient(
        create_app(
            settings.model_copy(update={"query_timeout": 0.5, "result_limit": 10**9, "stream_after": 10**9}),
            store,
        )
    )
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    assert response.status_code == 503
    assert "stopped" in response.json()["detail"]
