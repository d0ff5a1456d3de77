"""The gap dashboard: its figures are counts of the gap report's rows."""

from __future__ import annotations

from collections import Counter

from samverkan.gaps.catalogue import gap_report
from samverkan.store import Store
from samverkan.views.dashboard import dashboard, figures_table, rows_table


def test_figures_count_the_rows_of_the_gap_report(project_store: Store) -> None:
    report = gap_report(project_store, as_of="2026-06-01", lang="en")
    result = dashboard(project_store, as_of="2026-06-01", lang="en")
    per_rule = {r.rule.short_id: len(r.rows) for r in report if r.rows}
    assert {bar.key: bar.count for bar in result.figures["rule"]} == per_rule
    assert result.total == sum(per_rule.values()) == len(result.rows)
    assert sum(bar.count for bar in result.figures["absence"]) == result.total
    statuses = Counter(row.absence.status for r in report for row in r.rows if row.absence)
    assert {b.key: b.count for b in result.figures["absence"] if b.key != "not-applicable"} == dict(statuses)


def test_each_bar_selects_the_rows_behind_it(project_store: Store) -> None:
    whole = dashboard(project_store, as_of="2026-06-01")
    for name in ("rule", "ministry", "kind", "absence"):
        for bar in whole.figures[name]:
            picked = dashboard(project_store, as_of="2026-06-01", selection=bar.selection)
            assert len(picked.rows) == bar.count, (name, bar.key)
    assert any(b.key.endswith("/finansdepartementet") for b in whole.figures["ministry"])


def test_change_compares_the_report_on_two_days(project_store: Store) -> None:
    result = dashboard(project_store, as_of="2026-06-01", since="2022-01-01")
    before = {r.rule.short_id: len(r.rows) for r in gap_report(project_store, as_of="2022-01-01")}
    assert result.change is not None
    for bar in result.change:
        assert bar.before == before[bar.rule]
        assert bar.after - bar.before == len(bar.appeared) - len(bar.resolved)
    assert any(bar.before != bar.after for bar in result.change), "deadlines pass between the two days"
    columns, lines = figures_table(result)
    assert columns[:4] == ["figure", "key", "label", "count"]
    assert sum(1 for line in lines if line[0] == "change") == len(result.change)
    assert len(rows_table(result)[1]) == result.total
