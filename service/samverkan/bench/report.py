"""The suite's results as tables (Markdown), with the issue's targets checked against them and the profiles of
what can miss them (`samverkan.bench.profile_report`)."""

from __future__ import annotations

from typing import Any

from samverkan.bench.figures import (
    Comparison,
    comparisons,
    floor_ms_cell,
    ms_cell,
    ratio_cell,
    scale_label,
    scale_name,
    seconds_cell,
    times_cell,
)
from samverkan.bench.profile_report import profile_section
from samverkan.reports.tables import render_rows

SECTIONS = (
    "SPARQL over HTTP",
    "Gap report",
    "SHACL validation",
    "Start-up and memory",
    "Network analysis",
    "Entity pages",
    "Views",
    "Targets",
    "Profiles",
)


def _or_skipped(entry: dict[str, Any], key: str = "seconds") -> str:
    return entry.get("skipped", "") and f"skipped: {entry['skipped']}" or seconds_cell(entry.get(key))


def sparql_rows(scale: dict[str, Any]) -> list[list[str]]:
    return [
        [
            scale_label(c.triples),
            c.query,
            str(c.clients),
            str(c.own.get("rows", "-")),
            ms_cell(c.own.get("p50_ms")),
            ms_cell(c.own.get("p99_ms")),
            ms_cell(c.own.get("requests_per_second")),
            ms_cell(c.own.get("server_cpu_ms")),
            ms_cell(c.oxigraph.get("p50_ms")),
            ms_cell(c.oxigraph.get("requests_per_second")),
            ms_cell(c.oxigraph.get("server_cpu_ms")),
            floor_ms_cell(c.floor),
            f"skipped: {c.rdflib['skipped']}" if "skipped" in c.rdflib else ms_cell(c.rdflib.get("p50_ms")),
            times_cell(c.ratio(c.own, c.oxigraph)),
            times_cell(c.ratio(c.rdflib, c.own)),
        ]
        for c in comparisons(scale)
    ]


def tables(results: dict[str, Any]) -> dict[str, str]:
    """One Markdown table per section."""
    scales = results["scales"]
    out: dict[str, str] = {}
    out["SPARQL over HTTP"] = render_rows(
        [
            "scale",
            "query",
            "clients",
            "rows",
            "Samverkan p50 ms",
            "p99 ms",
            "req/s",
            "CPU ms/req",
            "Oxigraph p50 ms",
            "req/s",
            "CPU ms/req",
            "ASGI floor p50 ms",
            "rdflib-endpoint p50 ms",
            "Samverkan/Oxigraph",
            "rdflib/Samverkan",
        ],
        [row for scale in scales for row in sparql_rows(scale)],
        "md",
    )
    out["Gap report"] = render_rows(
        [
            "scale",
            "embedded cold s",
            "kept: ready after a write s",
            "kept: answer ms",
            "kept MiB",
            "over HTTP s",
            "again s",
            "rules",
            "rows",
        ],
        [
            [
                scale_name(s),
                _or_skipped(s["gaps"]["samverkan"]),
                seconds_cell(s["gaps"]["samverkan"].get("kept", {}).get("ready_after_write_seconds")),
                seconds_cell(s["gaps"]["samverkan"].get("kept", {}).get("answer_ms")),
                ms_cell(s["gaps"]["samverkan"].get("kept", {}).get("mb")),
                _or_skipped(s["gaps"].get("http", {})),
                seconds_cell(s["gaps"].get("http", {}).get("again_seconds")),
                str(s["gaps"]["samverkan"].get("rules", "-")),
                str(s["gaps"]["samverkan"].get("rows", "-")),
            ]
            for s in _with_curated(results, "gaps")
        ],
        "md",
    )
    out["SHACL validation"] = render_rows(
        ["scale", "Samverkan s", "results", "Violations", "plain pySHACL s", "pySHACL/Samverkan"],
        [
            [
                scale_name(s),
                _or_skipped(s["validate"]["samverkan"]),
                str(s["validate"]["samverkan"].get("results", "-")),
                str(s["validate"]["samverkan"].get("violations", "-")),
                _or_skipped(s["validate"]["pyshacl"]),
                ratio_cell(
                    s["validate"]["pyshacl"].get("seconds"), s["validate"]["samverkan"].get("seconds")
                ),
            ]
            for s in _with_curated(results, "validate")
        ],
        "md",
    )
    out["Start-up and memory"] = render_rows(
        [
            "scale",
            "quads",
            "generate s",
            "fresh in-memory s",
            "MiB",
            "samverkan load s",
            "oxigraph load s",
            "load ratio",
            "from disk s",
            "MiB at start / peak",
            "oxigraph from disk s",
            "MiB at start / peak",
            "peak ratio",
            "rdflib-endpoint s",
            "MiB",
            "embedded tasks MiB (gaps/validate/network/pySHACL)",
        ],
        [_startup_row(s) for s in scales],
        "md",
    )
    out["Network analysis"] = render_rows(
        ["scale", "build s", "rankings s", "impact s", "nodes", "edges", "at risk"],
        [
            [
                scale_label(s["triples"]),
                *(_or_skipped(s["network"]["samverkan"], key) for key in ("build", "rankings", "impact")),
                *(str(s["network"]["samverkan"].get(k, "-")) for k in ("nodes", "edges", "at_risk")),
            ]
            for s in scales
        ],
        "md",
    )
    out["Entity pages"] = render_rows(
        ["scale", "pages", "requests", "p50 ms", "p99 ms", "slowest page", "its p50 ms"],
        [_pages_row(s) for s in scales],
        "md",
    )
    out["Views"] = render_rows(
        ["scale", "matrix s", "one actor's rows s", "dashboard s", "scoreboard s", "matrix rows", "gap rows"],
        [
            [
                s.get("label") or scale_label(s["triples"]),
                *(_or_skipped(_views(s, "views"), key) for key in ("matrix", "matrix_actor")),
                _or_skipped(_views(s, "dashboard")),
                _or_skipped(_views(s, "views"), "scoreboard"),
                str(_views(s, "views").get("matrix_rows", "-")),
                str(_views(s, "dashboard").get("gap_rows", "-")),
            ]
            for s in _with_views(results)
        ],
        "md",
    )
    out["Targets"] = render_rows(["target", "measured", "ratio", "met"], targets(results), "md")
    out["Profiles"] = profile_section(results)
    return out


def _views(scale: dict[str, Any], task: str) -> dict[str, Any]:
    """A view task's measurement at a scale (results written before the views were measured have none)."""
    found: dict[str, Any] = scale.get(task, {}).get("samverkan", {"skipped": "not measured"})
    return found


def _with_views(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    if "curated" in results:
        curated = results["curated"]
        rows.append(
            {
                "label": "curated",
                **{
                    task: {"samverkan": curated.get(task, {"skipped": "not measured"})}
                    for task in ("views", "dashboard")
                },
            }
        )
    rows.extend(results["scales"])
    return rows


def _with_curated(results: dict[str, Any], section: str) -> list[dict[str, Any]]:
    rows = []
    if "curated" in results:
        curated = results["curated"]
        entry = {"samverkan": curated[section]} if section == "gaps" else curated
        rows.append({"triples": 0, section: entry, "label": "curated"})
    rows.extend(results["scales"])
    return rows


def _pages_row(s: dict[str, Any]) -> list[str]:
    pages = s.get("entity_pages", {"skipped": "not measured"})
    if "skipped" in pages:
        return [scale_name(s), f"skipped: {pages['skipped']}", "-", "-", "-", "-", "-"]
    return [
        scale_name(s),
        str(pages["pages"]),
        str(pages["requests"]),
        ms_cell(pages["p50_ms"]),
        ms_cell(pages["p99_ms"]),
        pages["slowest"],
        f"over {pages['timeout_seconds']:g} s"
        if pages.get("timed_out")
        else ms_cell(pages["slowest_p50_ms"]),
    ]


def _memory(server: dict[str, Any]) -> str:
    return f"{ms_cell(server.get('start_rss_mb'))} / {ms_cell(server.get('peak_rss_mb'))}"


def _startup_row(s: dict[str, Any]) -> list[str]:
    startup = s["startup"]
    memory, disk = startup.get("samverkan_memory", {}), startup.get("samverkan_disk", {})
    oxigraph, rdflib = startup.get("oxigraph", {}), startup.get("rdflib_endpoint", {})
    tasks = (
        "/".join(ms_cell(s[name]["samverkan"].get("peak_rss_mb")) for name in ("gaps", "validate", "network"))
        + "/"
        + ms_cell(s["validate"]["pyshacl"].get("peak_rss_mb"))
    )
    return [
        scale_label(s["triples"]),
        str(s["quads"]),
        seconds_cell(s.get("generate_seconds")),
        _or_skipped(memory, "first_answer_seconds") if memory else "-",
        ms_cell(memory.get("peak_rss_mb")),
        seconds_cell(startup.get("samverkan_load_seconds")),
        seconds_cell(startup.get("oxigraph_load_seconds")),
        ratio_cell(startup.get("samverkan_load_seconds"), startup.get("oxigraph_load_seconds")),
        _or_skipped(disk, "first_answer_seconds"),
        _memory(disk),
        _or_skipped(oxigraph, "first_answer_seconds"),
        _memory(oxigraph),
        ratio_cell(disk.get("peak_rss_mb"), oxigraph.get("peak_rss_mb")),
        _or_skipped(rdflib, "first_answer_seconds"),
        ms_cell(rdflib.get("peak_rss_mb")),
        tasks,
    ]


def _at(results: dict[str, Any], triples: int) -> dict[str, Any] | None:
    return next((s for s in results["scales"] if s["triples"] == triples), None)


def targets(results: dict[str, Any]) -> list[list[str]]:
    """The targets of issue #22 and the earlier ones, each with what was measured, its ratio and whether it was met."""
    million, hundred_k = _at(results, 1_000_000), _at(results, 100_000)
    rows = [
        _gap_target("full gap report at 1M under 1 s embedded", million, 1.0),
        _gap_target("full gap report at 100k under 0.2 s embedded", hundred_k, 0.2),
        _pages_target(million),
        _limit("network build at 1M under 5 s", million, ("network", "samverkan", "build"), 5.0, "s"),
        _limit("network rankings at 1M under 10 s", million, ("network", "samverkan", "rankings"), 10.0, "s"),
        _relative(
            "loading 1M within 1.5x of `oxigraph load`",
            million,
            ("startup", "samverkan_load_seconds"),
            ("startup", "oxigraph_load_seconds"),
            1.5,
            "s",
        ),
        _relative(
            "serving 1M from disk within 2x the resident memory of `oxigraph serve` (peak after the SPARQL runs)",
            million,
            ("startup", "samverkan_disk", "peak_rss_mb"),
            ("startup", "oxigraph", "peak_rss_mb"),
            2.0,
            "MiB",
        ),
        _sparql_target(results, 1, 1.2),
        _sparql_target(results, 4, 1.5),
        _limit(
            "start-up from an existing 1M on-disk store under 1 s to the first answer",
            million,
            ("startup", "samverkan_disk", "first_answer_seconds"),
            1.0,
            "s",
        ),
        _scales_target(results),
    ]
    gap = (
        None
        if million is None
        else next((c for c in comparisons(million) if c.query == "gap" and c.clients == 1), None)
    )
    speed, met = _rdflib_speed(gap, results) if million else ("1M not run", None)
    rows.append(["20x faster than rdflib-endpoint on the gap query at 1M", speed, "-", _met(met)])
    if million:
        ours, peer = million["validate"]["samverkan"], million["validate"]["pyshacl"]
        speedup = ratio_cell(peer.get("seconds"), ours.get("seconds"))
        rows.append(
            [
                "validation at 1M 5x faster than plain pySHACL",
                f"Samverkan {_with_unit(ours)}, pySHACL {_with_unit(peer)}",
                speedup,
                _met(float(speedup[:-1]) >= 5 if speedup != "-" else None),
            ]
        )
    curated = results.get("curated", {}).get("samverkan", {})
    seconds = curated.get("seconds")
    rows.append(
        [
            "validation of the curated graph under 1 s",
            _with_unit(curated) if curated else "not run",
            ratio_cell(seconds, 1.0),
            _met(seconds < 1 if isinstance(seconds, int | float) else None),
        ]
    )
    return rows


def _gap_target(target: str, scale: dict[str, Any] | None, limit: float) -> list[str]:
    """The full gap report: the answer from the kept report where the run measured one, which is what meets
    or misses the target, with the cold computation beside it; else the cold computation alone."""
    cold = _limit(target, scale, ("gaps", "samverkan", "seconds"), limit, "s")
    kept = _dig(scale, ("gaps", "samverkan", "kept"))
    if not isinstance(kept, dict):
        return cold
    answer = kept["answer_ms"] / 1000
    return [
        target,
        f"kept report: answer {seconds_cell(kept['answer_ms'])} ms, ready "
        f"{_number(kept['ready_after_write_seconds'], 's')} after a write; cold computation {cold[1]}",
        f"{ratio_cell(answer, limit)} of the limit (cold {cold[2]})",
        f"{_met(answer < limit)} (kept); {cold[3]} (cold)",
    ]


def _pages_target(million: dict[str, Any] | None) -> list[str]:
    """Entity pages at 1M: the p50 of the pages that answered; a page given up fails the target."""
    row = _limit("entity page p50 at 1M under 100 ms", million, ("entity_pages", "p50_ms"), 100.0, "ms")
    timed_out = (million or {}).get("entity_pages", {}).get("timed_out")
    if timed_out:
        timeout = million["entity_pages"]["timeout_seconds"] if million else 0
        row[1] += f"; {len(timed_out)} page(s) over {timeout:g} s left out ({', '.join(timed_out)})"
        row[3] = "no"
    return row


def _met(met: bool | None) -> str:
    return "-" if met is None else ("yes" if met else "no")


def _dig(scale: dict[str, Any] | None, path: tuple[str, ...]) -> Any:
    """A value deep in a scale's results; a `skipped` reason on the way is returned as such."""
    value: Any = scale
    for key in path:
        if not isinstance(value, dict):
            return None
        if "skipped" in value:
            return f"skipped: {value['skipped']}"
        value = value.get(key)
    return value


def _number(value: Any, unit: str) -> str:
    if isinstance(value, int | float):
        return f"{ms_cell(value) if unit in ('ms', 'MiB') else seconds_cell(value)} {unit}"
    return str(value) if value else "not measured"


def _limit(
    target: str, scale: dict[str, Any] | None, path: tuple[str, ...], limit: float, unit: str
) -> list[str]:
    """An absolute target: the measured value, its ratio to the limit."""
    value = _dig(scale, path)
    measured = isinstance(value, int | float)
    return [
        target,
        _number(value, unit) if scale else "scale not run",
        ratio_cell(value, limit) + " of the limit" if measured else "-",
        _met(value < limit if measured else (False if isinstance(value, str) else None)),
    ]


def _relative(
    target: str,
    scale: dict[str, Any] | None,
    path: tuple[str, ...],
    peer_path: tuple[str, ...],
    limit: float,
    unit: str,
) -> list[str]:
    """A target relative to a peer: both values and their ratio."""
    value, peer = _dig(scale, path), _dig(scale, peer_path)
    both = isinstance(value, int | float) and isinstance(peer, int | float) and peer > 0
    return [
        target,
        f"{_number(value, unit)} vs {_number(peer, unit)}" if scale else "scale not run",
        ratio_cell(value, peer),
        _met(value / peer <= limit if both else None),
    ]


def _sparql_target(results: dict[str, Any], clients: int, limit: float) -> list[str]:
    """The worst ratio of Samverkan's p50 to `oxigraph serve`'s over every query and scale at one client count."""
    target = f"/sparql p50 within {limit:g}x of `oxigraph serve` on every query, {clients} client" + "s" * (
        clients > 1
    )
    ratios = [
        (c, r)
        for s in results["scales"]
        for c in comparisons(s)
        if c.clients == clients and (r := c.ratio(c.own, c.oxigraph)) is not None
    ]
    if not ratios:
        return [target, "not run", "-", "-"]
    worst, ratio = max(ratios, key=lambda item: item[1])
    over = sum(1 for _, r in ratios if r > limit)
    text = (
        f"worst {worst.query} at {scale_label(worst.triples)}; {over} of {len(ratios)} runs over {limit:g}x"
    )
    floor = worst.ratio(worst.floor, worst.oxigraph)
    if floor is not None:
        text += (
            f"; of its {ms_cell(worst.own['p50_ms'])} ms, {worst.floor['p50_ms']:.2f} ms is the HTTP floor of a "
            f"Python ASGI server ({times_cell(floor)} of Oxigraph's p50 alone)"
        )
    return [target, text, times_cell(ratio), _met(ratio <= limit)]


def _scales_target(results: dict[str, Any]) -> list[str]:
    """10k, 100k and 1M measured in one run, and what a large scale (10M) reported."""
    full = [scale_label(s["triples"]) for s in results["scales"] if not s.get("large")]
    large = [s for s in results["scales"] if s.get("large")]
    done = all(_at(results, n) is not None for n in (10_000, 100_000, 1_000_000))
    parts = [f"in one run: {', '.join(full) or 'none'}"]
    for scale in large:
        startup = scale["startup"]
        ours = [c for c in comparisons(scale) if isinstance(c.own.get("p50_ms"), int | float)]
        parts.append(
            f"{scale_label(scale['triples'])}: loaded in {seconds_cell(startup.get('samverkan_load_seconds'))} s "
            f"(oxigraph {seconds_cell(startup.get('oxigraph_load_seconds'))} s), {len(ours)} queries answered, "
            f"start-up {_or_skipped(startup.get('samverkan_disk', {}), 'first_answer_seconds')} s"
        )
    return [
        "the bench runs 10k, 100k and 1M in one run and loads and queries 10M",
        "; ".join(parts) + ("" if large else "; 10M not run"),
        "-",
        _met(done and bool(large)),
    ]


def _with_unit(entry: dict[str, Any]) -> str:
    """Seconds with their unit, or why the step was skipped."""
    return _or_skipped(entry) if "skipped" in entry else f"{seconds_cell(entry.get('seconds'))} s"


def _rdflib_speed(gap: Comparison | None, results: dict[str, Any]) -> tuple[str, bool | None]:
    """How many times slower rdflib-endpoint answered; a lower bound when one request outran the budget."""
    if gap is None or not isinstance(gap.own.get("p50_ms"), int | float):
        return "not run", None
    speed = gap.ratio(gap.rdflib, gap.own)
    if speed is not None:
        return times_cell(speed), speed >= 20
    budget = results["options"].get("budget_seconds")
    if "took over" in str(gap.rdflib.get("skipped", "")) and isinstance(budget, int | float):
        bound = budget * 1000 / gap.own["p50_ms"]
        text = f"over {bound:.0f}x (one rdflib-endpoint request took over {budget:g} s; Samverkan p50 {ms_cell(gap.own['p50_ms'])} ms)"
        return text, bound >= 20
    return f"rdflib-endpoint skipped: {gap.rdflib.get('skipped', 'not run')}", None


def markdown(results: dict[str, Any]) -> str:
    """The whole report: how it was produced, then one table per section."""
    options, machine = results["options"], results["machine"]
    head = (
        f"Produced by `{results.get('command', 'samverkan bench run')}` on {results['started']} ({machine['cpus']} CPUs, Python "
        f"{machine['python']}; " + ", ".join(f"{k} {v}" for k, v in results["versions"].items()) + "). "
        f"Load: {options['requests']} requests per query and client count, at most "
        f"{options['budget_seconds']:g} s per run (slow queries are sent fewer times); a step past "
        f"{options['bound_seconds']:g} s is stopped and the peer skipped at larger scales. "
        f"Total {results.get('seconds', 0):.0f} s.\n"
    )
    sections = tables(results)
    return head + "".join(f"\n### {name}\n\n{sections[name]}" for name in SECTIONS)


README_BEGIN = "<!-- bench results: begin (samverkan bench report --readme README.md) -->"
README_END = "<!-- bench results: end -->"


def readme_block(results: dict[str, Any]) -> str:
    """The README's generated part of "Performance": how the run was made, the targets, the /sparql p50s."""
    machine = results["machine"]
    scales = [s for s in results["scales"] if not s.get("large")]
    head = (
        f"The latest run (`{results.get('command', 'samverkan bench run')}`, {results['started']}, "
        f"{machine['cpus']} shared CPUs, {results.get('seconds', 0) / 60:.0f} min; every table in "
        "`bench/results/latest.md`):\n\n"
    )
    targets_table = render_rows(["target", "measured", "ratio", "met"], targets(results), "md")
    names = [scale_name(s) for s in results["scales"]]
    p50s: dict[tuple[str, str], list[str]] = {}
    for scale in results["scales"]:
        for c in comparisons(scale):
            if c.clients == 1:
                cells = (c.own, c.oxigraph, c.rdflib)
                p50s.setdefault((c.query, scale_name(scale)), []).extend(
                    ms_cell(cell.get("p50_ms")) if "p50_ms" in cell else "-" for cell in cells
                )
    queries = sorted({query for query, _ in p50s})
    p50_table = render_rows(
        ["query", *names],
        [[query, *(" / ".join(p50s.get((query, name), ["-"])) for name in names)] for query in queries],
        "md",
    )
    return (
        f"{README_BEGIN}\n{head}{targets_table}\n/sparql p50 in ms with one client (Samverkan / `oxigraph serve` / "
        f"rdflib-endpoint; {', '.join(scale_name(s) for s in scales)} with every peer, larger scales with the "
        f"servers from disk only):\n\n{p50_table}{README_END}"
    )


def with_readme_block(readme: str, results: dict[str, Any]) -> str:
    """The README with its generated block replaced (it must hold the two markers)."""
    begin, end = readme.index(README_BEGIN), readme.index(README_END) + len(README_END)
    return readme[:begin] + readme_block(results) + readme[end:]
