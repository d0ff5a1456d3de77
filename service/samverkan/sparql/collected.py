"""Answers read under a deadline and a size cap, and their serialisation.

Reading the engine's lazy answer one solution at a time lets a query be stopped between
solutions when its time is up, and lets an over-long answer be cut at the cap.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring

import pyoxigraph as ox

from samverkan.sparql.formats import AnswerFormat, QueryAnswer, serialize_triples, to_bytes

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class QueryTimeout(Exception):
    """The query ran past its deadline and was stopped."""


@dataclass
class CollectedAnswer:
    """A whole answer in memory: solutions, a boolean, or triples; `truncated` if cut at the cap."""

    variables: list[str] = field(default_factory=list)
    solutions: list[ox.QuerySolution] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None
    truncated: bool = False

    @property
    def is_graph(self) -> bool:
        return self.triples is not None

    @property
    def size(self) -> int:
        return len(self.triples) if self.triples is not None else len(self.solutions)


def collect(answer: QueryAnswer, *, deadline: float, limit: int) -> CollectedAnswer:
    """Read an answer until it ends, the cap is reached, or `time.monotonic()` passes `deadline`."""
    collected, rest = read_some(answer, deadline=deadline, limit=limit)
    collected.truncated = rest is not None
    return collected


class UnreadRest:
    """The unread part of an answer: the item read past a cap, then the engine's own iterator.

    Reading on from it pushes the next item past the cap back into the same object, so a long
    answer read in many pieces never nests iterators.
    """

    def __init__(self, iterator: Iterator, variables: list[str] | None) -> None:
        self.variables = variables
        """The variables its solutions bind; None when its items are triples."""
        self._iterator = iterator
        self._held: list = []

    def hold(self, item: object) -> None:
        self._held.append(item)

    def __iter__(self) -> UnreadRest:
        return self

    def __next__(self) -> object:
        return self._held.pop() if self._held else next(self._iterator)


def read_some(
    answer: QueryAnswer | UnreadRest, *, deadline: float, limit: int
) -> tuple[CollectedAnswer, UnreadRest | None]:
    """Read at most `limit` items of an answer (or of the rest an earlier call left); also the rest."""
    if isinstance(answer, ox.QueryBoolean):
        return CollectedAnswer(boolean=bool(answer)), None
    if isinstance(answer, UnreadRest):
        variables = answer.variables
    elif isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
    else:
        variables = None
    collected = CollectedAnswer(triples=[]) if variables is None else CollectedAnswer(variables=variables)
    items: list = collected.solutions if collected.triples is None else collected.triples
    rest = answer if isinstance(answer, UnreadRest) else UnreadRest(iter(answer), variables)
    for item in rest:
        if len(items) >= limit:
            rest.hold(item)
            return collected, rest
        if time.monotonic() > deadline:
            raise QueryTimeout
        items.append(item)
    return collected, None


def serialize_collected(collected: CollectedAnswer, answer_format: AnswerFormat) -> bytes:
    """Write a collected answer; the SPARQL JSON form is written here, others by pyoxigraph from it."""
    if collected.triples is not None:
        return serialize_triples(collected.triples, answer_format)
    document = results_json(collected)
    if answer_format.oxigraph == ox.QueryResultsFormat.JSON:
        return document
    assert isinstance(answer_format.oxigraph, ox.QueryResultsFormat)
    parsed = ox.parse_query_results(document, ox.QueryResultsFormat.JSON)
    return to_bytes(parsed.serialize(format=answer_format.oxigraph))


def results_json(collected: CollectedAnswer) -> bytes:
    """The SPARQL 1.1 Query Results JSON document of solutions or a boolean."""
    if collected.boolean is not None:
        return json.dumps({"head": {}, "boolean": collected.boolean}).encode()
    return json_opening(collected.variables) + json_bindings(collected) + JSON_CLOSING


JSON_CLOSING = b"]}}"


def json_opening(variables: list[str]) -> bytes:
    """The start of a SPARQL JSON document of solutions, up to the opening of its bindings."""
    return f'{{"head":{{"vars":{_JSON.encode(variables)}}},"results":{{"bindings":['.encode()


def json_bindings(collected: CollectedAnswer) -> bytes:
    """The solutions as comma-separated SPARQL JSON bindings (the inside of the bindings array), written as
    text term by term: twice as fast as a dict per binding given to the JSON encoder, and the same bytes."""
    names = [_string(name) + ":" for name in collected.variables]
    return ",".join(
        [
            "{"
            + ",".join(
                [
                    name + _term_json(term)
                    for name, term in zip(names, solution, strict=True)
                    if term is not None
                ]
            )
            + "}"
            for solution in collected.solutions
        ]
    ).encode()


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""One encoder for every document (building one per call costs more than a short answer)."""
_string = encode_basestring
"""A str as a JSON string, by the function `_JSON` uses for one."""
_PLAIN = {XSD_STRING, RDF_LANG_STRING}
"""Datatypes a literal's JSON leaves out (a language-tagged string says its language instead)."""


def _term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """A term as a SPARQL JSON object, written as `_JSON` would write its dict (keys in the same order)."""
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + _string(term.value) + "}"
    if isinstance(term, ox.Literal):
        value = '{"type":"literal","value":' + _string(term.value)
        if term.language:
            return value + ',"xml:lang":' + _string(term.language) + "}"
        datatype = term.datatype.value
        return value + ("}" if datatype in _PLAIN else ',"datatype":' + _string(datatype) + "}")
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + _string(term.value) + "}"
    return (
        '{"type":"triple","value":{"subject":'
        + _term_json(term.subject)
        + ',"predicate":'
        + _term_json(term.predicate)
        + ',"object":'
        + _term_json(term.object)
        + "}}"
    )
