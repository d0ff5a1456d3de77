"""The coverage report: per source, how many claims it states, what it describes, what lacks labels; per class, how
many resources; how many state agencies lack a ministry or an instruction; how many assignments are complete."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import pyoxigraph as ox

from samverkan.store import Store


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
    """One entry per named graph, largest first."""
    report = {
        row["source"].value: SourceCoverage(
            row["source"].value, row["title"].value if row["title"] else "", int(row["claims"].value)
        )
        for row in _solutions(store, "claims-per-source", {"lang": ox.Literal(lang)})
    }
    for row in _solutions(store, "resources-by-class"):
        report[row["source"].value].resources_by_class[row["class"].value] = int(row["resources"].value)
    for row in _solutions(store, "missing-labels"):
        report[row["source"].value].missing_labels[row["language"].value].append(row["resource"].value)
    return list(report.values())


@dataclass(frozen=True)
class AgencyCompleteness:
    """How many state agencies the graph knows, and how many of them lack a ministry or an instruction."""

    agencies: int
    lacking_ministry: int
    lacking_instruction: int


def resources_per_class(store: Store) -> dict[str, int]:
    """Resources per class over the whole graph, largest first."""
    return {
        row["class"].value: int(row["resources"].value) for row in _solutions(store, "resources-per-class")
    }


def agency_completeness(store: Store) -> AgencyCompleteness:
    """State agencies, and those without sam:reportsTo or sam:hasInstruction."""
    (row,) = list(_solutions(store, "state-agencies"))
    return AgencyCompleteness(
        int(row["agencies"].value), int(row["lackingMinistry"].value), int(row["lackingInstruction"].value)
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
