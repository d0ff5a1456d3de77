"""A gap report packed into plain values (tuples, strings, numbers), and unpacked into the same models.

The kept report (`gaps.kept`) is made in a child process and sent to the service, which holds it until
the next write. Sent as its models, it was pickled with each model's state (a dict per model, every one
held by the pickler until the end) and unpickled with a set of field names per model: measured at 1M
quads (80,267 rows), pickling peaked at 112 MiB in the child and the service held 165 MiB. Packed, every
resource is a number into one table of (IRI, label), every absence one into another, and a row a tuple of
those numbers, its text and its sources' numbers: pickled with a peak of 42 MiB. Unpacked, the models
share their Refs and Absences as `gap_report` makes them, and each class's models share one set of field
names: 90 MiB for the same report (its objects' sizes summed), which dumps as the report that was packed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from samverkan.gaps.absence import Status
from samverkan.gaps.catalogue import Absence, GapResult, GapRow, GapRule, Reading, Ref

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
    """The report's models: one Ref per (IRI, label) and one Absence per absence, shared by the rows."""
    refs = [_model(Ref, {"iri": iri, "label": label}) for iri, label in packed.refs]
    absences = [
        _model(
            Absence,
            {
                "status": status,
                "label": label,
                "covered_by": [
                    _model(Reading, {"source": refs[source], "depth": None if depth is None else refs[depth]})
                    for source, depth in readings
                ],
            },
        )
        for status, label, readings in packed.absences
    ]
    return [
        _model(
            GapResult,
            {
                "rule": rule,
                "parameters": parameters,
                "rows": [
                    _model(
                        GapRow,
                        {
                            "thing": refs[thing],
                            "value": None if value is None else refs[value],
                            "why": why,
                            "sources": [refs[source] for source in sources],
                            "absence": None if absence is None else absences[absence],
                        },
                    )
                    for thing, value, why, sources, absence in rows
                ],
            },
        )
        for rule, parameters, rows in packed.results
    ]


Model = TypeVar("Model", bound=BaseModel)
_EVERY_FIELD: dict[type[BaseModel], set[str]] = {
    model: set(model.model_fields) for model in (Ref, Reading, Absence, GapRow, GapResult)
}
"""Per class, the set of its fields that all its unpacked models share as the fields they were given: never
changed, since pydantic only adds a field's name to it when the field is assigned, and it holds them all."""


def _model(model: type[Model], fields: dict[str, Any]) -> Model:
    """A model with these fields, made as unpickling makes it (the values were validated when the report was
    made; validated again, the rows took twice the time and memory)."""
    made = model.__new__(model)
    made.__setstate__(
        {
            "__dict__": fields,
            "__pydantic_fields_set__": _EVERY_FIELD[model],
            "__pydantic_extra__": None,
            "__pydantic_private__": None,
        }
    )
    return made
