"""How the remote store speaks to a server: where it keeps the union default graph, and how it words requests."""

from __future__ import annotations

from samverkan.store.base import QueryDataset
from samverkan.store.union import BOOKKEEPING, UnionGraph


class Dialect:
    """A SPARQL 1.1 server with a real default graph (`oxigraph serve` without `--union-default-graph`):
    the union is kept there, and requests go as they are."""

    union = UnionGraph(not_sources=(BOOKKEEPING,))

    def query(self, sparql: str, dataset: QueryDataset | None) -> str:
        """The query as this server is to read it."""
        return sparql

    def update(self, sparql: str) -> str:
        """The update as this server is to read it."""
        return sparql
