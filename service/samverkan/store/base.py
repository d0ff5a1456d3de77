"""The store interface: query, update, load, named graphs and transactions.

Everything outside `samverkan.store` talks to a store only through `Store`. Both
implementations return pyoxigraph result objects, so callers see one term model.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import pyoxigraph as ox

from samverkan.sparql.formats import QueryAnswer
from samverkan.sparql.text import Term, bind_variables


class StoreError(Exception):
    """A store could not carry out a request."""


class UpdateRefused(StoreError):
    """A well-formed update the engine cannot carry out as written (without SILENT: CREATE of a graph that
    exists, DROP or CLEAR of one that does not); nothing was changed."""


class QuerySyntaxError(StoreError):
    """A query, update or RDF document is not well-formed; carries the position when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    @classmethod
    def from_parser_message(cls, message: str) -> QuerySyntaxError:
        """Build from an oxigraph message such as `error at 1:25: expected ...`."""
        position = re.search(r"(?:at|on line) (\d+):(\d+)", message)
        if position:
            return cls(message, int(position.group(1)), int(position.group(2)))
        line = re.search(r"line (\d+)", message)
        column = re.search(r"column (\d+)", message)
        return cls(
            message,
            int(line.group(1)) if line else None,
            int(column.group(1)) if column else None,
        )


@dataclass(frozen=True)
class QueryDataset:
    """An RDF dataset named by a request (`default-graph-uri`, `named-graph-uri`)."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not self.default_graphs and not self.named_graphs


@dataclass
class Transaction:
    """Writes collected in order and applied as one atomic SPARQL Update."""

    operations: list[str] = field(default_factory=list)

    def update(self, sparql: str) -> None:
        self.operations.append(sparql)

    def load(self, data: bytes | str, rdf_format: ox.RdfFormat, graph: str | None = None) -> None:
        self.operations.append(insert_data(data, rdf_format, graph))

    def drop_graph(self, graph: str) -> None:
        self.operations.append(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")

    def replace_graph(self, graph: str, data: bytes | str, rdf_format: ox.RdfFormat) -> None:
        self.drop_graph(graph)
        self.load(data, rdf_format, graph)

    def as_update(self) -> str:
        return " ;\n".join(op for op in self.operations if op)


class Store(ABC):
    """A quad store reachable by SPARQL; the default graph is the set union of the named graphs."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        dataset: QueryDataset | None = None,
        bindings: Mapping[str, Term] | None = None,
        base_iri: str | None = None,
    ) -> QueryAnswer:
        """Run a query; `bindings` pins variables to terms (bound by VALUES, never spliced as text);
        relative IRIs resolve against `base_iri`."""

    @abstractmethod
    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Apply one SPARQL Update request atomically; relative IRIs resolve against `base_iri`."""

    def load(self, data: bytes | str, rdf_format: ox.RdfFormat, graph: str | None = None) -> None:
        """Add RDF (quads keep their graphs; triples go to `graph`, and without one are refused: the default
        graph is the union of the sources) in one atomic write."""
        with self.transaction() as transaction:
            transaction.load(data, rdf_format, graph)

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Add many quads (a big file's) the fastest way the store has; here one atomic write, while a store
        with a bulk loader may leave part of them written if it is stopped half-way."""
        self.load(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", ox.RdfFormat.N_QUADS)

    def discard(self, graphs: Iterable[str]) -> None:
        """Take back a bulk load into a store that held nothing before it: the graphs it wrote are dropped
        together (a store that can empty itself at once does that instead)."""
        with self.transaction() as transaction:
            for graph in graphs:
                transaction.drop_graph(graph)

    def replace_graph(self, graph: str, data: bytes | str, rdf_format: ox.RdfFormat) -> None:
        """Replace a named graph's content atomically."""
        with self.transaction() as transaction:
            transaction.replace_graph(graph, data, rdf_format)

    def drop_graph(self, graph: str) -> None:
        """As a transaction, so a store that keeps the union updates it for this graph alone."""
        with self.transaction() as transaction:
            transaction.drop_graph(graph)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Collect writes; they are applied together when the block ends without error."""
        transaction = Transaction()
        yield transaction
        update = transaction.as_update()
        if update:
            self.update(update)

    def graphs(self) -> list[str]:
        """Names of the named graphs that hold at least one triple."""
        answer = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        assert isinstance(answer, ox.QuerySolutions)
        return [solution["g"].value for solution in answer]

    def has_graph(self, graph: str) -> bool:
        answer = self.query(f"ASK {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}")
        return bool(answer)

    def graph_sizes(self) -> dict[str, int]:
        """Number of triples in each named graph."""
        answer = self.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
        assert isinstance(answer, ox.QuerySolutions)
        return {solution["g"].value: int(solution["n"].value) for solution in answer}

    def is_empty(self) -> bool:
        """True when no named graph holds a triple (without counting them)."""
        return not bool(self.query("ASK { GRAPH ?g { ?s ?p ?o } }"))

    def triple_count(self) -> int:
        """Number of quads over all named graphs."""
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(answer, ox.QuerySolutions)
        return int(next(iter(answer))["n"].value)

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph."""
        answer = self.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
        )
        assert isinstance(answer, ox.QueryTriples)
        return list(answer)

    def compact(self) -> None:
        """Settle the storage after a big write, so none is pending when the store is next read or forked
        (a store with nothing to settle does nothing)."""

    def close(self) -> None:
        """Release resources held by the store."""


def with_bindings(sparql: str, bindings: Mapping[str, Term] | None) -> str:
    """The query with its parameters bound as terms (see `bind_variables`)."""
    return bind_variables(sparql, bindings) if bindings else sparql


def with_base(sparql: str, base_iri: str | None) -> str:
    """The text with a BASE declaration opening its prologue (for stores that take no base IRI)."""
    return f"BASE {ox.NamedNode(base_iri)}\n{sparql}" if base_iri else sparql


INSERT_CHUNK = 500
"""Triples per INSERT DATA operation: some stores (Virtuoso) limit the size of one operation."""


def insert_data(data: bytes | str, rdf_format: ox.RdfFormat, graph: str | None = None) -> str:
    """SPARQL Update operations inserting the parsed RDF document, in chunks.

    Triples with blank nodes go into one `INSERT {…} WHERE {}` (blank nodes keep their identity
    within it), because some stores (Virtuoso) refuse blank nodes in INSERT DATA.
    """
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    plain: dict[str, list[str]] = {}
    with_blank_nodes: dict[str, list[str]] = {}
    try:
        for quad in ox.parse(data, rdf_format):
            graph_name = target if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name
            key = "" if isinstance(graph_name, ox.DefaultGraph) else str(graph_name)
            blank = isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
            lines = with_blank_nodes if blank else plain
            lines.setdefault(key, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    except SyntaxError as error:
        raise QuerySyntaxError.from_parser_message(str(error)) from error
    operations = [
        f"INSERT DATA {{\n{_graph_blocks({key: lines[start : start + INSERT_CHUNK]})}\n}}"
        for key, lines in plain.items()
        for start in range(0, len(lines), INSERT_CHUNK)
    ]
    if with_blank_nodes:
        operations.append(f"INSERT {{\n{_graph_blocks(with_blank_nodes)}\n}} WHERE {{}}")
    return " ;\n".join(operations)


def _graph_blocks(lines_by_graph: dict[str, list[str]]) -> str:
    return "\n".join(
        f"GRAPH {key} {{\n" + "\n".join(lines) + "\n}" if key else "\n".join(lines)
        for key, lines in lines_by_graph.items()
    )
