"""Profiles of the embedded computations whose targets can fail, each taken in a run of its own (a profiled run is
slower, so it is never the timed one): cProfile's top functions by cumulative and by own time, and the engine's
part: the SPARQL queries the computation made, run again alone with their answers read through, or for a load,
the time spent in the engine's own methods.
"""

from __future__ import annotations

import cProfile
import pstats
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import pyoxigraph as ox

from samverkan.sparql.formats import QueryAnswer
from samverkan.sparql.text import Term
from samverkan.store.base import QueryDataset
from samverkan.store.embedded import EmbeddedStore

TOP = 15
"""Functions listed by cumulative and by own time."""
_PACKAGE_PATH = re.compile(r"^.*/(?:site-packages|lib/python3\.\d+)/|^.*/(?=samverkan/)")
"""What goes of a module's path: up to its package."""


class RecordingStore(EmbeddedStore):
    """An in-memory store that records the queries made of it (`queries`), to run them again alone."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[tuple[str, QueryDataset | None, Mapping[str, Term] | None, str | None]] = []

    def query(
        self,
        sparql: str,
        dataset: QueryDataset | None = None,
        bindings: Mapping[str, Term] | None = None,
        base_iri: str | None = None,
    ) -> QueryAnswer:
        self.queries.append((sparql, dataset, bindings, base_iri))
        return super().query(sparql, dataset, bindings, base_iri)

    def engine_seconds(self) -> float:
        """The recorded queries made again, each answer read through without converting its terms: the engine's
        time (an answer its caller stopped reading early is counted whole)."""
        began = time.perf_counter()
        for sparql, dataset, bindings, base_iri in self.queries:
            answer = super().query(sparql, dataset, bindings, base_iri)
            if isinstance(answer, ox.QuerySolutions | ox.QueryTriples):
                for _ in answer:
                    pass
        return time.perf_counter() - began


def profile(computation: Callable[[RecordingStore], object], store: RecordingStore) -> dict[str, Any]:
    """`computation(store)` once under cProfile (its seconds so slowed), the queries it made and the engine's
    seconds for them (`RecordingStore.engine_seconds`), and the top functions."""
    store.queries.clear()
    seconds, stats = _profiled(computation, store)
    return _summary(seconds, stats, queries=len(store.queries), engine_seconds=store.engine_seconds())


def writes_profile(computation: Callable[..., object], *arguments: object) -> dict[str, Any]:
    """`computation(*arguments)`, which writes (a load), once under cProfile, with the top functions and the engine's
    seconds: the own time of pyoxigraph's methods (a write is done when its method returns, unlike a query,
    whose answer is computed as it is read)."""
    seconds, stats = _profiled(computation, *arguments)
    engine = sum(
        own
        for (path, _, name), (_, _, own, _, _) in stats.stats.items()  # type: ignore[attr-defined]
        if path == "~" and "of 'pyoxigraph." in name
    )
    return _summary(seconds, stats, engine_seconds=engine)


def _profiled(computation: Callable[..., object], *arguments: object) -> tuple[float, pstats.Stats]:
    profiler = cProfile.Profile()
    began = time.perf_counter()
    profiler.runcall(computation, *arguments)
    return time.perf_counter() - began, pstats.Stats(profiler)


def _summary(seconds: float, stats: pstats.Stats, **measured: Any) -> dict[str, Any]:
    return {
        "profiled_seconds": seconds,
        **measured,
        "by_cumulative": top_functions(stats, cumulative=True),
        "by_own": top_functions(stats, cumulative=False),
    }


def top_functions(stats: pstats.Stats, *, cumulative: bool) -> list[dict[str, Any]]:
    """The `TOP` functions by cumulative or by own time, each with its calls and both times."""
    rows = [
        {"function": function_name(*key), "calls": calls, "own_seconds": own, "cumulative_seconds": total}
        for key, (_, calls, own, total, _) in stats.stats.items()  # type: ignore[attr-defined]
        if "_lsprof" not in key[2]
    ]
    rows.sort(key=lambda row: row["cumulative_seconds" if cumulative else "own_seconds"], reverse=True)
    return rows[:TOP]


def function_name(path: str, line: int, name: str) -> str:
    """`samverkan/gaps/catalogue.py:12(gap_report)`: the path from its package on; a built-in by its name."""
    return name if path == "~" else f"{_PACKAGE_PATH.sub('', path)}:{line}({name})"
