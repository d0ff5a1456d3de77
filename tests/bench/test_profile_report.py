"""The /sparql lines of the Profiles section: Samverkan's p50 with the HTTP floor taken off, compared with Oxigraph's.
The figures are those of a run's JSON, written out here; no bound on the numbers."""

from __future__ import annotations

from samverkan.bench.figures import Comparison
from samverkan.bench.profile_report import floor_cells


def comparison(own_ms: float, floor_ms: float | None) -> Comparison:
    floor = {} if floor_ms is None else {"clients": 1, "p50_ms": floor_ms}
    return Comparison(100_000, "entity", 1, {"p50_ms": own_ms}, {"p50_ms": 0.4}, {}, floor)


def test_the_floor_is_taken_off_samverkans_p50() -> None:
    assert floor_cells(comparison(1.2, 0.2), 3.0) == ["100k", "1.2", "0.20", "1.0", "0.4", "3.00x", "2.50x"]


def test_a_floor_slower_than_samverkan_gives_no_ratio_and_none_measured_gives_no_difference() -> None:
    assert floor_cells(comparison(1.2, 2.61), 3.0)[-4:] == ["-1.4", "0.4", "3.00x", "-"]
    assert floor_cells(comparison(1.2, None), 3.0)[2:4] == ["-", "-"]
