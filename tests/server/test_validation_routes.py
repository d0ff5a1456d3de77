"""POST /validate through FastAPI's test client, over the real project store."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

TURTLE_TYPE = {"Content-Type": "text/turtle"}
GOAL = "https://w3id.org/samverkan/id/test/goal"
TURTLE = f'<{GOAL}> a <https://w3id.org/samverkan/ontology#Goal> ; <http://www.w3.org/2000/01/rdf-schema#label> "Ett mål"@sv .\n'
BODIES = {
    "text/turtle": TURTLE,
    "application/n-triples": f"<{GOAL}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/samverkan/ontology#Goal> .\n"
    f'<{GOAL}> <http://www.w3.org/2000/01/rdf-schema#label> "Ett mål"@sv .\n',
    "application/trig": "<https://w3id.org/samverkan/id/test/source> {\n" + TURTLE + "}\n",
    "application/ld+json": json.dumps(
        {
            "@id": GOAL,
            "@type": "https://w3id.org/samverkan/ontology#Goal",
            "http://www.w3.org/2000/01/rdf-schema#label": {"@value": "Ett mål", "@language": "sv"},
        }
    ),
}


@pytest.fixture(scope="module")
def client(settings: Settings, backend_store: Store) -> TestClient:
    return TestClient(create_app(settings, backend_store))


@pytest.mark.parametrize("content_type", list(BODIES))
def test_each_rdf_syntax_is_validated_with_the_ontology(client: TestClient, content_type: str) -> None:
    response = client.post(
        "/validate?lang=en", content=BODIES[content_type].encode(), headers={"Content-Type": content_type}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["conforms"] is False
    rules = {r["rule_id"] for r in report["results"] if r["focus"] == GOAL}
    assert {"GoalPlacement", "LabelledInSwedishAndEnglish", "GoalWithoutAccountableActor"} <= rules


def test_report_is_negotiated(client: TestClient) -> None:
    headers = {"Content-Type": "text/turtle"}
    turtle = client.post("/validate", content=TURTLE.encode(), headers={**headers, "Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(turtle.content, ox.RdfFormat.TURTLE))
    assert any(t.object.value == "http://www.w3.org/ns/shacl#ValidationReport" for t in triples)
    html = client.post("/validate", content=TURTLE.encode(), headers={**headers, "Accept": "text/html"})
    assert (
        html.headers["content-type"].startswith("text/html")
        and "Ett mål" in html.text
        and "<table>" in html.text
        and '<header class="site">' in html.text
        and "<h1>Validering</h1>" in html.text
    )
    refused = client.post("/validate", content=TURTLE.encode(), headers={**headers, "Accept": "image/png"})
    assert refused.status_code == 406


def test_syntax_error_names_line_and_column(client: TestClient) -> None:
    body = b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n<http://example.org/a> oops\n"
    response = client.post("/validate", content=body, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail["line"] == 2 and detail["column"] is not None


def test_unknown_content_type_is_refused(client: TestClient) -> None:
    response = client.post("/validate", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 415


def test_large_body_is_refused(settings: Settings, project_store: Store) -> None:
    small = TestClient(create_app(settings.model_copy(update={"max_body_bytes": 100}), project_store))
    response = small.post("/validate", content=TURTLE.encode() * 10, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 413


def test_nothing_is_written_to_the_store(client: TestClient, backend_store: Store) -> None:
    before = backend_store.triple_count()
    client.post(
        "/validate", content=BODIES["application/trig"].encode(), headers={"Content-Type": "application/trig"}
    )
    assert backend_store.triple_count() == before
    assert not backend_store.has_graph("https://w3id.org/samverkan/id/test/source")


def test_openapi_documents_the_route(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/validate"]["post"]
    assert set(operation["requestBody"]["content"]) >= {
        "text/turtle",
        "application/trig",
        "application/ld+json",
    }
    assert "ValidationReport" in json.dumps(operation["responses"]["200"])


NAMED_THING = """PREFIX sh: <http://www.w3.org/ns/shacl#>
INSERT DATA { GRAPH <https://w3id.org/samverkan/shapes> {
  <https://example.org/NamedThing> a sh:NodeShape ; sh:targetClass <https://example.org/Thing> ;
      sh:property [ sh:path <https://example.org/name> ; sh:minCount 1 ] .
} }"""


def test_a_write_to_the_shapes_is_seen_by_the_next_validation(settings: Settings) -> None:
    store = EmbeddedStore()
    load_project(store, settings)
    token = "shapes-writer"
    client = TestClient(create_app(settings.model_copy(update={"update_token": SecretStr(token)}), store))
    document = {"content": b"<https://example.org/t> a <https://example.org/Thing> .", "headers": TURTLE_TYPE}
    assert not [
        r for r in client.post("/validate", **document).json()["results"] if "NamedThing" in r["rule"]
    ]
    written = client.post(
        "/sparql", data={"update": NAMED_THING}, headers={"Authorization": f"Bearer {token}"}
    )
    assert written.status_code in {200, 204}, written.text
    results = client.post("/validate", **document).json()["results"]
    assert [(r["rule"], r["severity"]) for r in results if "NamedThing" in r["rule"]] == [
        ("https://example.org/NamedThing", "Violation")
    ]
