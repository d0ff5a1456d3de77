"""Many slow queries do not take the service down: admission control, abandoned queries, SIGTERM (#18)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path

import anyio
import httpx
import psutil
import pytest
from fastapi import FastAPI
from tests.conftest import free_port, wait_for_http

from samverkan.server import streaming
from samverkan.server.admission import QueryAdmission
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.sparql.formats import SOLUTION_FORMATS
from samverkan.store import Store

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t . ?b a ?u }"
"""One engine step of seconds on the curated graph (a count over a cross product), which no deadline interrupts."""
SMALL = "ASK { ?s ?p ?o }"


def test_many_slow_queries_then_a_small_one_answers(
    settings: Settings, project_store: Store, serve_app: Callable[[FastAPI], AbstractContextManager[str]]
) -> None:
    """Each slow query gets its 503 (refused at once, or stopped at its deadline); a small one then answers."""
    configured = settings.model_copy(
        update={
            "query_timeout": 0.5,
            "max_running_queries": 2,
            "max_abandoned_queries": 7,
            "stream_after": 10**9,
        }
    )
    with (
        serve_app(create_app(configured, project_store)) as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        with ThreadPoolExecutor(max_workers=6) as pool:
            answers = list(pool.map(lambda _: client.get("/sparql", params={"query": SLOW}), range(6)))
        assert [answer.status_code for answer in answers] == [503] * 6
        small = client.get("/sparql", params={"query": SMALL}, headers={"Accept": "application/json"})
        assert small.status_code == 200 and small.json()["boolean"] is True
        assert client.get("/health").status_code == 200
        while client.get("/health").json()[
            "abandoned_queries"
        ]:  # the abandoned engine steps end by themselves
            time.sleep(0.5)
        assert client.get("/health").json()["status"] == "ok"


def test_abandoned_queries_past_their_cap_are_refused_until_they_end() -> None:
    admission = QueryAdmission(max_running=1, max_abandoned=1, retry_after=7)
    first = admission.admit()
    with pytest.raises(Exception, match="SAMVERKAN_MAX_RUNNING_QUERIES"):
        admission.admit()
    first.abandon()
    with pytest.raises(Exception, match="SAMVERKAN_MAX_ABANDONED_QUERIES") as refused:
        admission.admit()
    assert refused.value.headers == {"Retry-After": "7"}  # type: ignore[attr-defined]
    first.finish()
    first.finish()
    admission.admit().finish()
    assert (admission.running, admission.abandoned) == (0, 0)


def test_sigterm_stops_serve_and_its_workers_while_a_query_runs(tmp_path: Path) -> None:
    port = free_port()
    environment = {
        **os.environ,
        "SAMVERKAN_STORE": "memory",
        "SAMVERKAN_QUERY_TIMEOUT": "60",
        "SAMVERKAN_PORT": str(port),
        "SAMVERKAN_SHUTDOWN_GRACE": "1",
    }
    samverkan = Path(sys.executable).parent / "samverkan"
    process = subprocess.Popen(
        [str(samverkan), "serve", "--force"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base}/health", process, seconds=180)
        slow = threading.Thread(
            target=lambda: httpx.get(f"{base}/sparql", params={"query": SLOW}, timeout=60), daemon=True
        )
        slow.start()
        while httpx.get(f"{base}/health").json()["running_queries"] == 0:
            time.sleep(0.2)
        workers = psutil.Process(process.pid).children()
        assert workers, "the query runs in a worker process"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) in {0, -signal.SIGTERM}  # uvicorn raises SIGTERM again once shut down
        _, alive = psutil.wait_procs(workers, timeout=30)
        assert not alive, "no worker outlives the service"
    finally:
        if process.poll() is None:
            process.kill()


def test_closing_chunks_wait_for_a_client_that_stopped_reading_only_a_bounded_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stream cut at the cap ends with closing chunks; nobody reading them no longer holds the thread."""
    monkeypatch.setattr(streaming, "CLOSING_GRACE", 0.2)

    async def closing_after_the_deadline() -> None:
        reader = streaming.AnswerReader(SOLUTION_FORMATS[0], timeout=0.05, limit=10, stream_after=5)
        for _ in range(streaming.CHUNKS_AHEAD):  # chunks queued that the client never takes
            reader._credit.acquire()
        await asyncio.sleep(0.1)
        await anyio.to_thread.run_sync(lambda: reader._put(b"]}}", in_time=False))

    with pytest.raises(streaming._Stopped):
        asyncio.run(closing_after_the_deadline())
