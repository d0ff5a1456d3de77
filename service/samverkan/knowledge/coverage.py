"""The coverage report: per source, how many claims it states, what it describes, what lacks labels; per class, how
many resources; how many state agencies lack a ministry or an instruction, and how many have ceased; how many
assignments are complete."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources

import pyoxigraph as ox

from samverkan.store import Store

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


@dataclass
class SourceCoverage:
    """What one source graph contributes."""

    source: str
    title: str
    claims: int
    resources_by_class: dict[str, int] = field(default_factory=dict)
    missing_labels: dict[str, list[str]] = field(default_factory=lambda: {"sv": [], "en": []})


def _query(name: str) -> str:
    return (resources.files("samverkan") / "queries" / "coverage" / f"{name}.rq").read_text(encoding="utf-8")


def _solutions(store: Store, name: str, bindings: dict[str, ox.Literal] | None = None) -> ox.QuerySolutions:
    answer = store.query(_query(name), bindings=bindings)
    assert isinstance(answer, ox.QuerySolutions)
    return answer


def coverage(store: Store, lang: str = "en") -> list[SourceCoverage]:
    """One entry per source graph of Samverkan, largest first."""
    report: dict[str, SourceCoverage] = {}
    titles: dict[str, list[ox.Literal]] = {}
    labels: dict[str, list[ox.Literal]] = {}
    for row in _solutions(store, "claims-per-source"):
        source = row["source"].value
        report.setdefault(source, SourceCoverage(source, "", int(row["claims"].value)))
        for found, term in ((titles, row["title"]), (labels, row["label"])):
            if isinstance(term, ox.Literal) and term not in found.setdefault(source, []):
                found[source].append(term)
    for source, entry in report.items():
        entry.title = _in_language(titles.get(source, []) + labels.get(source, []), lang)
    for row in _solutions(store, "resources-by-class"):
        if source_entry := report.get(row["source"].value):  # a server's own graphs are no sources
            source_entry.resources_by_class[row["class"].value] = int(row["resources"].value)
    for row in _solutions(store, "missing-labels"):
        if source_entry := report.get(row["source"].value):
            source_entry.missing_labels[row["language"].value].append(row["resource"].value)
    return list(report.values())


def _in_language(names: list[ox.Literal], lang: str) -> str:
    """The first name (titles before labels) in the language, else the first without one, else ""."""
    for wanted in (lang, None):
        for name in names:
            if name.language == wanted or (wanted and (name.language or "").startswith(f"{wanted}-")):
                return name.value
    return ""


@dataclass(frozen=True)
class AgencyCompleteness:
    """How many state agencies the graph knows, how many of them lack a ministry or an instruction, and how many of
    them have ceased (dissolved, or every instruction they have is no longer in force)."""

    agencies: int
    lacking_ministry: int
    lacking_instruction: int
    ceased: int = 0

    @property
    def current(self) -> int:
        return self.agencies - self.ceased


def resources_per_class(store: Store) -> dict[str, int]:
    """Resources per class over the whole graph, largest first."""
    return {
        row["class"].value: int(row["resources"].value) for row in _solutions(store, "resources-per-class")
    }


def agency_completeness(store: Store, today: date | None = None) -> AgencyCompleteness:
    """State agencies, those without sam:reportsTo or sam:hasInstruction, and those ceased by today."""
    day = ox.Literal((today or date.today()).isoformat(), datatype=ox.NamedNode(XSD_DATE))
    (row,) = list(_solutions(store, "state-agencies", {"today": day}))
    return AgencyCompleteness(
        int(row["agencies"].value),
        int(row["lackingMinistry"].value),
        int(row["lackingInstruction"].value),
        int(row["ceased"].value),
    )


@dataclass(frozen=True)
class AssignmentCompleteness:
    """How many government assignments the graph knows, and how many have an assignee, a deadline and a source URL."""

    assignments: int
    complete: int


def assignment_completeness(store: Store) -> AssignmentCompleteness:
    """Assignments, and those with sam:assignee, sam:deadline and a source graph with sam:sourceUrl that types them."""
    (row,) = list(_solutions(store, "assignments"))
    return AssignmentCompleteness(int(row["assignments"].value), int(row["withAssigneeDeadlineAndUrl"].value))
