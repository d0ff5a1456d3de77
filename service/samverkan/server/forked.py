"""A query run in a forked child process, which can be killed at its deadline.

The engine cannot be interrupted inside a step, so a query past its deadline on a thread runs on
(abandoned, see `server.admission`). While any query is abandoned, new queries on the embedded store
run in a child forked from the service instead: the child shares the store's pages copy-on-write,
reads and writes the answer whole (up to the result cap) to a pipe, and is killed with SIGKILL when
the deadline passes, so it stops using a core at once. A child only ever queries and exits; if
forking while other threads hold the store's locks leaves it stuck, the deadline ends it like any
other. Answers from a child are sent whole, not streamed.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from fastapi import HTTPException

from samverkan.sparql.collected import QueryTimeout, collect, serialize_collected
from samverkan.sparql.formats import AnswerFormat
from samverkan.store import QuerySyntaxError, StoreError
from samverkan.store.base import QueryAnswer


@dataclass(frozen=True)
class ForkedAnswer:
    """A whole answer written by a child: its media type, body and whether it was cut at the cap."""

    media_type: str
    body: bytes
    truncated: bool


def run_in_child(
    query: Callable[[], QueryAnswer],
    choose_format: Callable[[bool], AnswerFormat],
    *,
    timeout: float,
    limit: int,
) -> ForkedAnswer:
    """Run `query` in a forked child; `choose_format(is_graph)` picks the serialisation. Raises what the
    query would (QuerySyntaxError, StoreError, HTTPException from `choose_format`) or QueryTimeout."""
    deadline = time.monotonic() + timeout
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, write, leave without running any cleanup of the parent's
        os.close(reading)
        try:
            _write_all(writing, pickle.dumps(_outcome(query, choose_format, deadline, limit)))
        finally:
            os._exit(0)
    os.close(writing)
    try:
        data = _read_until(reading, deadline)
    finally:
        os.close(reading)
        if data is None:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if data is None:
        raise QueryTimeout("the query was killed at its deadline")
    return _settle(
        pickle.loads(data) if data else _Failure("store", "the query process ended without an answer")
    )


@dataclass(frozen=True)
class _Failure:
    """Why a child gave no answer, as the parent raises it again."""

    kind: str
    """`syntax`, `timeout`, `http` (from choosing the format) or `store`."""
    message: str
    line: int | None = None
    column: int | None = None
    status: int = 502

    def raise_again(self) -> NoReturn:
        if self.kind == "syntax":
            raise QuerySyntaxError(self.message, self.line, self.column)
        if self.kind == "timeout":
            raise QueryTimeout(self.message)
        if self.kind == "http":
            raise HTTPException(self.status, self.message)
        raise StoreError(self.message)


def _outcome(
    query: Callable[[], QueryAnswer],
    choose_format: Callable[[bool], AnswerFormat],
    deadline: float,
    limit: int,
) -> ForkedAnswer | _Failure:
    try:
        answer = collect(query(), deadline=deadline, limit=limit)
        answer_format = choose_format(answer.is_graph)
        body = serialize_collected(answer, answer_format)
        return ForkedAnswer(f"{answer_format.media_type}; charset=utf-8", body, answer.truncated)
    except QuerySyntaxError as error:
        return _Failure("syntax", error.message, error.line, error.column)
    except QueryTimeout:
        return _Failure("timeout", "the query ran past its deadline")
    except HTTPException as error:
        return _Failure("http", str(error.detail), status=error.status_code)
    except Exception as error:  # every other failure goes back to the parent as a store failure
        return _Failure("store", f"{type(error).__name__}: {error}")


def _settle(outcome: ForkedAnswer | _Failure) -> ForkedAnswer:
    if isinstance(outcome, _Failure):
        outcome.raise_again()
    return outcome


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _read_until(descriptor: int, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe; None when the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([descriptor], [], [], left)
        if not ready:
            return None
        chunk = os.read(descriptor, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
