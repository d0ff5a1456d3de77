"""Long answers streamed while the engine reads them: same documents as buffered, cap and time-out kept."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
import pytest
import rdflib
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic

from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store.embedded import EmbeddedStore

ROWS = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"
TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store(settings: Settings) -> EmbeddedStore:
    loaded = EmbeddedStore()
    load_project(loaded, settings)
    return loaded


def _client(store: EmbeddedStore, settings: Settings, **changes: object) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=changes), store))


@pytest.fixture(scope="module")
def streaming(store: EmbeddedStore, settings: Settings) -> TestClient:
    return _client(store, settings, stream_after=100, result_limit=10**6)


@pytest.fixture(scope="module")
def buffered(store: EmbeddedStore, settings: Settings) -> TestClient:
    return _client(store, settings, stream_after=10**6, result_limit=10**6)


def _get(client: TestClient, query: str, answer_format: str) -> httpx.Response:
    response = client.get("/sparql", params={"query": query, "format": answer_format})
    assert response.status_code == 200, response.text
    return response


def test_long_json_answer_is_streamed_and_equals_the_buffered_one(
    streaming: TestClient, buffered: TestClient
) -> None:
    streamed = _get(streaming, ROWS, "json")
    whole = _get(buffered, ROWS, "json")
    assert streamed.headers["Samverkan-Result-Limit"].startswith("1000000")
    assert "Samverkan-Result-Limit" not in whole.headers
    assert streamed.headers["content-type"] == whole.headers["content-type"]
    rows = json.loads(streamed.content)["results"]["bindings"]
    assert len(rows) > 5000
    assert json.loads(streamed.content) == json.loads(whole.content)


@pytest.mark.parametrize("answer_format", ["csv", "tsv"])
def test_streamed_tables_have_one_header_and_every_row(
    streaming: TestClient, buffered: TestClient, answer_format: str
) -> None:
    streamed = _get(streaming, ROWS, answer_format).text
    whole = _get(buffered, ROWS, answer_format).text
    assert streamed == whole
    delimiter = "," if answer_format == "csv" else "\t"
    header = next(csv.reader(io.StringIO(streamed), delimiter=delimiter))
    assert [name.lstrip("?") for name in header] == ["s", "p", "o"]
    lines = streamed.splitlines()
    assert lines.count(lines[0]) == 1


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(
    ("answer_format", "rdf_format"),
    [("turtle", "turtle"), ("ntriples", "nt"), ("trig", "trig"), ("nquads", "nquads")],
)
def test_streamed_graphs_parse_to_the_buffered_graph(
    streaming: TestClient, buffered: TestClient, answer_format: str, rdf_format: str
) -> None:
    streamed = _get(streaming, TRIPLES, answer_format)
    assert "Samverkan-Result-Limit" in streamed.headers
    graph = _triples(streamed.text, rdf_format)
    whole = _triples(_get(buffered, TRIPLES, answer_format).text, rdf_format)
    assert len(graph) > 5000
    assert isomorphic(graph, whole)


def _triples(document: str, rdf_format: str) -> rdflib.Graph:
    """A CONSTRUCT answer's triples: all in the default graph, in a triple or a dataset format."""
    return rdflib.Dataset().parse(data=document, format=rdf_format).default_graph


def test_streaming_from_the_first_row_still_writes_valid_json(
    store: EmbeddedStore, settings: Settings, buffered: TestClient
) -> None:
    client = _client(store, settings, stream_after=0, result_limit=10**6)
    response = _get(client, ROWS, "json")
    assert "Samverkan-Result-Limit" in response.headers
    assert json.loads(response.content) == json.loads(_get(buffered, ROWS, "json").content)


def test_a_graph_answer_is_not_streamed_in_a_results_format(streaming: TestClient) -> None:
    query = "PREFIX ask: <https://w3id.org/samverkan/ontology#> " + TRIPLES
    response = streaming.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=response.text, format="turtle")) > 5000


def test_formats_written_whole_are_not_streamed(streaming: TestClient, buffered: TestClient) -> None:
    streamed = _get(streaming, ROWS, "xml")
    assert "Samverkan-Result-Limit" not in streamed.headers
    assert streamed.content == _get(buffered, ROWS, "xml").content


def test_the_cap_ends_a_streamed_document_properly(store: EmbeddedStore, settings: Settings) -> None:
    client = _client(store, settings, stream_after=100, result_limit=2500)
    response = _get(client, ROWS, "json")
    assert response.headers["Samverkan-Result-Limit"].startswith("2500")
    assert len(json.loads(response.content)["results"]["bindings"]) == 2500
    table = list(csv.reader(io.StringIO(_get(client, ROWS, "csv").text)))
    assert len(table) == 2501


def test_a_short_answer_is_sent_whole_with_exact_status(streaming: TestClient) -> None:
    response = _get(streaming, "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 50", "json")
    assert "Samverkan-Result-Limit" not in response.headers
    assert response.headers["content-length"] == str(len(response.content))


def test_a_streamed_query_is_timed_once(streaming: TestClient) -> None:
    before = _metric(streaming.get("/metrics").text, "samverkan_query_seconds_count")
    _get(streaming, ROWS, "json")
    assert _metric(streaming.get("/metrics").text, "samverkan_query_seconds_count") == before + 1


def test_a_time_out_while_streaming_breaks_the_transfer(
    store: EmbeddedStore,
    settings: Settings,
    serve_app: Callable[[FastAPI], AbstractContextManager[str]],
) -> None:
    app = create_app(
        settings.model_copy(update={"query_timeout": 3, "stream_after": 100, "result_limit": 10**9}), store
    )
    with serve_app(app) as url:
        timeouts_before = _timeouts(url)
        with (
            pytest.raises(httpx.RemoteProtocolError),
            httpx.stream(
                "GET", f"{url}/sparql", params={"query": ENDLESS, "format": "json"}, timeout=30
            ) as response,
        ):
            assert response.status_code == 200
            for _ in response.iter_bytes():
                pass
        after = httpx.get(f"{url}/sparql", params={"query": "ASK {}", "format": "json"}, timeout=30)
        assert after.json()["boolean"] is True
        assert _timeouts(url) == timeouts_before + 1


def _timeouts(url: str) -> float:
    return _metric(httpx.get(f"{url}/metrics", timeout=30).text, "samverkan_query_timeouts_total")


def _metric(exposition: str, name: str) -> float:
    return float(next(line for line in exposition.splitlines() if line.startswith(f"{name} ")).split()[1])
