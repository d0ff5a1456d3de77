"""The formats query answers can be written in: one table for CLI and endpoint."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from samverkan.vocabulary.namespaces import PREFIXES


@dataclass(frozen=True)
class AnswerFormat:
    """A serialisation of query answers: its short name, media type and pyoxigraph format."""

    name: str
    media_type: str
    oxigraph: ox.QueryResultsFormat | ox.RdfFormat

    @property
    def for_graphs(self) -> bool:
        return isinstance(self.oxigraph, ox.RdfFormat)


QueryAnswer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
"""What a query returns: solutions, a boolean or triples (pyoxigraph's objects, for every store)."""

SOLUTION_FORMATS = (
    AnswerFormat("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    AnswerFormat("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    AnswerFormat("csv", "text/csv", ox.QueryResultsFormat.CSV),
    AnswerFormat("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
)
GRAPH_FORMATS = (
    AnswerFormat("turtle", "text/turtle", ox.RdfFormat.TURTLE),
    AnswerFormat("ntriples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    AnswerFormat("rdfxml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    AnswerFormat("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
    AnswerFormat("trig", "application/trig", ox.RdfFormat.TRIG),
    AnswerFormat("nquads", "application/n-quads", ox.RdfFormat.N_QUADS),
)
ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "rdf": "rdfxml",
    "json-ld": "jsonld",
    "nq": "nquads",
    "srj": "json",
    "srx": "xml",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/plain": "ntriples",
    "rdf+xml": "rdfxml",
    "n3": "turtle",
    "text/n3": "turtle",
    "text/rdf+n3": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
}
# Names that mean another format when the answer is a graph (`format=xml` asks for RDF/XML there).
GRAPH_SENSE = {"xml": "rdfxml", "json": "jsonld"}


def find_format(name: str, offers: Sequence[AnswerFormat]) -> AnswerFormat | None:
    """The offered format called `name` (short name, alias or media type), if any."""
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    found = next((f for f in offers if key in {f.name, f.media_type}), None)
    if found is None and key in GRAPH_SENSE:
        found = next((f for f in offers if f.name == GRAPH_SENSE[key]), None)
    return found


def media_types(offers: Sequence[AnswerFormat]) -> list[str]:
    """Every media type that selects one of the offers, canonical ones first."""
    aliases = [alias for alias, name in ALIASES.items() if "/" in alias and find_format(name, offers)]
    return [f.media_type for f in offers] + aliases


def to_bytes(serialized: bytes | None) -> bytes:
    """pyoxigraph returns the bytes when no output is given; say so to the type checker."""
    assert serialized is not None
    return serialized


def used_prefixes(
    statements: Iterable[ox.Triple | ox.Quad], prefixes: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The prefixes whose namespace holds an IRI or datatype of the statements: a document declares only those."""
    namespaces: set[str] = set()
    for statement in statements:
        graph = [statement.graph_name] if isinstance(statement, ox.Quad) else []
        for term in (statement.subject, statement.predicate, statement.object, *graph):
            if isinstance(term, ox.Literal) and not term.language:
                term = term.datatype
            if isinstance(term, ox.NamedNode):
                namespaces.add(term.value[: max(term.value.rfind("/"), term.value.rfind("#")) + 1])
    return {name: iri for name, iri in (prefixes or PREFIXES).items() if iri in namespaces}


def serialize_triples(
    triples: Sequence[ox.Triple],
    answer_format: AnswerFormat,
    graph: ox.NamedNode | None = None,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """Write triples in an RDF format; dataset formats put them in `graph` (default graph if None)."""
    assert isinstance(answer_format.oxigraph, ox.RdfFormat)
    declared = used_prefixes(triples, prefixes)
    if answer_format.oxigraph.supports_datasets:
        graph_name = graph or ox.DefaultGraph()
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph_name) for t in triples]
        return to_bytes(ox.serialize(quads, format=answer_format.oxigraph, prefixes=declared))
    return to_bytes(ox.serialize(triples, format=answer_format.oxigraph, prefixes=declared))


def serialize_quads(quads: Sequence[ox.Quad], answer_format: AnswerFormat) -> bytes:
    """Write quads in their graphs; a triple format gets each distinct triple once, graphs dropped."""
    assert isinstance(answer_format.oxigraph, ox.RdfFormat)
    if answer_format.oxigraph.supports_datasets:
        return to_bytes(ox.serialize(quads, format=answer_format.oxigraph, prefixes=used_prefixes(quads)))
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    return to_bytes(ox.serialize(triples, format=answer_format.oxigraph, prefixes=used_prefixes(triples)))
