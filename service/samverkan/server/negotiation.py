"""HTTP content negotiation: pick the best offered media type for an Accept header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import HTTPException

from samverkan.sparql.formats import AnswerFormat, find_format, media_types
from samverkan.sparql.remembered import remembered

REMEMBERED_CHOICES = 256
"""Distinct (offers, `format=`, Accept) choices `negotiate` remembers: clients send few distinct headers,
and a choice costs as much as a small query's run in a worker."""
REMEMBERED_LENGTH = 1024
"""The longest `format=` plus Accept whose choice is remembered: a form's `format=` may be as long as the
body cap, and 256 such keys held would take gigabytes; longer ones are chosen anew each time."""


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    quality: float
    order: int

    def matches(self, media_type: str) -> bool:
        offered_type, _, offered_subtype = media_type.partition("/")
        return self.type in {"*", offered_type} and self.subtype in {"*", offered_subtype}

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str) -> list[MediaRange]:
    """Media ranges of an Accept header; an empty header accepts anything."""
    ranges = []
    for order, part in enumerate(p for p in header.split(",") if p.strip()):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media_type, _, subtype = media.lower().partition("/")
        ranges.append(MediaRange(media_type or "*", subtype or "*", quality, order))
    return ranges or [MediaRange("*", "*", 1.0, 0)]


def choose(accept: str, offers: Sequence[str]) -> str | None:
    """The offer the client prefers most (offers' order breaks ties); None if none is acceptable."""
    ranges = parse_accept(accept)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for offer_index, offer in enumerate(offers):
        matching = [r for r in ranges if r.matches(offer)]
        if not matching:
            continue
        most_specific = max(matching, key=lambda r: (r.specificity, -r.order))
        if most_specific.quality <= 0:
            continue
        rank = (most_specific.quality, most_specific.specificity, -most_specific.order, -offer_index)
        if best is None or rank > best:
            best, chosen = rank, offer
    return chosen


def wants_html(requested: str | None, accept: str, offers: tuple[AnswerFormat, ...]) -> bool:
    """Whether a resource that is both a page and RDF should answer with its page.

    `format=html` asks for the page, another `format=` for RDF; otherwise the page wins when the
    client prefers text/html to every RDF format offered (browsers, and `*/*`).
    """
    if requested:
        return requested == "html"
    return choose(accept, ["text/html", *media_types(offers)]) == "text/html"


def negotiate(offers: tuple[AnswerFormat, ...], requested: str | None, accept: str) -> AnswerFormat:
    """The format named by `format=`, else the client's preferred one; 406 if none fits."""
    found = _negotiated(offers, requested, accept)
    if found is not None:
        return found
    if requested:
        names = ", ".join(f.name for f in offers)
        raise HTTPException(406, f"cannot write this answer as {requested!r}; choose one of {names}")
    names = ", ".join(f.media_type for f in offers)
    raise HTTPException(406, f"no acceptable format for this answer; this endpoint offers {names}")


@remembered(REMEMBERED_CHOICES, REMEMBERED_LENGTH)
def _negotiated(offers: tuple[AnswerFormat, ...], requested: str | None, accept: str) -> AnswerFormat | None:
    if requested:
        return find_format(requested, offers)
    chosen = choose(accept, media_types(offers))
    return None if chosen is None else find_format(chosen, offers)
