"""Writes checked against the integrity shapes as they are made: one that adds a Violation does not stay.

Writes run one at a time. The graphs a write may change are read before and after it; the quads it
added and removed are validated incrementally (`Validator.validate_change`). Only when that finds
Violations is the earlier state put back and validated the same way: a write is refused when it
brings a Violation that was not there before, and then the graphs stay as they were. A SPARQL
Update may touch any graph, so for it the whole store is read twice; a graph store write reads one
graph.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable

import pyoxigraph as ox
from fastapi import HTTPException

from samverkan.store import Store
from samverkan.validation.validator import ValidationReport, ValidationResult, Validator

Snapshot = dict[str, set[ox.Triple]]

ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


class CheckedWrites:
    """Applies writes to a store one at a time, undoing each that adds a Violation."""

    def __init__(
        self,
        store: Store,
        *,
        check: bool = True,
        wait: float = 30.0,
        after: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.after = after
        """Called after each write, whether it stayed or not (the kept gap report is computed anew)."""
        self.check = check
        """False: writes are only serialised, not validated (SAMVERKAN_VALIDATE_WRITES)."""
        self.wait = wait
        """Seconds a write waits for the one before it; then 503."""
        self._lock = threading.Lock()

    def apply(
        self, write: Callable[[], None], graphs: Collection[str] | None, validator: Validator
    ) -> ValidationReport | None:
        """Run `write` (which may change only `graphs`, or any graph when None); None when it stays,
        else the report of the Violations it would add (and the store is as before)."""
        if not self._lock.acquire(timeout=self.wait):
            raise HTTPException(
                503,
                f"another write has been running for over {self.wait:g} s; try again later",
                headers={"Retry-After": str(max(1, round(self.wait)))},
            )
        try:
            if not self.check:
                write()
                return None
            before = self._snapshot(graphs)
            write()
            after = self._snapshot(graphs)
            changed = list(_quads(_difference(after, before))) + list(_quads(_difference(before, after)))
            if not changed:
                return None
            try:
                brought = _violations(validator.validate_change(self.store, changed, "en"))
            except BaseException:
                self._restore(before, after)  # a write that could not be checked does not stay
                raise
            if not brought:
                return None
            self._restore(before, after)
            existing = {
                _key(result) for result in _violations(validator.validate_change(self.store, changed, "en"))
            }
            added = [result for result in brought if _key(result) not in existing]
            if not added:
                self._restore(after, before)
                return None
            return ValidationReport(conforms=False, results=added, seconds=0.0)
        finally:
            self._lock.release()
            if self.after is not None:
                self.after()

    def _snapshot(self, graphs: Collection[str] | None) -> Snapshot:
        if graphs is not None:
            return {graph: set(self.store.graph_triples(graph)) for graph in graphs}
        return contents_by_graph(self.store)

    def _restore(self, wanted: Snapshot, current: Snapshot) -> None:
        """Put back the graphs whose content differs from `wanted`, in one transaction."""
        with self.store.transaction() as transaction:
            for graph in sorted(set(wanted) | set(current)):
                triples = wanted.get(graph, set())
                if triples == current.get(graph, set()):
                    continue
                transaction.drop_graph(graph)
                if triples:
                    transaction.load(
                        ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                        ox.RdfFormat.N_TRIPLES,
                        graph,
                    )


def contents_by_graph(store: Store) -> Snapshot:
    """Every named graph's triples, read in one query."""
    snapshot: Snapshot = {}
    answer = store.query(ALL_QUADS)
    assert isinstance(answer, ox.QuerySolutions)
    for row in answer:
        graph = row["g"]
        if isinstance(graph, ox.NamedNode):
            snapshot.setdefault(graph.value, set()).add(ox.Triple(row["s"], row["p"], row["o"]))
    return snapshot


def _difference(left: Snapshot, right: Snapshot) -> Snapshot:
    return {graph: triples - right.get(graph, set()) for graph, triples in left.items()}


def _quads(snapshot: Snapshot) -> Iterable[ox.Quad]:
    for graph, triples in snapshot.items():
        name = ox.NamedNode(graph)
        for triple in triples:
            yield ox.Quad(triple.subject, triple.predicate, triple.object, name)


def _violations(report: ValidationReport) -> list[ValidationResult]:
    return [result for result in report.results if result.severity == "Violation"]


def _key(result: ValidationResult) -> tuple[str, str, str | None, str | None]:
    return (result.rule, result.focus, result.path, result.value)
