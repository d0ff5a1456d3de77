"""A gap report packed into plain values and unpacked: the same report, its models sharing what `gap_report`'s share."""

from __future__ import annotations

import gc
import pickle
import sys

import pytest
from pydantic import BaseModel

from samverkan.gaps.catalogue import GapResult, gap_report
from samverkan.gaps.packing import pack, unpack
from samverkan.store import Store


def models(results: list[GapResult]) -> list[BaseModel]:
    """Every model of a report, each row's parts after it."""
    found: list[BaseModel] = []
    for result in results:
        found += [result, result.rule]
        for row in result.rows:
            found += [row, row.thing, *([row.value] if row.value else []), *row.sources]
            if row.absence:
                found += [row.absence, *row.absence.covered_by]
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_unpacked_report_is_the_report(project_store: Store, synthetic_project: Store, lang: str) -> None:
    for store in (project_store, synthetic_project):
        for as_of in (None, "2019-01-01"):
            report = gap_report(store, as_of, lang=lang)
            unpacked = unpack(pickle.loads(pickle.dumps(pack(report))))
            assert sum(len(result.rows) for result in report) > 0
            assert [r.model_dump() for r in unpacked] == [r.model_dump() for r in report]
            assert [r.model_dump_json() for r in unpacked] == [r.model_dump_json() for r in report]
            before, after = models(report), models(unpacked)
            assert [type(m) for m in after] == [type(m) for m in before]
            assert [m.model_fields_set for m in after] == [m.model_fields_set for m in before]


def test_unpacked_rows_share_their_resources_and_absences(synthetic_project: Store) -> None:
    unpacked = unpack(pack(gap_report(synthetic_project, lang="en")))
    rows = [row for result in unpacked for row in result.rows]
    refs = {}
    for row in rows:
        for ref in (row.thing, row.value, *row.sources):
            if ref is not None and ref.iri is not None:
                assert refs.setdefault(ref.iri, ref) is ref, "one Ref per IRI"
    absences = [row.absence for row in rows if row.absence]
    assert len(absences) > len({id(a) for a in absences}) > 1, "rows with the same covering sources share one"


def deep_size(root: object) -> int:
    """The bytes of the objects reachable from `root` (classes apart), each counted once."""
    seen: set[int] = set()
    size, todo = 0, [root]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, type):
            continue
        seen.add(id(item))
        size += sys.getsizeof(item)
        todo.extend(gc.get_referents(item))
    return size


def test_an_unpacked_report_takes_the_memory_of_the_report(synthetic_project: Store) -> None:
    """Its models share what `gap_report`'s share: a set of fields per class, a list per set of cited sources."""
    report = gap_report(synthetic_project, lang="sv")
    assert deep_size(unpack(pack(report))) <= 1.01 * deep_size(report)
