"""One entity as a page shows it: labels, types, properties, incoming links, sources and gaps.

Everything is read from the statements about the entity in either direction, each with the named
graph (the source) that states it, so "which document says what" is never lost. A page reads of each
property linking to the entity only the subjects it lists, and counts the rest: a national hub is the
object of thousands of statements (16,271 at 1M synthetic quads), which its page does not read.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.browse.queries import select
from samverkan.browse.search import fold
from samverkan.gaps.catalogue import Absence, Ref
from samverkan.gaps.kept import report_about
from samverkan.knowledge.labels import LANGUAGES, labels
from samverkan.sparql.text import Term
from samverkan.store import Store
from samverkan.vocabulary.namespaces import PREFIXES, SAM
from samverkan.vocabulary.terms import compact_iri, term_text

RDF_TYPE = f"{PREFIXES['rdf']}type"
LABEL_PROPERTIES = (f"{PREFIXES['rdfs']}label", f"{PREFIXES['skos']}prefLabel")
LOCATOR = f"{SAM}locator"
SHOWN_APART = {RDF_TYPE, LOCATOR, *LABEL_PROPERTIES}
"""Properties the page shows in their own places (heading, type line, sources), not in the table."""
SHOWN_VALUES = 400
"""Values listed per property on a page: a group with more shows its first ones by IRI (or text), and
only they are labelled. A national hub is the object of thousands of statements of one property (5,701
at 1M synthetic quads, all labelled took seconds); the largest curated group, SKR's members, is listed whole."""
RefMaker = Callable[[str], Ref]
ValueKey = tuple[str | None, str, str | None]
"""(IRI, text, language) of a value: a resource's text is its label, filled in once it is shown."""


@dataclass(frozen=True)
class Statement:
    """One statement about the entity: `outgoing` (entity property other) or incoming, and its graph."""

    outgoing: bool
    property: str
    other: Term
    graph: str


class Value(BaseModel):
    """A value of a property: a resource (with `iri`) or a literal, and the sources that state it."""

    iri: str | None = None
    text: str
    language: str | None = None
    sources: list[Ref]


class Relation(BaseModel):
    property: Ref
    values: list[Value]
    more: int = 0
    """Values of the property not in `values` (beyond `SHOWN_VALUES`)."""


class SourceUse(BaseModel):
    """What one source says about the entity: where (locators) and which properties."""

    source: Ref
    locators: list[str]
    properties: list[str]


class GapConcern(BaseModel):
    """A row of the gap report about the entity (as the thing, or as the value involved).

    `absence` says, for a gap about something missing, whether it is established or only not recorded.
    """

    gap: str
    name: str
    severity: str
    why: str
    absence: Absence | None = None


class Entity(BaseModel):
    iri: str
    label: str
    labels: dict[str, list[str]]
    types: list[Ref]
    properties: list[Relation]
    incoming: list[Relation]
    sources: list[SourceUse]
    gaps: list[GapConcern]


@dataclass(frozen=True)
class Found:
    """The statements read about an entity, and per property linking to it the subjects left unread."""

    statements: list[Statement]
    unread: dict[str, int] = field(default_factory=dict)


def statements(store: Store, iri: str, shown: int | None = None) -> Found:
    """Every statement with the entity as subject or object, in every named graph; with `shown`, of each
    property linking to the entity only the statements of its first `shown` subjects (as `read_entity`
    orders values) and the count of the others."""
    this = {"this": ox.NamedNode(iri)}
    found = _statements(True, select(store, "outgoing", this))
    if shown is None:
        return Found(found + _statements(False, select(store, "incoming", this)))
    linking = [(row["property"], int(row["subjects"].value)) for row in select(store, "incoming-properties", this)]
    if all(subjects <= shown for _, subjects in linking):  # one query, not one per property
        return Found(found + _statements(False, select(store, "incoming", this)))
    unread: dict[str, int] = {}
    for prop, subjects in linking:
        by = {**this, "property": prop}
        left = subjects - shown
        rows = _first_subjects(store, by, shown) if left > 0 else select(store, "incoming", by, among={})
        found += _statements(False, rows)
        if left > 0:
            unread[prop.value] = left
    return Found(found, unread)


def _statements(outgoing: bool, rows: Iterable[ox.QuerySolution]) -> list[Statement]:
    """Rows of `outgoing` or `incoming` as statements."""
    return [Statement(outgoing, row["property"].value, row["other"], row["g"].value) for row in rows]


def _first_subjects(store: Store, by: dict[str, Term], shown: int) -> Iterable[ox.QuerySolution]:
    """The `incoming` rows of the first `shown` subjects linking by the bound property: the subjects
    alone are read and ordered here (ordering them in SPARQL compares stored strings, 10x slower), then
    the rows of the first (of all rows when they include a blank node, which no query can name)."""
    subjects = {row[0] for row in select(store, "incoming-subjects", by, among={})}
    first = heapq.nsmallest(shown, subjects, key=lambda term: _order(_value_key(term)))
    if all(isinstance(term, ox.NamedNode) for term in first):
        return select(store, "incoming", by, among={"other": first})
    chosen = set(first)
    return [row for row in select(store, "incoming", by, among={}) if row["other"] in chosen]


def quads(iri: str, found: Found) -> list[ox.Quad]:
    """The statements as quads in their source graphs (for RDF answers)."""
    this = ox.NamedNode(iri)
    result = []
    for s in found.statements:
        subject, obj = (this, s.other) if s.outgoing else (s.other, this)
        assert not isinstance(subject, ox.Literal)
        result.append(ox.Quad(subject, ox.NamedNode(s.property), obj, ox.NamedNode(s.graph)))
    return result


def read_entity(store: Store, iri: str, lang: str, read: Found, shown: int = SHOWN_VALUES) -> Entity:
    """The page's view of the entity from its statements, labelled in `lang`, at most `shown` values a
    property (besides those `read` left unread)."""
    found = read.statements
    properties = _grouped([s for s in found if s.outgoing and s.property not in SHOWN_APART], lang, shown)
    incoming = _grouped([s for s in found if not s.outgoing], lang, shown, read.unread)
    kinds = {s.other.value for s in found if s.outgoing and s.property == RDF_TYPE}
    stated = {resource for s in found if s.outgoing for resource in (s.property, s.graph)}
    names = labels(store, {iri} | kinds | stated | _iris(properties) | _iris(incoming), lang)

    def ref(resource: str) -> Ref:
        return Ref(iri=resource, label=names.get(resource, compact_iri(resource)))

    own_labels: dict[str, list[str]] = defaultdict(list)
    for s in found:
        if s.outgoing and s.property in LABEL_PROPERTIES and isinstance(s.other, ox.Literal):
            own_labels[s.other.language or ""].append(s.other.value)
    return Entity(
        iri=iri,
        label=names.get(iri, compact_iri(iri)),
        labels={language: sorted(set(texts)) for language, texts in sorted(own_labels.items())},
        types=sorted(
            (ref(kind) for kind in kinds), key=lambda r: (not (r.iri or "").startswith(SAM), r.label)
        ),
        properties=_relations(properties, ref),
        incoming=_relations(incoming, ref),
        sources=_sources(found, ref),
        gaps=gaps_concerning(store, iri, lang),
    )


def gaps_concerning(store: Store, iri: str, lang: str) -> list[GapConcern]:
    """The rows of the gap report (every rule of the catalogue) that name the entity: from the kept
    report when it is up to date, else asked of each rule for the entity alone."""
    return [
        GapConcern(
            gap=result.rule.short_id,
            name=result.rule.name,
            severity=result.rule.severity,
            why=row.why,
            absence=row.absence,
        )
        for result in report_about(store, iri, lang)
        for row in result.rows
    ]


@dataclass(frozen=True)
class _Group:
    """The values of one property (with the graphs stating each) that a page shows, and how many more."""

    property: str
    values: dict[ValueKey, set[str]]
    more: int


def _grouped(
    found: list[Statement], lang: str, shown: int, unread: dict[str, int] | None = None
) -> list[_Group]:
    """Statements grouped by property; literals in `lang` (or none) where the property has them; in a
    group of more than `shown` values, the first `shown` by IRI, then text; a property's `unread`
    values are counted among the rest."""
    by_property: dict[str, dict[ValueKey, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s in found:
        by_property[s.property][_value_key(s.other)].add(s.graph)
    groups = []
    for prop, values in by_property.items():
        languages = {language for _, _, language in values}
        keep = {lang, None} if lang in languages else set(languages)
        chosen = [key for key in values if key[2] in keep or key[2] not in LANGUAGES]
        first = set(sorted(chosen, key=_order)[:shown])
        kept = {key: values[key] for key in chosen if key in first}  # as stated: ties keep their order
        groups.append(_Group(prop, kept, len(chosen) - len(kept) + (unread or {}).get(prop, 0)))
    return groups


def _value_key(term: Term) -> ValueKey:
    if isinstance(term, ox.NamedNode):
        return (term.value, "", None)
    if isinstance(term, ox.Literal):
        return (None, term.value, term.language)
    return (None, term_text(term), None)


def _order(key: ValueKey) -> tuple[str, str, str]:
    """Where a value comes in a property's values that a page cuts: by IRI, then text (a blank node's
    and a literal's IRI is empty, so they come first), then language."""
    return (key[0] or "", key[1], key[2] or "")


def _iris(groups: list[_Group]) -> set[str]:
    """The resources a page names for the groups: properties, resource values and their sources."""
    iris = {group.property for group in groups}
    for group in groups:
        for (iri, _, _), graphs in group.values.items():
            iris |= graphs | ({iri} if iri else set())
    return iris


def _relations(groups: list[_Group], ref: RefMaker) -> list[Relation]:
    """The groups as relations: values by text (a resource's label), then IRI; relations by property label."""
    relations = []
    for group in groups:
        values = [
            Value(
                iri=iri,
                text=ref(iri).label if iri else text,
                language=language,
                sources=[ref(g) for g in sorted(graphs)],
            )
            for (iri, text, language), graphs in group.values.items()
        ]
        values.sort(key=lambda v: (fold(v.text), v.iri or ""))
        relations.append(Relation(property=ref(group.property), values=values, more=group.more))
    return sorted(relations, key=lambda r: fold(r.property.label))


def _sources(found: list[Statement], ref: RefMaker) -> list[SourceUse]:
    locators: dict[str, set[str]] = defaultdict(set)
    properties: dict[str, set[str]] = defaultdict(set)
    for s in found:
        if s.outgoing and s.property == LOCATOR:
            locators[s.graph].add(s.other.value)
        elif s.outgoing:
            properties[s.graph].add(ref(s.property).label)
    return sorted(
        (
            SourceUse(
                source=ref(graph), locators=sorted(locators[graph]), properties=sorted(properties[graph])
            )
            for graph in set(locators) | set(properties)
        ),
        key=lambda use: fold(use.source.label),
    )
