"""A remote store: any SPARQL 1.1 endpoint, reached with SPARQLWrapper.

Answers are requested in one canonical format per query form (SPARQL JSON results,
N-Triples) and parsed with pyoxigraph, so callers see the same objects as from the
embedded store, whatever the server. Solutions are parsed from the connection as the caller reads
them, so a caller that stops (at a result cap) has not read the rest into memory; a graph answer is
read up to `answer_limit` triples.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import BinaryIO
from urllib.error import HTTPError, URLError

import pyoxigraph as ox
from SPARQLWrapper import INSERT, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from samverkan.sparql.text import Term, query_form
from samverkan.store.atomic import atomic_update, recover
from samverkan.store.base import (
    QueryAnswer,
    QueryDataset,
    QuerySyntaxError,
    Store,
    StoreError,
    Transaction,
    with_base,
    with_bindings,
)
from samverkan.store.dialect import Dialect
from samverkan.store.union import BOOKKEEPING, GraphwiseTransaction
from samverkan.store.virtuoso import PROBE, VirtuosoDialect

_SOLUTIONS_MEDIA_TYPE = "application/sparql-results+json"
_SOURCE = f'FILTER(!STRSTARTS(STR(?g), "{BOOKKEEPING}") && !isBlank(?s) && !isBlank(?o))'
_TRIPLES_MEDIA_TYPE = "application/n-triples"


class RemoteStore(Store):
    """A SPARQL 1.1 Protocol endpoint (query and update URLs); the store keeps the union default graph
    (`samverkan.store.union`) as the server's dialect allows (`samverkan.store.dialect`)."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 30.0):
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.timeout = timeout
        self.answer_limit: int | None = None
        """Most triples of a graph answer that are read (None: all)."""
        self._probed: Dialect | None = None
        self._spoken: Dialect | None = None
        """The dialect once the union is checked (`_checked_dialect`)."""

    def limited(self, answer_limit: int) -> RemoteStore:
        """The same store, reading at most `answer_limit` triples of a graph answer (for a result cap)."""
        limited = copy.copy(self)
        limited.answer_limit = answer_limit
        return limited

    @property
    def dialect(self) -> Dialect:
        """Virtuoso's, or the standard one (asked of the server once)."""
        if self._spoken is not None:
            return self._spoken
        if self._probed is None:
            self._probed = VirtuosoDialect() if bool(self._query(PROBE, None)) else Dialect()
        return self._probed

    def _checked_dialect(self) -> Dialect:
        """The dialect once the server is seen to keep the union: a store written before the union was kept
        (source graphs, an empty union) gets it, a server computing its own default graph is refused. An
        empty server cannot be told apart, so it is asked again, at the start of each request, until it
        holds a source graph (not in the middle of a write)."""
        if self._spoken is None:
            union = self.dialect.union
            if not bool(self._query(union.has_sources(), None)):
                return self.dialect
            if not bool(self._query(union.is_kept(), None)):
                self._send_raw(union.restore())
            elif union.graph is None and self._counts_once_per_graph():
                raise StoreError(
                    f"the server at {self.query_url} computes its own default graph from the named graphs "
                    "(oxigraph serve --union-default-graph, Fuseki's unionDefaultGraph): start it without"
                )
            self._spoken = self.dialect
        return self._spoken

    def _counts_once_per_graph(self) -> bool:
        """Whether a triple of a named graph is found more than once in the default graph."""
        sample = self._query(f"SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_SOURCE} }} LIMIT 1", None)
        assert isinstance(sample, ox.QuerySolutions)
        for row in sample:
            triple = " ".join(str(row[name]) for name in ("s", "p", "o"))
            count = self._query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {triple} }}", None)
            assert isinstance(count, ox.QuerySolutions)
            return any(int(solution["n"].value) > 1 for solution in count)
        return False

    def _client(self) -> SPARQLWrapper:
        client = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        client.setMethod(POST)
        client.setOnlyConneg(True)
        client.setTimeout(int(self.timeout) or 1)
        return client

    def query(
        self,
        sparql: str,
        dataset: QueryDataset | None = None,
        bindings: Mapping[str, Term] | None = None,
        base_iri: str | None = None,
    ) -> QueryAnswer:
        text = with_base(with_bindings(sparql, bindings), base_iri)
        return self._query(self._checked_dialect().query(text, dataset), dataset)

    def _query(self, text: str, dataset: QueryDataset | None) -> QueryAnswer:
        client = self._client()
        client.setQuery(text)
        form = query_form(text)
        client.queryType = form  # SPARQLWrapper guesses from words, comments included ("# … add …")
        media_type = _TRIPLES_MEDIA_TYPE if form in {"CONSTRUCT", "DESCRIBE"} else _SOLUTIONS_MEDIA_TYPE
        client.addCustomHttpHeader("Accept", media_type)
        for graph in dataset.default_graphs if dataset else ():
            client.addDefaultGraph(graph)
        for graph in dataset.named_graphs if dataset else ():
            client.addNamedGraph(graph)
        response = self._open(client)
        try:
            if media_type == _TRIPLES_MEDIA_TYPE:
                with response:
                    quads = ox.parse(response, ox.RdfFormat.N_TRIPLES)
                    triples = [quad.triple for quad in itertools.islice(quads, self.answer_limit)]
                return _as_query_triples(triples)
            answer = ox.parse_query_results(
                io.BufferedReader(_PlainBlankLabels(response)), ox.QueryResultsFormat.JSON
            )
        except SyntaxError as error:
            raise StoreError(f"the remote store sent an unreadable answer: {error}") from error
        except OSError as error:
            raise StoreError(f"the remote store at {self.query_url} failed: {error}") from error
        if form == "ASK" and isinstance(answer, ox.QuerySolutions):
            return _tabled_boolean(answer)
        return answer

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Apply the update wholly or not at all, whether or not the server does (`samverkan.store.atomic`)."""
        atomic_update(self, with_base(sparql, base_iri), self._send_update, self._checked_dialect().union)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """As one atomic update that keeps the union of just the graphs it touches, when it knows them."""
        transaction = GraphwiseTransaction(self._checked_dialect().union)
        yield transaction
        update = transaction.as_update()
        if update:
            atomic_update(self, transaction.writes(), self._send_update, self.dialect.union, update)

    def recover(self) -> list[str]:
        """Restore the graphs of a write that was interrupted (the process killed mid-write)."""
        return recover(self, self._send_update, self._checked_dialect().union)

    def _send_update(self, sparql: str) -> None:
        self._send_raw(self.dialect.update(sparql))

    def _send_raw(self, sparql: str) -> None:
        client = self._client()
        client.setQuery(sparql)
        client.queryType = INSERT  # sent to the update URL as an update, whatever its first word
        self._send(client)

    def _send(self, client: SPARQLWrapper) -> bytes:
        """Send the request and read its answer whole."""
        response = self._open(client)
        try:
            with response:
                body: bytes = response.read()
            return body
        except OSError as error:
            raise StoreError(f"the remote store at {self.query_url} failed: {error}") from error

    def _open(self, client: SPARQLWrapper) -> BinaryIO:
        """Send the request; the answer to read. An update (its type set by `update`) goes to the update URL."""
        try:
            response: BinaryIO = client.query().response
            return response
        except QueryBadFormed as error:
            raise QuerySyntaxError.from_parser_message(_remote_message(error)) from error
        except HTTPError as error:
            detail = error.read().decode("utf-8", "replace").split("SPARQL query:", 1)[0].strip()[:600]
            if error.code == 400:
                raise QuerySyntaxError.from_parser_message(detail) from error
            raise StoreError(f"the remote store answered {error.code}: {detail}") from error
        except (SPARQLWrapperException, URLError, OSError) as error:
            raise StoreError(f"the remote store at {self.query_url} failed: {error}") from error


_VIRTUOSO_BLANK = re.compile(
    rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*"nodeID)://'
    rb'|("value"\s*:\s*"nodeID)://(\w*"\s*,\s*"type"\s*:\s*"bnode")'
)
"""A blank node's label as Virtuoso writes it in SPARQL JSON (`nodeID://b1`), in either order of its keys."""
_HELD_BACK = 256
"""Bytes kept back from each piece, so a label cut between two pieces is rewritten whole."""


class _PlainBlankLabels(io.RawIOBase):
    """An answer's bytes as they are read, with blank-node labels that SPARQL JSON allows (Virtuoso's
    `nodeID://b1`) turned into labels pyoxigraph reads (`nodeID___b1`), the same label for the same node."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self._ready = b""
        self._held = b""
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._ready and not (self._ended and not self._held):
            piece = self._source.read(1 << 16)
            self._ended = not piece
            text = _VIRTUOSO_BLANK.sub(_plain_label, self._held + piece)
            cut = len(text) if self._ended else max(0, len(text) - _HELD_BACK)
            self._ready, self._held = text[:cut], text[cut:]
        size = min(len(buffer), len(self._ready))
        buffer[:size] = self._ready[:size]
        self._ready = self._ready[size:]
        return size

    def close(self) -> None:
        self._source.close()
        super().close()


def _plain_label(match: re.Match[bytes]) -> bytes:
    if match.group(1) is not None:
        return match.group(1) + b"___"
    return match.group(2) + b"___" + match.group(3)


def _remote_message(error: SPARQLWrapperException) -> str:
    """The server's own words, without the echo of a long request some servers append."""
    text = str(error).split("Response:", 1)[-1].strip() or str(error)
    text = text.split("SPARQL query:", 1)[0].strip()
    return text if len(text) < 600 else text[:600] + " …"


def _tabled_boolean(answer: ox.QuerySolutions) -> ox.QueryBoolean:
    """An ASK answer some servers (Virtuoso) send as a one-column table: true if a row holds a true value."""
    truth = any(term is not None and term.value not in {"0", "false"} for row in answer for term in row)
    boolean = ox.parse_query_results(
        f'{{"head":{{}},"boolean":{str(truth).lower()}}}', ox.QueryResultsFormat.JSON
    )
    assert isinstance(boolean, ox.QueryBoolean)
    return boolean


def _as_query_triples(triples: list[ox.Triple]) -> ox.QueryTriples:
    """Wrap parsed triples in a pyoxigraph `QueryTriples`, as the embedded store returns."""
    holder = ox.Store()
    holder.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    answer = holder.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(answer, ox.QueryTriples)
    return answer
