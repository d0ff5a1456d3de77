"""Embedded measurements, each run in its own process so its peak memory is its own.

    python -m samverkan.bench.tasks gaps|validate|pyshacl|network|views|dashboard|disk-store DATA_DIR
    python -m samverkan.bench.tasks gaps-profile|network-profile|load-profile DATA_DIR

prints one JSON object: the seconds of each step (loading excluded), counts that show the work
was done, and the process's peak RSS; a `-profile` task the profile of the cold gap report, of the
network's build or of the load into an on-disk store (`samverkan.bench.profiles`), taken apart from the timed
run. DATA_DIR holds the data files (one named graph per source); the ontology and shapes come from the project.
"""

from __future__ import annotations

import gc
import json
import resource
import shutil
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any, TypeVar

from samverkan.bench.profiles import RecordingStore, profile, writes_profile
from samverkan.knowledge.loading import LoadedFile, load_project, project_files
from samverkan.settings import Settings
from samverkan.store.embedded import EmbeddedStore
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SAMID, SHAPES_GRAPH

HUB = f"{SAMID}actor/syn-agency-001"
"""The synthetic graph's busiest agency; on the curated graph, DIGG."""
BENCH_GRAPH = f"{SAMID}bench/write"
"""The graph of the one triple the `gaps` task writes, after which the kept report is made anew."""
KEPT_ANSWERS = 5
"""Answers from the kept report timed (the median is reported)."""
S = TypeVar("S", bound=EmbeddedStore)


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    began = time.perf_counter()
    result = action()
    return result, time.perf_counter() - began


def embedded_store(data_dir: Path) -> EmbeddedStore:
    """A new in-memory store, `loaded`."""
    return loaded(EmbeddedStore(), data_dir)


def loaded(store: S, data_dir: Path) -> S:
    """`store` with the project loaded as `samverkan load` does (big files by the bulk loader)."""
    load_project(store, Settings(data_dir=data_dir))
    return store


def gaps(data_dir: Path) -> dict[str, Any]:
    """The full gap report computed cold, then kept (`samverkan.gaps.kept`, as the service keeps it: computed in a
    child process and sent back): how long after a write it is ready again, the median answer once kept, and what keeping it costs in memory."""
    from samverkan.gaps.catalogue import gap_report
    from samverkan.gaps.kept import KeptReports

    store = embedded_store(data_dir)
    report, seconds = _timed(lambda: gap_report(store))
    kept = KeptReports(store, timeout=Settings().kept_gap_report_timeout)  # in a child, as the service does
    del report
    kept.report()
    kept_mb = _deep_mb(kept)
    store.update(f"INSERT DATA {{ GRAPH <{BENCH_GRAPH}> {{ <{BENCH_GRAPH}> <{BENCH_GRAPH}#at> 1 }} }}")
    _, ready = _timed(kept.report)
    answers = sorted(_timed(kept.report)[1] for _ in range(KEPT_ANSWERS))
    rows = kept.report()
    return {
        "seconds": seconds,
        "rules": len(rows),
        "rows": sum(len(r.rows) for r in rows),
        "kept": {
            "ready_after_write_seconds": ready,
            "answer_ms": answers[len(answers) // 2] * 1000,
            "mb": kept_mb,
        },
    }


def _deep_mb(root: object) -> float:
    """The memory of the objects reachable from `root` (classes, modules and functions apart), each counted once."""
    seen: set[int] = set()
    size, todo = 0, [root]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, type | ModuleType | FunctionType):
            continue
        seen.add(id(item))
        size += sys.getsizeof(item)
        todo.extend(gc.get_referents(item))
    return size / 2**20


def validate(data_dir: Path) -> dict[str, Any]:
    from samverkan.validation.validator import Validator

    store = embedded_store(data_dir)
    report, seconds = _timed(lambda: Validator(store).validate_store(store))
    return {"seconds": seconds, "results": len(report.results), "violations": report.count("Violation")}


def pyshacl(data_dir: Path) -> dict[str, Any]:
    """Plain pySHACL over one rdflib graph holding the data and the ontology, all shapes."""
    import pyshacl as peer
    from rdflib import Dataset, Graph

    settings = Settings(data_dir=data_dir)
    data, shapes = Graph(), Graph()
    for source in project_files(settings):
        if source.graph == SHAPES_GRAPH:
            shapes.parse(source.path)
        elif source.graph == ONTOLOGY_GRAPH:
            data.parse(source.path)
        else:
            dataset = Dataset()
            dataset.parse(source.path)
            for s, p, o, _ in dataset.quads():
                data.add((s, p, o))
    answer, seconds = _timed(
        lambda: peer.validate(data, shacl_graph=shapes, advanced=True, inference="none", allow_warnings=True)
    )
    _, results_graph, _ = answer
    results = len(list(results_graph.subjects(predicate=None, object=None, unique=True)))
    return {"seconds": seconds, "result_nodes": results}


def disk_store(data_dir: Path) -> dict[str, Any]:
    """What `samverkan load --store DIR` does: the project loaded into an on-disk store next to the data, timed
    until the store is closed (what closing compacts is part of the loading, as in `oxigraph load`)."""
    loaded, seconds = _timed(partial(_load_and_close, data_dir.parent / "samverkan-store", data_dir))
    return {"seconds": seconds, "quads": sum(item.quads for item in loaded)}


def _load_and_close(location: Path, data_dir: Path) -> list[LoadedFile]:
    store = EmbeddedStore(location)
    loaded = load_project(store, Settings(data_dir=data_dir))
    store.close()
    return loaded


def network(data_dir: Path) -> dict[str, Any]:
    from samverkan.network import build_network, impact, rankings, resolve_actor

    store = embedded_store(data_dir)
    graph, build = _timed(lambda: build_network(store))
    _, ranked = _timed(lambda: rankings(graph))
    hub = HUB if graph.has_node(HUB) else resolve_actor(graph, "digg")
    answer, impacted = _timed(lambda: impact(graph, hub))
    return {
        "seconds": build + ranked + impacted,
        "build": build,
        "rankings": ranked,
        "impact": impacted,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "at_risk": len(answer.items),
    }


def views(data_dir: Path) -> dict[str, Any]:
    """The architects' views but the dashboard: the whole matrix, the hub's rows, the framework scoreboard."""
    from samverkan.views.matrix import MatrixFilters, matrix
    from samverkan.views.scoreboard import scoreboard

    store = embedded_store(data_dir)
    hub = HUB if store.query(f"ASK {{ <{HUB}> ?p ?o }}") else f"{SAMID}actor/digg"
    framework = "syn-framework" if hub == HUB else "eif"
    whole, whole_seconds = _timed(lambda: matrix(store))
    hubs, hub_seconds = _timed(lambda: matrix(store, MatrixFilters(actor=hub)))
    score, score_seconds = _timed(lambda: scoreboard(store, framework))
    return {
        "seconds": whole_seconds + hub_seconds + score_seconds,
        "matrix": whole_seconds,
        "matrix_actor": hub_seconds,
        "scoreboard": score_seconds,
        "matrix_rows": len(whole.rows),
        "matrix_actors": len(whole.actors),
        "actor_rows": len(hubs.rows),
        "items": len(score.rows),
    }


def dashboard(data_dir: Path) -> dict[str, Any]:
    """The gap dashboard: the gap report (see `gaps`) counted per rule, ministry, actor kind and absence."""
    from samverkan.views.dashboard import dashboard as gap_dashboard

    store = embedded_store(data_dir)
    board, seconds = _timed(lambda: gap_dashboard(store, as_of="2026-01-01"))
    return {"seconds": seconds, "gap_rows": board.total}


def gaps_profile(data_dir: Path) -> dict[str, Any]:
    """The profile of the cold full gap report (`gaps`' first step)."""
    from samverkan.gaps.catalogue import gap_report

    return profile(gap_report, loaded(RecordingStore(), data_dir))


def network_profile(data_dir: Path) -> dict[str, Any]:
    """The profile of the network's build (`network`'s first step)."""
    from samverkan.network import build_network

    return profile(build_network, loaded(RecordingStore(), data_dir))


def load_profile(data_dir: Path) -> dict[str, Any]:
    """The profile of the load into an on-disk store (`disk-store`), into a directory of its own, removed after."""
    location = data_dir.parent / "samverkan-store-profiled"
    try:
        return writes_profile(_load_and_close, location, data_dir)
    finally:
        shutil.rmtree(location, ignore_errors=True)


TASKS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "gaps": gaps,
    "validate": validate,
    "pyshacl": pyshacl,
    "network": network,
    "views": views,
    "dashboard": dashboard,
    "disk-store": disk_store,
    "gaps-profile": gaps_profile,
    "network-profile": network_profile,
    "load-profile": load_profile,
}


def main(argv: list[str]) -> None:
    task, data_dir = argv
    result = TASKS[task](Path(data_dir))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
