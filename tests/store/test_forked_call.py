"""A call made in a forked child: its answer, what it raised, and a child that never answers killed at the deadline."""

from __future__ import annotations

import errno
import os
import resource
import socket
import time
from contextlib import suppress
from functools import partial
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest

from samverkan.sparql.collected import QueryTimeout
from samverkan.store import Store, StoreError, forked_call
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.forked_call import call_in_child

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def counted(store: Store) -> tuple[int, int]:
    """The store's quads, counted by the engine, and the process that counted them."""
    answer = store.query(COUNT)
    assert isinstance(answer, ox.QuerySolutions)
    return int(next(iter(answer))["n"].value), os.getpid()


def children() -> set[int]:
    return {child.pid for child in psutil.Process().children()}


def test_the_child_answers_from_the_inherited_store(project_store: Store) -> None:
    in_child, child = call_in_child(lambda: counted(project_store), deadline=time.monotonic() + 60)
    here, service = counted(project_store)
    assert in_child == here > 1000
    assert child != service


def test_the_child_reads_an_on_disk_store(tmp_path: Path) -> None:
    """With the probe, as the callers reading a store on disk make it: a child forked while one of the engine's
    threads held a lock (measured under load: 2 forks in 200 right after a write and compaction) is replaced."""
    store = EmbeddedStore(tmp_path / "store")
    store.update(
        'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> "1" } }'
    )
    store.compact()
    probe = partial(store.query, forked_call.PROBE)
    assert call_in_child(lambda: counted(store)[0], deadline=time.monotonic() + 60, probe=probe) == 1
    store.close()


def test_what_the_call_raised_is_a_store_error(project_store: Store) -> None:
    with pytest.raises(StoreError, match="QuerySyntaxError"):
        call_in_child(lambda: project_store.query("SELECT nothing"), deadline=time.monotonic() + 60)


def test_a_child_that_ends_without_an_answer(project_store: Store) -> None:
    with pytest.raises(StoreError, match="ended without an answer"):
        call_in_child(lambda: os._exit(3), deadline=time.monotonic() + 60)


def test_a_big_answer_is_sent_whole() -> None:
    """Pickled into the pipe piece by piece (`SEND_BUFFER`), read back as one answer."""
    big = [os.urandom(1000) for _ in range(3 * forked_call.SEND_BUFFER // 1000)]
    assert call_in_child(lambda: big, deadline=time.monotonic() + 60) == big


def test_a_child_that_ends_in_the_middle_of_its_answer() -> None:
    """Its answer's first pieces were sent before it could not pickle the rest (a lambda)."""
    with pytest.raises(StoreError, match="in the middle of its answer"):
        call_in_child(
            lambda: [os.urandom(4 * forked_call.SEND_BUFFER), lambda: 0], deadline=time.monotonic() + 60
        )


def test_a_child_that_never_answers_is_killed_at_the_deadline() -> None:
    before = children()
    with pytest.raises(QueryTimeout):
        call_in_child(lambda: time.sleep(3600), deadline=time.monotonic() + 1)
    assert children() <= before, "the child was killed and reaped"


def test_a_child_ends_with_the_process_that_forked_it(tmp_path: Path) -> None:
    """A process (here a child of the test) that forks a call which never answers, then ends before the deadline."""
    pid_file = tmp_path / "pid"

    def record_and_hang() -> None:
        pid_file.write_text(str(os.getpid()))
        time.sleep(3600)

    forker = os.fork()
    if forker == 0:
        try:
            call_in_child(record_and_hang, deadline=time.monotonic() + 3600)
        finally:
            os._exit(0)
    while not pid_file.exists() or not pid_file.read_text():
        time.sleep(0.05)
    os.kill(forker, 9)
    os.waitpid(forker, 0)
    hung = psutil.Process(int(pid_file.read_text()))
    assert hung.wait(timeout=30) is not None or not hung.is_running(), "the hung child ended with its parent"


def held_inodes() -> set[int]:
    """The inodes of the files this process holds open."""
    held = set()
    for name in os.listdir("/proc/self/fd"):
        with suppress(FileNotFoundError):  # the listing's own descriptor, closed since
            held.add(os.stat(f"/proc/self/fd/{name}").st_ino)
    return held


def test_the_child_holds_none_of_the_parents_sockets_and_pipes() -> None:
    """Else one the parent closes stays open while the child computes (a kept gap report: 10-40 s at 1M): a
    client's connection the service closed is not ended, and the client's next request on it hangs meanwhile."""
    pipe = os.pipe()
    pair = socket.socketpair()
    try:
        held = call_in_child(held_inodes, deadline=time.monotonic() + 60)
        parents = {os.fstat(number).st_ino for number in (*pipe, *(end.fileno() for end in pair))}
        assert held.isdisjoint(parents)
    finally:
        for number in pipe:
            os.close(number)
        for end in pair:
            end.close()


def test_a_failed_read_kills_the_child_and_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    """What stopped the parent's read (here a made-up failure; in the service a MemoryError or an interrupt)
    reaches the caller, and the child is killed and reaped rather than left computing."""

    def failing(descriptor: int, deadline: float) -> bytes | None:
        raise RuntimeError("the read failed")

    monkeypatch.setattr(forked_call, "_read_until", failing)
    before = children()
    with pytest.raises(RuntimeError, match="the read failed"):
        call_in_child(lambda: time.sleep(30), deadline=time.monotonic() + 60)
    assert children() <= before, "the child was killed and reaped"


def test_a_fork_refused_is_a_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system may refuse a fork (EAGAIN, ENOMEM): a StoreError, which the kept gap report answers by
    computing in the service, and the pipe made for the child is closed."""

    def refused() -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(forked_call.os, "fork", refused)
    before = held_inodes()
    with pytest.raises(StoreError, match="cannot fork"):
        call_in_child(lambda: 1, deadline=time.monotonic() + 60)
    assert held_inodes() <= before, "no descriptor left open"


def test_a_call_answers_when_the_process_holds_over_1024_descriptors() -> None:
    """select() takes no descriptor numbered 1024 or more; a service with many client connections or an
    on-disk store of many files (its soft limit above 1024) gives the child's pipe such a number."""
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 1200:
        pytest.skip("the soft descriptor limit is below 1200")
    null = os.open(os.devnull, os.O_RDONLY)
    held = [os.dup(null) for _ in range(1100)]
    try:
        assert call_in_child(lambda: 42, deadline=time.monotonic() + 60) == 42
    finally:
        for number in (null, *held):
            os.close(number)


def test_a_child_whose_first_read_never_ends_is_replaced(
    project_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As a child forked while the engine held a lock: its probe never ends, so it is killed and another forked."""
    monkeypatch.setattr(forked_call, "READY_SECONDS", 0.3)
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    before = children()
    with pytest.raises(StoreError, match=f"in {forked_call.FORK_ATTEMPTS} tries"):
        call_in_child(lambda: 1, deadline=time.monotonic() + 60, probe=lambda: project_store.query(endless))
    assert children() == before, "every stuck child killed and reaped"

    def stuck_in_the_first_child_only() -> None:
        marker = tmp_path / "forked"
        if not marker.exists():
            marker.touch()
            project_store.query(endless)

    assert call_in_child(lambda: 2, deadline=time.monotonic() + 60, probe=stuck_in_the_first_child_only) == 2
    assert children() == before


def test_a_child_whose_first_read_never_ends_is_stopped_at_the_deadline(project_store: Store) -> None:
    """The deadline bounds the waits for a child's first read too: no caller waits past it for new children."""
    before = children()
    with pytest.raises(QueryTimeout):
        call_in_child(lambda: 1, deadline=time.monotonic() + 0.5, probe=lambda: time.sleep(3600))
    assert children() == before, "the stuck child killed and reaped"
