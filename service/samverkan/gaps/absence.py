"""Established or only not recorded: what the sources that cover a thing allow a gap row to claim.

A gap rule about something missing (`samsh:AbsenceRule`) finds things the graph records no owner,
mandate, funding or report for. That is *established* only when every source that covers the thing
was read in full (`sam:readingDepth` full text) and the rule is one that a full reading settles
(`samsh:settledByFullReading`); otherwise the absence is only *not recorded*.

A source *covers* a thing when its named graph has a statement with the thing as subject or object,
or when the thing links to the source document itself (a recommendation's `sam:inReport`, a
strategy's `sam:describedIn`): a document the thing comes from covers it even if it was not read.
A thing no source covers is not recorded. Coverage is read set-based (`samverkan.gaps.facts`), once for a report.
"""

from __future__ import annotations

from typing import Literal

import pyoxigraph as ox

from samverkan.gaps.facts import Graphs, described_in, linked_sources, named_in, reading_depths
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAMID, SHAPES_GRAPH, sparql_prefixes
from samverkan.vocabulary.terms import is_true

FULL_TEXT = f"{SAMID}reading-depth/full-text"
Status = Literal["established", "not-recorded"]
STATUS_WORDS: dict[Status, dict[str, tuple[str, str]]] = {
    "established": {
        "sv": ("fastställd", "varje källa som täcker saken lästes i sin helhet och anger inget"),
        "en": ("established", "every source that covers the thing was read in full and names none"),
    },
    "not-recorded": {
        "sv": (
            "inte registrerad",
            "grafen anger inget, men det kan bero på att uppgiften inte är registrerad",
        ),
        "en": ("not recorded", "the graph states none, which may only mean the fact is not recorded"),
    },
}
"""Each status's label and meaning, in sv and en."""

_ABSENCE_RULES = (
    sparql_prefixes()
    + f"""SELECT ?rule ?settled WHERE {{ GRAPH {ox.NamedNode(SHAPES_GRAPH)} {{
    ?rule a samsh:AbsenceRule .
    OPTIONAL {{ ?rule samsh:settledByFullReading ?settled }}
}} }}"""
)
Covering = dict[str, str | None]
"""The sources that cover a thing, each with its reading depth (None when it states none or several)."""


def absence_rules(store: Store) -> dict[str, bool]:
    """The absence rules by IRI, each with whether a full reading of the covering sources settles it."""
    answer = store.query(_ABSENCE_RULES)
    assert isinstance(answer, ox.QuerySolutions)
    return {row["rule"].value: is_true(row["settled"]) for row in answer}


def coverage(store: Store, things: set[str], described: Graphs | None = None) -> dict[str, Covering]:
    """The sources that cover each thing (IRIs), with their reading depth; `described`: the graphs in
    which the things are subjects, when already read (`described_in`)."""
    if not things:
        return {}
    covering: Graphs = {}
    for found in (
        described if described is not None else described_in(store, things),
        named_in(store, things),
        linked_sources(store, things),
    ):
        for thing in things & found.keys():
            covering.setdefault(thing, set()).update(found[thing])
    depths = reading_depths(store, {g for graphs in covering.values() for g in graphs})
    return {thing: {g: _only(depths.get(g, set())) for g in graphs} for thing, graphs in covering.items()}


def _only(values: set[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


def status(covered_by: Covering, settled: bool) -> Status:
    """Established when the rule is settled by reading and every covering source was read in full."""
    if settled and covered_by and all(depth == FULL_TEXT for depth in covered_by.values()):
        return "established"
    return "not-recorded"


def words(state: Status, lang: str) -> tuple[str, str]:
    """A status's label and meaning in `lang` (English for a language without words)."""
    return STATUS_WORDS[state].get(lang, STATUS_WORDS[state]["en"])
