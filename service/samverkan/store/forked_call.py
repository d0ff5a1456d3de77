"""A call made in a child forked from this process, its pickled answer read back until a deadline.

The child inherits the process's memory copy-on-write (an in-memory store included, and the open
files of an on-disk one), works alone on a core, and its temporaries are its own. A child forked while
another thread held one of the engine's locks may never answer: at the deadline it is killed with
SIGKILL and `QueryTimeout` is raised, so no caller waits for it past the deadline; and (Linux) it is
killed when the thread that forked it ends (the process ended before the deadline): a child hung that
way outlived the service, holding its listening socket. The child lets go of the sockets and pipes it
inherits (`let_go_of_inherited`), as a query worker does.
"""

from __future__ import annotations

import ctypes
import gc
import math
import os
import pickle
import select
import signal
import stat
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from samverkan.sparql.collected import QueryTimeout
from samverkan.store import StoreError

_PR_SET_PDEATHSIG = 1
_READY = b"\x01"
FORK_ATTEMPTS = 3
"""Forks tried before giving up: a fork taken while one of the engine's threads held a lock of the on-disk
store copies the lock held, and the child waits for it forever (measured: about one fork in ten right
after a write; py-spy showed the child in rocksdb::port::Mutex::Lock at its first read)."""
READY_SECONDS = 2.0
"""How long a new child may take to read the store once (`PROBE`) and say so; one that has not is killed."""
PROBE = "ASK { ?s ?p ?o }"
"""The read a child makes before it is trusted with work."""
SEND_BUFFER = 1 << 20
"""Bytes of a child's pickled answer buffered before they are written to the pipe."""


class ChildNotStarted(StoreError):
    """No child could be forked (out of processes, memory or descriptors), or none could read the store within
    `FORK_ATTEMPTS` tries: the call was not made."""


def call_in_child(
    work: Callable[[], Any], *, deadline: float, niceness: int = 0, probe: Callable[[], object] | None = None
) -> Any:
    """What `work()` returns, computed in a forked child at `niceness`; `QueryTimeout` when the child has
    not answered by `deadline` (on the `time.monotonic()` clock), `StoreError` when it raised or ended, and
    `ChildNotStarted` when no child could be forked. With `probe` (a read of the
    store), a child that has not made it within `READY_SECONDS` is killed and another forked, `FORK_ATTEMPTS`
    in all: a call that reads a store on disk needs it."""
    for _ in range(FORK_ATTEMPTS if probe else 1):
        reading, pid = _fork(work, niceness, probe)
        if probe is None or _is_ready(reading, min(READY_SECONDS, deadline - time.monotonic())):
            break
        _end(reading, pid, kill=True)
        if time.monotonic() >= deadline:
            raise QueryTimeout("the child process was stopped at its deadline")
    else:
        raise ChildNotStarted(f"no child process could read the store in {FORK_ATTEMPTS} tries")
    data: bytes | None = None  # the child is killed unless its whole answer was read
    try:
        data = _read_until(reading, deadline)
    finally:
        _end(reading, pid, kill=data is None)
    if data is None:
        raise QueryTimeout("the child process was stopped at its deadline")
    if not data:
        raise StoreError("the child process ended without an answer")
    try:
        answered, value = pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, ValueError) as error:  # it ended in the middle of its answer
        raise StoreError(f"the child process ended in the middle of its answer: {error}") from error
    if not answered:
        raise StoreError(value)
    return value


def _fork(work: Callable[[], Any], niceness: int, probe: Callable[[], object] | None) -> tuple[int, int]:
    """A child making `work()` (after `probe()`, which it reports with one byte), and the pipe's end it writes to."""
    try:
        reading, writing = os.pipe()
    except OSError as error:
        raise ChildNotStarted(f"cannot fork a child for the call: {error}") from error
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError as error:
        os.close(reading)
        os.close(writing)
        raise ChildNotStarted(f"cannot fork a child for the call: {error}") from error
    if pid == 0:  # the child: answer, then leave without any cleanup of the parent's
        os.close(reading)
        try:
            _die_with(parent)
            let_go_of_inherited(writing)
            if probe is not None:
                probe()
                _write_all(writing, _READY)
            _send(writing, _answer(work, niceness))
        finally:
            os._exit(0)
    os.close(writing)
    return reading, pid


def _is_ready(reading: int, seconds: float) -> bool:
    """Whether the child reports its probe made within `seconds`."""
    return readable(reading, seconds) and os.read(reading, 1) == _READY


def _end(reading: int, pid: int, *, kill: bool) -> None:
    """Close the pipe and reap the child (killed first when `kill`)."""
    os.close(reading)
    if kill:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _die_with(parent: int) -> None:
    """In the child: SIGKILL when the forking thread ends (Linux's parent-death signal), or now if it has."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def let_go_of_inherited(kept: int) -> None:
    """In a forked child: put /dev/null in place of every socket and pipe it inherited but `kept` and stdio.

    They are the parent's: a service's clients' connections, its listening socket, pipes to processes it
    started. One the child held stayed open after the parent closed it, until the child ended: a client
    waiting for its connection's end, or a process for its input's end, waited for the child. Replaced, not
    closed: the parent's objects still name those numbers, so none is reused for a file the child opens.
    """
    null = os.open(os.devnull, os.O_RDWR)
    for name in os.listdir("/dev/fd"):
        number = int(name)
        if number <= 2 or number in (null, kept):
            continue
        try:
            mode = os.fstat(number).st_mode
        except OSError:  # the listing's own descriptor, closed since
            continue
        if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
            os.dup2(null, number)
    os.close(null)


def settle_child(niceness: int) -> None:
    """In a forked child, first: the parent's objects frozen for the collector (their pages stay shared), the
    collector on (the parent may have paused it, as a network's build does), the parent's event loop not woken by
    this process's signals, SIGINT and SIGTERM ending it, and its priority lowered by `niceness`."""
    gc.freeze()
    gc.enable()
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if niceness:
        os.nice(niceness)


def _answer(work: Callable[[], Any], niceness: int) -> tuple[bool, Any]:
    """In the child: (True, what `work` returns), or (False, what it raised, as text)."""
    settle_child(niceness)
    try:
        return True, work()
    except Exception as error:  # sent back, raised as a StoreError by the parent
        return False, f"{type(error).__name__}: {error}"


def readable(descriptor: int, seconds: float) -> bool:
    """Whether `descriptor` has data (or its end) within `seconds`: by poll(), since select() takes no
    descriptor numbered 1024 or more, which a process with many connections or store files hands out."""
    waiting = select.poll()
    waiting.register(descriptor, select.POLLIN)
    return bool(waiting.poll(max(0, math.ceil(seconds * 1000))))


def _send(descriptor: int, answer: tuple[bool, Any]) -> None:
    """Pickle the answer into the pipe as it is made, a buffer at a time: never whole in the child's memory
    beside the objects it pickles (the kept gap report's 19 MiB at 1M quads)."""
    with os.fdopen(descriptor, "wb", buffering=SEND_BUFFER, closefd=False) as pipe:
        pickle.dump(answer, pipe, protocol=pickle.HIGHEST_PROTOCOL)


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
        if not readable(descriptor, left):
            return None
        chunk = os.read(descriptor, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
