"""The default graph as the set union of the named graphs, kept in a graph of the store's own.

A union computed at query time (pyoxigraph's `use_default_graph_as_union`, `oxigraph serve
--union-default-graph`, Virtuoso's default graph) yields a triple once per graph that states it, so
a plain COUNT over the default graph counts a triple stated by three sources three times. Keeping the
union in a graph of its own (the store's real default graph, or on Virtuoso a named graph that the
store reads as the default one) gives it set semantics in queries and in the WHERE of updates alike,
while `GRAPH ?g` still tells who says what. The price: each triple is stored once more, and every
write ends with the two operations of `UnionGraph.restore` (measured in README, "Default graph"), or,
for a transaction whose writes are known graph by graph, the cheaper `forgetting` and `adding` of just
those graphs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from samverkan.sparql.text import looks_like_update, strip_strings_and_comments
from samverkan.store.base import QuerySyntaxError, StoreError, Transaction

BOOKKEEPING = "urn:samverkan:"
"""IRI prefix of the graphs the service keeps for itself (a remote write's journal and backups, Virtuoso's
union): they state nothing."""


def graph_filter(variable: str, left_out: tuple[str, ...]) -> str:
    """A FILTER keeping `variable` off the graphs whose IRIs start with one of `left_out` (none: no FILTER)."""
    tests = [f'!STRSTARTS(STR({variable}), "{prefix}")' for prefix in left_out]
    return f"FILTER({' && '.join(tests)})" if tests else ""


def refuse_loose(quads: list[ox.Quad]) -> None:
    """Refuse quads in the default graph: it is the union of the sources and cannot be written."""
    loose = sum(isinstance(quad.graph_name, ox.DefaultGraph) for quad in quads)
    if loose:
        raise StoreError(
            f"{loose} triples are outside a named graph: the default graph is the union of the source graphs; "
            "write them into the graph of the source that states them"
        )


@dataclass(frozen=True)
class UnionGraph:
    """Where a store keeps the union, and which named graphs state nothing (bookkeeping, a server's own)."""

    graph: str | None = None
    """The graph that holds the union; None: the store's own default graph."""
    not_sources: tuple[str, ...] = ()
    """IRI prefixes of named graphs left out of the union."""

    def _held(self, pattern: str) -> str:
        return f"GRAPH {ox.NamedNode(self.graph)} {{ {pattern} }}" if self.graph else pattern

    def _sources(self, variable: str) -> str:
        return graph_filter(variable, self.not_sources)

    def add_stated(self) -> str:
        """Every triple some source graph states is in the union."""
        triple = self._held("?s ?p ?o")
        return (
            f"INSERT {{ {triple} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._sources('?g')} "
            f"FILTER NOT EXISTS {{ {triple} }} }}"
        )

    def remove_unstated(self) -> str:
        """No triple stays in the union that no source graph states."""
        triple = self._held("?s ?p ?o")
        return (
            f"DELETE {{ {triple} }} WHERE {{ {triple} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {self._sources('?g')} }} }}"
        )

    def restore(self) -> str:
        """Both, as operations to append to an update so the union is restored in the same request."""
        return f"{self.remove_unstated()} ;\n{self.add_stated()}"

    def is_kept(self) -> str:
        """An ASK: a store written before the union was kept has named graphs and an empty union."""
        return f"ASK {{ {self._held('?s ?p ?o')} }}"

    def has_sources(self) -> str:
        """An ASK: some source graph holds a triple."""
        return f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} {self._sources('?g')} }}"

    def forgetting(self, graph: str) -> str:
        """Before a graph is dropped: remove from the union what only that graph states."""
        return (
            f"DELETE {{ {self._held('?s ?p ?o')} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) "
            f"{self._sources('?other')} }} }}"
        )

    def adding(self, graph: str) -> str:
        """After a graph is written: add what it states to the union."""
        return f"INSERT {{ {self._held('?s ?p ?o')} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"

    def keeping(self, update: str) -> str:
        """The update followed by the operations that restore the union (one request).

        The separator goes on a line of its own (the text may end in a comment) and only where an
        operation is open (not after a trailing `;`, nor after a bare prologue).
        """
        scanned = strip_strings_and_comments(update).rstrip()
        open_operation = looks_like_update(update) and not scanned.endswith(";")
        return f"{update}\n{';' if open_operation else ''}\n{self.restore()}"


class GraphwiseTransaction(Transaction):
    """A transaction that knows which graphs its writes touch, so only those update the union."""

    def __init__(self, union: UnionGraph) -> None:
        super().__init__()
        self.union = union
        self.written: list[str] = []
        """The writes alone, without the union's upkeep."""
        self.touched: set[str] = set()
        self.arbitrary = False
        """An update of unknown reach was added: the whole union is restored."""

    def update(self, sparql: str) -> None:
        self.arbitrary = True
        self.written.append(sparql)
        super().update(sparql)

    def load(self, data: bytes | str, rdf_format: ox.RdfFormat, graph: str | None = None) -> None:
        try:
            quads = list(ox.parse(data, rdf_format))
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error)) from error
        if graph is None:
            refuse_loose(quads)
        named = {str(q.graph_name) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
        self.touched |= named | ({str(ox.NamedNode(graph))} if graph else set())
        super().load(data, rdf_format, graph)
        self.written.append(self.operations[-1])

    def drop_graph(self, graph: str) -> None:
        name = str(ox.NamedNode(graph))
        self.touched.add(name)
        self.operations.append(self.union.forgetting(name))
        super().drop_graph(graph)
        self.written.append(self.operations[-1])

    def writes(self) -> str:
        """The writes as one update, without the union's upkeep."""
        return " ;\n".join(op for op in self.written if op)

    def as_update(self) -> str:
        body = super().as_update()
        if not body or self.arbitrary:
            return self.union.keeping(self.writes()) if body else body
        return " ;\n".join([body, *(self.union.adding(graph) for graph in sorted(self.touched))])
