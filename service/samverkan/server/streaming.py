"""Query answers read on one worker thread and, when long, streamed to the client as they are read.

The thread that runs a query owns its answer to the end (pyoxigraph answers must be read and
dropped on the thread that made them). It first reads up to `stream_after` items under the
deadline: an answer that ends there goes back whole, so its status (503 on time-out) and its
truncation header are exact. A longer answer in a format that can be written piece by piece is
streamed: the headers go first, announcing the cap (`Samverkan-Result-Limit`), then chunks of
`CHUNK_ITEMS` items while the engine reads on; a cut at the cap still ends the document properly;
a time-out after the headers have gone ends the connection before the document is complete, which
clients report as a broken transfer rather than taking a partial answer for a whole one. Other
formats (SPARQL XML, RDF/XML, JSON-LD) are read to the cap and sent whole.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import anyio
import pyoxigraph as ox
from anyio import CapacityLimiter

from samverkan.server import metrics
from samverkan.sparql.collected import (
    JSON_CLOSING,
    CollectedAnswer,
    QueryTimeout,
    UnreadRest,
    collect,
    json_bindings,
    json_opening,
    read_some,
    serialize_collected,
)
from samverkan.sparql.formats import AnswerFormat
from samverkan.store.base import QueryAnswer

CHUNK_ITEMS = 1000
"""Items per streamed chunk."""
DEADLINE_GRACE = 0.5
"""Seconds past the deadline the event loop waits for the worker to report the time-out itself."""
CLOSING_GRACE = 5.0
"""Seconds past the deadline the closing chunks of a stream (cut at the cap) may wait for the client."""
CHUNKS_AHEAD = 8
"""Chunks the reading thread may get ahead of a slow client."""
STREAMED_FORMATS = {"json", "csv", "tsv", "turtle", "ntriples", "trig", "nquads"}
"""Formats whose documents can be written in pieces (pieces after the first skip CSV/TSV's header;
Turtle and TriG repeat their prefix lines, which the grammar allows)."""


@dataclass
class StreamedAnswer:
    """The start of an answer that goes on: the chunks to send, in order."""

    chunks: AsyncIterator[bytes]
    media_type: str | None = None
    """Set when the stream's producer chose the format (a worker process); else the route's choice."""


class _Stopped(Exception):
    """The client went away; the reading thread stops."""


class AnswerReader:
    """Runs one query on a worker thread; hands back a whole answer or a stream of chunks."""

    def __init__(self, answer_format: AnswerFormat, *, timeout: float, limit: int, stream_after: int) -> None:
        self.format = answer_format
        self._started = time.monotonic()
        self.deadline = self._started + timeout
        self.limit = limit
        self.stream_after = max(1, min(stream_after, limit))
        self._loop = asyncio.get_running_loop()
        self._first: asyncio.Future[CollectedAnswer | StreamedAnswer | BaseException] = (
            self._loop.create_future()
        )
        self._chunks: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue()
        self._credit = threading.Semaphore(CHUNKS_AHEAD)
        self._stopped = threading.Event()
        self._streaming = False
        """Set on the worker thread once the stream is handed over (errors then go down the stream)."""

    async def run(
        self,
        query: Callable[[], QueryAnswer],
        *,
        limiter: CapacityLimiter | None = None,
        on_finish: Callable[[], None] = lambda: None,
    ) -> CollectedAnswer | StreamedAnswer:
        """The answer (or its stream); raises what the query raised, or TimeoutError.

        The query runs on a thread of `limiter` (else the shared pool); `on_finish` is called on that
        thread when it is done with the query, which may be long after a time-out. The query's time is
        recorded when its answer is whole, or when its stream ends."""
        self._worker = asyncio.ensure_future(
            anyio.to_thread.run_sync(
                self._read_then, query, on_finish, abandon_on_cancel=True, limiter=limiter
            )
        )
        try:
            outcome = await asyncio.wait_for(asyncio.shield(self._first), timeout=self._time_left())
        except BaseException:
            self._stopped.set()
            self._record_time()
            raise
        if not isinstance(outcome, StreamedAnswer):
            self._record_time()
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _time_left(self) -> float:
        """Seconds until the deadline, with a moment's grace for the worker to report it first."""
        return max(0.0, self.deadline + DEADLINE_GRACE - time.monotonic())

    def _record_time(self) -> None:
        metrics.QUERY_SECONDS.observe(time.monotonic() - self._started)

    def _read_then(self, query: Callable[[], QueryAnswer], on_finish: Callable[[], None]) -> None:
        try:
            self._read(query)
        finally:
            on_finish()

    def _read(self, query: Callable[[], QueryAnswer]) -> None:
        try:
            answer = query()
            if not self._streams(answer):
                self._hand_over(collect(answer, deadline=self.deadline, limit=self.limit))
                return
            first, rest = read_some(answer, deadline=self.deadline, limit=self.stream_after)
            if rest is None:
                self._hand_over(first)
                return
            self._streaming = True
            self._hand_over(StreamedAnswer(self._chunk_iterator()))
            self._stream(first, rest)
        except _Stopped:
            return
        except Exception as error:  # handed to the event loop without the frames that hold the answer
            error.__traceback__ = None
            if not self._streaming:
                self._hand_over(error)
                return
            try:
                self._put(error)
            except _Stopped:
                return

    def _streams(self, answer: QueryAnswer) -> bool:
        """Whether this answer, should it go on past `stream_after`, is streamed in the chosen format.

        A graph asked for in a results format (or the reverse) is collected whole: the route then
        picks a format that fits it."""
        return streams(self.format, answer, stream_after=self.stream_after, limit=self.limit)

    def _stream(self, first: CollectedAnswer, rest: UnreadRest | None) -> None:
        for piece in stream_pieces(self.format, first, rest, deadline=self.deadline, limit=self.limit):
            self._put(piece)
        self._put(closing(self.format), in_time=False)
        self._put(None, in_time=False)

    def _hand_over(self, outcome: CollectedAnswer | StreamedAnswer | BaseException) -> None:
        self._loop.call_soon_threadsafe(_settle, self._first, outcome)

    def _put(self, chunk: bytes | BaseException | None, *, in_time: bool = True) -> None:
        """Queue a chunk once the client has taken enough; `in_time`: only before the deadline, else
        (the closing chunks) until `CLOSING_GRACE` after it: a client that stopped reading frees the thread."""
        until = self.deadline if in_time else self.deadline + CLOSING_GRACE
        while not self._credit.acquire(timeout=0.1):
            if self._stopped.is_set():
                raise _Stopped
            if time.monotonic() > until:  # the client reads too slowly to finish in time
                self._loop.call_soon_threadsafe(self._chunks.put_nowait, QueryTimeout())
                raise _Stopped
        if self._stopped.is_set():
            raise _Stopped
        self._loop.call_soon_threadsafe(self._chunks.put_nowait, chunk)

    async def _chunk_iterator(self) -> AsyncIterator[bytes]:
        try:
            while True:
                chunk = await self._next_chunk()
                if chunk is None:
                    return
                if isinstance(chunk, QueryTimeout):
                    metrics.QUERY_TIMEOUTS.inc()
                    raise QueryTimeout("the query ran past its deadline while its answer was being sent")
                if isinstance(chunk, BaseException):
                    raise chunk
                if chunk:
                    yield chunk
        finally:
            self._stopped.set()
            self._record_time()

    async def _next_chunk(self) -> bytes | BaseException | None:
        """The next queued chunk; a time-out when none comes by the deadline (a stuck engine step)."""
        try:
            chunk = self._chunks.get_nowait()
        except asyncio.QueueEmpty:
            try:
                chunk = await asyncio.wait_for(self._chunks.get(), self._time_left())
            except TimeoutError:
                return QueryTimeout()
        self._credit.release()
        return chunk


def streams(answer_format: AnswerFormat, answer: QueryAnswer, *, stream_after: int, limit: int) -> bool:
    """Whether `answer`, should it go on past `stream_after` items, is streamed in `answer_format`."""
    return (
        stream_after < limit
        and answer_format.name in STREAMED_FORMATS
        and isinstance(answer, ox.QueryTriples) == answer_format.for_graphs
    )


def stream_pieces(
    answer_format: AnswerFormat, first: CollectedAnswer, rest: UnreadRest | None, *, deadline: float, limit: int
) -> Iterator[bytes]:
    """The document of a streamed answer up to its closing: the first items, then the rest in chunks of
    `CHUNK_ITEMS` until it ends or `limit` items are sent (QueryTimeout past `deadline`)."""
    sent = first.size
    yield _opening(answer_format, first)
    while rest is not None and sent < limit:
        batch, rest = read_some(rest, deadline=deadline, limit=min(CHUNK_ITEMS, limit - sent))
        sent += batch.size
        yield _piece(answer_format, batch)


def closing(answer_format: AnswerFormat) -> bytes:
    """What ends a streamed document after its last piece."""
    return JSON_CLOSING if answer_format.name == "json" else b""


def _opening(answer_format: AnswerFormat, first: CollectedAnswer) -> bytes:
    if answer_format.name == "json":
        return json_opening(first.variables) + json_bindings(first)
    return serialize_collected(first, answer_format)


def _piece(answer_format: AnswerFormat, batch: CollectedAnswer) -> bytes:
    if answer_format.name == "json":
        return b"," + json_bindings(batch) if batch.size else b""
    if not batch.size:
        return b""
    body = serialize_collected(batch, answer_format)
    if answer_format.name in {"csv", "tsv"}:
        return body.split(b"\n", 1)[1]
    return body


def _settle(future: asyncio.Future, outcome: object) -> None:
    if not future.done():
        future.set_result(outcome)
