"""The graph facts a gap row cites, read set-based: one query per kind of fact for all the things a report names.

Each read is one query over every IRI at once (a VALUES block), never one per thing, and the gap report
reads them once for all its rules. A thing is *described in* the named graphs where it is a subject,
*named in* those where it is an object; it *links to* a source document when a statement of the
union has the thing as subject and the document as object. The ontology and shapes graphs are no
sources and are left out here, in Python, which is what `FILTER(!sameTerm(...))` did in the queries.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from samverkan.knowledge.labels import values_terms
from samverkan.store import Store
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH, sparql_prefixes

NO_SOURCES = frozenset({ONTOLOGY_GRAPH, SHAPES_GRAPH})
LINKS_READ_WHOLE = 500
"""From this many things on, the links to source documents are read for all things and kept for the
asked ones: one scan of the documents' incoming links (57 ms at 1M quads) beats a lookup of every
statement of 64k things (1.9 s)."""

_DESCRIBED_IN = (
    "SELECT DISTINCT ?thing ?g WHERE {{ VALUES ?thing {{ {terms} }} GRAPH ?g {{ ?thing ?p ?o }} }}"
)
_NAMED_IN = "SELECT DISTINCT ?thing ?g WHERE {{ VALUES ?thing {{ {terms} }} GRAPH ?g {{ ?s ?q ?thing }} }}"
_LINKED = (
    sparql_prefixes()
    + """SELECT DISTINCT ?thing ?g WHERE {{
    VALUES ?thing {{ {terms} }} ?thing ?link ?g . ?g a ?kind . ?kind rdfs:subClassOf* sam:SourceDocument
}}"""
)
_ALL_LINKS = (
    sparql_prefixes()
    + """SELECT DISTINCT ?thing ?g WHERE {
    ?kind rdfs:subClassOf* sam:SourceDocument . ?g a ?kind . ?thing ?link ?g
}"""
)
"""Every link to a source document, from the documents: written in the order the engine joins."""
_DEPTHS = (
    sparql_prefixes() + "SELECT ?g ?depth WHERE {{ VALUES ?g {{ {terms} }} ?g sam:readingDepth ?depth }}"
)

Graphs = dict[str, set[str]]
"""Source graphs (or documents) by thing IRI."""


def described_in(store: Store, things: Iterable[str]) -> Graphs:
    """The source graphs in which each thing is a subject (the sources a row cites)."""
    return _pairs(store, _DESCRIBED_IN, things)


def named_in(store: Store, things: Iterable[str]) -> Graphs:
    """The source graphs in which each thing is an object."""
    return _pairs(store, _NAMED_IN, things)


def linked_sources(store: Store, things: Iterable[str]) -> Graphs:
    """The source documents each thing links to (a recommendation's `sam:inReport`, a strategy's
    `sam:describedIn`: any property whose value is typed a `sam:SourceDocument` or a subclass)."""
    wanted = set(things)
    if len(wanted) < LINKS_READ_WHOLE:
        return _pairs(store, _LINKED, wanted)
    found = _pairs(store, _ALL_LINKS, None)
    return {thing: graphs for thing, graphs in found.items() if thing in wanted}


def reading_depths(store: Store, graphs: Iterable[str]) -> dict[str, set[str]]:
    """The `sam:readingDepth` values of each source graph (document) that states any."""
    return _pairs(store, _DEPTHS, graphs, drop_no_sources=False)


def _pairs(store: Store, template: str, iris: Iterable[str] | None, drop_no_sources: bool = True) -> Graphs:
    """The answer's first and second columns as a map from each first value to its second values."""
    query = template
    if iris is not None:
        wanted = sorted(set(iris))
        if not wanted:
            return {}
        query = template.format(terms=values_terms(wanted))
    answer = store.query(query)
    assert isinstance(answer, ox.QuerySolutions)
    found: Graphs = {}
    values: dict[str, str] = {}
    """Each second value's text once, not a string per pair: a graph is named in the pairs of thousands of things
    (the gap report's at 1M quads, 8 MiB less)."""
    for key, value in answer:
        text = value.value
        if not (drop_no_sources and text in NO_SOURCES):
            found.setdefault(key.value, set()).add(values.setdefault(text, text))
    return found
