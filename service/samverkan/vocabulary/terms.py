"""Readable text for RDF terms: compact IRIs, literals with their language, and the natural order of names."""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox

from samverkan.vocabulary.namespaces import PREFIXES

_ESCAPE = r"%[0-9A-Fa-f]{2}"
_LOCAL_NAME = re.compile(rf"(?:[\w:]|{_ESCAPE})(?:(?:[\w\-.:]|{_ESCAPE})*(?:[\w\-:]|{_ESCAPE}))?")
"""SPARQL's PN_LOCAL (ASCII part): no leading `-` or `.`, no trailing `.`, `%` only as an escape."""


@lru_cache(maxsize=1 << 16)
def compact_iri(iri: str) -> str:
    """`sam:Goal`, `actor:digg`: the longest prefix whose rest is a valid local name; else the IRI itself."""
    # cached: reports and networks compact the same IRIs tens of thousands of times
    best = ""
    for name, namespace in PREFIXES.items():
        if (
            iri.startswith(namespace)
            and len(namespace) > len(PREFIXES.get(best, ""))
            and (_LOCAL_NAME.fullmatch(iri[len(namespace) :]) or iri == namespace)
        ):
            best = name
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def term_text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A short human-readable rendering of a term."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    return str(term)


_NUMBER = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Order names as people count: `recommendation 2` before `recommendation 10` (case-blind otherwise)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold()) for part in _NUMBER.split(text) if part
    )


def is_true(value: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | str | None) -> bool:
    """A boolean read by value: `true`, or `1` as stores without a boolean type (Virtuoso) write it."""
    text = value if isinstance(value, str) or value is None else getattr(value, "value", "")
    return text in {"true", "1"}
