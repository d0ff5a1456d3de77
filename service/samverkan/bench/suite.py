"""The benchmark suite: Samverkan against its peers on the same synthetic data, scale by scale.

Per scale: the embedded measurements (gap report, validation against plain pySHACL, network
analysis) each in a subprocess; then one server at a time on loopback (bare `oxigraph serve`,
Samverkan started fresh in memory, Samverkan from an on-disk store, rdflib-endpoint), each asked
the four queries of `queries/bench/` by the load generator; and the floor of a Python ASGI server
(uvicorn answering a fixed body), asked as often, which bounds how close a Python service can come to
`oxigraph serve`. A peer that exceeds the time bound at one scale is skipped at the larger ones, and
the results say so. At the largest scale that is not `large`, the embedded computations whose targets can fail
are also profiled, each in a run of its own after the timed one (`samverkan.bench.profiles`).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from samverkan.bench import servers, synthetic
from samverkan.bench.load import QueryFailed, run_load, run_pages
from samverkan.knowledge.loading import project_files, read_quads
from samverkan.settings import Settings

QUERY_DIR = files("samverkan") / "queries" / "bench"
QUERIES = ("entity", "aggregate", "gap", "path")
"""Cheap ones first: a peer stopped by the bound on one query stays busy with it."""
LARGE_QUERIES = ("entity", "gap", "aggregate")
"""What a large scale asks, with one client (the path query took 20 s at 1M on both servers)."""
EMBEDDED = ("gaps", "validate", "network", "views", "dashboard")
PROFILED = {"gaps": "gaps-profile", "network": "network-profile", "load": "load-profile"}
"""The embedded computations whose targets can fail, and their profiling tasks (`samverkan.bench.profiles`)."""
ENTITY_PAGES = (
    "actor/syn-agency-001",
    "actor/syn-agency-004",
    "actor/syn-municipality-001",
    "strategy/syn-1",
    "goal/syn-1-1-1",
)
"""Entity pages asked at every scale: the busiest agency, the ceased one, a municipality, a strategy, a goal."""
PAGE_REPEAT = 20
PAGE_TIMEOUTS = 4


@dataclass
class Options:
    scales: list[int]
    seed: int = 0
    requests: int = 100
    clients: tuple[int, ...] = (1, 4)
    budget: float = 20.0
    """Seconds one load run may take; slow queries are sent fewer times."""
    bound: float = 120.0
    """Seconds a server start, one request or one embedded task may take before it is stopped."""
    curated: bool = True
    """Also validate the curated project graph."""
    work_dir: Path = Path("/tmp/samverkan-bench")
    skip: tuple[str, ...] = ()
    """Peers (`pyshacl`, `rdflib-endpoint`) or embedded tasks (`gaps`, `validate`, `network`, `views`,
    `dashboard`) not to run."""
    large: list[int] = field(default_factory=list)
    """Scales run in part after the others: generated, loaded by Samverkan and by `oxigraph load`, the
    `LARGE_QUERIES` asked of both servers from disk, entity pages, start-up and memory."""
    large_bound: float = 900.0
    """Seconds one step of a large scale may take."""


@dataclass
class Skips:
    """Peers that exceeded the bound, and why, so larger scales skip them."""

    reasons: dict[str, str] = field(default_factory=dict)

    def run(self, peer: str, scale: int, bound: float, action: Callable[[], Any]) -> Any:
        if peer in self.reasons:
            return {"skipped": self.reasons[peer]}
        try:
            return action()
        except (subprocess.TimeoutExpired, servers.ServerTimeout, TimeoutError):
            self.reasons[peer] = f"exceeded {bound:g} s at {scale:,}"
            return {"skipped": self.reasons[peer]}


def query_text(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def task(name: str, data_dir: Path, bound: float) -> dict[str, Any]:
    """Run one embedded measurement in its own process (see `samverkan.bench.tasks`)."""
    done = subprocess.run(
        [sys.executable, "-m", "samverkan.bench.tasks", name, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=bound,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bounded_task(name: str, data_dir: Path, bound: float) -> dict[str, Any]:
    """A Samverkan task: past the bound it is recorded as such, not skipped later."""
    try:
        return task(name, data_dir, bound)
    except subprocess.TimeoutExpired:
        return {"skipped": f"exceeded {bound:g} s"}


def write_scale_files(directory: Path, triples: int, seed: int) -> tuple[Path, Path, int]:
    """`data/data.nq` (the synthetic graph) and `all.nq` (with the ontology and shapes, for peers)."""
    data_dir = directory / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    data = data_dir / "data.nq"
    quads = synthetic.write(data, triples, seed)
    everything = directory / "all.nq"
    project = Settings(data_dir=directory / "__none__")
    fixed = [quad for source in project_files(project) for quad in read_quads(source)]
    with everything.open("wb") as out:
        out.write(ox.serialize(fixed, format=ox.RdfFormat.N_QUADS) or b"")
        with data.open("rb") as synthetic_quads:
            shutil.copyfileobj(synthetic_quads, out, 1 << 20)
    return data_dir, everything, quads


def load_runs(
    server: servers.Server, options: Options, queries: tuple[str, ...], clients_counts: tuple[int, ...]
) -> list[dict[str, Any]]:
    """Every query at every client count against one server."""
    runs: list[dict[str, Any]] = []
    stopped: str | None = None
    for query in queries:
        for clients in clients_counts:
            row: dict[str, Any] = {"server": server.name, "query": query, "clients": clients}
            if stopped:
                runs.append({**row, "skipped": stopped})
                continue
            try:
                result = run_load(
                    server.query_url,
                    query_text(query),
                    clients,
                    options.requests,
                    options.budget,
                    server.process.pid,
                )
                runs.append({**row, **asdict(result)})
            except (TimeoutError, OSError) as error:
                stopped = f"one request took over {options.budget:g} s ({type(error).__name__})"
                runs.append({**row, "skipped": stopped})
            except QueryFailed as error:
                runs.append({**row, "skipped": f"error {error}"})
    return runs


def floor_runs(options: Options, clients_counts: tuple[int, ...], bound: float) -> list[dict[str, Any]]:
    """The p50 of the Python ASGI floor (`servers.floor`) at each client count, measured as the servers are."""
    try:
        with servers.floor(bound) as server:
            return [
                asdict(
                    run_load(
                        server.query_url,
                        servers.PROBE,
                        clients,
                        options.requests,
                        options.budget,
                        server.process.pid,
                    )
                )
                for clients in clients_counts
            ]
    except (servers.ServerTimeout, TimeoutError, OSError, QueryFailed) as error:
        return [
            {"clients": clients, "skipped": f"{type(error).__name__}: {error}"[:200]}
            for clients in clients_counts
        ]


def server_summary(server: servers.Server) -> dict[str, Any]:
    """Start-up, resident memory at the first answer, the peak so far (after the SPARQL load runs) with each
    process's share at that sample, and how long its background work after the first answer took
    (`servers.settle`)."""
    return {
        "first_answer_seconds": server.first_answer_seconds,
        "start_rss_mb": server.start_rss_mb,
        "peak_rss_mb": server.peak_rss_mb(),
        "at_peak": [asdict(process) for process in server.at_peak()],
        "settle_seconds": server.settle_seconds,
    }


def http_gap_report(server: servers.Server, bound: float) -> dict[str, Any]:
    """The whole report in Markdown, asked twice: the first request may wait for the report the service
    keeps (computed after start-up) and renders it, the second finds both kept."""
    timings = []
    for _ in range(2):
        began = time.perf_counter()
        request = urllib.request.Request(f"{server.base_url}/gaps/report?format=md")
        try:
            with urllib.request.urlopen(request, timeout=bound) as response:
                size = len(response.read())
        except TimeoutError:
            return {"skipped": f"exceeded {bound:g} s"}
        timings.append(time.perf_counter() - began)
    first, again = timings
    return {"seconds": first, "again_seconds": again, "bytes": size, "peak_rss_mb": server.peak_rss_mb()}


def entity_pages(server: servers.Server, budget: float) -> dict[str, Any]:
    """The HTML entity pages of `ENTITY_PAGES`, one client; a page is given up after `PAGE_TIMEOUTS` budgets."""
    paths = [f"/id/{path}" for path in ENTITY_PAGES]
    try:
        return asdict(run_pages(server.base_url, paths, PAGE_REPEAT, budget, budget * PAGE_TIMEOUTS))
    except (TimeoutError, OSError, QueryFailed) as error:
        return {"skipped": f"{type(error).__name__}: {error}"[:200]}


def profiles(data_dir: Path, options: Options, bound: float) -> dict[str, Any]:
    """The profile of each of `PROFILED`, in a process of its own after the timed runs."""
    return {
        name: {"skipped": "not run (--skip)"} if name in options.skip else bounded_task(task, data_dir, bound)
        for name, task in PROFILED.items()
    }


def run_scale(
    triples: int, options: Options, skips: Skips, *, large: bool = False, profiled: bool = False
) -> dict[str, Any]:
    """Every section at one scale; a `large` one only loads, asks `LARGE_QUERIES` and starts the servers; a
    `profiled` one also profiles the embedded computations whose targets can fail (`profiles`)."""
    directory = options.work_dir / str(triples)
    shutil.rmtree(directory, ignore_errors=True)
    log(f"scale {triples:,}: generating")
    began = time.perf_counter()
    data_dir, everything, quads = write_scale_files(directory, triples, options.seed)
    result: dict[str, Any] = {
        "triples": triples,
        "quads": quads,
        "generate_seconds": time.perf_counter() - began,
        "large": large,
        "sparql": [],
        "startup": {},
    }
    bound = options.large_bound if large else options.bound
    queries, clients = (LARGE_QUERIES, (1,)) if large else (QUERIES, options.clients)
    partial = {"skipped": "not run at a large scale"}

    for name in EMBEDDED:
        log(f"scale {triples:,}: {name} (embedded)")
        skipped = {"skipped": "not run (--skip)"} if name in options.skip else partial if large else None
        result[name] = {"samverkan": skipped or bounded_task(name, data_dir, bound)}
    log(f"scale {triples:,}: pyshacl")
    result["validate"]["pyshacl"] = (
        partial if large else skips.run("pyshacl", triples, bound, lambda: task("pyshacl", data_dir, bound))
    )
    if profiled:
        log(f"scale {triples:,}: profiles of {', '.join(PROFILED)} (embedded)")
        result["profiles"] = profiles(data_dir, options, bound)

    log(f"scale {triples:,}: the ASGI floor")
    result["http_floor"] = floor_runs(options, clients, bound)

    log(f"scale {triples:,}: oxigraph load + serve")
    location = directory / "oxigraph"
    try:
        result["startup"]["oxigraph_load_seconds"] = servers.oxigraph_load(location, everything, bound)
        with servers.oxigraph(location, bound) as server:
            result["sparql"] += load_runs(server, options, queries, clients)
            result["startup"]["oxigraph"] = server_summary(server)
    except (subprocess.TimeoutExpired, servers.ServerTimeout):
        result["startup"]["oxigraph"] = {"skipped": f"exceeded {bound:g} s"}
    shutil.rmtree(location, ignore_errors=True)

    if not large:
        log(f"scale {triples:,}: samverkan serve (fresh, in memory)")
        try:
            with servers.samverkan("memory", data_dir, bound) as server:
                result["startup"]["samverkan_memory"] = server_summary(server)
        except servers.ServerTimeout:
            result["startup"]["samverkan_memory"] = {"skipped": f"exceeded {bound:g} s"}

    log(f"scale {triples:,}: samverkan load + serve (on disk)")
    store_dir = directory / "samverkan-store"
    try:
        result["startup"]["samverkan_load_seconds"] = task("disk-store", data_dir, bound)["seconds"]
        with servers.samverkan(str(store_dir), data_dir, bound) as server:
            result["sparql"] += load_runs(server, options, queries, clients)
            result["startup"]["samverkan_disk"] = server_summary(server)
            log(f"scale {triples:,}: entity pages")
            result["entity_pages"] = entity_pages(server, options.budget)
            if "gaps" not in options.skip and not large:
                result["gaps"]["http"] = http_gap_report(server, bound)
    except (subprocess.TimeoutExpired, servers.ServerTimeout):
        result["startup"]["samverkan_disk"] = {"skipped": f"exceeded {bound:g} s"}

    def rdflib_peer() -> dict[str, Any]:
        with servers.rdflib_endpoint(everything, bound) as server:
            result["sparql"] += load_runs(server, options, queries, clients)
            return server_summary(server)

    log(f"scale {triples:,}: rdflib-endpoint")
    result["startup"]["rdflib_endpoint"] = (
        partial if large else skips.run("rdflib-endpoint", triples, bound, rdflib_peer)
    )
    if "skipped" in result["startup"]["rdflib_endpoint"]:
        reason = result["startup"]["rdflib_endpoint"]["skipped"]
        result["sparql"] += [
            {"server": "rdflib-endpoint", "query": q, "clients": c, "skipped": reason}
            for q in queries
            for c in clients
        ]
    if large:
        shutil.rmtree(directory, ignore_errors=True)
    return result


def curated_validation(options: Options) -> dict[str, Any]:
    data_dir = Settings().data_dir
    return {
        "samverkan": bounded_task("validate", data_dir, options.bound),
        "pyshacl": bounded_task("pyshacl", data_dir, options.bound),
        "gaps": bounded_task("gaps", data_dir, options.bound),
        "views": bounded_task("views", data_dir, options.bound),
        "dashboard": bounded_task("dashboard", data_dir, options.bound),
    }


def versions() -> dict[str, str]:
    names = ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "pyshacl", "fastapi", "uvicorn")
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return found


def run_suite(
    options: Options, after_scale: Callable[[dict[str, Any]], None] | None = None
) -> dict[str, Any]:
    """Every section at every scale, profiles at the largest that is not `large`; the result is what `report`
    renders and the JSON file holds.

    `after_scale` sees the results so far after each scale (a long run keeps what it measured)."""
    began = time.perf_counter()
    skips = Skips({peer: "not run (--skip)" for peer in options.skip})
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)),
            "platform": platform.platform(),
        },
        "versions": versions(),
        "options": {
            "seed": options.seed,
            "requests": options.requests,
            "clients": list(options.clients),
            "budget_seconds": options.budget,
            "bound_seconds": options.bound,
            "large_bound_seconds": options.large_bound,
        },
        "scales": [],
    }
    if options.curated:
        log("curated graph: validation and gaps")
        results["curated"] = curated_validation(options)
    profiled = max(options.scales, default=None)
    for triples, large in [(n, False) for n in options.scales] + [(n, True) for n in options.large]:
        results["scales"].append(
            run_scale(triples, options, skips, large=large, profiled=not large and triples == profiled)
        )
        results["seconds"] = time.perf_counter() - began
        if after_scale:
            after_scale(results)
    results["seconds"] = time.perf_counter() - began
    return results


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
