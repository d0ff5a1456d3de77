"""SPARQL JSON written term by term: the bytes the JSON encoder writes for the standard dicts, read back as the
same terms, for every kind of term (IRIs, literals plain, tagged and typed, escapes, blank nodes, triple terms)."""

from __future__ import annotations

import json
import time

import pyoxigraph as ox

from samverkan.sparql.collected import collect, results_json
from samverkan.store import Store

KINDS = """SELECT ?x ?b ?t ?none WHERE {
  VALUES ?x { "a"@sv "b\\n\\"q\\"\\t\\\\" 3 "é\\u0001\\u2028" <http://example.org/é> "x"@en-GB
              "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> UNDEF }
  BIND(BNODE() AS ?b)
  BIND(TRIPLE(<http://example.org/s>, <http://example.org/p>, "o"@en) AS ?t)
}"""


def standard(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, object]:
    """The SPARQL 1.1 (and 1.2 triple term) JSON object of a term, built as a dict."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value.rsplit("#")[-1] not in {"string", "langString"}:
            value["datatype"] = term.datatype.value
        return value
    parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
    return {"type": "triple", "value": {name: standard(part) for name, part in parts.items()}}


def check(answer: ox.QuerySolutions) -> int:
    collected = collect(answer, deadline=time.monotonic() + 60, limit=10**6)
    names = collected.variables
    expected = {
        "head": {"vars": names},
        "results": {
            "bindings": [
                {name: standard(term) for name, term in zip(names, row, strict=True) if term is not None}
                for row in collected.solutions
            ]
        },
    }
    document = results_json(collected)
    assert document == json.dumps(expected, ensure_ascii=False, separators=(",", ":")).encode()
    read_back = ox.parse_query_results(document, ox.QueryResultsFormat.JSON)
    assert [list(row) for row in read_back] == [list(row) for row in collected.solutions]
    return collected.size


def test_every_kind_of_term_is_written_as_the_encoder_writes_it() -> None:
    answer = ox.Store().query(KINDS)
    assert isinstance(answer, ox.QuerySolutions)
    assert check(answer) == 8


def test_the_curated_graph_is_written_as_the_encoder_writes_it(project_store: Store) -> None:
    answer = project_store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(answer, ox.QuerySolutions)
    assert check(answer) > 10_000
