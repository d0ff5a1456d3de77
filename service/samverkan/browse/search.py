"""Search by name in Swedish and English, blind to accents and case: "Malmo" finds Malmö.

Names and the query are folded in Python (NFKD, combining marks dropped, case folded), so the
query never reaches SPARQL text at all; the index is read from the store on each search, so it
never lags behind an update.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.browse.queries import select
from samverkan.knowledge.labels import labels
from samverkan.store import Store
from samverkan.vocabulary.terms import compact_iri

DEFAULT_LIMIT = 50


def fold(text: str) -> str:
    """Text without accents and case, for comparison: `Malmö` and `malmo` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_SWEDISH_LAST = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})
"""Å, Ä and Ö sort after Z in Swedish: map them past `z` before folding the remaining accents."""


def sort_key(text: str, lang: str) -> str:
    """A key that orders names as readers of `lang` expect (Swedish: Å Ä Ö last; otherwise accent-blind)."""
    return fold(text.casefold().translate(_SWEDISH_LAST) if lang == "sv" else text)


class Hit(BaseModel):
    """A resource whose name matches: its label in the asked language, the name that matched, its kinds."""

    iri: str
    label: str
    matched: str
    kinds: list[str]


@dataclass
class _Entry:
    names: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)


def _rank(query: str, name: str) -> int | None:
    """0 for the whole name, 1 for its start, 2 for the start of a word, 3 inside a word; None: no match."""
    folded = fold(name)
    words = query.split()
    if not words or not all(word in folded for word in words):
        return None
    if folded == query:
        return 0
    if folded.startswith(query):
        return 1
    starts = {token for token in folded.replace("-", " ").split()}
    return 2 if all(any(t.startswith(word) for t in starts) for word in words) else 3


def search(store: Store, text: str, lang: str = "sv", limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """Resources with a name containing every word of `text` (accent- and case-blind), best first."""
    query = " ".join(fold(text).split())
    if not query:
        return []
    index: dict[str, _Entry] = {}
    for row in select(store, "label-index"):
        entry = index.setdefault(row["resource"].value, _Entry())
        entry.names.add(row["name"].value)
        if isinstance(row["class"], ox.NamedNode):
            entry.classes.add(row["class"].value)
    ranked: list[tuple[int, str, str, str]] = []
    for iri, entry in index.items():
        matches = [
            (rank, fold(name), name) for name in entry.names if (rank := _rank(query, name)) is not None
        ]
        if matches:
            rank, folded, name = min(matches)
            ranked.append((rank, folded, iri, name))
    ranked.sort()
    chosen = ranked[:limit]
    classes = {c for _, _, iri, _ in chosen for c in index[iri].classes}
    names = labels(store, [iri for _, _, iri, _ in chosen] + sorted(classes), lang)
    return [
        Hit(
            iri=iri,
            label=names.get(iri, name),
            matched=name,
            kinds=sorted(names.get(c, compact_iri(c)) for c in index[iri].classes),
        )
        for _, _, iri, name in chosen
    ]
