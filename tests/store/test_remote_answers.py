"""A remote store's answers are read as the caller reads them, so a result cap bounds memory (#18)."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from samverkan.store.dialect import Dialect
from samverkan.store.remote import RemoteStore, _PlainBlankLabels

ROWS = 1_000_000
"""Rows of the endpoint's answer: about 60 MB of SPARQL JSON."""


class Endless(BaseHTTPRequestHandler):
    """An endpoint whose answer to every query is ROWS solutions (or triples), written in pieces until
    the client goes; it records how many bytes it could send."""

    sent: list[int] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        graph = "n-triples" in self.headers.get("Accept", "")
        self.send_response(200)
        self.send_header(
            "Content-Type", "application/n-triples" if graph else "application/sparql-results+json"
        )
        self.end_headers()
        sent = 0
        try:
            if not graph:
                sent += self._write(b'{"head":{"vars":["s"]},"results":{"bindings":[')
            for start in range(0, ROWS, 1000):
                if graph:
                    piece = "".join(
                        f'<http://example.org/{i}> <http://example.org/p> "{i}" .\n'
                        for i in range(start, start + 1000)
                    )
                else:
                    piece = ("," if start else "") + ",".join(
                        f'{{"s":{{"type":"uri","value":"http://example.org/{i}"}}}}'
                        for i in range(start, start + 1000)
                    )
                sent += self._write(piece.encode())
            if not graph:
                sent += self._write(b"]}}")
        except OSError:
            pass
        Endless.sent.append(sent)

    def _write(self, data: bytes) -> int:
        self.wfile.write(data)
        return len(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endless() -> Iterator[str]:
    Endless.sent = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Endless)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def _sent_once_done() -> int:
    while not Endless.sent:
        threading.Event().wait(0.05)
    return Endless.sent[0]


def test_solutions_are_read_as_the_caller_reads_them(endless: str) -> None:
    store = RemoteStore(endless)
    store._spoken = Dialect()  # the endpoint answers no probe of its dialect
    answer = store.query("SELECT ?s WHERE { ?s ?p ?o }")
    assert isinstance(answer, ox.QuerySolutions)
    first = [row["s"].value for _, row in zip(range(10), answer, strict=False)]
    assert first == [f"http://example.org/{i}" for i in range(10)]
    del answer  # the caller stops: the connection closes
    assert _sent_once_done() < 60_000_000 // 4, "the endpoint could not send its whole answer"


def test_a_graph_answer_is_read_up_to_the_limit(endless: str) -> None:
    store = RemoteStore(endless).limited(11)
    store._spoken = Dialect()
    answer = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert len(list(answer)) == 11
    assert _sent_once_done() < 60_000_000 // 4


class Trickle(io.RawIOBase):
    """A source that gives a few bytes per read, so labels are cut between pieces."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size = data, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        piece, self.data = self.data[: self.size], self.data[self.size :]
        buffer[: len(piece)] = piece
        return len(piece)


@pytest.mark.parametrize("size", [1, 7, 300, 1 << 16])
def test_virtuoso_blank_labels_are_rewritten_across_pieces(size: int) -> None:
    rows = [
        '{ "x": { "type": "bnode", "value": "nodeID://b10005" }, "y": { "type": "literal", "value": "nodeID://b1" } }',
        '{ "x": { "value": "nodeID://b7", "type": "bnode" } }',
    ] * 40
    document = (
        '{ "head": { "vars": ["x", "y"] }, "results": { "bindings": [' + ",".join(rows) + "] } }"
    ).encode()
    read = io.BufferedReader(_PlainBlankLabels(io.BufferedReader(Trickle(document, size))))  # type: ignore[arg-type]
    answer = ox.parse_query_results(read, ox.QueryResultsFormat.JSON)
    assert isinstance(answer, ox.QuerySolutions)
    solutions = list(answer)
    assert [str(row["x"]) for row in solutions[:2]] == ["_:nodeID___b10005", "_:nodeID___b7"]
    assert solutions[0]["y"] == ox.Literal("nodeID://b1"), "a literal is left as it is"
    assert len(solutions) == 80
