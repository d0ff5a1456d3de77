"""The view queries shipped with the package, run with parameters bound as terms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources

import pyoxigraph as ox

from samverkan.gaps.catalogue import Ref
from samverkan.knowledge.labels import labels, values_terms
from samverkan.sparql.text import Term
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAM, SAMID
from samverkan.vocabulary.terms import compact_iri, is_true

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def view_query(name: str) -> str:
    """The text of `queries/views/{name}.rq`."""
    return (resources.files("samverkan") / "queries" / "views" / f"{name}.rq").read_text(encoding="utf-8")


def select(store: Store, name: str, bindings: Mapping[str, Term] | None = None) -> ox.QuerySolutions:
    """Run a view SELECT with variables bound to terms."""
    answer = store.query(view_query(name), bindings=bindings)
    assert isinstance(answer, ox.QuerySolutions)
    return answer


def select_for(store: Store, name: str, iris: Iterable[str]) -> list[ox.QuerySolution]:
    """Run a view SELECT whose `{terms}` VALUES lists the given IRIs (read from the store, written by
    pyoxigraph); no IRIs, no rows."""
    wanted = sorted(set(iris))
    if not wanted:
        return []
    answer = store.query(view_query(name).replace("{terms}", values_terms(wanted)))
    assert isinstance(answer, ox.QuerySolutions)
    return list(answer)


def resource_iri(value: str, kind: str) -> str:
    """An IRI given as such, or a slug under `samid:{kind}/` (`digg` → `samid:actor/digg`)."""
    text = value.strip()
    return text if text.startswith(("http://", "https://")) else f"{SAMID}{kind}/{text}"


def class_iri(value: str) -> str:
    """A class given as an IRI, `sam:StateAgency` or `StateAgency`."""
    text = value.strip()
    return text if text.startswith(("http://", "https://")) else SAM + text.removeprefix("sam:")


def date_term(value: str | date) -> ox.Literal:
    """A day as an xsd:date literal (ValueError for anything but YYYY-MM-DD)."""
    day = value if isinstance(value, date) else date.fromisoformat(value.strip())
    return ox.Literal(day.isoformat(), datatype=XSD_DATE)


class Namer:
    """Labels of IRIs in one language, fetched in one batch and falling back to the compact IRI."""

    def __init__(self, store: Store, iris: Iterable[str], lang: str) -> None:
        self.names = labels(store, iris, lang)
        self.made: dict[str, Ref] = {}

    def __call__(self, iri: str) -> Ref:
        """The IRI with its label (one shared object per IRI: treat as read-only)."""
        ref = self.made.get(iri)
        if ref is None:
            label = self.names.get(iri)
            ref = self.made[iri] = Ref(iri=iri, label=compact_iri(iri) if label is None else label)
        return ref


def kinds_of(store: Store, iris: Iterable[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The Samverkan classes of each IRI: (stated types, stated types with all their superclasses)."""
    direct: dict[str, set[str]] = {}
    every: dict[str, set[str]] = {}
    for row in select_for(store, "kinds", iris):
        subject, kind = row["s"].value, row["kind"].value
        every.setdefault(subject, set()).add(kind)
        if is_true(row["direct"]):
            direct.setdefault(subject, set()).add(kind)
    return direct, every


def most_specific(kinds: set[str], every: set[str]) -> str | None:
    """One stated class that is not sam:Actor when a narrower one is stated (alphabetically first)."""
    narrower = sorted(kinds - {SAM + "Actor"}) or sorted(kinds)
    return narrower[0] if narrower else (sorted(every)[0] if every else None)
