"""What a source states: the resources its graph speaks of, grouped by class, with the source's locators."""

from __future__ import annotations

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.browse.queries import select
from samverkan.browse.search import sort_key
from samverkan.knowledge.labels import labels
from samverkan.store import Store
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
    rows = list(select(store, "source-contents", {"source": ox.NamedNode(source)}))
    found = [
        (
            row["resource"].value,
            row["class"].value if row["class"] else NO_CLASS,
            int(row["statements"].value),
            row["locators"].value.split("\n") if row["locators"] else [],
        )
        for row in rows
        if isinstance(row["resource"], ox.NamedNode)
    ]
    names = labels(store, {iri for iri, *_ in found} | {cls for _, cls, *_ in found if cls}, lang)
    classes: dict[str, StatedClass] = {}
    for iri, cls, count, locators in found:
        group = classes.setdefault(
            cls, StatedClass(iri=cls, label=names.get(cls, compact_iri(cls)) if cls else "–", resources=[])
        )
        group.resources.append(
            StatedResource(
                iri=iri, label=names.get(iri, compact_iri(iri)), statements=count, locators=sorted(locators)
            )
        )
    for group in classes.values():
        group.resources.sort(key=lambda r: sort_key(r.label, lang))
    return sorted(classes.values(), key=lambda g: (-len(g.resources), sort_key(g.label, lang)))
