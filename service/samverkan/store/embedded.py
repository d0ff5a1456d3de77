"""The embedded store: pyoxigraph in memory or in a directory on disk."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from samverkan.sparql.text import Term
from samverkan.store.base import (
    QueryAnswer,
    QueryDataset,
    QuerySyntaxError,
    Store,
    StoreError,
    Transaction,
    UpdateRefused,
    with_bindings,
)
from samverkan.store.union import GraphwiseTransaction, UnionGraph, refuse_loose

UNION = UnionGraph()
"""The union is kept in the store's own default graph; every named graph is a source."""


REFUSED = re.compile(r"^The graph <[^>]*> (?:already exists|does not exist)$")
"""The engine's message for an update that cannot be carried out as written (`UpdateRefused`)."""
COMPACT_AFTER_BYTES = 1 << 20
"""A load at least this big leaves work for RocksDB's background threads: the store is compacted before
the next fork (`EmbeddedStore.compact`)."""


class EmbeddedStore(Store):
    """pyoxigraph `Store`; `path=None` keeps everything in memory."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.writes = 0
        """Writes made through this object so far (what a process forked before one has not seen)."""
        self._needs_compaction = path is not None
        """An on-disk store just opened, or after a big load: RocksDB may have compaction pending."""
        self._compacted_at = 0
        """`writes` when the store was last compacted (or opened): later writes are compacted at `close`."""
        try:
            self._store = ox.Store(str(path)) if path else ox.Store()
        except OSError as error:
            raise StoreError(f"cannot open the on-disk store at {path}: {error}") from error
        if path and not self._store.query(UNION.is_kept()) and not self.is_empty():
            self._store.update(UNION.restore())

    def query(
        self,
        sparql: str,
        dataset: QueryDataset | None = None,
        bindings: Mapping[str, Term] | None = None,
        base_iri: str | None = None,
    ) -> QueryAnswer:
        """The default graph is the store's own, which holds the union (see `samverkan.store.union`)."""
        text = with_bindings(sparql, bindings)
        try:
            if dataset is None or dataset.is_empty():
                return self._store.query(text, base_iri=base_iri)
            return self._store.query(
                text,
                base_iri=base_iri,
                default_graph=[ox.NamedNode(g) for g in dataset.default_graphs] or None,
                named_graphs=[ox.NamedNode(g) for g in dataset.named_graphs] or None,
            )
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        self._update(UNION.keeping(sparql), base_iri)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        transaction = GraphwiseTransaction(UNION)
        yield transaction
        update = transaction.as_update()
        if update:
            self._update(update)

    def _update(self, sparql: str, base_iri: str | None = None) -> None:
        """One engine transaction: an update that fails changes nothing and is not counted in `writes`."""
        try:
            self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        except RuntimeError as error:
            if REFUSED.search(str(error)):
                raise UpdateRefused(str(error)) from error
            raise StoreError(str(error)) from error  # storage, SERVICE, unexpected: the store's failure
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error
        self.writes += 1

    def load(self, data: bytes | str, rdf_format: ox.RdfFormat, graph: str | None = None) -> None:
        """Native atomic load (much faster than SPARQL Update), each triple also added to the union; an on-disk
        store is compacted after a big one (`COMPACT_AFTER_BYTES`) here, on the writer's thread, not at the next
        fork of a query worker, which the service's event loop waits for."""
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        self._needs_compaction |= self.path is not None and len(data) >= COMPACT_AFTER_BYTES
        try:
            quads = [
                ox.Quad(q.subject, q.predicate, q.object, target)
                if isinstance(q.graph_name, ox.DefaultGraph)
                else q
                for q in ox.parse(data, rdf_format)
            ]
            refuse_loose(quads)
            self._store.extend(quads + [ox.Quad(q.subject, q.predicate, q.object) for q in quads])
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error
        self.writes += 1
        self.compact()

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """pyoxigraph's bulk loader, each triple also added to the union: several times faster than `load`
        on a big file and streamed, but not atomic (a load stopped half-way leaves part of the quads). An on-disk
        store is left to be compacted once when the loading is done (`compact`, at the latest at `close`), not
        after each file: the next start (and the query workers it forks) finds none pending."""

        def with_union() -> Iterator[ox.Quad]:
            for quad in quads:
                yield quad
                yield ox.Quad(quad.subject, quad.predicate, quad.object)

        try:
            self._store.bulk_extend(with_union())
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error
        finally:
            self.writes += 1
            self._needs_compaction = self.path is not None

    def discard(self, graphs: Iterable[str]) -> None:
        """The store held nothing before the bulk load: the engine is cleared outright, with whatever the load
        wrote (blank-node graphs too). Dropping graph by graph would take the union apart triple by triple:
        73 s for 500k quads."""
        try:
            self._store.clear()
        except OSError as error:
            raise StoreError(f"cannot clear the store: {error}") from error
        finally:
            self.writes += 1
        self._needs_compaction = self.path is not None

    def compact(self) -> None:
        """Compact an on-disk store just opened or after a big load (bulk, or `COMPACT_AFTER_BYTES`): afterwards
        no compaction is pending on RocksDB's background threads, which a process forked from this one would not
        have (a fresh bulk-loaded store otherwise compacts in the seconds after it is opened). Not after small
        writes (they wait in memory until `close`): each compaction leaves about nine more files in the store (measured:
        809 files after 80 one-triple updates each followed by one; the service ran out of descriptors)."""
        if self._needs_compaction:
            try:
                self._store.optimize()
            except OSError as error:
                raise StoreError(f"cannot compact the store at {self.path}: {error}") from error
            self._needs_compaction = False
            self._compacted_at = self.writes

    def backup(self, target: Path) -> None:
        """A copy of the on-disk store in the new directory `target`, a store of its own (hard links to the
        store's files where it is on the same file system, so cheap)."""
        try:
            self._store.backup(str(target))
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot copy the store to {target}: {error}") from error

    def close(self) -> None:
        """Flush an on-disk store, compacted first when written since it was last compacted, or opened and not
        compacted since (no time when nothing is pending): the small writes would otherwise be compacted at the
        next opening, with the whole store (measured at 1M quads after a load whose last files were small:
        4.6 s before the first answer; afterwards no time at opening). So closing takes that time instead."""
        if self.path:
            self._needs_compaction |= self.writes != self._compacted_at
            try:
                self.compact()
            finally:
                self._store.flush()
