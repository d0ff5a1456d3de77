"""The W3C SPARQL 1.1 Protocol and Graph Store Protocol test manifests, run against the live service.

A small runner: each manifest entry is one test; its requests are sent as raw HTTP (http.client,
so malformed requests stay malformed) to the service on loopback over an embedded store, with the
bearer token on every request. The store is emptied before each entry and the entry's data loaded.
The module ends by printing passed/failed per suite.
"""

from __future__ import annotations

import http.client
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pydantic import SecretStr
from rdflib.compare import isomorphic

from samverkan.notebook.background import serving
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.remote import RemoteStore

SUITES = Path(__file__).parents[1] / "fixtures" / "w3c-sparql11"
"""Copied unchanged from w3c/rdf-tests (see its README.md and LICENSE.md)."""
TOKEN = "w3c-suite-token"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
HT = "http://www.w3.org/2011/http#"
HTS = "http://www.w3.org/2011/http-statusCodes#"
CNT = "http://www.w3.org/2011/content#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PATHS = {"/sparql/": "/sparql", "/gsp": "/graph-store"}
"""The manifests' endpoint paths and the service's."""
FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    },
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json"},
}


@dataclass(frozen=True)
class Expected:
    statuses: frozenset[str]
    boolean: bool | None = None
    answer_format: str | None = None
    location: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: str | None = None


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    expected: Expected


@dataclass(frozen=True)
class Entry:
    suite: str
    name: str
    title: str
    exchanges: tuple[Exchange, ...]
    graph_data: tuple[tuple[Path, str], ...] = field(default=())


class Manifest:
    """One manifest file read into a pyoxigraph store, walked with small accessors."""

    def __init__(self, path: Path):
        self.path = path
        self.store = ox.Store()
        self.store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())

    def one(self, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> ox.Term | None:
        values = self.all(subject, predicate)
        return values[0] if values else None

    def all(self, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> list[ox.Term]:
        return [q.object for q in self.store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]

    def text(self, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> str | None:
        value = self.one(subject, predicate)
        return value.value if value is not None else None

    def items(self, head: ox.Term | None) -> list[ox.Term]:
        out: list[ox.Term] = []
        while isinstance(head, ox.BlankNode):
            first = self.one(head, RDF + "first")
            assert first is not None
            out.append(first)
            head = self.one(head, RDF + "rest")
        return out

    def entries(self, suite: str, kind: str) -> list[Entry]:
        """The listed entries in order, then tests the file defines but leaves out of its list."""
        listed = self.items(self.one(ox.NamedNode(self.path.as_uri()), MF + "entries"))
        typed = self.store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(MF + kind))
        unlisted = sorted({q.subject for q in typed} - set(listed), key=str)
        return [self._entry(suite, e) for e in [*listed, *unlisted]]

    def _entry(self, suite: str, entry: ox.Term) -> Entry:
        assert isinstance(entry, ox.NamedNode)
        action = self.one(entry, MF + "action")
        assert isinstance(action, ox.BlankNode)
        data = []
        for graph_data in self.all(entry, UT + "graphData"):
            assert isinstance(graph_data, ox.BlankNode)
            file = self.one(graph_data, UT + "graph")
            assert isinstance(file, ox.NamedNode)
            data.append(
                (Path(urllib.parse.urlparse(file.value).path), self.text(graph_data, RDFS + "label") or "")
            )
        return Entry(
            suite,
            entry.value.rsplit("#", 1)[-1],
            self.text(entry, MF + "name") or "",
            tuple(self._exchange(r) for r in self.items(self.one(action, HT + "requests"))),
            tuple(data),
        )

    def _exchange(self, request: ox.Term) -> Exchange:
        assert isinstance(request, ox.BlankNode)
        response = self.one(request, HT + "resp")
        assert isinstance(response, ox.BlankNode)
        body = self.one(request, HT + "body")
        encoded = None
        if isinstance(body, ox.BlankNode):
            encoding = self.text(body, CNT + "characterEncoding") or "UTF-8"
            encoded = (self.text(body, CNT + "chars") or "").encode(encoding)
        boolean = self.one(response, MF + "expectedBoolean")
        response_body = self.one(response, HT + "body")
        return Exchange(
            self.text(request, HT + "methodName") or "GET",
            self.text(request, HT + "absolutePath") or "/",
            self._headers(request),
            encoded,
            Expected(
                frozenset(s.value.removeprefix(HTS) for s in self.all(response, MF + "expectedStatus")),
                boolean.value == "true" if boolean is not None else None,
                self.text(response, MF + "expectedFormat"),
                self.text(response, MF + "expectedLocation"),
                self._headers(response),
                self.text(response_body, CNT + "chars") if isinstance(response_body, ox.BlankNode) else None,
            ),
        )

    def _headers(self, node: ox.BlankNode) -> tuple[tuple[str, str], ...]:
        headers = []
        for header in self.items(self.one(node, HT + "headers")):
            assert isinstance(header, ox.BlankNode)
            headers.append(
                (self.text(header, HT + "fieldName") or "", self.text(header, HT + "fieldValue") or "")
            )
        return tuple(headers)


def _load_entries() -> list[Entry]:
    return Manifest(SUITES / "protocol" / "manifest.ttl").entries("SPARQL 1.1 Protocol", "ProtocolTest") + [
        entry
        for name in ("manifest-direct.ttl", "manifest-indirect.ttl")
        for entry in Manifest(SUITES / "graph-store-protocol" / name).entries(
            "Graph Store Protocol", "GraphStoreProtocolTest"
        )
    ]


ENTRIES = _load_entries()
REFUSED = {
    "put_get_default": "the default graph is the union of the source graphs: writing it is 405 (README, Graph Store)"
}
"""Entries the service refuses by design: their first request must be answered 405 Method Not Allowed."""
RESULTS: dict[str, dict[str, dict[str, str]]] = {}
"""Per store, per suite, each entry's outcome."""


@dataclass
class Service:
    name: str
    base: str
    store: Store

    def empty(self) -> None:
        """Drop every graph the service sees (a server's own system graphs stay)."""
        for graph in self.store.graphs():
            self.store.drop_graph(graph)


@pytest.fixture(scope="module", params=["memory", "disk", "oxigraph-serve", "virtuoso"])
def service(
    settings: Settings, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    """The service over each store, the suites run on each."""
    store: Store
    if request.param == "memory":
        store = EmbeddedStore()
    elif request.param == "disk":
        store = EmbeddedStore(tmp_path_factory.mktemp("w3c") / "store")
    elif request.param == "oxigraph-serve":
        base = request.getfixturevalue("oxigraph_server")
        store = RemoteStore(f"{base}/query", f"{base}/update")
    else:
        store = RemoteStore(request.getfixturevalue("virtuoso_server"))
    configured = settings.model_copy(update={"update_token": SecretStr(TOKEN), "validate_writes": False})
    with serving(create_app(configured, store)) as base:
        yield Service(request.param, base, store)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    for suite, outcomes in RESULTS.get(request.param, {}).items():
        counts = {
            kind: sorted(n for n, k in outcomes.items() if k == kind)
            for kind in ("passed", "refused", "failed")
        }
        line = f"W3C {suite} on {request.param}: " + ", ".join(
            f"{len(names)} {kind}" + (f" ({', '.join(names)})" if names and kind != "passed" else "")
            for kind, names in counts.items()
        )
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(line)


def _matches(status: int, expected: frozenset[str]) -> bool:
    for name in expected:
        if name.startswith("StatusCode") and name.endswith("xx"):
            if str(status)[0] == name[len("StatusCode")]:
                return True
        elif HTTPStatus[re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).upper()] == status:
            return True
    return False


def _send(base: str, exchange: Exchange, location: dict[str, str]) -> http.client.HTTPResponse:
    path = exchange.path
    for ours, theirs in location.items():
        path = path.replace(ours, theirs)
    for prefix, route in PATHS.items():
        if path.startswith(prefix):
            path = route + path[len(prefix) :]
            break
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    connection.putrequest(exchange.method, path, skip_accept_encoding=True)
    for name, value in exchange.headers:
        connection.putheader(name, value)
    connection.putheader("Authorization", f"Bearer {TOKEN}")
    body = exchange.body
    for ours, theirs in location.items():
        body = body.replace(ours.encode(), theirs.encode()) if body is not None else None
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    return connection.getresponse()


def _check(response: http.client.HTTPResponse, expected: Expected, location: dict[str, str]) -> None:
    body = response.read()
    assert _matches(response.status, expected.statuses), (response.status, expected.statuses, body[:300])
    media_type = (response.getheader("content-type") or "").split(";")[0].strip()
    if expected.answer_format:
        assert media_type in FORMATS[expected.answer_format], media_type
    if expected.boolean is not None:
        answer_format = ox.QueryResultsFormat.from_media_type(media_type)
        assert answer_format is not None
        assert bool(ox.parse_query_results(body, answer_format)) is expected.boolean
    if expected.location:
        header = response.getheader("location")
        assert header, "no Location header"
        location[expected.location] = header
    for name, value in expected.headers:
        assert (response.getheader(name) or "").replace(" ", "").lower() == value.replace(" ", "").lower()
    if expected.body is not None:
        ours = rdflib.Graph().parse(data=body, format=media_type)
        theirs = rdflib.Graph().parse(data=expected.body, format="turtle")
        assert isomorphic(ours, theirs), ours.serialize(format="turtle")


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.suite.split()[0]}-{e.name}" for e in ENTRIES])
def test_w3c_entry(service: Service, entry: Entry) -> None:
    outcomes = RESULTS.setdefault(service.name, {}).setdefault(entry.suite, {})
    outcomes[entry.name] = "failed"
    service.empty()
    for file, graph in entry.graph_data:
        service.store.load(file.read_bytes(), ox.RdfFormat.N_TRIPLES, graph)
    location: dict[str, str] = {}
    if entry.name in REFUSED:
        refusal = Expected(frozenset({"MethodNotAllowed"}), headers=(("allow", "GET, HEAD"),))
        _check(_send(service.base, entry.exchanges[0], location), refusal, location)
        outcomes[entry.name] = "refused"
        return
    for exchange in entry.exchanges:
        _check(_send(service.base, exchange, location), exchange.expected, location)
    outcomes[entry.name] = "passed"


def test_every_manifest_entry_is_run() -> None:
    """34 protocol tests and 14 graph store tests, as the suites' README counts them."""
    counts = {
        suite: sum(e.suite == suite for e in ENTRIES)
        for suite in ("SPARQL 1.1 Protocol", "Graph Store Protocol")
    }
    assert counts == {"SPARQL 1.1 Protocol": 34, "Graph Store Protocol": 14}
