"""The results' profiles as Markdown: at the largest scale measured whole, where the time of the cold gap report
and of the network's build goes, which processes hold each server's peak memory; at every scale, how much of the
worst /sparql p50 of each query is the HTTP floor of a Python ASGI server."""

from __future__ import annotations

from functools import reduce
from typing import Any

from samverkan.bench.figures import (
    Comparison,
    comparisons,
    floor_ms_cell,
    ms_cell,
    scale_label,
    seconds_cell,
    times_cell,
)
from samverkan.bench.profiles import TOP
from samverkan.reports.tables import render_rows

PYTHON = "Python"
COMPUTATIONS = {
    "gaps": ("Cold full gap report", ("gaps", "samverkan", "seconds"), PYTHON),
    "network": ("Network build", ("network", "samverkan", "build"), PYTHON),
    "load": (
        "Loading into an on-disk store, until closed",
        ("startup", "samverkan_load_seconds"),
        "Python and the engine's parser, which runs as Python iterates it (its time is `parsed`'s own)",
    ),
}
"""Each profiled computation's title, where its timed seconds are in the scale's results, and what the rest of
the timed run is once the engine's measured part is taken out."""
SERVERS = {
    "samverkan_disk": "Samverkan from disk",
    "samverkan_memory": "Samverkan fresh in memory",
    "oxigraph": "`oxigraph serve`",
    "rdflib_endpoint": "rdflib-endpoint",
}


def profile_section(results: dict[str, Any]) -> str:
    """The computations' profiles and the memory at the peak at the profiled scale, then the /sparql floor."""
    scale = next((s for s in results["scales"] if "profiles" in s), None)
    if scale is None:
        parts = ["No profile in these results.\n"]
    else:
        label = scale_label(scale["triples"])
        parts = [
            f"At {label}. Each computation profiled with cProfile in a run of its own after the timed one (the "
            "profiler slows it: its seconds are not the timed ones); the engine's part measured by running the "
            "queries it made again alone, reading each answer through without converting its terms, or for the "
            "load, as the time spent in the engine's own methods (the bulk loader, the compaction).\n"
        ]
        for name, (title, path, rest) in COMPUTATIONS.items():
            if name in scale["profiles"]:
                timed = reduce(lambda found, key: found.get(key, {}), path, scale)
                parts.append(computation(f"{title} ({label})", scale["profiles"][name], timed, rest))
        parts.append(peak_memory(scale))
    parts.append(sparql_floor(results))
    return "\n".join(parts)


def computation(title: str, profile: dict[str, Any], timed: Any, rest: str = PYTHON) -> str:
    """One profile: the timed and profiled seconds, the engine's part (and `rest`, what the remainder is), the
    top functions both ways."""
    if "skipped" in profile:
        return f"#### {title}\n\nskipped: {profile['skipped']}\n"
    engine = profile["engine_seconds"]
    engine_part = f"for its {profile['queries']} queries" if "queries" in profile else "in its own methods"
    python = ""
    if isinstance(timed, int | float):
        python = (
            f"; the rest of the timed run, {timed - engine:.3f} s, is {rest}"
            if timed > engine
            else " (more than the timed run: the two were measured apart, and an answer is read through)"
        )
    head = (
        f"#### {title}\n\nTimed {seconds_cell(timed)} s, profiled {seconds_cell(profile['profiled_seconds'])} s. "
        f"The engine: {engine:.3f} s {engine_part}{python}. Top {TOP} by cumulative time, "
        "then by own time:\n\n"
    )
    return head + "\n".join(functions(profile[key]) for key in ("by_cumulative", "by_own"))


def functions(rows: list[dict[str, Any]]) -> str:
    return render_rows(
        ["function", "calls", "own s", "cumulative s"],
        [
            [
                f"`{row['function']}`",
                str(row["calls"]),
                seconds_cell(row["own_seconds"]),
                seconds_cell(row["cumulative_seconds"]),
            ]
            for row in rows
        ],
        "md",
    )


def peak_memory(scale: dict[str, Any]) -> str:
    """Each server's peak (the PSS of its processes together) and every process's share at that sample."""
    rows = []
    for key, name in SERVERS.items():
        server = scale["startup"].get(key, {})
        if "at_peak" not in server:
            continue
        processes = sorted(server["at_peak"], key=lambda process: -process["pss_mb"])
        shares = ", ".join(f"{process['role']} {ms_cell(process['pss_mb'])}" for process in processes)
        rows.append([name, ms_cell(server["peak_rss_mb"]), shares or "-"])
    table = render_rows(["server", "peak MiB", "at the peak sample: each process's PSS MiB"], rows, "md")
    return (
        f"#### Memory at the peak ({scale_label(scale['triples'])})\n\n{table}\nA forked call is the kept gap "
        "report's child (the bench sends no update); a query worker answers /sparql (`samverkan.bench.memory`).\n"
    )


def sparql_floor(results: dict[str, Any]) -> str:
    """Per query and client count, the scale where Samverkan's p50 was furthest from Oxigraph's, and how much
    of it is the HTTP floor of a Python ASGI server (`samverkan.bench.floor`)."""
    worst: dict[tuple[str, int], tuple[Comparison, float]] = {}
    for scale in results["scales"]:
        for c in comparisons(scale):
            ratio = c.ratio(c.own, c.oxigraph)
            if ratio is not None and (
                (c.query, c.clients) not in worst or ratio > worst[(c.query, c.clients)][1]
            ):
                worst[(c.query, c.clients)] = (c, ratio)
    rows = [[query, str(clients), *floor_cells(*worst[(query, clients)])] for query, clients in sorted(worst)]
    table = render_rows(
        [
            "query",
            "clients",
            "worst at",
            "Samverkan p50 ms",
            "ASGI floor p50 ms",
            "Samverkan - floor ms",
            "Oxigraph p50 ms",
            "Samverkan/Oxigraph",
            "without the floor",
        ],
        rows,
        "md",
    )
    return f"#### /sparql: the HTTP floor in each query's worst p50\n\n{table}"


def floor_cells(c: Comparison, ratio: float) -> list[str]:
    """The worst scale, both p50s, the floor, Samverkan's p50 without it and the ratios with and without it (none
    when the floor, measured at another moment of the scale, was the slower: a busy machine's noise)."""
    own, floor = c.own["p50_ms"], c.floor.get("p50_ms")
    left = own - floor if isinstance(floor, int | float) else None
    return [
        scale_label(c.triples),
        ms_cell(own),
        floor_ms_cell(c.floor),
        ms_cell(left),
        ms_cell(c.oxigraph["p50_ms"]),
        times_cell(ratio),
        times_cell(left / c.oxigraph["p50_ms"] if left is not None and left > 0 else None),
    ]
