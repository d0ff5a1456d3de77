"""SPARQL servers started as processes on loopback: Samverkan, bare `oxigraph serve`, rdflib-endpoint,
and the floor of a Python ASGI server (`samverkan.bench.floor`).

Each runs in its own process, so its start-up and peak memory are its own; the benchmark only
talks HTTP to it. A server is measured once it has settled: after its first answer, work it does in
the background (Samverkan computes its kept gap report) is let finish, so it does not slow the queries.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from samverkan.bench.memory import MemoryWatch, ProcessMemory

PROBE = "ASK { ?s ?p ?o }"
SETTLED_SHARE = 0.1
"""A server has settled when its processes use less than this share of one core over `SETTLE_WINDOW`."""
SETTLE_WINDOW = 0.5


class ServerTimeout(Exception):
    """The server did not answer within the time bound."""


@dataclass
class Server:
    """A running server: where to send queries, how long it took to answer first, its process."""

    name: str
    query_url: str
    base_url: str
    process: subprocess.Popen[bytes]
    first_answer_seconds: float
    start_rss_mb: float
    """Memory at the first answer: the PSS of its processes together (`samverkan.bench.memory`)."""
    watch: MemoryWatch
    settle_seconds: float
    """From the first answer until the server had settled (`settle`)."""

    def peak_rss_mb(self) -> float:
        """The largest memory sampled so far."""
        return self.watch.peak

    def at_peak(self) -> list[ProcessMemory]:
        """Each of its processes at the peak sample."""
        return self.watch.at_peak


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def program(name: str) -> str:
    """A program from the virtual environment, else from PATH."""
    found = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        raise FileNotFoundError(f"{name} is not installed")
    return found


def _answers(query_url: str) -> bool:
    url = f"{query_url}?{urllib.parse.urlencode({'query': PROBE})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.HTTPError):
        return False


@contextmanager
def started(
    name: str, command: list[str], path: str, bound: float, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Start a server and wait (at most `bound` seconds) for its first answer to a query at `path`."""
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in command]
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        while not _answers(base + path):
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}: {' '.join(command)}")
            if time.perf_counter() - began > bound:
                raise ServerTimeout(f"{name} gave no answer within {bound:g} s")
            time.sleep(0.05)
        first = time.perf_counter() - began
        watch = MemoryWatch(process.pid)
        try:
            start_rss = watch.sample()
            settle(process.pid, began + bound)
            settled = time.perf_counter() - began - first
            yield Server(name, base + path, base, process, first, start_rss, watch, settled)
        finally:
            watch.stop()
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children so far: the live ones, and those it has reaped
    (a retired query worker's time stays counted)."""
    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
        reaped = parent.cpu_times()
    except psutil.Error:
        return 0.0
    total = reaped.children_user + reaped.children_system
    for each in processes:
        try:
            times = each.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def settle(pid: int, until: float) -> None:
    """Wait until the server's processes are nearly idle (`SETTLED_SHARE`), or the `perf_counter` time `until`."""
    used = cpu_seconds(pid)
    while time.perf_counter() < until:
        time.sleep(SETTLE_WINDOW)
        used, before = cpu_seconds(pid), used
        if used - before < SETTLED_SHARE * SETTLE_WINDOW:
            return


def samverkan(store: str, data_dir: Path, bound: float) -> AbstractContextManager[Server]:
    """`samverkan serve` on a store (`memory`: loads `data_dir` first), without the validation gate."""
    command = [program("samverkan"), "serve", "--force", "--port", "{port}", "--store", store]
    env = {"SAMVERKAN_DATA_DIR": str(data_dir), "SAMVERKAN_QUERY_TIMEOUT": str(bound)}
    return started("Samverkan", command, "/sparql", bound, env)


def floor(bound: float) -> AbstractContextManager[Server]:
    """uvicorn serving `samverkan.bench.floor`: a fixed answer to every request, as Samverkan is served."""
    command = [sys.executable, "-m", "uvicorn", "samverkan.bench.floor:app", "--host", "127.0.0.1"]
    return started("ASGI floor", [*command, "--port", "{port}", "--lifespan", "off"], "/sparql", bound)


def oxigraph(location: Path, bound: float) -> AbstractContextManager[Server]:
    """Bare `oxigraph serve` on an existing store, the default graph the union of the named graphs."""
    command = [
        program("oxigraph"),
        "serve",
        "--location",
        str(location),
        "--bind",
        "127.0.0.1:{port}",
        "--union-default-graph",
    ]
    return started("Oxigraph", command, "/query", bound)


def rdflib_endpoint(quads: Path, bound: float) -> AbstractContextManager[Server]:
    """rdflib-endpoint's own `serve` command on the N-Quads file (an in-memory rdflib Dataset)."""
    command = [sys.executable, "-m", "rdflib_endpoint", "serve", str(quads), "--host", "127.0.0.1"]
    return started("rdflib-endpoint", [*command, "--port", "{port}"], "/", bound)


def oxigraph_load(location: Path, quads: Path, bound: float) -> float:
    """Seconds `oxigraph load` takes to build a store from the file (stopped past `bound`)."""
    began = time.perf_counter()
    subprocess.run(
        [program("oxigraph"), "load", "--location", str(location), "--file", str(quads)],
        check=True,
        capture_output=True,
        timeout=bound,
    )
    return time.perf_counter() - began
