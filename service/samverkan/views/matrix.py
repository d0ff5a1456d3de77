"""The responsibility matrix (RACI): things responsibilities are for × actors, each cell the roles held.

Rows are whatever a `sam:Responsibility` is for (goals, assignments, initiatives, shared components,
recommendations …), columns the actors holding them, cells the roles (A accountable, R responsible,
S contributes, C consulted, I informed), each linked to its responsibility and the sources stating it.
Filters narrow the responsibilities: a strategy or a framework keeps the things within it, a ministry the
actors reporting to it, an actor kind the actors of that class, an actor the rows where it holds a role,
an as-of date the responsibilities valid that day; `only_gaps` keeps rows without exactly one accountable actor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.gaps.catalogue import Ref
from samverkan.knowledge.labels import pick_label
from samverkan.store import Store
from samverkan.views.queries import (
    Namer,
    class_iri,
    date_term,
    kinds_of,
    most_specific,
    resource_iri,
    select,
    select_for,
)
from samverkan.vocabulary.namespaces import SAMID

ROLE_ORDER = ("accountable", "responsible", "contributes", "consulted", "informed")
ACCOUNTABLE = f"{SAMID}role/accountable"
PAGE_SIZE = 100
"""Rows of the matrix on one page (the exports hold them all)."""
DIMENSIONS = ("strategy", "framework", "ministry", "kind", "actor")
"""The filters a workbook can have one sheet per choice of."""


@dataclass(frozen=True)
class MatrixFilters:
    """What the matrix is narrowed to (None: no narrowing). Values are IRIs or slugs."""

    strategy: str | None = None
    framework: str | None = None
    ministry: str | None = None
    kind: str | None = None
    actor: str | None = None
    as_of: str | date | None = None
    only_gaps: bool = False

    def given(self) -> dict[str, str]:
        """The filters set, as text."""
        found = {name: str(getattr(self, name)) for name in (*DIMENSIONS, "as_of") if getattr(self, name)}
        return found | ({"only_gaps": "true"} if self.only_gaps else {})

    def choosing(self, dimension: str, value: str) -> MatrixFilters:
        if dimension not in DIMENSIONS:
            raise ValueError(f"not a filter dimension: {dimension!r}")
        changes: dict[str, str] = {dimension: value}
        return replace(self, **changes)  # type: ignore[arg-type]


class Cell(BaseModel):
    """One role an actor holds for a thing."""

    code: str
    role: Ref
    responsibility: str
    """The IRI of the `sam:Responsibility`."""
    sources: list[Ref]
    valid_from: str | None = None
    valid_until: str | None = None


class MatrixRow(BaseModel):
    thing: Ref
    kind: Ref | None
    cells: dict[str, list[Cell]]
    """Actor IRI → the roles it holds for the thing."""
    gap: str | None = None
    """`no-accountable` or `several-accountable`; None when exactly one actor is accountable."""


class Option(BaseModel):
    value: str
    label: str


class Matrix(BaseModel):
    filters: dict[str, str]
    actors: list[Ref]
    rows: list[MatrixRow]
    sources: list[Ref]
    options: dict[str, list[Option]]
    """Per filter dimension, the choices the graph offers."""
    short_names: dict[str, str] = {}
    """Actor IRI → its short name (`sam:shortName`), where it has one."""
    roles: dict[str, Ref] = {}
    """Code (A, R, S, C, I) → the role it stands for, in RACI order."""


@dataclass
class _Scope:
    things: set[str] | None = None
    actors: set[str] | None = None
    row_actor: str | None = None


def matrix(store: Store, filters: MatrixFilters | None = None, lang: str = "sv") -> Matrix:
    """The responsibility matrix under the filters (ValueError for a malformed date)."""
    filters = filters or MatrixFilters()
    bindings = {"asOf": date_term(filters.as_of)} if filters.as_of else {}
    cells = list(select(store, "matrix-cells", bindings))
    every_actor = {c["actor"].value for c in cells}
    actor_kinds, actor_every = kinds_of(store, every_actor)
    scope = _scope(store, filters, actor_every)
    kept = [
        c
        for c in cells
        if (scope.things is None or c["thing"].value in scope.things)
        and (scope.actors is None or c["actor"].value in scope.actors)
    ]
    if scope.row_actor:
        rows_of_actor = {c["thing"].value for c in kept if c["actor"].value == scope.row_actor}
        kept = [c for c in kept if c["thing"].value in rows_of_actor]
    things = {c["thing"].value for c in kept}
    actors = {c["actor"].value for c in kept}
    thing_kinds, thing_every = kinds_of(store, things)
    options, option_iris = _options(store, every_actor, actor_kinds)
    codes = {r["code"].value: r["role"].value for r in select(store, "roles")}
    iris = (
        things | actors | option_iris | set(codes.values())
        | {c[name].value for c in kept for name in ("role", "source")}
        | {k for ks in thing_kinds.values() for k in ks}
    )  # fmt: skip
    name = Namer(store, iris, lang)
    rows = _rows(kept, thing_kinds, thing_every, name)
    if filters.only_gaps:
        rows = [row for row in rows if row.gap]
    shown_actors = {a for row in rows for a in row.cells}
    short: dict[str, list[tuple[str, str]]] = {}
    for found in select_for(store, "short-names", shown_actors):
        short.setdefault(found["s"].value, []).append((found["short"].value, found["short"].language or ""))
    short_names = {iri: pick_label(names, lang) or "" for iri, names in sorted(short.items())}
    return Matrix(
        filters=filters.given(),
        actors=sorted(
            (name(a) for a in shown_actors),
            key=lambda r: ((short_names.get(r.iri or "") or r.label).casefold(), r.iri),
        ),
        short_names=short_names,
        roles={code: name(codes[code]) for code in sorted(codes, key=lambda c: _role_rank(codes[c]))},
        rows=sorted(rows, key=lambda r: (r.thing.label.casefold(), r.thing.iri or "")),
        sources=sorted(
            {s.iri: s for row in rows for cs in row.cells.values() for c in cs for s in c.sources}.values(),
            key=lambda r: (r.label.casefold(), r.iri),
        ),
        options={
            dimension: sorted(
                (Option(value=iri, label=name(iri).label) for iri in choices),
                key=lambda o: (o.label.casefold(), o.value),
            )
            for dimension, choices in options.items()
        },
    )


def matrix_page(result: Matrix, page: int, size: int = PAGE_SIZE) -> tuple[Matrix, int, int]:
    """One page of rows with the actors and sources they involve; the page number (clamped) and pages."""
    pages = max(1, -(-len(result.rows) // size))
    page = min(max(page, 1), pages)
    rows = result.rows[(page - 1) * size : page * size]
    involved = {a for row in rows for a in row.cells}
    cited = {s.iri for row in rows for held in row.cells.values() for c in held for s in c.sources}
    part = result.model_copy(
        update={
            "rows": rows,
            "actors": [a for a in result.actors if a.iri in involved],
            "sources": [s for s in result.sources if s.iri in cited],
        }
    )
    return part, page, pages


def _scope(store: Store, filters: MatrixFilters, actor_every: dict[str, set[str]]) -> _Scope:
    """The things and actors the filters keep (None: all), from one small query per filter."""
    scope = _Scope()

    def narrow(current: set[str] | None, found: set[str]) -> set[str]:
        return found if current is None else current & found

    if filters.strategy:
        strategy = ox.NamedNode(resource_iri(filters.strategy, "strategy"))
        found = {r["thing"].value for r in select(store, "in-strategy", {"strategy": strategy})}
        scope.things = narrow(scope.things, found | {strategy.value})
    if filters.framework:
        framework = ox.NamedNode(resource_iri(filters.framework, "framework"))
        found = {r["thing"].value for r in select(store, "in-framework", {"framework": framework})}
        scope.things = narrow(scope.things, found | {framework.value})
    if filters.ministry:
        ministry = ox.NamedNode(resource_iri(filters.ministry, "actor"))
        found = {r["actor"].value for r in select(store, "of-ministry", {"ministry": ministry})}
        scope.actors = narrow(scope.actors, found | {ministry.value})
    if filters.kind:
        kind = class_iri(filters.kind)
        scope.actors = narrow(scope.actors, {a for a, ks in actor_every.items() if kind in ks})
    if filters.actor:
        scope.row_actor = resource_iri(filters.actor, "actor")
    return scope


def _options(
    store: Store, actors: set[str], actor_kinds: dict[str, set[str]]
) -> tuple[dict[str, set[str]], set[str]]:
    """The choices of each filter dimension: strategies, frameworks, ministries, actor kinds, actors."""
    options: dict[str, set[str]] = {dimension: set() for dimension in DIMENSIONS}
    for row in select(store, "matrix-options"):
        options[row["dimension"].value].add(row["choice"].value)
    options["kind"] = {k for ks in actor_kinds.values() for k in ks}
    options["actor"] = actors
    return options, {iri for choices in options.values() for iri in choices}


def _rows(
    cells: list[ox.QuerySolution],
    thing_kinds: dict[str, set[str]],
    thing_every: dict[str, set[str]],
    name: Namer,
) -> list[MatrixRow]:
    grouped: dict[str, dict[str, dict[str, Cell]]] = {}
    for c in cells:
        responsibility = c["responsibility"].value
        actor_cells = grouped.setdefault(c["thing"].value, {}).setdefault(c["actor"].value, {})
        cell = actor_cells.get(responsibility)
        if cell is None:
            role = c["role"].value
            actor_cells[responsibility] = Cell(
                code=c["code"].value if c["code"] else "?",
                role=name(role),
                responsibility=responsibility,
                sources=[name(c["source"].value)],
                valid_from=c["from"].value if c["from"] else None,
                valid_until=c["until"].value if c["until"] else None,
            )
        elif all(s.iri != c["source"].value for s in cell.sources):
            cell.sources = [*cell.sources, name(c["source"].value)]
    rows = []
    for thing, by_actor in grouped.items():
        kind = most_specific(thing_kinds.get(thing, set()), thing_every.get(thing, set()))
        row_cells = {
            actor: sorted(held.values(), key=lambda c: (_role_rank(c.role.iri), c.responsibility))
            for actor, held in by_actor.items()
        }
        accountable = {a for a, held in row_cells.items() if any(c.role.iri == ACCOUNTABLE for c in held)}
        gap = (
            None
            if len(accountable) == 1
            else ("no-accountable" if not accountable else "several-accountable")
        )
        rows.append(MatrixRow(thing=name(thing), kind=name(kind) if kind else None, cells=row_cells, gap=gap))
    return rows


def _role_rank(iri: str | None) -> int:
    local = (iri or "").rsplit("/", 1)[-1]
    return ROLE_ORDER.index(local) if local in ROLE_ORDER else len(ROLE_ORDER)


def matrix_table(result: Matrix) -> tuple[list[str], list[list[str]]]:
    """The matrix as a flat table, one line per cell (for CSV, JSON lines, the terminal)."""
    columns = ["thing", "thing_label", "actor", "actor_label", "role", "code", "responsibility", "sources",
               "valid_from", "valid_until", "row_gap"]  # fmt: skip
    actors = {a.iri: a.label for a in result.actors}
    lines = []
    for row in result.rows:
        for actor in sorted(row.cells, key=lambda a: actors.get(a, a)):
            for cell in row.cells[actor]:
                lines.append([
                    row.thing.iri or "", row.thing.label, actor, actors.get(actor, actor), cell.role.label,
                    cell.code, cell.responsibility, " ".join(s.iri or "" for s in cell.sources),
                    cell.valid_from or "", cell.valid_until or "", row.gap or "",
                ])  # fmt: skip
    return columns, lines
