"""The suite's results as tables (Markdown), with the issue's targets checked against them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samverkan.reports.tables import render_rows

SECTIONS = (
    "SPARQL over HTTP",
    "Gap report",
    "SHACL validation",
    "Start-up and memory",
    "Network analysis",
    "Views",
    "Targets",
)


def _scale(triples: int) -> str:
    for size, unit in ((1_000_000, "M"), (1_000, "k")):
        if triples >= size:
            return f"{triples / size:g}{unit}"
    return str(triples)


def _name(scale: dict[str, Any]) -> str:
    return str(scale.get("label") or _scale(scale["triples"]))


def _s(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else "-"


def _ms(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, int | float) else "-"


def _ratio(a: Any, b: Any) -> str:
    return f"{a / b:.2f}x" if isinstance(a, int | float) and isinstance(b, int | float) and b > 0 else "-"


def _or_skipped(entry: dict[str, Any], key: str = "seconds") -> str:
    return entry.get("skipped", "") and f"skipped: {entry['skipped']}" or _s(entry.get(key))


@dataclass(frozen=True)
class Comparison:
    """One query at one client count, as each server answered it."""

    triples: int
    query: str
    clients: int
    own: dict[str, Any]
    oxigraph: dict[str, Any]
    rdflib: dict[str, Any]

    def ratio(self, numerator: dict[str, Any], denominator: dict[str, Any]) -> float | None:
        a, b = numerator.get("p50_ms"), denominator.get("p50_ms")
        return a / b if isinstance(a, int | float) and isinstance(b, int | float) and b > 0 else None


def comparisons(scale: dict[str, Any]) -> list[Comparison]:
    runs = {(r["server"], r["query"], r["clients"]): r for r in scale["sparql"]}
    keys = sorted({(r["query"], r["clients"]) for r in scale["sparql"]})
    return [
        Comparison(
            scale["triples"],
            query,
            clients,
            runs.get(("Samverkan", query, clients), {}),
            runs.get(("Oxigraph", query, clients), {}),
            runs.get(("rdflib-endpoint", query, clients), {}),
        )
        for query, clients in keys
    ]


def _x(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def sparql_rows(scale: dict[str, Any]) -> list[list[str]]:
    return [
        [
            _scale(c.triples),
            c.query,
            str(c.clients),
            str(c.own.get("rows", "-")),
            _ms(c.own.get("p50_ms")),
            _ms(c.own.get("p99_ms")),
            _ms(c.own.get("requests_per_second")),
            _ms(c.own.get("server_cpu_ms")),
            _ms(c.oxigraph.get("p50_ms")),
            _ms(c.oxigraph.get("requests_per_second")),
            _ms(c.oxigraph.get("server_cpu_ms")),
            f"skipped: {c.rdflib['skipped']}" if "skipped" in c.rdflib else _ms(c.rdflib.get("p50_ms")),
            _x(c.ratio(c.own, c.oxigraph)),
            _x(c.ratio(c.rdflib, c.own)),
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
            "rdflib-endpoint p50 ms",
            "Samverkan/Oxigraph",
            "rdflib/Samverkan",
        ],
        [row for scale in scales for row in sparql_rows(scale)],
        "md",
    )
    out["Gap report"] = render_rows(
        ["scale", "embedded s", "over HTTP s", "rules", "rows"],
        [
            [
                _name(s),
                _or_skipped(s["gaps"]["samverkan"]),
                _or_skipped(s["gaps"].get("http", {})),
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
                _name(s),
                _or_skipped(s["validate"]["samverkan"]),
                str(s["validate"]["samverkan"].get("results", "-")),
                str(s["validate"]["samverkan"].get("violations", "-")),
                _or_skipped(s["validate"]["pyshacl"]),
                _ratio(s["validate"]["pyshacl"].get("seconds"), s["validate"]["samverkan"].get("seconds")),
            ]
            for s in _with_curated(results, "validate")
        ],
        "md",
    )
    out["Start-up and memory"] = render_rows(
        [
            "scale",
            "quads",
            "fresh in-memory s",
            "MiB",
            "samverkan load s",
            "from disk s",
            "MiB",
            "oxigraph load s",
            "oxigraph from disk s",
            "MiB",
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
                _scale(s["triples"]),
                *(_or_skipped(s["network"]["samverkan"], key) for key in ("build", "rankings", "impact")),
                *(str(s["network"]["samverkan"].get(k, "-")) for k in ("nodes", "edges", "at_risk")),
            ]
            for s in scales
        ],
        "md",
    )
    out["Views"] = render_rows(
        ["scale", "matrix s", "one actor's rows s", "dashboard s", "scoreboard s", "matrix rows", "gap rows"],
        [
            [
                s.get("label") or _scale(s["triples"]),
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
    out["Targets"] = render_rows(["target", "measured", "met"], targets(results), "md")
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


def _startup_row(s: dict[str, Any]) -> list[str]:
    startup = s["startup"]
    memory, disk = startup.get("samverkan_memory", {}), startup.get("samverkan_disk", {})
    oxigraph, rdflib = startup.get("oxigraph", {}), startup.get("rdflib_endpoint", {})
    tasks = (
        "/".join(_ms(s[name]["samverkan"].get("peak_rss_mb")) for name in ("gaps", "validate", "network"))
        + "/"
        + _ms(s["validate"]["pyshacl"].get("peak_rss_mb"))
    )
    return [
        _scale(s["triples"]),
        str(s["quads"]),
        _or_skipped(memory, "first_answer_seconds"),
        _ms(memory.get("peak_rss_mb")),
        _s(startup.get("samverkan_load_seconds")),
        _s(disk.get("first_answer_seconds")),
        _ms(disk.get("peak_rss_mb")),
        _s(startup.get("oxigraph_load_seconds")),
        _s(oxigraph.get("first_answer_seconds")),
        _ms(oxigraph.get("peak_rss_mb")),
        _or_skipped(rdflib, "first_answer_seconds"),
        _ms(rdflib.get("peak_rss_mb")),
        tasks,
    ]


def _at(results: dict[str, Any], triples: int) -> dict[str, Any] | None:
    return next((s for s in results["scales"] if s["triples"] == triples), None)


def targets(results: dict[str, Any]) -> list[list[str]]:
    """The issue's targets, each with what was measured (at 1M triples where the target says so)."""
    rows: list[list[str]] = []

    def add(target: str, measured: str, met: bool | None) -> None:
        rows.append([target, measured, "-" if met is None else ("yes" if met else "no")])

    measured = [(c, c.ratio(c.own, c.oxigraph)) for s in results["scales"] for c in comparisons(s)]
    ratios = [(c, r) for c, r in measured if r is not None]
    if ratios:
        worst, ratio = max(ratios, key=lambda item: item[1])
        text = f"worst {ratio:.2f}x ({worst.query}, {worst.clients} clients, {_scale(worst.triples)})"
        add("/sparql p50 within 1.2x of oxigraph serve on every query", text, ratio <= 1.2)
    else:
        add("/sparql p50 within 1.2x of oxigraph serve on every query", "not run", None)
    million = _at(results, 1_000_000)
    if million is None:
        for target in (
            "20x faster than rdflib-endpoint on the gap query at 1M",
            "full gap report at 1M under 1 s embedded",
            "validation at 1M 5x faster than plain pySHACL",
            "start-up from an existing 1M on-disk store under 2 s",
        ):
            add(target, "1M not run", None)
    else:
        gap = next((c for c in comparisons(million) if c.query == "gap" and c.clients == 1), None)
        add("20x faster than rdflib-endpoint on the gap query at 1M", *_rdflib_speed(gap, results))
        seconds = million["gaps"]["samverkan"].get("seconds")
        add(
            "full gap report at 1M under 1 s embedded",
            _with_unit(million["gaps"]["samverkan"]),
            seconds < 1 if seconds is not None else False,
        )
        ours, peer = million["validate"]["samverkan"], million["validate"]["pyshacl"]
        speedup = _ratio(peer.get("seconds"), ours.get("seconds"))
        add(
            "validation at 1M 5x faster than plain pySHACL",
            f"Samverkan {_with_unit(ours)}, pySHACL {_with_unit(peer)}"
            + (f" ({speedup})" if speedup != "-" else ""),
            float(speedup[:-1]) >= 5 if speedup != "-" else None,
        )
        disk = million["startup"].get("samverkan_disk", {}).get("first_answer_seconds")
        add(
            "start-up from an existing 1M on-disk store under 2 s",
            _s(disk) + " s",
            disk < 2 if disk is not None else None,
        )
    curated = results.get("curated", {}).get("samverkan", {})
    add(
        "validation of the curated graph under 1 s",
        _with_unit(curated) if curated else "not run",
        curated.get("seconds", 99) < 1 if curated else None,
    )
    return rows


def _with_unit(entry: dict[str, Any]) -> str:
    """Seconds with their unit, or why the step was skipped."""
    return _or_skipped(entry) if "skipped" in entry else f"{_s(entry.get('seconds'))} s"


def _rdflib_speed(gap: Comparison | None, results: dict[str, Any]) -> tuple[str, bool | None]:
    """How many times slower rdflib-endpoint answered; a lower bound when one request outran the budget."""
    if gap is None or not isinstance(gap.own.get("p50_ms"), int | float):
        return "not run", None
    speed = gap.ratio(gap.rdflib, gap.own)
    if speed is not None:
        return _x(speed), speed >= 20
    budget = results["options"].get("budget_seconds")
    if "took over" in str(gap.rdflib.get("skipped", "")) and isinstance(budget, int | float):
        bound = budget * 1000 / gap.own["p50_ms"]
        text = f"over {bound:.0f}x (one rdflib-endpoint request took over {budget:g} s; Samverkan p50 {_ms(gap.own['p50_ms'])} ms)"
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
