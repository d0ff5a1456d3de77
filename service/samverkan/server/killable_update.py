"""A SPARQL Update on the embedded store, worked out in a forked child that is killed at its deadline.

The engine cannot be interrupted inside a step, and an update is one transaction, so it cannot be
stopped half-way on a thread. Instead a child forked from the service applies the update to a copy of
the store and sends back what changed, graph by graph; only then does the service apply those
changes, in one transaction. A child past the deadline is killed with SIGKILL: it stops using a core
at once and the store is left as it was. The copy of the in-memory store is the child's own
copy-on-write memory; of a store on disk, a backup next to it (hard links to its files), which the
child opens as a store of its own and which is removed afterwards. (A child has none of the on-disk
engine's background threads: an update big enough to need them stalls until its deadline.)

A changed graph's removed and added triples are applied as `DELETE DATA` / `INSERT DATA`; a graph
whose changes involve blank nodes (which those cannot name) is replaced whole, and one left empty is dropped
(emptied, the engine would still count it as existing: a later `CREATE GRAPH` of it was refused). An empty
graph the update creates is not kept: a graph, here, is one that holds triples.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from samverkan.server.forked import Failure, failure_of
from samverkan.server.write_check import contents_by_graph
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.forked_call import PROBE, call_in_child


def update_by_child(store: EmbeddedStore, update: str, base_iri: str | None, *, timeout: float) -> None:
    """Apply `update` to `store` wholly, or (raising QueryTimeout when it runs past `timeout` seconds, or what
    it raised) not at all."""
    deadline = time.monotonic() + timeout
    copy = store.path.parent / f".{store.path.name}.update-{uuid.uuid4().hex}" if store.path else None
    try:
        if copy is not None:
            store.compact()  # the child's copy gets no background compaction: pending work would stall its write
            store.backup(copy)
        target = _Target(store, copy)
        outcome: dict[str, Change] | Failure = call_in_child(
            partial(_changes, target, update, base_iri), deadline=deadline, probe=target.open
        )
    finally:
        if copy is not None:
            shutil.rmtree(copy, ignore_errors=True)
    if isinstance(outcome, Failure):
        outcome.raise_again()
    _apply(store, outcome)


@dataclass(frozen=True)
class Change:
    """What an update did to one named graph, as N-Triples: the triples removed and added, or (when
    blank nodes are involved, which `DELETE DATA` cannot name) all it holds after."""

    removed: bytes
    added: bytes
    whole: bytes | None


@dataclass
class _Target:
    """The store an update's child changes: the service's (in memory: the child's own copy-on-write), or on disk
    the copy at `copy`, opened and read once by the child (`open`, its probe: a child forked while one of the
    engine's threads held a lock never gets this far, and is replaced)."""

    store: EmbeddedStore
    copy: Path | None
    opened: EmbeddedStore | None = None

    def open(self) -> None:
        self.opened = EmbeddedStore(self.copy) if self.copy is not None else self.store
        self.opened.query(PROBE)


def _changes(target: _Target, update: str, base_iri: str | None) -> dict[str, Change] | Failure:
    """In the child, after `target.open()`: the update applied to the store it opened."""
    store = target.opened
    assert store is not None, "the probe opens the store first"
    try:
        before = contents_by_graph(store)
        store.update(update, base_iri)
        after = contents_by_graph(store)
    except Exception as error:  # sent back, raised again by the service
        return failure_of(error)
    changes = {}
    for graph in sorted(set(before) | set(after)):
        old, new = before.get(graph, set()), after.get(graph, set())
        if old != new:
            removed, added = old - new, new - old
            whole = _ntriples(new) if not new or _has_blank_nodes(removed | added) else None
            changes[graph] = Change(_ntriples(removed), _ntriples(added), whole)
    return changes


def _apply(store: EmbeddedStore, changes: dict[str, Change]) -> None:
    """The changes in one transaction."""
    if not changes:
        return
    with store.transaction() as transaction:
        for graph, change in changes.items():
            if change.whole is not None:
                transaction.drop_graph(graph)
            elif change.removed:
                transaction.update(
                    f"DELETE DATA {{ GRAPH {ox.NamedNode(graph)} {{ {change.removed.decode()} }} }}"
                )
            content = change.whole if change.whole is not None else change.added
            if content:
                transaction.load(content, ox.RdfFormat.N_TRIPLES, graph)


def _has_blank_nodes(triples: Iterable[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)


def _ntriples(triples: set[ox.Triple]) -> bytes:
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES) or b""
