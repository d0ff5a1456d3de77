"""Queries answered by worker processes forked from the service, each killed at its query's deadline.

The engine cannot be interrupted inside a step (a COUNT over a cross product is one step of hours), so
on the embedded store every query runs in a worker: a process forked from the service that shares the
store's pages copy-on-write and answers queries one at a time over a socket. A worker that has not
finished its query `DEADLINE_GRACE` after the deadline is killed with SIGKILL, so it stops using a core
at once, and the next query gets a fresh fork; an engine crash ends only its worker. Several workers
answer on several cores. A write to the store (counted by `EmbeddedStore.writes`) makes the workers
forked before it stale: idle ones are retired when next looked at and busy ones when their query ends,
so a query that starts after a write has ended sees it.

A worker writes a short answer whole (read to the cap and serialised in the worker) and a long one, in
a format that can be written in pieces, as a stream of chunks (`server.streaming`), which the socket's
buffer holds back while the client reads slowly. A worker that forked while another thread held one of
the engine's locks may never answer: its deadline ends it like any other. On an on-disk store a worker
reads the files the service's store had open when it forked; one whose query fails is retired.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import socket
import struct
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import NoReturn

import pyoxigraph as ox

from samverkan.server.forked import Failure, ForkedAnswer, failure_of
from samverkan.server.streaming import StreamedAnswer, closing, stream_pieces, streams
from samverkan.sparql.collected import QueryTimeout, collect, read_some, serialize_collected
from samverkan.sparql.formats import AnswerFormat
from samverkan.store import QueryDataset, Store, StoreError, forked_call
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.forked_call import let_go_of_inherited, readable, settle_child

DEADLINE_GRACE = 0.5
"""Seconds past its query's deadline a worker may take to finish (it stops itself at the deadline
between items; this kills one inside an engine step, or whose client reads too slowly)."""
NICENESS = 5
"""How much lower a worker's scheduling priority is than the service's: under a load of queries the
event loop still answers at once (admission's 503s, /health, the pages)."""
IDLE_SECONDS = 60.0
"""An idle worker older than this is retired when the pool is next used; one idle twice as long ends itself."""

RECEIVE_BYTES = 64 * 1024
"""Bytes asked of the socket at once: a short answer's frame comes whole in one read, with its header."""

_HEADER = struct.Struct("!BI")
_WHOLE, _FAILURE, _START, _CHUNK, _END, _READY, _CUT = range(7)
"""Kinds of frame: a whole answer (`_CUT`: one cut at the cap) is its media type, a newline and its body."""


@dataclass(frozen=True)
class QueryJob:
    """One query for a worker: its text and dataset, how to choose the format, the deadline and the caps."""

    query: str
    dataset: QueryDataset
    base_iri: str | None
    choose_format: Callable[[bool], AnswerFormat]
    """The format for an answer that is a graph (True) or not; pickled, so a module-level function."""
    deadline: float
    """On the `time.monotonic()` clock, which the worker shares."""
    limit: int
    stream_after: int


@dataclass(eq=False)
class _Worker:
    pid: int
    connection: socket.socket
    generation: int
    """The store's write count when it forked."""
    idle_since: float = field(default_factory=time.monotonic)
    killed: bool = False
    alarm: asyncio.TimerHandle | None = None
    received: bytearray = field(default_factory=bytearray)
    """What has been read from the socket past the last frame taken."""

    def kill(self) -> None:
        """Stop the process at once and reap it (its end of the socket closes, so a read of it ends)."""
        if not self.killed:
            self.killed = True
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass

    def retire(self) -> None:
        """Kill it and close the socket (not while a read of it waits)."""
        if self.alarm is not None:
            self.alarm.cancel()
        self.kill()
        self.connection.close()

    def has_ended(self) -> bool:
        """Whether the process ended by itself (then it is reaped)."""
        try:
            return os.waitpid(self.pid, os.WNOHANG)[0] != 0
        except ChildProcessError:
            return True


class QueryWorkers:
    """A pool of up to `size` idle worker processes over `store`."""

    def __init__(self, store: EmbeddedStore, size: int) -> None:
        store.compact()  # a worker forked during a background compaction grew without bound (#22)
        self.store = store
        self.size = size
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    @property
    def idle(self) -> int:
        return len(self._idle)

    def close(self) -> None:
        """Retire every idle worker (busy ones are killed at their deadlines)."""
        with self._lock:
            retired, self._idle = self._idle, []
        for worker in retired:
            worker.retire()

    async def answer(self, job: QueryJob) -> ForkedAnswer | StreamedAnswer:
        """The whole answer, or a stream of its chunks; raises what the query would, or QueryTimeout."""
        loop = asyncio.get_running_loop()
        request = _frame(_WHOLE, pickle.dumps(job))
        worker = self._take() or await _fork(loop, self.store)
        try:
            try:
                await loop.sock_sendall(worker.connection, request)
            except OSError:  # it ended while idle: a fresh one takes the job
                worker.retire()
                worker = await _fork(loop, self.store)
                await loop.sock_sendall(worker.connection, request)
            worker.alarm = loop.call_at(job.deadline + DEADLINE_GRACE, worker.kill)
            kind, payload = await _receive(loop, worker)
        except BaseException:
            worker.retire()
            raise
        if kind == _START:
            return StreamedAnswer(self._chunks(loop, worker), payload.decode())
        if kind in (_WHOLE, _CUT):
            self._give_back(worker, failed=False)
            media_type, _, body = payload.partition(b"\n")
            return ForkedAnswer(media_type.decode(), body, kind == _CUT)
        failure: Failure = pickle.loads(payload)
        self._give_back(worker, failed=failure.kind == "store")
        failure.raise_again()

    async def _chunks(self, loop: asyncio.AbstractEventLoop, worker: _Worker) -> AsyncIterator[bytes]:
        ended = False
        try:
            while True:
                kind, payload = await _receive(loop, worker)
                if kind == _END:
                    ended = True
                    return
                if kind == _FAILURE:
                    pickle.loads(payload).raise_again()
                if payload:
                    yield payload
        finally:
            if ended:
                self._give_back(worker, failed=False)
            else:
                worker.retire()

    def _take(self) -> _Worker | None:
        """An idle worker that has seen every write, if any."""
        now = time.monotonic()
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                fresh = worker.generation == self.store.writes and now - worker.idle_since < IDLE_SECONDS
                if fresh and not worker.has_ended():
                    return worker
                worker.retire()
        return None

    def _give_back(self, worker: _Worker, *, failed: bool) -> None:
        if worker.alarm is not None:
            worker.alarm.cancel()
        with self._lock:
            keep = not failed and worker.generation == self.store.writes and len(self._idle) < self.size
            if keep:
                worker.idle_since = time.monotonic()
                self._idle.append(worker)
        if not keep:
            worker.retire()


async def _fork(loop: asyncio.AbstractEventLoop, store: EmbeddedStore) -> _Worker:
    """A new worker that has read the store once (measured: after writes to an on-disk store, about one fork
    in ten met a lock held by the engine's background threads and never answered). Its readiness is awaited:
    the event loop answers other requests meanwhile."""
    for _ in range(forked_call.FORK_ATTEMPTS):
        worker = _forked(store)
        if await _is_ready(loop, worker):
            return worker
        worker.retire()
    raise StoreError(f"no query worker could read the store in {forked_call.FORK_ATTEMPTS} tries")


async def _is_ready(loop: asyncio.AbstractEventLoop, worker: _Worker) -> bool:
    """Whether the worker says it has read the store (`forked_call.PROBE`) within `forked_call.READY_SECONDS`."""
    try:
        said = await asyncio.wait_for(loop.sock_recv(worker.connection, _HEADER.size), forked_call.READY_SECONDS)
    except (TimeoutError, OSError):
        return False
    return said == _frame(_READY, b"")


def _forked(store: EmbeddedStore) -> _Worker:
    store.compact()  # after opening or a big load: RocksDB's background work is not in the forked process
    generation = store.writes
    ours, theirs = socket.socketpair()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        ours.close()
        _serve(store, theirs, parent)
    theirs.close()
    ours.setblocking(False)
    return _Worker(pid, ours, generation)


def _serve(store: Store, connection: socket.socket, parent: int) -> NoReturn:
    """The worker: answer jobs until the service closes the socket, or goes, or leaves it idle too long."""
    try:
        settle_child(NICENESS)
        let_go_of_inherited(connection.fileno())
        threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
        store.query(forked_call.PROBE)
        connection.sendall(_frame(_READY, b""))
        unread = bytearray()
        while readable(connection.fileno(), 2 * IDLE_SECONDS):
            received = _read_frame(connection, unread)
            if received is None:
                break
            for kind, payload in _answer(store, pickle.loads(received[1])):
                connection.sendall(_frame(kind, payload))
    finally:
        os._exit(0)


def _end_with(parent: int) -> None:
    """End the worker when the service has gone (the engine releases the interpreter while it works)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _answer(store: Store, job: QueryJob) -> Iterator[tuple[int, bytes]]:
    """The frames of one job's answer: whole, or a start, chunks and an end; a failure instead."""
    try:
        answer = store.query(job.query, job.dataset, base_iri=job.base_iri)
        answer_format = job.choose_format(isinstance(answer, ox.QueryTriples))
        if streams(answer_format, answer, stream_after=job.stream_after, limit=job.limit):
            first, rest = read_some(answer, deadline=job.deadline, limit=job.stream_after)
            collected = first
            if rest is not None:
                yield _START, f"{answer_format.media_type}; charset=utf-8".encode()
                for piece in stream_pieces(answer_format, first, rest, deadline=job.deadline, limit=job.limit):
                    yield _CHUNK, piece
                yield _CHUNK, closing(answer_format)
                yield _END, b""
                return
        else:
            collected = collect(answer, deadline=job.deadline, limit=job.limit)
        body = serialize_collected(collected, answer_format)
        media_type = f"{answer_format.media_type}; charset=utf-8".encode()
        yield (_CUT if collected.truncated else _WHOLE), media_type + b"\n" + body
    except Exception as error:  # sent back, raised again by the service
        yield _FAILURE, pickle.dumps(failure_of(error))


def _frame(kind: int, payload: bytes) -> bytes:
    return _HEADER.pack(kind, len(payload)) + payload


def _read_frame(connection: socket.socket, unread: bytearray) -> tuple[int, bytes] | None:
    """One frame from a blocking socket, `unread` holding what was read past it; None when it is closed."""
    if not _read_into(connection, unread, _HEADER.size):
        return None
    kind, length = _HEADER.unpack_from(unread)
    if not _read_into(connection, unread, _HEADER.size + length):
        return None
    return kind, _take_frame(unread, length)


def _read_into(connection: socket.socket, unread: bytearray, size: int) -> bool:
    """Read until `unread` holds `size` bytes; False when the socket closes first."""
    while len(unread) < size:
        chunk = connection.recv(max(RECEIVE_BYTES, size - len(unread)))
        if not chunk:
            return False
        unread += chunk
    return True


def _take_frame(unread: bytearray, length: int) -> bytes:
    """The payload of the frame at the start of `unread`, which then starts after it."""
    payload = bytes(unread[_HEADER.size : _HEADER.size + length])
    del unread[: _HEADER.size + length]
    return payload


async def _receive(loop: asyncio.AbstractEventLoop, worker: _Worker) -> tuple[int, bytes]:
    """The worker's next frame; QueryTimeout when it was killed at its deadline, StoreError when it ended."""
    await _receive_into(loop, worker, _HEADER.size)
    kind, length = _HEADER.unpack_from(worker.received)
    await _receive_into(loop, worker, _HEADER.size + length)
    return kind, _take_frame(worker.received, length)


async def _receive_into(loop: asyncio.AbstractEventLoop, worker: _Worker, size: int) -> None:
    """Read until the worker's `received` holds `size` bytes."""
    while len(worker.received) < size:
        wanted = max(RECEIVE_BYTES, size - len(worker.received))
        chunk = b"" if worker.killed else await _received(loop, worker, wanted)
        if not chunk:
            if worker.killed:
                raise QueryTimeout("the query was stopped at its deadline")
            raise StoreError("the query process ended without an answer")
        worker.received += chunk


async def _received(loop: asyncio.AbstractEventLoop, worker: _Worker, size: int) -> bytes:
    """Up to `size` bytes from the worker, none once it has ended (one that ended before reading its
    request resets the connection instead of closing it)."""
    try:
        return await loop.sock_recv(worker.connection, size)
    except ConnectionResetError:
        return b""
