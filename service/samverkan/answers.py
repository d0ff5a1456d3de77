"""Query answers and their serialisations: one table of formats for CLI and endpoint."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from samverkan.namespaces import PREFIXES
from samverkan.store.base import QueryAnswer


@dataclass(frozen=True)
class AnswerFormat:
    """A serialisation of query answers: its short name, media type and pyoxigraph format."""

    name: str
    media_type: str
    oxigraph: ox.QueryResultsFormat | ox.RdfFormat

    @property
    def for_graphs(self) -> bool:
        return isinstance(self.oxigraph, ox.RdfFormat)


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
FORMAT_ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "rdf": "rdfxml",
    "json-ld": "jsonld",
    "nq": "nquads",
    "srj": "json",
    "srx": "xml",
}


def formats_for(answer: QueryAnswer) -> tuple[AnswerFormat, ...]:
    """The formats an answer can be written in."""
    return GRAPH_FORMATS if isinstance(answer, ox.QueryTriples) else SOLUTION_FORMATS


def find_format(name: str, answer: QueryAnswer) -> AnswerFormat | None:
    """The format called `name` (short name, alias or media type) if it fits the answer."""
    key = FORMAT_ALIASES.get(name.lower(), name.lower())
    for answer_format in formats_for(answer):
        if key in {answer_format.name, answer_format.media_type}:
            return answer_format
    return None


def serialize_answer(answer: QueryAnswer, answer_format: AnswerFormat) -> bytes:
    """Write an answer in the given format (graph answers get the project's prefixes)."""
    if isinstance(answer, ox.QueryTriples):
        assert isinstance(answer_format.oxigraph, ox.RdfFormat)
        triples = list(answer)
        if answer_format.name in {"trig", "nquads"}:
            quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
            return to_bytes(ox.serialize(quads, format=answer_format.oxigraph, prefixes=PREFIXES))
        return to_bytes(ox.serialize(triples, format=answer_format.oxigraph, prefixes=PREFIXES))
    assert isinstance(answer_format.oxigraph, ox.QueryResultsFormat)
    return to_bytes(answer.serialize(format=answer_format.oxigraph))


def to_bytes(serialized: bytes | None) -> bytes:
    """pyoxigraph returns the bytes when no output is given; say so to the type checker."""
    assert serialized is not None
    return serialized
