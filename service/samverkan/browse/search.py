"""Search by name, code or description in Swedish and English, blind to accents and case: "Malmo" finds
Malmö, "2584" finds Kiruna kommun by its municipality code, "Fi2025/01188" an assignment by its diary number.

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
    """A resource that matches: its label in the asked language, the text that matched and in which field
    (name, code or description), its kinds."""

    iri: str
    label: str
    matched: str
    field: str
    kinds: list[str]


@dataclass
class _Entry:
    texts: set[tuple[str, str]] = field(default_factory=set)
    """(field, text) pairs: field is name, code or description."""
    classes: set[str] = field(default_factory=set)


def _compact(text: str) -> str:
    """A code without spaces and punctuation: `SFS 2018:1486` and `2018:1486` both hold `20181486`."""
    return "".join(c for c in fold(text) if c.isalnum())


def _rank(query: str, field_name: str, text: str) -> int | None:
    """Lower is better: an exact code 0; a whole name 1, its start 2; the start of a code 3; names whose
    words start with the query's 4, containing them 5; descriptions containing every word 6. None: no match."""
    if field_name == "code":
        code, asked = _compact(text), _compact(query)
        if asked and (code == asked or fold(text) == query):
            return 0
        return 3 if asked and len(asked) >= 3 and code.startswith(asked) else None
    folded = fold(text)
    words = query.split()
    if not words or not all(word in folded for word in words):
        return None
    if field_name == "description":
        return 6
    if folded == query:
        return 1
    if folded.startswith(query):
        return 2
    starts = {token for token in folded.replace("-", " ").split()}
    return 4 if all(any(t.startswith(word) for t in starts) for word in words) else 5


def search(store: Store, text: str, lang: str = "sv", limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """Resources whose name, code or description matches `text` (accent- and case-blind), best first;
    among equals, the shorter matching text first (the organisation before the long titles naming it)."""
    query = " ".join(fold(text).split())
    if not query:
        return []
    index: dict[str, _Entry] = {}
    for row in select(store, "label-index"):
        entry = index.setdefault(row["resource"].value, _Entry())
        entry.texts.add((row["field"].value, row["name"].value))
        if isinstance(row["class"], ox.NamedNode):
            entry.classes.add(row["class"].value)
    ranked: list[tuple[int, int, str, str, str, str]] = []
    for iri, entry in index.items():
        matches = [
            (rank, fold(text), field_name, text)
            for field_name, text in entry.texts
            if (rank := _rank(query, field_name, text)) is not None
        ]
        if matches:
            rank, folded, field_name, text = min(matches, key=lambda m: (m[0], len(m[1]), m[1]))
            ranked.append((rank, len(folded), folded, iri, field_name, text))
    ranked.sort()
    chosen = ranked[:limit]
    classes = {c for *_, iri, _, _ in chosen for c in index[iri].classes}
    names = labels(store, [iri for *_, iri, _, _ in chosen] + sorted(classes), lang)
    return [
        Hit(
            iri=iri,
            label=names.get(iri, text if field_name == "name" else compact_iri(iri)),
            matched=text,
            field=field_name,
            kinds=sorted(names.get(c, compact_iri(c)) for c in index[iri].classes),
        )
        for *_, iri, field_name, text in chosen
    ]
