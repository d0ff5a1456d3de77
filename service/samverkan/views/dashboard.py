"""The gap dashboard: the gap report counted per gap rule, ministry, actor kind and absence status,
and the change between two as-of dates.

Every figure is a list of bars; each bar carries the selection (`rule`, `ministry`, `kind`, `absence`)
that picks the rows behind it, so a chart can link to them. A row counts once under each ministry and
each actor kind it concerns (the thing's responsible ministry, else the ministries its actors report
to; the kinds of the actors it names), and under "none recorded" when it concerns none.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from pydantic import BaseModel

from samverkan.gaps.absence import words
from samverkan.gaps.catalogue import GapResult, Ref
from samverkan.gaps.kept import full_report
from samverkan.store import Store
from samverkan.views.queries import Namer, kinds_of, most_specific, select_for
from samverkan.vocabulary.namespaces import SAM

NONE = "none"
NOT_APPLICABLE = "not-applicable"
SELECTIONS = ("rule", "ministry", "kind", "absence")
_WORDS = {
    "sv": {NONE: "inget angivet", NOT_APPLICABLE: "gäller inte"},
    "en": {NONE: "none recorded", NOT_APPLICABLE: "not applicable"},
}


class DashboardRow(BaseModel):
    """One row of the gap report with what the dashboard counts it under."""

    rule: str
    rule_name: str
    severity: str
    thing: Ref
    value: Ref | None
    why: str
    absence: str
    sources: list[Ref]
    ministries: list[Ref]
    kinds: list[Ref]

    def key(self) -> tuple[str, str, str]:
        return (
            self.rule,
            self.thing.iri or self.thing.label,
            self.value.iri or self.value.label if self.value else "",
        )

    def selected(self, selection: dict[str, str]) -> bool:
        wanted: dict[str, list[str | None]] = {
            "rule": [self.rule],
            "ministry": [m.iri for m in self.ministries],
            "kind": [k.iri for k in self.kinds],
            "absence": [self.absence],
        }
        return all(value in wanted[name] for name, value in selection.items())


class Bar(BaseModel):
    key: str
    label: str
    count: int
    selection: dict[str, str]
    """The parameters that select the rows behind the bar."""


class ChangeBar(BaseModel):
    rule: str
    label: str
    before: int
    after: int
    appeared: list[DashboardRow]
    resolved: list[DashboardRow]


class Dashboard(BaseModel):
    as_of: str | None
    since: str | None
    figures: dict[str, list[Bar]]
    """`rule`, `ministry`, `kind`, `absence`: the number of gap rows under each."""
    change: list[ChangeBar] | None
    """Per rule, rows on `since` and on `as_of`, with the rows that appeared and were resolved."""
    selection: dict[str, str]
    rows: list[DashboardRow]
    """The rows the selection picks (all rows without one)."""
    total: int


def dashboard(
    store: Store,
    as_of: str | date | None = None,
    since: str | date | None = None,
    selection: dict[str, str] | None = None,
    lang: str = "sv",
) -> Dashboard:
    """The dashboard as of a date (default today), with the change since an earlier date when given."""
    selection = {k: v for k, v in (selection or {}).items() if k in SELECTIONS and v}
    rows = dashboard_rows(store, full_report(store, as_of, lang), lang)
    change = None
    if since:
        before = dashboard_rows(store, full_report(store, since, lang), lang)
        change = _change(before, rows)
    return Dashboard(
        as_of=str(as_of) if as_of else None,
        since=str(since) if since else None,
        figures=figures(rows, lang),
        change=change,
        selection=selection,
        rows=[row for row in rows if row.selected(selection)],
        total=len(rows),
    )


def dashboard_rows(store: Store, results: list[GapResult], lang: str) -> list[DashboardRow]:
    """The report's rows, each with the ministries and actor kinds it concerns."""
    things = {row.thing.iri for r in results for row in r.rows if row.thing.iri}
    actors: dict[str, set[str]] = {}
    ministries: dict[str, set[str]] = {}
    for found in select_for(store, "concerned", things):
        thing = found["thing"].value
        if found["actor"] is not None:
            actors.setdefault(thing, set()).add(found["actor"].value)
        if found["ministry"] is not None:
            ministries.setdefault(thing, set()).add(found["ministry"].value)
    direct, every = kinds_of(store, {a for found in actors.values() for a in found})
    kind_of = {
        a: most_specific(direct.get(a, set()), kinds)
        for a, kinds in every.items()
        if kinds & {SAM + "Actor", SAM + "ActorGroup"}
    }
    iris = {m for found in ministries.values() for m in found} | {k for k in kind_of.values() if k}
    name = Namer(store, iris, lang)
    none = Ref(iri=NONE, label=_WORDS.get(lang, _WORDS["en"])[NONE])
    rows = []
    for result in results:
        for row in result.rows:
            thing = row.thing.iri or ""
            kinds = {kind_of.get(a) for a in actors.get(thing, set())} - {None}
            rows.append(
                DashboardRow(
                    rule=result.rule.short_id,
                    rule_name=result.rule.name,
                    severity=result.rule.severity,
                    thing=row.thing,
                    value=row.value,
                    why=row.why,
                    absence=row.absence.status if row.absence else NOT_APPLICABLE,
                    sources=row.sources,
                    ministries=sorted((name(m) for m in ministries.get(thing, set())), key=_label) or [none],
                    kinds=sorted((name(k) for k in kinds if k), key=_label) or [none],
                )
            )
    return rows


def figures(rows: list[DashboardRow], lang: str) -> dict[str, list[Bar]]:
    """The number of rows per rule, ministry, actor kind and absence status, largest first."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in SELECTIONS}
    names: dict[tuple[str, str], str] = {}
    for row in rows:
        under = {
            "rule": [(row.rule, row.rule_name)],
            "ministry": [(m.iri or NONE, m.label) for m in row.ministries],
            "kind": [(k.iri or NONE, k.label) for k in row.kinds],
            "absence": [(row.absence, _absence_label(row.absence, lang))],
        }
        for name, keys in under.items():
            for key, label in keys:
                counts[name][key] += 1
                names[(name, key)] = label
    return {
        name: sorted(
            (
                Bar(key=key, label=names[(name, key)], count=n, selection={name: key})
                for key, n in counted.items()
            ),
            key=lambda b: (-b.count, b.label.casefold()),
        )
        for name, counted in counts.items()
    }


def _absence_label(status: str, lang: str) -> str:
    if status in ("established", "not-recorded"):
        return words(status, lang)[0]  # type: ignore[arg-type]
    return _WORDS.get(lang, _WORDS["en"])[NOT_APPLICABLE]


def _change(before: list[DashboardRow], after: list[DashboardRow]) -> list[ChangeBar]:
    """Per rule: rows on the earlier date and now, the rows that appeared and those resolved."""
    names = {row.rule: row.rule_name for row in before + after}
    bars = []
    for rule in sorted(names):
        old = {row.key(): row for row in before if row.rule == rule}
        new = {row.key(): row for row in after if row.rule == rule}
        bars.append(
            ChangeBar(
                rule=rule,
                label=names[rule],
                before=len(old),
                after=len(new),
                appeared=[new[k] for k in sorted(new.keys() - old.keys())],
                resolved=[old[k] for k in sorted(old.keys() - new.keys())],
            )
        )
    return bars


def _label(ref: Ref) -> str:
    return ref.label.casefold()


def figures_table(result: Dashboard) -> tuple[list[str], list[list[str]]]:
    """Every figure as rows of (figure, key, label, count), then the change per rule when measured."""
    columns = ["figure", "key", "label", "count", "before", "after"]
    lines = [
        [name, bar.key, bar.label, str(bar.count), "", ""]
        for name, bars in result.figures.items()
        for bar in bars
    ]
    lines += [
        ["change", bar.rule, bar.label, str(bar.after - bar.before), str(bar.before), str(bar.after)]
        for bar in result.change or []
    ]
    return columns, lines


def rows_table(result: Dashboard) -> tuple[list[str], list[list[str]]]:
    """The selected rows as a flat table."""
    columns = ["rule", "thing", "thing_label", "value", "why", "absence", "ministries", "kinds", "sources"]
    return columns, [
        [
            row.rule,
            row.thing.iri or "",
            row.thing.label,
            row.value.label if row.value else "",
            row.why,
            row.absence,
            " ".join(m.iri or "" for m in row.ministries),
            " ".join(k.iri or "" for k in row.kinds),
            " ".join(s.iri or "" for s in row.sources),
        ]  # fmt: skip
        for row in result.rows
    ]
