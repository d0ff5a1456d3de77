"""Real clients (SPARQLWrapper, plain HTTP) against the running service, on each kind of store."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
import rdflib
from fastapi import FastAPI
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from samverkan.knowledge.loading import ensure_loaded
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.remote import RemoteStore

PRINCIPLES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?principle ?label WHERE {
  ?principle skos:inScheme <https://w3id.org/samverkan/id/framework/eif> ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "en")
} ORDER BY ?principle"""
DIGG = "CONSTRUCT WHERE { <https://w3id.org/samverkan/id/actor/digg> ?p ?o }"


@pytest.fixture(scope="module", params=["embedded", "oxigraph-serve", "virtuoso"])
def service_url(
    request: pytest.FixtureRequest,
    settings: Settings,
    serve_app: Callable[[FastAPI], AbstractContextManager[str]],
) -> Iterator[str]:
    """The Samverkan service on loopback over an embedded or a remote store holding the project.

    A session's server that holds it already (other modules' `backend_store`) is not loaded again.
    """
    store: Store
    if request.param == "embedded":
        store = EmbeddedStore()
    elif request.param == "oxigraph-serve":
        base = request.getfixturevalue("oxigraph_server")
        store = RemoteStore(f"{base}/query", f"{base}/update")
    else:
        store = RemoteStore(request.getfixturevalue("virtuoso_server"))
    ensure_loaded(store, settings)
    with serve_app(create_app(settings, store)) as base_url:
        yield f"{base_url}/sparql"


def _client(url: str, query: str, return_format: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(return_format)
    return client


def test_sparqlwrapper_json(service_url: str) -> None:
    rows = _client(service_url, PRINCIPLES, JSON).queryAndConvert()["results"]["bindings"]
    assert len(rows) == 12
    assert {row["label"]["value"] for row in rows} >= {"Openness", "Transparency", "Reusability"}


def test_sparqlwrapper_xml(service_url: str) -> None:
    document = _client(service_url, PRINCIPLES, XML).queryAndConvert()
    assert len(document.getElementsByTagName("result")) == 12


@pytest.mark.parametrize(("return_format", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_and_tsv(service_url: str, return_format: str, delimiter: str) -> None:
    text = _client(service_url, PRINCIPLES, return_format).queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert [column.lstrip("?") for column in rows[0]] == ["principle", "label"]
    assert len(rows) == 13


@pytest.mark.parametrize(("return_format", "parse_as"), [(TURTLE, "turtle"), (N3, "turtle"), (RDFXML, "xml")])
def test_sparqlwrapper_graph_formats(service_url: str, return_format: str, parse_as: str) -> None:
    body = _client(service_url, DIGG, return_format).query().response.read()
    _assert_digg(rdflib.Graph().parse(data=body, format=parse_as))


def test_ntriples_by_accept(service_url: str) -> None:
    request = urllib.request.Request(
        service_url + "?" + urllib.parse.urlencode({"query": DIGG}),
        headers={"Accept": "application/n-triples"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"] == "application/n-triples; charset=utf-8"
        _assert_digg(rdflib.Graph().parse(data=response.read(), format="nt"))


def _assert_digg(graph: rdflib.Graph) -> None:
    labels = {str(o) for o in graph.objects(predicate=rdflib.RDFS.label)}
    assert "Myndigheten för digital förvaltning" in labels


def test_sparqlwrapper_jsonld(service_url: str) -> None:
    body = _client(service_url, DIGG, JSONLD).query().response.read()
    graph = rdflib.Graph().parse(data=body, format="json-ld")
    assert len(graph) > 3


def test_http_errors_are_clear(service_url: str) -> None:
    request = urllib.request.Request(service_url + "?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%7D")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    assert "malformed query" in json.loads(caught.value.read())["detail"]
