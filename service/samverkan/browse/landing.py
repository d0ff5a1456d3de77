"""What the graph holds, for the landing page: how many resources each class has, linked to its list."""

from __future__ import annotations

from pydantic import BaseModel

from samverkan.browse.listing import segment_for_class
from samverkan.browse.queries import select
from samverkan.browse.search import sort_key
from samverkan.knowledge.labels import labels
from samverkan.store import Store
from samverkan.vocabulary.terms import compact_iri


class ClassCount(BaseModel):
    iri: str
    label: str
    resources: int
    segment: str | None
    """The list of the class: /id/{segment}/."""


def class_counts(store: Store, lang: str) -> list[ClassCount]:
    """Samverkan's classes with their asserted instances, most first, then by label."""
    rows = [(row["class"].value, int(row["resources"].value)) for row in select(store, "classes")]
    names = labels(store, [iri for iri, _ in rows], lang)
    counts = [
        ClassCount(
            iri=iri, label=names.get(iri, compact_iri(iri)), resources=n, segment=segment_for_class(iri)
        )
        for iri, n in rows
    ]
    return sorted(counts, key=lambda c: (-c.resources, sort_key(c.label, lang)))
