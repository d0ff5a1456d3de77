"""The figures of the suite's results as the tables show them (scale names, seconds, milliseconds, ratios), and
the /sparql runs of a scale compared query by query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def scale_label(triples: int) -> str:
    """`10k`, `1M`: a number of quads as the tables name a scale."""
    for size, unit in ((1_000_000, "M"), (1_000, "k")):
        if triples >= size:
            return f"{triples / size:g}{unit}"
    return str(triples)


def scale_name(scale: dict[str, Any]) -> str:
    """A scale's label, or its own name (`curated`)."""
    return str(scale.get("label") or scale_label(scale["triples"]))


def seconds_cell(value: Any) -> str:
    """Seconds with three decimals; `-` when not measured."""
    return f"{value:.3f}" if isinstance(value, int | float) else "-"


def ms_cell(value: Any) -> str:
    """Milliseconds (or MiB) with one decimal; `-` when not measured."""
    return f"{value:.1f}" if isinstance(value, int | float) else "-"


def ratio_cell(a: Any, b: Any) -> str:
    """`a / b` as `1.23x`; `-` when either is not measured."""
    return f"{a / b:.2f}x" if isinstance(a, int | float) and isinstance(b, int | float) and b > 0 else "-"


def times_cell(value: float | None) -> str:
    """A ratio as `1.23x`; `-` when there is none."""
    return "-" if value is None else f"{value:.2f}x"


def floor_ms_cell(floor: dict[str, Any]) -> str:
    """The floor's p50 with two decimals (it is a fraction of a millisecond)."""
    p50 = floor.get("p50_ms")
    return f"{p50:.2f}" if isinstance(p50, int | float) else "-"


@dataclass(frozen=True)
class Comparison:
    """One query at one client count, as each server answered it."""

    triples: int
    query: str
    clients: int
    own: dict[str, Any]
    oxigraph: dict[str, Any]
    rdflib: dict[str, Any]
    floor: dict[str, Any]
    """The Python ASGI floor at the same client count (`samverkan.bench.floor`), asked in the same scale."""

    def ratio(self, numerator: dict[str, Any], denominator: dict[str, Any]) -> float | None:
        a, b = numerator.get("p50_ms"), denominator.get("p50_ms")
        return a / b if isinstance(a, int | float) and isinstance(b, int | float) and b > 0 else None


def comparisons(scale: dict[str, Any]) -> list[Comparison]:
    """Every query and client count a scale asked, with each server's run and the floor."""
    runs = {(r["server"], r["query"], r["clients"]): r for r in scale["sparql"]}
    keys = sorted({(r["query"], r["clients"]) for r in scale["sparql"]})
    floors = {r["clients"]: r for r in scale.get("http_floor", [])}
    return [
        Comparison(
            scale["triples"],
            query,
            clients,
            runs.get(("Samverkan", query, clients), {}),
            runs.get(("Oxigraph", query, clients), {}),
            runs.get(("rdflib-endpoint", query, clients), {}),
            floors.get(clients, {}),
        )
        for query, clients in keys
    ]
