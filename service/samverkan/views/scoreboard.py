"""The EIF implementation scoreboard for Sweden: for each principle and recommendation of a framework,
what in Sweden carries it, and which have nothing.

What carries an item, column by column, each link with the sources that state it:
aligned principles (SKOS mappings from other frameworks' principles); strategies and goals that realise
or refer to the item or an aligned principle (for a recommendation also those of the principle it
concerns); implementations: mandates, initiatives and components that serve the item, those strategies
and goals, or goals within them; the actors accountable for any of these.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.gaps.catalogue import Ref
from samverkan.knowledge.labels import pick_label
from samverkan.store import Store
from samverkan.views.queries import Namer, resource_iri, select, select_for
from samverkan.vocabulary.terms import compact_iri

Kind = Literal["principle", "recommendation"]
COLUMNS = ("aligned", "strategies", "implementations", "accountable")


class Link(BaseModel):
    """Something that carries an item, how (`relation`, compact), through what (`via`), said where."""

    target: Ref
    relation: str
    via: Ref | None = None
    sources: list[Ref]


class ScoreRow(BaseModel):
    item: Ref
    description: str | None = None
    """What the item says (`dcterms:description`, a paraphrase in the data), in the language asked for."""
    kind: Kind
    number: int | None
    concerns: Ref | None
    sources: list[Ref]
    aligned: list[Link]
    strategies: list[Link]
    implementations: list[Link]
    accountable: list[Link]

    @property
    def carried(self) -> bool:
        return any(getattr(self, column) for column in COLUMNS)


class Scoreboard(BaseModel):
    framework: Ref
    kind: str | None
    only_uncarried: bool
    rows: list[ScoreRow]
    summary: dict[str, dict[str, int]]
    """Per kind: items, items with nothing, and items with something in each column."""


_Found = dict[str, dict[tuple[str, str, str], set[str]]]
"""target → (carrier, relation, via) → source graphs."""


def scoreboard(
    store: Store,
    framework: str = "eif",
    kind: str | None = None,
    only_uncarried: bool = False,
    lang: str = "sv",
) -> Scoreboard:
    """The scoreboard of a framework (IRI or slug); `kind` keeps principles or recommendations."""
    if kind not in (None, "", "principle", "recommendation"):
        raise ValueError(f"kind is principle or recommendation, not {kind!r}")
    framework_iri = resource_iri(framework, "framework")
    bound = {"framework": ox.NamedNode(framework_iri)}
    items: dict[str, dict[str, object]] = {}
    item_sources: dict[str, set[str]] = {}
    for row in select(store, "scoreboard-items", bound):
        iri = row["item"].value
        entry = items.setdefault(iri, {"kind": row["kind"].value, "number": None, "concerns": None})
        if row["number"] is not None:
            entry["number"] = int(row["number"].value)
        if row["concerns"] is not None:
            entry["concerns"] = row["concerns"].value
        item_sources.setdefault(iri, set()).add(row["source"].value)
    aligned: _Found = {}
    for row in select(store, "scoreboard-aligned", bound):
        _add(aligned, row["item"].value, row["aligned"].value, row["relation"].value, "", row["source"].value)
    reach = {item: _reach(item, entry, aligned) for item, entry in items.items()}
    carried = _carriers(store, {t for targets in reach.values() for t in targets})
    strategies = {c for found in carried.values() for (c, r, _) in found if not r.endswith("serves")}
    implementing = _implementers(store, strategies)
    served = {c for found in carried.values() for (c, r, _) in found if r.endswith("serves")}
    served |= {c for found in implementing.values() for (c, _, _) in found}
    accountable = _accountable(store, set(items) | strategies | served)
    iris = set(items) | {framework_iri} | _mentioned(aligned, carried, implementing, accountable)
    iris |= {s for sources in item_sources.values() for s in sources}
    iris |= {str(e["concerns"]) for e in items.values() if e["concerns"]}
    name = Namer(store, iris, lang)
    said: dict[str, list[tuple[str, str]]] = {}
    for found in select_for(store, "descriptions", items):
        said.setdefault(found["s"].value, []).append(
            (found["description"].value, found["description"].language or "")
        )
    rows = []
    for item, entry in items.items():
        targets = reach[item]
        carriers = _links(carried, targets, name)
        row_strategies = [link for link in carriers if not link.relation.endswith("serves")]
        row_implementations = [link for link in carriers if link.relation.endswith("serves")]
        row_implementations += _links(implementing, {link.target.iri or "" for link in row_strategies}, name)
        holders = targets | {link.target.iri or "" for link in row_strategies + row_implementations}
        concerns = entry["concerns"]
        rows.append(
            ScoreRow(
                item=name(item),
                description=pick_label(said.get(item, []), lang),
                kind=entry["kind"],  # type: ignore[arg-type]
                number=entry["number"],  # type: ignore[arg-type]
                concerns=name(str(concerns)) if concerns else None,
                sources=[name(s) for s in sorted(item_sources[item])],
                aligned=_links(aligned, targets, name),
                strategies=_unique(row_strategies),
                implementations=_unique(row_implementations),
                accountable=_unique(_links(accountable, holders, name)),
            )
        )
    rows.sort(
        key=lambda r: (r.kind != "principle", r.number if r.number is not None else 10**6, r.item.label)
    )
    summary = _summary(rows)
    chosen = [r for r in rows if (not kind or r.kind == kind) and (not only_uncarried or not r.carried)]
    return Scoreboard(
        framework=name(framework_iri),
        kind=kind or None,
        only_uncarried=only_uncarried,
        rows=chosen,
        summary=summary,
    )


def _reach(item: str, entry: dict[str, object], aligned: _Found) -> set[str]:
    """The item, the principle a recommendation concerns, and the principles aligned to either."""
    reached = {item} | ({str(entry["concerns"])} if entry["concerns"] else set())
    return reached | {carrier for target in reached for (carrier, _, _) in aligned.get(target, {})}


def _add(found: _Found, target: str, carrier: str, relation: str, via: str, source: str) -> None:
    found.setdefault(target, {}).setdefault((carrier, relation, via), set()).add(source)


def _carriers(store: Store, targets: Iterable[str]) -> _Found:
    found: _Found = {}
    for row in select_for(store, "scoreboard-carriers", targets):
        _add(found, row["target"].value, row["carrier"].value, row["relation"].value, "", row["source"].value)
    return found


def _implementers(store: Store, strategies: set[str]) -> _Found:
    found: _Found = {}
    for row in select_for(store, "scoreboard-implementers", strategies):
        within = row["within"].value
        via = "" if within == row["target"].value else within
        _add(found, row["target"].value, row["carrier"].value, f"{SAM_SERVES}", via, row["source"].value)
    return found


def _accountable(store: Store, things: set[str]) -> _Found:
    found: _Found = {}
    for row in select(store, "accountable"):
        if row["target"].value in things:
            _add(found, row["target"].value, row["actor"].value, ACCOUNTABLE_ROLE, "", row["source"].value)
    return found


SAM_SERVES = "https://w3id.org/samverkan/ontology#serves"
ACCOUNTABLE_ROLE = "https://w3id.org/samverkan/id/role/accountable"


def _mentioned(*founds: _Found) -> set[str]:
    return {
        iri
        for found in founds
        for target, links in found.items()
        for (carrier, relation, via), sources in links.items()
        for iri in (target, carrier, relation, via, *sources)
        if iri
    }


def _links(found: _Found, targets: Iterable[str], name: Namer) -> list[Link]:
    """The links to any of the targets; a link to a target other than the item names it as `via`."""
    links = []
    for target in sorted(targets):
        for (carrier, relation, via), sources in sorted(found.get(target, {}).items()):
            links.append(
                Link(
                    target=name(carrier),
                    relation=compact_iri(relation),
                    via=name(via) if via else None,
                    sources=[name(s) for s in sorted(sources)],
                )
            )
    return links


def _unique(links: list[Link]) -> list[Link]:
    """One link per carrier (the first found), sources merged."""
    kept: dict[str, Link] = {}
    for link in links:
        key = link.target.iri or link.target.label
        if key in kept:
            known = {s.iri for s in kept[key].sources}
            kept[key].sources += [s for s in link.sources if s.iri not in known]
        else:
            kept[key] = link.model_copy(update={"sources": list(link.sources)})
    return sorted(kept.values(), key=lambda link: link.target.label.casefold())


def _summary(rows: list[ScoreRow]) -> dict[str, dict[str, int]]:
    summary: dict[str, dict[str, int]] = {}
    for row in rows:
        counts = summary.setdefault(row.kind, {"items": 0, "nothing": 0, **dict.fromkeys(COLUMNS, 0)})
        counts["items"] += 1
        counts["nothing"] += 0 if row.carried else 1
        for column in COLUMNS:
            counts[column] += 1 if getattr(row, column) else 0
    return summary


def scoreboard_table(result: Scoreboard) -> tuple[list[str], list[list[str]]]:
    """One line per item: what carries it, each link as `label <iri>`, `|`-separated."""
    columns = ["kind", "number", "item", "item_label", "concerns", "carried", *COLUMNS, "sources"]

    def cell(links: list[Link]) -> str:
        return " | ".join(f"{link.target.label} <{link.target.iri}>" for link in links)

    return columns, [
        [
            row.kind,
            "" if row.number is None else str(row.number),
            row.item.iri or "",
            row.item.label,
            row.concerns.iri or "" if row.concerns else "",
            "yes" if row.carried else "no",
            *(cell(getattr(row, column)) for column in COLUMNS),
            " ".join(
                sorted(
                    {s.iri or "" for column in COLUMNS for link in getattr(row, column) for s in link.sources}
                    | {s.iri or "" for s in row.sources}
                )
            ),
        ]  # fmt: skip
        for row in result.rows
    ]
