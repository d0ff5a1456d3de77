"""The embedded store: pyoxigraph in memory or in a directory on disk."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from samverkan.sparql.text import Term
from samverkan.store.base import (
    QueryAnswer,
    QueryDataset,
    QuerySyntaxError,
    Store,
    StoreError,
    with_bindings,
)


class EmbeddedStore(Store):
    """pyoxigraph `Store`; `path=None` keeps everything in memory."""

    def __init__(self, path: Path | None = None):
        self.path = path
        try:
            self._store = ox.Store(str(path)) if path else ox.Store()
        except OSError as error:
            raise StoreError(f"cannot open the on-disk store at {path}: {error}") from error

    def query(
        self,
        sparql: str,
        dataset: QueryDataset | None = None,
        bindings: Mapping[str, Term] | None = None,
    ) -> QueryAnswer:
        text = with_bindings(sparql, bindings)
        try:
            if dataset is None or dataset.is_empty():
                return self._store.query(text, use_default_graph_as_union=True)
            default_graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
                ox.NamedNode(g) for g in dataset.default_graphs
            ]
            return self._store.query(
                text,
                default_graph=default_graphs or None,
                use_default_graph_as_union=not dataset.default_graphs,
                named_graphs=[ox.NamedNode(g) for g in dataset.named_graphs] or None,
            )
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error

    def load(self, data: bytes | str, rdf_format: ox.RdfFormat, graph: str | None = None) -> None:
        """Native atomic load: much faster than going through SPARQL Update."""
        target = ox.NamedNode(graph) if graph else None
        try:
            self._store.load(data, rdf_format, to_graph=target)
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        except (OSError, ValueError) as error:
            raise StoreError(str(error)) from error

    def close(self) -> None:
        if self.path:
            self._store.flush()
