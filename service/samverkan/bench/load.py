"""A bounded load generator: a fixed number of SPARQL GET requests from N clients on loopback.

Each client thread keeps one HTTP/1.1 connection open, so what is measured is the server, not
connection set-up. Besides wall-clock latencies it reports the CPU time the server's processes (its
query workers included) spent per request, which the other work on a shared machine disturbs far
less. A query whose single warm-up request is slower than the time budget allows is sent fewer times
(at least once per client), and the count used is reported.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass

from samverkan.bench.servers import cpu_seconds

ACCEPT = "application/sparql-results+json"


@dataclass(frozen=True)
class LoadResult:
    """Latencies of one (server, query, clients) run; `rows` is the size of the answer."""

    clients: int
    requests: int
    p50_ms: float
    p99_ms: float
    requests_per_second: float
    server_cpu_ms: float
    """CPU time (user + system, all threads) of the server process and its children per request."""
    rows: int


class QueryFailed(Exception):
    """A server answered with an error status."""


class _Client:
    def __init__(self, url: str, timeout: float):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
        self.timeout = timeout
        self.connection: http.client.HTTPConnection | None = None

    def get(self, query: str) -> bytes:
        return self.fetch(f"{self.path}?{urllib.parse.urlencode({'query': query})}", ACCEPT)

    def fetch(self, target: str, accept: str) -> bytes:
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request("GET", target, headers={"Accept": accept})
                response = self.connection.getresponse()
                body = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
                continue
            if response.status != 200:
                raise QueryFailed(f"{response.status}: {body[:200]!r}")
            return body
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def answer_rows(body: bytes) -> int:
    document = json.loads(body)
    return len(document["results"]["bindings"]) if "results" in document else 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_load(url: str, query: str, clients: int, requests: int, budget: float, pid: int) -> LoadResult:
    """Send `requests` queries (fewer if one takes longer than `budget`/`requests`) from `clients` threads."""
    warm = _Client(url, timeout=budget)
    began = time.perf_counter()
    rows = answer_rows(warm.get(query))
    single = time.perf_counter() - began
    warm.close()
    count = max(clients, min(requests, int(budget * clients / max(single, 1e-6))))
    per_client = [count // clients + (1 if i < count % clients else 0) for i in range(clients)]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        client = _Client(url, timeout=budget)
        try:
            for _ in range(per_client[index]):
                start = time.perf_counter()
                client.get(query)
                latencies[index].append(time.perf_counter() - start)
        except BaseException as error:  # reported to the caller below
            errors.append(error)
        finally:
            client.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    cpu = cpu_seconds(pid)
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    cpu = cpu_seconds(pid) - cpu
    if errors:
        raise errors[0]
    flat = [latency for each in latencies for latency in each]
    return LoadResult(
        clients=clients,
        requests=len(flat),
        p50_ms=statistics.median(flat) * 1000,
        p99_ms=percentile(flat, 0.99) * 1000,
        requests_per_second=len(flat) / elapsed,
        server_cpu_ms=cpu * 1000 / len(flat),
        rows=rows,
    )


@dataclass(frozen=True)
class PageResult:
    """Latencies of HTML pages, each asked up to `repeat` times by one client; the slowest page's p50,
    and the pages whose one request outran the time-out (left out of the latencies)."""

    pages: int
    requests: int
    p50_ms: float | None
    p99_ms: float | None
    slowest: str
    slowest_p50_ms: float | None
    timed_out: list[str]
    timeout_seconds: float


def run_pages(base_url: str, paths: list[str], repeat: int, budget: float, timeout: float) -> PageResult:
    """Ask each page `repeat` times (fewer when the answers so far show that would outrun `budget` in all);
    one request may take `timeout` seconds, else the page is given up."""
    per_page: dict[str, list[float]] = {}
    timed_out: list[str] = []
    for path in paths:
        client = _Client(base_url, timeout=timeout)
        times = per_page.setdefault(path, [])
        try:
            while len(times) < repeat and (not times or sum(times) + times[0] <= budget / len(paths)):
                began = time.perf_counter()
                client.fetch(path, "text/html")
                times.append(time.perf_counter() - began)
        except TimeoutError:
            timed_out.append(path)
            del per_page[path]
        finally:
            client.close()
    flat = [latency for times in per_page.values() for latency in times]
    medians = {path: statistics.median(times) for path, times in per_page.items()}
    slowest = max(medians, key=lambda path: medians[path], default="-")
    return PageResult(
        pages=len(paths),
        requests=len(flat),
        p50_ms=statistics.median(flat) * 1000 if flat else None,
        p99_ms=percentile(flat, 0.99) * 1000 if flat else None,
        slowest=timed_out[0] if timed_out else slowest,
        slowest_p50_ms=None if timed_out else medians.get(slowest, 0) * 1000,
        timed_out=timed_out,
        timeout_seconds=timeout,
    )
