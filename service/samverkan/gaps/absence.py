"""Established or only not recorded: what the sources that cover a thing allow a gap row to claim.

A gap rule about something missing (`samsh:AbsenceRule`) finds things the graph records no owner,
mandate, funding or report for. That is *established* only when every source that covers the thing
was read in full (`sam:readingDepth` full text) and the rule is one that a full reading settles
(`samsh:settledByFullReading`); otherwise the absence is only *not recorded*.

A source *covers* a thing when its named graph has a statement with the thing as subject or object,
or when the thing links to the source document itself (a recommendation's `sam:inReport`, a
strategy's `sam:describedIn`): a document the thing comes from covers it even if it was not read.
A thing no source covers is not recorded. Coverage is read in one query per gap rule.
"""

from __future__ import annotations

from typing import Literal

import pyoxigraph as ox

from samverkan.knowledge.labels import values_terms
from samverkan.store import Store
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SAMID, SHAPES_GRAPH, sparql_prefixes
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
_COVERING = """FILTER(!sameTerm(?g, {ontology}) && !sameTerm(?g, {shapes}))
    OPTIONAL {{ ?g sam:readingDepth ?depth }}
}}"""
"""The end of both queries: source graphs only, each with its reading depth. (sameTerm, not NOT IN:
where a thing's values are dates, Virtuoso 7.2 compares the IRIs as dates and fails: SR066.)"""
_COVERAGE = (
    sparql_prefixes()
    + """SELECT DISTINCT ?thing ?g ?depth WHERE {{
    {{ VALUES ?thing {{ {terms} }} GRAPH ?g {{ ?thing ?p ?o }} }}
    UNION {{ VALUES ?thing {{ {terms} }} GRAPH ?g {{ ?s ?q ?thing }} }}
    """
    + _COVERING
)
"""The things are bound in each branch: one VALUES outside the UNION makes pyoxigraph 8x slower (100k quads)."""
_LINKED = (
    sparql_prefixes()
    + """SELECT DISTINCT ?thing ?g ?depth WHERE {{
    VALUES ?thing {{ {terms} }} ?thing ?link ?g . ?g a ?kind . ?kind rdfs:subClassOf* sam:SourceDocument
    """
    + _COVERING
)
"""The sources a thing links to, asked apart: as a third branch of `_COVERAGE`, Virtuoso 7.2 lost its rows."""


Covering = dict[str, str | None]
"""The sources that cover a thing, each with its reading depth (None when it states none or several)."""


def absence_rules(store: Store) -> dict[str, bool]:
    """The absence rules by IRI, each with whether a full reading of the covering sources settles it."""
    answer = store.query(_ABSENCE_RULES)
    assert isinstance(answer, ox.QuerySolutions)
    return {row["rule"].value: is_true(row["settled"]) for row in answer}


def coverage(store: Store, things: set[str]) -> dict[str, Covering]:
    """The sources that cover each thing (IRIs), with their reading depth."""
    if not things:
        return {}
    names = {
        "terms": values_terms(sorted(things)),
        "ontology": ox.NamedNode(ONTOLOGY_GRAPH),
        "shapes": ox.NamedNode(SHAPES_GRAPH),
    }
    rows: list[ox.QuerySolution] = []
    for template in (_COVERAGE, _LINKED):
        answer = store.query(template.format(**names))
        assert isinstance(answer, ox.QuerySolutions)
        rows.extend(answer)
    depths: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        found = depths.setdefault(row["thing"].value, {}).setdefault(row["g"].value, set())
        if row["depth"] is not None:
            found.add(row["depth"].value)
    return {
        thing: {g: next(iter(d)) if len(d) == 1 else None for g, d in graphs.items()}
        for thing, graphs in depths.items()
    }


def status(covered_by: Covering, settled: bool) -> Status:
    """Established when the rule is settled by reading and every covering source was read in full."""
    if settled and covered_by and all(depth == FULL_TEXT for depth in covered_by.values()):
        return "established"
    return "not-recorded"


def words(state: Status, lang: str) -> tuple[str, str]:
    """A status's label and meaning in `lang` (English for a language without words)."""
    return STATUS_WORDS[state].get(lang, STATUS_WORDS[state]["en"])
