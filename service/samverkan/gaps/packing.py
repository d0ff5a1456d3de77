"""A gap report packed into plain values (tuples, strings, numbers), and unpacked into the same models.

The kept report (`gaps.kept`) is made in a child process and sent to the service, which holds it until
the next write. Sent as its models, it was pickled with each model's state (a dict per model, every one
held by the pickler until the end) and unpickled with a set of field names per model: measured at 1M
quads (80,267 rows), pickling peaked at 112 MiB in the child and the service held 165 MiB. Packed, every
resource is a number into one table of (IRI, label), every absence one into another, and a row a tuple of
those numbers, its text and its sources' numbers: pickled with a peak of 42 MiB. Unpacked, the models
share their Refs and Absences as `gap_report` makes them, and each class's models share one set of field
names (`gaps.unvalidated`): 90 MiB for the same report (its objects' sizes summed), which dumps as the report
that was packed.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.gaps.absence import Status
from samverkan.gaps.catalogue import Absence, GapResult, GapRow, GapRule, Reading, Ref
from samverkan.gaps.unvalidated import made

PackedRef = tuple[str | None, str]
"""(IRI, or None for a literal value; label)."""
PackedAbsence = tuple[Status, str, tuple[tuple[int, int | None], ...]]
"""(status, label, (source, depth) of each reading), the resources by their number."""
PackedRow = tuple[int, int | None, str, tuple[int, ...], int | None]
"""(thing, value, why, sources, absence), the resources and the absence by their number."""


@dataclass(frozen=True)
class PackedReport:
    """A gap report as plain values (see the module)."""

    refs: list[PackedRef]
    absences: list[PackedAbsence]
    results: list[tuple[GapRule, dict[str, str], list[PackedRow]]]
    """Each rule's entry (a model: a dozen of them), parameters and rows."""


def pack(results: list[GapResult]) -> PackedReport:
    """The report as plain values (every model in it has all its fields set, as `gap_report` makes them)."""
    refs: dict[PackedRef, int] = {}
    absences: dict[PackedAbsence, int] = {}

    def ref(found: Ref) -> int:
        return refs.setdefault((found.iri, found.label), len(refs))

    def absence(found: Absence) -> int:
        readings = tuple((ref(r.source), None if r.depth is None else ref(r.depth)) for r in found.covered_by)
        return absences.setdefault((found.status, found.label, readings), len(absences))

    packed = [
        (
            result.rule,
            result.parameters,
            [
                (
                    ref(row.thing),
                    None if row.value is None else ref(row.value),
                    row.why,
                    tuple(ref(source) for source in row.sources),
                    None if row.absence is None else absence(row.absence),
                )
                for row in result.rows
            ],
        )
        for result in results
    ]
    return PackedReport(list(refs), list(absences), packed)


def unpack(packed: PackedReport) -> list[GapResult]:
    """The report's models: one Ref per (IRI, label), one Absence per absence and one list per set of cited
    sources, shared by the rows (as `gap_report` shares them)."""
    refs = [made(Ref, {"iri": iri, "label": label}) for iri, label in packed.refs]
    absences = [
        made(
            Absence,
            {
                "status": status,
                "label": label,
                "covered_by": [
                    made(Reading, {"source": refs[source], "depth": None if depth is None else refs[depth]})
                    for source, depth in readings
                ],
            },
        )
        for status, label, readings in packed.absences
    ]
    citations: dict[tuple[int, ...], list[Ref]] = {}

    def cited(sources: tuple[int, ...]) -> list[Ref]:
        if (known := citations.get(sources)) is None:
            known = citations[sources] = [refs[source] for source in sources]
        return known

    return [
        made(
            GapResult,
            {
                "rule": rule,
                "parameters": parameters,
                "rows": [
                    made(
                        GapRow,
                        {
                            "thing": refs[thing],
                            "value": None if value is None else refs[value],
                            "why": why,
                            "sources": cited(sources),
                            "absence": None if absence is None else absences[absence],
                        },
                    )
                    for thing, value, why, sources, absence in rows
                ],
            },
        )
        for rule, parameters, rows in packed.results
    ]
