"""The embedded store: pyoxigraph in memory or in a directory on disk."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    with_bindings,
)
from samverkan.store.union import HAS_UNION, RESTORE_UNION, adding, forgetting, keeping_union


class GraphwiseTransaction(Transaction):
    """A transaction that knows which graphs its writes touch, so only those update the union."""

    def __init__(self) -> None:
        super().__init__()
        self.touched: set[str] = set()
        self.arbitrary = False
        """An update of unknown reach was added: the whole union is restored."""

    def update(self, sparql: str) -> None:
        self.arbitrary = True
        super().update(sparql)

    def load(self, data: bytes | str, rdf_format: ox.RdfFormat, graph: str | None = None) -> None:
        try:
            named = {
                str(q.graph_name)
                for q in ox.parse(data, rdf_format)
                if not isinstance(q.graph_name, ox.DefaultGraph)
            }
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        self.touched |= named | ({str(ox.NamedNode(graph))} if graph else set())
        super().load(data, rdf_format, graph)

    def drop_graph(self, graph: str) -> None:
        name = str(ox.NamedNode(graph))
        self.touched.add(name)
        self.operations.append(forgetting(name))
        super().drop_graph(graph)

    def as_update(self) -> str:
        body = super().as_update()
        if not body or self.arbitrary:
            return keeping_union(body) if body else body
        return " ;\n".join([body, *(adding(graph) for graph in sorted(self.touched))])


class EmbeddedStore(Store):
    """pyoxigraph `Store`; `path=None` keeps everything in memory."""

    def __init__(self, path: Path | None = None):
        self.path = path
        try:
            self._store = ox.Store(str(path)) if path else ox.Store()
        except OSError as error:
            raise StoreError(f"cannot open the on-disk store at {path}: {error}") from error
        if path and not self._store.query(HAS_UNION) and not self.is_empty():
            self._store.update(RESTORE_UNION)

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
        self._update(keeping_union(sparql), base_iri)

    def drop_graph(self, graph: str) -> None:
        """As a transaction, so only this graph's triples leave the union."""
        with self.transaction() as transaction:
            transaction.drop_graph(graph)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        transaction = GraphwiseTransaction()
        yield transaction
        update = transaction.as_update()
        if update:
            self._update(update)

    def _update(self, sparql: str, base_iri: str | None = None) -> None:
        try:
            self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error

    def load(self, data: bytes | str, rdf_format: ox.RdfFormat, graph: str | None = None) -> None:
        """Native atomic load (much faster than SPARQL Update), each triple also added to the union."""
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        try:
            quads = [
                ox.Quad(q.subject, q.predicate, q.object, target)
                if isinstance(q.graph_name, ox.DefaultGraph)
                else q
                for q in ox.parse(data, rdf_format)
            ]
            self._store.extend(quads + [ox.Quad(q.subject, q.predicate, q.object) for q in quads])
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error

    def close(self) -> None:
        if self.path:
            self._store.flush()
