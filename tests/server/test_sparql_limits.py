"""Attacks on /sparql: each is refused with its 4xx, and the service answers afterwards (#18)."""

from __future__ import annotations

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from samverkan.server import sparql_routes
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store

TOKEN = "s3cret-token"
WRITER = {"Authorization": f"Bearer {TOKEN}"}
INTERNAL = "http://127.0.0.1:1/sparql"


@pytest.fixture(scope="module")
def client(settings: Settings, project_store: Store) -> TestClient:
    configured = settings.model_copy(
        update={
            "update_token": SecretStr(TOKEN),
            "federation_allowlist": ["https://query.wikidata.org/sparql"],
        }
    )
    return TestClient(create_app(configured, project_store))


def still_answers(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200 and response.json()["boolean"] is True


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 800 + "}" * 800 + "}",
        'SELECT * WHERE { FILTER(?x<1#>"""\n+' + "(" * 5000 + "1" + ")" * 5000 + '""") }',
    ],
    ids=["braces", "parentheses", "optionals", "hidden-behind-a-comparison"],
)
def test_deep_nesting_is_400_naming_the_limit(client: TestClient, query: str) -> None:
    response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert "SAMVERKAN_MAX_NESTING_DEPTH" in response.json()["detail"] or "safely" in response.json()["detail"]
    still_answers(client)


def test_deep_update_is_400(client: TestClient) -> None:
    update = "INSERT { <http://example.org/a> <http://example.org/b> 1 } WHERE " + "{" * 5000 + "}" * 5000
    response = client.post("/sparql", data={"update": update}, headers=WRITER)
    assert response.status_code == 400
    assert "SAMVERKAN_MAX_NESTING_DEPTH" in response.json()["detail"]
    still_answers(client)


def test_long_query_is_400_naming_the_limit(settings: Settings, project_store: Store) -> None:
    small = TestClient(create_app(settings.model_copy(update={"max_query_bytes": 100}), project_store))
    response = small.post(
        "/sparql", content="ASK {}" + " " * 200, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 400
    assert "SAMVERKAN_MAX_QUERY_BYTES" in response.json()["detail"]
    still_answers(small)


def test_nesting_within_the_limit_is_answered(client: TestClient) -> None:
    query = "SELECT * WHERE " + "{" * 30 + " ?s ?p ?o " + "}" * 30 + " LIMIT 1"
    assert client.get("/sparql", params={"query": query}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * WHERE {{ SERVICE<{INTERNAL}> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ BIND("#" AS ?x) SERVICE <{INTERNAL}> {{ ?s ?p ?o }} }}',
        "PREFIX in: <http://127.0.0.1:1/> SELECT * WHERE { SERVICE SILENT in:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://127.0.0.1:1/> } }",
        f"SELECT * WHERE {{ ?s ?p ?o .SERVICE <{INTERNAL}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { SERVICE <relative> { ?s ?p ?o } }",
    ],
    ids=["no-space", "after-a-string-with-hash", "prefixed", "variable", "after-a-dot", "relative"],
)
def test_service_off_the_allow_list_is_refused(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code in {400, 403}
    assert "127.0.0.1:1/" not in response.text or "refused" in response.text
    still_answers(client)


@pytest.mark.parametrize(
    "update",
    [
        f"LOAD<{INTERNAL}>",
        f"LOAD SILENT <{INTERNAL}> INTO GRAPH <http://example.org/g>",
        f"INSERT {{ GRAPH <http://example.org/g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE<{INTERNAL}> {{ ?s ?p ?o }} }}",
        f"CLEAR SILENT GRAPH <http://example.org/x> ; LOAD <{INTERNAL}>",
    ],
)
def test_load_and_service_in_updates_are_refused_with_the_token(client: TestClient, update: str) -> None:
    response = client.post("/sparql", data={"update": update}, headers=WRITER)
    assert response.status_code in {400, 403}
    still_answers(client)


def test_service_named_in_a_string_or_comment_is_no_fetch(client: TestClient) -> None:
    query = f'SELECT ?x WHERE {{ BIND("SERVICE <{INTERNAL}>" AS ?x) }} # LOAD <{INTERNAL}>\n'
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "application/json"})
    assert response.status_code == 200


def test_a_failing_allow_listed_endpoint_is_502_without_its_reply(
    settings: Settings, project_store: Store
) -> None:
    """The guard lets an allow-listed SERVICE through; the endpoint's failure is a 502 that does not echo it."""

    class Secretive(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"internal secret 4711")

        do_POST = do_GET

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Secretive)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        allowed = TestClient(
            create_app(settings.model_copy(update={"federation_allowlist": [endpoint]}), project_store)
        )
        response = allowed.get(
            "/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"}
        )
        assert response.status_code == 502
        assert "secret" not in response.text
        still_answers(allowed)
    finally:
        server.shutdown()


def test_dataset_iri_that_is_no_iri_is_400(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "not an iri"})
    assert response.status_code == 400
    assert "default-graph-uri" in response.json()["detail"]
    still_answers(client)


def test_long_query_with_service_is_400_before_the_slow_parse(client: TestClient) -> None:
    values = " ".join(f"<http://example.org/{i}>" for i in range(5000))
    query = f"SELECT * WHERE {{ VALUES ?x {{ {values} }} SERVICE <https://query.wikidata.org/sparql> {{ ?x ?p ?o }} }}"
    response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert "SERVICE or LOAD" in response.json()["detail"]
    still_answers(client)


def test_a_long_form_is_parsed_off_the_event_loop(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed_on_loop: list[bool] = []
    parse = sparql_routes.parse_qsl

    def recording(*args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        try:
            asyncio.get_running_loop()
            parsed_on_loop.append(True)
        except RuntimeError:
            parsed_on_loop.append(False)
        return parse(*args, **kwargs)

    monkeypatch.setattr(sparql_routes, "parse_qsl", recording)
    padded = "ASK { ?s ?p ?o } #" + "x" * sparql_routes.PARSE_FORM_ON_LOOP
    response = client.post("/sparql", data={"query": padded}, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.json()["boolean"] is True
    assert parsed_on_loop == [False]


def test_a_form_of_too_many_fields_is_400(client: TestClient) -> None:
    body = "query=ASK%20%7B%7D" + "&x" * (sparql_routes.MAX_FORM_FIELDS + 1)
    response = client.post(
        "/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 400
    assert "fields" in response.json()["detail"]
    still_answers(client)


def test_a_remembered_scan_is_judged_by_each_service_limit(settings: Settings, project_store: Store) -> None:
    """The scan of a query text is remembered, not the verdict: the same text sent again is refused by a
    service with a lower SAMVERKAN_MAX_NESTING_DEPTH, and again by the first when too deep for it."""
    query = "SELECT * WHERE " + "{" * 20 + " ?s ?p ?o " + "}" * 20 + " LIMIT 1"
    shallow = TestClient(create_app(settings.model_copy(update={"max_nesting_depth": 10}), project_store))
    deep = TestClient(create_app(settings.model_copy(update={"max_nesting_depth": 30}), project_store))
    for _ in range(2):
        assert deep.get("/sparql", params={"query": query}).status_code == 200
        refused = shallow.get("/sparql", params={"query": query})
        assert refused.status_code == 400 and "SAMVERKAN_MAX_NESTING_DEPTH" in refused.json()["detail"]
