"""What a source states: the resources its graph speaks of, grouped by class, with the source's locators."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.browse.queries import browse_query, select
from samverkan.browse.search import sort_key
from samverkan.knowledge.labels import labels, values_terms
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAM
from samverkan.vocabulary.terms import compact_iri

NO_CLASS = ""


class StatedResource(BaseModel):
    iri: str
    label: str
    statements: int
    """Statements the source makes with this resource as subject."""
    locators: list[str]
    """Where in the source (section, page, row) the source's statements about it stand."""


class StatedClass(BaseModel):
    iri: str
    label: str
    resources: list[StatedResource]


def source_contents(store: Store, source: str, lang: str) -> list[StatedClass]:
    """The source graph's resources by class (most first), each with its statement count and locators."""
    graph = {"source": ox.NamedNode(source)}
    counts = {
        row["resource"].value: int(row["statements"].value)
        for row in select(store, "source-contents", graph)
        if isinstance(row["resource"], ox.NamedNode)
    }
    locators: dict[str, set[str]] = defaultdict(set)
    for row in select(store, "source-locators", graph):
        locators[row["resource"].value].add(row["locator"].value)
    kinds = classes_of(store, counts)
    names = labels(store, set(counts) | {cls for cls in kinds.values() if cls}, lang)
    classes: dict[str, StatedClass] = {}
    for iri, count in counts.items():
        cls = kinds.get(iri, NO_CLASS)
        group = classes.setdefault(
            cls, StatedClass(iri=cls, label=names.get(cls, compact_iri(cls)) if cls else "–", resources=[])
        )
        group.resources.append(
            StatedResource(
                iri=iri, label=names.get(iri, compact_iri(iri)), statements=count, locators=sorted(locators[iri])
            )
        )
    for group in classes.values():
        group.resources.sort(key=lambda r: sort_key(r.label, lang))
    return sorted(classes.values(), key=lambda g: (-len(g.resources), sort_key(g.label, lang)))


def classes_of(store: Store, resources: Iterable[str]) -> dict[str, str]:
    """One class per resource: the first Samverkan class by IRI, else the first other class."""
    wanted = sorted(resources)
    if not wanted:
        return {}
    answer = store.query(browse_query("classes-of").replace("{terms}", values_terms(wanted)))
    assert isinstance(answer, ox.QuerySolutions)
    candidates: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    for row in answer:
        cls = row["class"].value
        candidates[row["resource"].value].append((not cls.startswith(SAM), cls))
    return {iri: min(found)[1] for iri, found in candidates.items()}
