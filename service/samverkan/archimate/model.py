"""The ArchiMate model of a part of the graph: elements, relationships and the scope they cover.

Everything is read through the alignment (`alignment.py`) and the query files, so adding a mapped
class or property to the ontology adds it to the export without a change here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import pyoxigraph as ox

from samverkan.archimate.alignment import Alignment, RelationshipMapping, read_alignment
from samverkan.archimate.queries import select
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAMID

ScopeKind = Literal["actor", "strategy", "framework"]
SCOPE_KINDS: tuple[ScopeKind, ...] = ("actor", "strategy", "framework")
Names = dict[str, str]
VIEWED_KINDS: tuple[tuple[ScopeKind, str], ...] = (("strategy", "Strategy"), ("framework", "Framework"))


class UnknownScopeError(LookupError):
    """The scope names a resource the graph does not have."""


@dataclass(frozen=True)
class Element:
    iri: str
    concept: str
    cls: str
    names: Names
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Relationship:
    """`key` is the reified node's IRI, or `subject property object` for a plain statement."""

    key: str
    concept: str
    source: str
    target: str
    term: str
    names: Names
    sources: tuple[str, ...]
    iri: str | None = None


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    focus: str


@dataclass
class Model:
    """Elements and relationships by key; `views` maps each view's focus to the IRIs it shows."""

    elements: dict[str, Element]
    relationships: dict[str, Relationship]
    scope: Scope | None
    names: Names
    views: dict[Scope, list[str]] = field(default_factory=dict)


def scope_iri(kind: ScopeKind, ident: str) -> str:
    """A full IRI as given, else the slug under `samid:{kind}/` (e.g. `digg` → .../id/actor/digg)."""
    return ident if ident.startswith(("http://", "https://")) else f"{SAMID}{kind}/{ident}"


def build_model(store: Store, scope: Scope | None = None, alignment: Alignment | None = None) -> Model:
    """The model of the whole graph, or of one actor's, strategy's or framework's scope.

    A scoped model has one view of the scope; the whole graph has one view per strategy and per
    framework.
    """
    alignment = alignment or read_alignment(store)
    names = names_of(store)
    sources = _sources(store)
    elements = _elements(store, alignment, names, sources)
    relationships = _relationships(store, alignment, elements, names)
    if scope is None:
        views = {
            Scope(kind, element.iri): scope_members(store, Scope(kind, element.iri), elements)
            for kind, cls_local in VIEWED_KINDS
            for element in sorted(elements.values(), key=lambda e: e.iri)
            if element.cls.endswith(f"#{cls_local}")
        }
        title = {"sv": "Samverkan: hela grafen", "en": "Samverkan: the whole graph"}
        return Model(elements, relationships, None, title, views)
    if scope.focus not in elements:
        raise UnknownScopeError(f"no {scope.kind} {scope.focus} in the graph")
    members = set(scope_members(store, scope, elements))
    kept = {iri: e for iri, e in elements.items() if iri in members}
    linked = {k: r for k, r in relationships.items() if r.source in kept and r.target in kept}
    focus_names = elements[scope.focus].names
    title = {lang: f"Samverkan: {text}" for lang, text in focus_names.items()}
    return Model(kept, linked, scope, title, {scope: sorted(kept)})


def scope_members(store: Store, scope: Scope, elements: dict[str, Element]) -> list[str]:
    """The focus and the elements its scope query finds, sorted by IRI."""
    found = {row["node"] for row in select(store, f"scope-{scope.kind}", focus=ox.NamedNode(scope.focus))}
    return sorted(iri for iri in found | {scope.focus} if iri in elements)


def names_of(store: Store) -> dict[str, Names]:
    names: dict[str, Names] = defaultdict(dict)
    for row in select(store, "names"):
        names[row["node"] or ""].setdefault(row["lang"] or "", row["label"] or "")
    return names


def _sources(store: Store) -> dict[str, list[str]]:
    sources: dict[str, list[str]] = defaultdict(list)
    for row in select(store, "sources"):
        sources[row["node"] or ""].append(row["source"] or "")
    return sources


def _elements(
    store: Store, alignment: Alignment, names: dict[str, Names], sources: dict[str, list[str]]
) -> dict[str, Element]:
    classes: dict[str, set[str]] = defaultdict(set)
    for row in select(store, "typed"):
        classes[row["node"] or ""].add(row["class"] or "")
    elements = {}
    for iri, types in sorted(classes.items()):
        cls = alignment.most_specific(types)
        if cls:
            elements[iri] = Element(
                iri, alignment.element_classes[cls], cls, names.get(iri, {}), tuple(sources.get(iri, ()))
            )
    return elements


def _relationships(
    store: Store, alignment: Alignment, elements: dict[str, Element], names: dict[str, Names]
) -> dict[str, Relationship]:
    reified = _reified(store, alignment, elements, names)
    covered = {frozenset((r.source, r.target)) for r in reified.values()}
    plain: dict[str, tuple[RelationshipMapping, str, str, list[str]]] = {}
    for row in select(store, "statements"):
        subject, prop, obj = row["subject"] or "", row["property"] or "", row["object"] or ""
        mapping = alignment.properties[prop]
        source, target = (obj, subject) if mapping.reversed else (subject, obj)
        if source in elements and target in elements and frozenset((source, target)) not in covered:
            key = f"{subject} {prop} {obj}"
            plain.setdefault(key, (mapping, source, target, []))[3].append(row["source"] or "")
    for key, (mapping, source, target, graphs) in plain.items():
        reified[key] = _relationship(
            key, mapping, source, target, elements, names.get(mapping.term, {}), graphs
        )
    return dict(sorted(reified.items()))


def _relationship(
    key: str,
    mapping: RelationshipMapping,
    source: str,
    target: str,
    elements: dict[str, Element],
    names: Names,
    graphs: Iterable[str],
    iri: str | None = None,
) -> Relationship:
    """A relationship of the mapped type, or an Association where ArchiMate allows no other."""
    concept = mapping.concept_towards(elements[target].concept)
    return Relationship(key, concept, source, target, mapping.term, names, tuple(sorted(set(graphs))), iri)


def _reified(
    store: Store, alignment: Alignment, elements: dict[str, Element], names: dict[str, Names]
) -> dict[str, Relationship]:
    ends: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    cls_of: dict[str, str] = {}
    for row in select(store, "reified"):
        node, end = row["node"] or "", (row["end"] or "").rsplit("#", 1)[-1]
        cls_of[node] = row["class"] or ""
        ends[node][end].add(row["value"] or "")
        ends[node]["graph"].add(row["source"] or "")
    found = {}
    for node, values in ends.items():
        mapping = alignment.reified[cls_of[node]]
        for source in sorted(values["archimateSource"] & elements.keys()):
            for target in sorted(values["archimateTarget"] & elements.keys()):
                name = min(values["archimateName"], default="")
                key = (
                    node
                    if len(values["archimateSource"]) * len(values["archimateTarget"]) == 1
                    else (f"{node} {source} {target}")
                )
                label = names.get(name, {}) if name else names.get(mapping.term, {})
                found[key] = _relationship(
                    key, mapping, source, target, elements, label, values["graph"], node
                )
    return found
