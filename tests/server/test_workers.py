"""Queries answered by worker processes, each killed at its deadline: none outlives it (#18)."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import os
import resource
import signal
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.server.forked import ForkedAnswer
from samverkan.server.streaming import StreamedAnswer
from samverkan.server.workers import QueryJob, QueryWorkers
from samverkan.settings import Settings
from samverkan.sparql.collected import QueryTimeout
from samverkan.sparql.formats import GRAPH_FORMATS, SOLUTION_FORMATS, AnswerFormat
from samverkan.store import QueryDataset, QuerySyntaxError, Store, StoreError, forked_call
from samverkan.store.embedded import COMPACT_AFTER_BYTES, EmbeddedStore

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A single engine step of hours on the curated graph."""
EX = "http://example.org/"
MARK = "ASK { <http://example.org/w> <http://example.org/p> 1 }"


def json_or_turtle(is_graph: bool) -> AnswerFormat:
    return GRAPH_FORMATS[0] if is_graph else SOLUTION_FORMATS[0]


def job(query: str, timeout: float = 30.0, stream_after: int = 10**6) -> QueryJob:
    return QueryJob(
        query, QueryDataset(), None, json_or_turtle, time.monotonic() + timeout, 10**6, stream_after
    )


def whole(workers: QueryWorkers, query_job: QueryJob) -> ForkedAnswer:
    answer = asyncio.run(workers.answer(query_job))
    assert isinstance(answer, ForkedAnswer)
    return answer


@pytest.fixture
def workers(project_store: Store) -> Iterator[QueryWorkers]:
    pool = QueryWorkers(project_store, 2)
    yield pool
    pool.close()


@pytest.fixture
def no_new_children() -> Callable[[], bool]:
    """True when the process has no child it did not have when the test began (zombies included)."""
    before = {child.pid for child in psutil.Process().children(recursive=True)}

    def check() -> bool:
        return {child.pid for child in psutil.Process().children(recursive=True)} <= before

    return check


def test_a_worker_answers_and_stays_for_the_next_query(workers: QueryWorkers) -> None:
    answer = whole(workers, job("ASK { ?s ?p ?o }"))
    assert answer.media_type.startswith("application/sparql-results+json")
    assert b'"boolean":true' in answer.body.replace(b" ", b"")
    assert workers.idle == 1
    whole(workers, job("ASK { ?s ?p ?o }"))
    assert workers.idle == 1


def test_a_worker_holds_none_of_the_services_sockets_and_pipes(workers: QueryWorkers) -> None:
    """Else one the service closes stays open while the worker lives: a client's connection, or a pipe to a
    process it started (the browser tests' Playwright driver waited for its input's end until the worker's)."""
    pipe = os.pipe()
    pair = socket.socketpair()
    try:
        whole(workers, job("ASK { ?s ?p ?o }"))
        (worker,) = workers._idle
        held = {
            os.stat(f"/proc/{worker.pid}/fd/{name}").st_ino for name in os.listdir(f"/proc/{worker.pid}/fd")
        }
        service = {os.fstat(number).st_ino for number in (*pipe, *(end.fileno() for end in pair))}
        assert held.isdisjoint(service)
        assert whole(workers, job("ASK { ?s ?p ?o }")).body, "it still answers over its own connection"
    finally:
        for number in pipe:
            os.close(number)
        for end in pair:
            end.close()


def test_a_workers_syntax_error_keeps_its_position(workers: QueryWorkers) -> None:
    with pytest.raises(QuerySyntaxError) as error:
        asyncio.run(workers.answer(job("SELECT * WHERE {\n ?s ?p }")))
    assert error.value.line == 2


def test_a_worker_past_its_deadline_is_killed(
    no_new_children: Callable[[], bool], workers: QueryWorkers
) -> None:
    with pytest.raises(QueryTimeout):
        asyncio.run(workers.answer(job(ENDLESS, timeout=0.2)))
    assert no_new_children(), "the worker no longer runs (nor lingers as a zombie)"
    assert whole(workers, job("ASK { ?s ?p ?o }")).body


def test_a_worker_that_died_while_idle_is_replaced(workers: QueryWorkers) -> None:
    whole(workers, job("ASK { ?s ?p ?o }"))
    (idle,) = workers._idle
    os.kill(idle.pid, signal.SIGKILL)
    os.waitpid(idle.pid, 0)
    idle.has_ended = lambda: False  # type: ignore[method-assign]  # it died after the pool last looked
    assert whole(workers, job("ASK { ?s ?p ?o }")).body


def test_a_worker_that_dies_mid_query_is_a_store_failure(
    no_new_children: Callable[[], bool], workers: QueryWorkers
) -> None:
    whole(workers, job("ASK { ?s ?p ?o }"))
    (idle,) = workers._idle  # the worker the next job goes to, past its first read of the store

    async def crash() -> None:
        worker = psutil.Process(idle.pid)
        began = sum(worker.cpu_times()[:2])
        running = asyncio.create_task(workers.answer(job(ENDLESS)))
        for _ in range(600):  # until it works on the query (at most 30 s)
            if sum(worker.cpu_times()[:2]) >= began + 0.1:
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("the idle worker did not take the query")
        os.kill(idle.pid, signal.SIGKILL)  # as an engine crash would end it
        await running

    with pytest.raises(StoreError, match="ended without an answer"):
        asyncio.run(crash())
    assert no_new_children()
    assert whole(workers, job("ASK { ?s ?p ?o }")).body


def test_a_query_after_a_write_sees_it(settings: Settings) -> None:
    store = EmbeddedStore()
    load_project(store, settings)
    workers = QueryWorkers(store, 2)
    try:
        assert b"false" in whole(workers, job(MARK)).body
        store.update(
            "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/w> <http://example.org/p> 1 } }"
        )
        assert b"true" in whole(workers, job(MARK)).body
        assert workers.idle == 1, "the worker forked before the write was retired, a new one kept"
    finally:
        workers.close()


def test_a_long_answer_streams_from_a_worker(workers: QueryWorkers) -> None:
    async def read() -> bytes:
        answer = await workers.answer(job("SELECT * WHERE { ?s ?p ?o } LIMIT 500", stream_after=10))
        assert isinstance(answer, StreamedAnswer)
        assert (answer.media_type or "").startswith("application/sparql-results+json")
        return b"".join([chunk async for chunk in answer.chunks])

    document = asyncio.run(read())
    assert document.count(b'"s":') == 500 and document.endswith(b"]}}")
    assert workers.idle == 1, "a worker whose stream ended answers the next query"


def test_the_first_query_past_its_deadline_is_stopped_not_abandoned(
    no_new_children: Callable[[], bool], settings: Settings, project_store: Store
) -> None:
    app = create_app(settings.model_copy(update={"query_timeout": 0.5}), project_store)
    client = TestClient(app)
    slow = client.get("/sparql", params={"query": ENDLESS})
    assert slow.status_code == 503 and "SAMVERKAN_QUERY_TIMEOUT" in slow.json()["detail"]
    health = client.get("/health").json()
    assert (health["status"], health["running_queries"], health["abandoned_queries"]) == ("ok", 0, 0)
    assert no_new_children(), "the worker that ran it has been killed"
    small = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"}
    )
    assert small.status_code == 200 and small.json()["boolean"] is True
    app.state.workers.close()


def test_a_worker_answers_when_the_service_holds_over_1024_descriptors(workers: QueryWorkers) -> None:
    """select() takes no descriptor numbered 1024 or more; a service with many client connections or an
    on-disk store of many files gives a new worker's connection such a number."""
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 1200:
        pytest.skip("the soft descriptor limit is below 1200")
    null = os.open(os.devnull, os.O_RDONLY)
    held = [os.dup(null) for _ in range(1100)]
    try:
        assert whole(workers, job("ASK { ?s ?p ?o }")).body.endswith(b"true}")
    finally:
        for number in (null, *held):
            os.close(number)


def json_if_collecting(is_graph: bool) -> AnswerFormat:
    """`json_or_turtle`, in a worker whose cyclic garbage collector is on (else an error)."""
    if not gc.isenabled():
        raise RuntimeError("the worker's garbage collector is off")
    return json_or_turtle(is_graph)


def test_a_worker_forked_while_the_collector_is_paused_collects(workers: QueryWorkers) -> None:
    """A network is built with the collector paused (`network.build`), on another thread of the service: a
    worker forked meanwhile would serve its queries for minutes without collecting cyclic garbage."""
    gc.disable()
    try:
        pending = job("ASK { ?s ?p ?o }")
        answer = asyncio.run(workers.answer(dataclasses.replace(pending, choose_format=json_if_collecting)))
    finally:
        gc.enable()
    assert isinstance(answer, ForkedAnswer) and answer.body.endswith(b"true}")


def test_workers_answer_over_an_on_disk_store_and_see_its_writes(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    workers = QueryWorkers(store, 2)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    try:
        for written in range(1, 6):
            store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s{written}> <{EX}p> {written} }} }}")
            assert f'"value":"{written}"'.encode() in whole(workers, job(count)).body
    finally:
        workers.close()
        store.close()


def test_a_worker_whose_reader_stopped_is_killed_at_the_deadline(
    no_new_children: Callable[[], bool], workers: QueryWorkers
) -> None:
    async def read_one_chunk_then_stop() -> None:
        answer = await workers.answer(
            job("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=0.5, stream_after=10)
        )
        assert isinstance(answer, StreamedAnswer)
        assert await anext(aiter(answer.chunks))
        await asyncio.sleep(1.5)  # past the deadline and its grace: the worker, stuck writing, is killed
        assert no_new_children()
        with pytest.raises(QueryTimeout):
            async for _ in answer.chunks:
                pass

    asyncio.run(read_one_chunk_then_stop())
    assert workers.idle == 0


GRAPH = ox.NamedNode(f"{EX}g")


def sst_files(directory: Path) -> int:
    return sum(1 for name in os.listdir(directory) if name.endswith(".sst"))


def test_a_pool_over_a_fresh_bulk_loaded_store_compacts_it_before_any_worker_forks(tmp_path: Path) -> None:
    """Nothing is left for RocksDB's background threads, which a forked worker lacks (#22: 18 GB at 1M). The store
    is bulk-loaded by pyoxigraph itself, as `oxigraph load` leaves one (Samverkan's loading compacts at its end)."""
    store = EmbeddedStore(tmp_path / "store")
    for batch in range(3):
        store._store.bulk_extend(
            ox.Quad(ox.NamedNode(f"{EX}s{batch}-{n}"), ox.NamedNode(f"{EX}p"), ox.Literal(n), GRAPH)
            for n in range(2000)
        )
    workers = QueryWorkers(store, 2)
    try:
        compacted = sst_files(tmp_path / "store")
        store.compact()
        assert sst_files(tmp_path / "store") == compacted
        assert whole(workers, job(f"ASK {{ GRAPH ?g {{ <{EX}s2-1999> ?p ?o }} }}")).body.endswith(b"true}")
    finally:
        workers.close()
        store.close()


def test_a_worker_that_cannot_read_the_store_is_replaced_and_the_pool_gives_up_after_its_tries(
    monkeypatch: pytest.MonkeyPatch, no_new_children: Callable[[], bool], workers: QueryWorkers
) -> None:
    """As a fork that copied a lock held by the engine's background threads: the first read never ends."""
    monkeypatch.setattr(forked_call, "PROBE", ENDLESS)
    monkeypatch.setattr(forked_call, "READY_SECONDS", 0.3)
    with pytest.raises(StoreError, match=f"in {forked_call.FORK_ATTEMPTS} tries"):
        whole(workers, job("ASK { ?s ?p ?o }"))
    assert no_new_children()
    monkeypatch.setattr(forked_call, "PROBE", "ASK { ?s ?p ?o }")
    assert whole(workers, job("ASK { ?s ?p ?o }")).body.endswith(b"true}")


def test_the_service_answers_while_a_new_worker_is_awaited(
    monkeypatch: pytest.MonkeyPatch, workers: QueryWorkers
) -> None:
    """A new worker's readiness is awaited, not waited for on the event loop: the loop answers other requests
    (/health, admission's 503s, the pages) meanwhile, also while stuck forks are tried again."""
    monkeypatch.setattr(forked_call, "PROBE", ENDLESS)
    monkeypatch.setattr(forked_call, "READY_SECONDS", 0.3)

    async def turns_taken_meanwhile() -> int:
        answering = asyncio.create_task(workers.answer(job("ASK { ?s ?p ?o }")))
        turns = 0
        while not answering.done():
            turns += 1
            await asyncio.sleep(0.01)
        with pytest.raises(StoreError, match="tries"):
            answering.result()
        return turns

    assert asyncio.run(turns_taken_meanwhile()) > 1


def test_small_writes_to_an_on_disk_store_leave_its_files_as_they_were(tmp_path: Path) -> None:
    """Each compaction left about nine more files: a compaction before every fork after a write ran the service
    out of descriptors after about a hundred updates."""
    store = EmbeddedStore(tmp_path / "store")
    workers = QueryWorkers(store, 2)
    try:
        store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s0> <{EX}p> 0 }} }}")
        assert whole(workers, job("ASK { ?s ?p ?o }")).body.endswith(b"true}")
        files = sst_files(tmp_path / "store")
        for written in range(1, 21):
            store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s{written}> <{EX}p> {written} }} }}")
            assert whole(workers, job(f"ASK {{ GRAPH ?g {{ <{EX}s{written}> ?p ?o }} }}")).body.endswith(
                b"true}"
            )
        assert sst_files(tmp_path / "store") <= files + 1
    finally:
        workers.close()
        store.close()


def test_a_big_load_is_compacted_when_it_ends_not_at_the_next_fork(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.compact()
    lines = "".join(f'<{EX}s{n}> <{EX}p> "{n}" .\n' for n in range(30_000)).encode()
    assert len(lines) >= COMPACT_AFTER_BYTES
    store.load(lines, ox.RdfFormat.N_TRIPLES, f"{EX}g")
    loaded = sst_files(tmp_path / "store")
    store.compact()
    assert sst_files(tmp_path / "store") == loaded, "nothing left to compact"
    store.close()
