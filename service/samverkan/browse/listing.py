"""Lists by class, `/id/actor/` style: the instances of a class, filtered by kind and county, a page at a time.

The segment of the path names the class: `actor` is `sam:Actor` (with its subclasses), `goal-area`
is `sam:GoalArea`. A segment that names no class of the ontology (`source`, `layer`) lists the
typed resources whose IRIs lie under `https://w3id.org/samverkan/id/{segment}/`. Filtering and
paging happen after one query, in Python: a class holds hundreds of instances, not millions.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.browse.queries import ask, select
from samverkan.browse.search import sort_key
from samverkan.gaps.catalogue import Ref
from samverkan.knowledge.labels import labels
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAM, SAMID
from samverkan.vocabulary.terms import compact_iri

PAGE_SIZE = 50
SEGMENT = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class Member(BaseModel):
    iri: str
    label: str
    kinds: list[Ref]
    county: Ref | None = None


class Option(BaseModel):
    """A value a list can be filtered by, with how many members have it."""

    value: str
    label: str
    count: int


class Listing(BaseModel):
    segment: str
    of_class: Ref | None
    """The class listed; None when the list is of an IRI prefix."""
    total: int
    page: int
    pages: int
    members: list[Member]
    kinds: list[Option]
    counties: list[Option]
    kind: str | None = None
    county: str | None = None


def class_for_segment(segment: str) -> str:
    """`sam:CountyAdministrativeBoard` for `county-administrative-board`."""
    return SAM + "".join(part.capitalize() for part in segment.split("-"))


def segment_for_class(iri: str) -> str | None:
    """`county-administrative-board` for `sam:CountyAdministrativeBoard`; None outside the ontology."""
    if not iri.startswith(SAM):
        return None
    return re.sub(r"(?<!^)(?=[A-Z])", "-", iri.removeprefix(SAM)).lower()


def listing(
    store: Store,
    segment: str,
    lang: str = "sv",
    kind: str | None = None,
    county: str | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> Listing | None:
    """One page of the list named by `segment`; None when the segment lists nothing."""
    if not SEGMENT.fullmatch(segment):
        return None
    candidate = class_for_segment(segment)
    of_class = candidate if ask(store, "class-declared", {"class": ox.NamedNode(candidate)}) else None
    if of_class:
        rows = select(store, "members-of-class", {"class": ox.NamedNode(of_class)})
    else:
        rows = select(store, "members-under-prefix", {"prefix": ox.Literal(f"{SAMID}{segment}/")})
    kinds: dict[str, set[str]] = defaultdict(set)
    counties: dict[str, str] = {}
    for row in rows:
        member = row["member"].value
        kinds[member].add(row["kind"].value)
        if isinstance(row["county"], ox.NamedNode):
            counties[member] = row["county"].value
    if not kinds and of_class is None:
        return None
    for classes in kinds.values():
        if len(classes) > 1:
            classes.discard(of_class or "")
    names = labels(
        store, set(kinds) | set(counties.values()) | {c for cs in kinds.values() for c in cs}, lang
    )
    kind_iri = _kind_iri(kind)
    county_iri = _county_iri(county)
    chosen = [
        iri
        for iri, classes in kinds.items()
        if (kind_iri is None or kind_iri in classes)
        and (county_iri is None or counties.get(iri) == county_iri)
    ]
    chosen.sort(key=lambda iri: (sort_key(names.get(iri) or iri, lang), iri))
    pages = max(1, math.ceil(len(chosen) / page_size))
    page = min(max(page, 1), pages)

    def ref(iri: str) -> Ref:
        return Ref(iri=iri, label=names.get(iri, compact_iri(iri)))

    return Listing(
        segment=segment,
        of_class=ref(of_class) if of_class else None,
        total=len(chosen),
        page=page,
        pages=pages,
        members=[
            Member(
                iri=member,
                label=names.get(member, compact_iri(member)),
                kinds=sorted((ref(k) for k in kinds[member]), key=lambda r: r.label),
                county=ref(counties[member]) if member in counties else None,
            )
            for member in chosen[(page - 1) * page_size : page * page_size]
        ],
        kinds=_options(Counter(k for cs in kinds.values() for k in cs), names, compact_iri, lang),
        counties=_options(Counter(counties.values()), names, lambda iri: iri.rsplit("/", 1)[-1], lang),
        kind=compact_iri(kind_iri) if kind_iri else None,
        county=county_iri.rsplit("/", 1)[-1] if county_iri else None,
    )


def _kind_iri(kind: str | None) -> str | None:
    """A kind given as `sam:Municipality`, `Municipality` or a full IRI."""
    if not kind:
        return None
    if "://" in kind:
        return kind
    return SAM + kind.removeprefix("sam:")


def _county_iri(county: str | None) -> str | None:
    """A county given by its two-digit code (`12`) or its IRI."""
    if not county:
        return None
    return county if "://" in county else f"{SAMID}county/{county}"


def _options(
    counts: Counter[str], names: dict[str, str], value: Callable[[str], str], lang: str
) -> list[Option]:
    options = [
        Option(value=value(iri), label=names.get(iri, compact_iri(iri)), count=n) for iri, n in counts.items()
    ]
    return sorted(options, key=lambda o: sort_key(o.label, lang))
