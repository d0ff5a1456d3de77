"""A call made in a child forked from this process, its pickled answer read back until a deadline.

The child inherits the process's memory copy-on-write (an in-memory store included, and the open
files of an on-disk one), works alone on a core, and its temporaries are its own. A child forked while
another thread held one of the engine's locks may never answer: at the deadline it is killed with
SIGKILL and `QueryTimeout` is raised, so no caller waits for it past the deadline; and (Linux) it is
killed when the thread that forked it ends (the process ended before the deadline): a child hung that
way outlived the service, holding its listening socket.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from samverkan.sparql.collected import QueryTimeout
from samverkan.store import StoreError

_PR_SET_PDEATHSIG = 1


def call_in_child(work: Callable[[], Any], *, deadline: float, niceness: int = 0) -> Any:
    """What `work()` returns, computed in a forked child at `niceness`; `QueryTimeout` when the child has
    not answered by `deadline` (on the `time.monotonic()` clock), `StoreError` when it raised or ended."""
    reading, writing = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: answer, then leave without any cleanup of the parent's
        os.close(reading)
        try:
            _die_with(parent)
            _write_all(writing, pickle.dumps(_answer(work, niceness)))
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
        raise QueryTimeout("the child process was stopped at its deadline")
    if not data:
        raise StoreError("the child process ended without an answer")
    answered, value = pickle.loads(data)
    if not answered:
        raise StoreError(value)
    return value


def _die_with(parent: int) -> None:
    """In the child: SIGKILL when the forking thread ends (Linux's parent-death signal), or now if it has."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _answer(work: Callable[[], Any], niceness: int) -> tuple[bool, Any]:
    """In the child: (True, what `work` returns), or (False, what it raised, as text)."""
    gc.freeze()  # the parent's objects are never scanned here, so their pages stay shared
    signal.set_wakeup_fd(-1)  # the parent's event loop is not woken by this process's signals
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if niceness:
        os.nice(niceness)
    try:
        return True, work()
    except Exception as error:  # sent back, raised as a StoreError by the parent
        return False, f"{type(error).__name__}: {error}"


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
