"""Virtuoso's dialect: it has no default graph of its own (it reads every graph, a triple once per graph).

The union is kept in a named graph (`UNION_GRAPH`) that each request reads as its default graph
(`_in_union`: by Virtuoso's `DEFINE input:default-graph-uri`, or by reading its WHERE groups in
`GRAPH <union> { … }`, which means the same since a `GRAPH` inside names its own graph). `GRAPH ?g`
must not find the union, the store's bookkeeping graphs nor Virtuoso's system graphs: each
`GRAPH ?var { … }` in a pattern is followed by a FILTER on the variable (Virtuoso's
`input:named-graph-exclude` also empties the default graph).
A request that names its own dataset (FROM, USING, WITH, protocol parameters) is read in it.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from samverkan.sparql.text import query_form, strip_strings_and_comments
from samverkan.store.atomic import graph_names
from samverkan.store.base import QueryDataset
from samverkan.store.dialect import GRAPH_VARIABLE, WORD, Dialect, Edit, Span, edited, hiding_graphs
from samverkan.store.union import BOOKKEEPING, UnionGraph

UNION_GRAPH = f"{BOOKKEEPING}union"
SYSTEM_GRAPHS = ("http://www.openlinksw.com/", "http://localuriqaserver/", "http://www.w3.org/ns/ldp#")
"""IRI prefixes of the graphs Virtuoso writes for itself."""
HIDDEN = (BOOKKEEPING, *SYSTEM_GRAPHS)
"""IRI prefixes of the graphs `GRAPH ?var` does not find: the union, the journal and backups of a write (which
a `DELETE WHERE { GRAPH ?g { … } }` would otherwise empty before the write fails), Virtuoso's own."""
PROBE = "ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }"
"""True on Virtuoso only: its graph of quad-map metadata."""

_OWN_DATASET = re.compile(WORD.format("(FROM|USING|WITH)"), re.IGNORECASE)
_KEYWORDS = re.compile(WORD.format("(DELETE|WHERE)"), re.IGNORECASE)
_SHORT_CONSTRUCT = re.compile(WORD.format(r"CONSTRUCT\s+WHERE"), re.IGNORECASE)
_IN_UNION = f"GRAPH {ox.NamedNode(UNION_GRAPH)} {{ "
_EVERY_GRAPH = re.compile(WORD.format(r"(?:DROP|CLEAR)\s+(?:SILENT\s+)?(?:ALL|NAMED)"), re.IGNORECASE)
_EMPTYING = "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }"
"""What `DROP|CLEAR ALL|NAMED` is sent as (the union, which ALL also clears, is restored after each write)."""


class VirtuosoDialect(Dialect):
    union = UnionGraph(UNION_GRAPH, HIDDEN)

    def query(self, sparql: str, dataset: QueryDataset | None) -> str:
        scanned = strip_strings_and_comments(sparql)
        hiding = hiding_graphs(scanned, [(0, len(scanned))], HIDDEN)
        if (dataset is not None and not dataset.is_empty()) or _OWN_DATASET.search(scanned):
            return edited(sparql, hiding)
        span = _where_group(scanned)
        wrapping = _wrapping([span] if span else [])
        short = _SHORT_CONSTRUCT.search(scanned)
        if short and span:  # wrapped, `CONSTRUCT WHERE { P }` needs P as its template
            wrapping.append(_template(sparql, short.end() - len("WHERE"), span))
        return _in_union(sparql, scanned, hiding, wrapping)

    def update(self, sparql: str) -> str:
        """`DELETE WHERE { P }` with a `GRAPH ?var` in P is sent as `DELETE { P } WHERE { P }`, so that its
        pattern keeps ?var off the `HIDDEN` graphs (Virtuoso deleted from the union graph alone); `DROP` and
        `CLEAR` `ALL` or `NAMED` are sent as a DELETE over `GRAPH ?g` (Virtuoso answered them, and did nothing)."""
        every = _EVERY_GRAPH.finditer(strip_strings_and_comments(sparql))
        sparql = edited(sparql, [(m.start(), m.end(), _EMPTYING) for m in every])
        scanned = strip_strings_and_comments(sparql)
        patterns, short_deletes = _update_patterns(scanned)
        spelled = [(where, span) for where, span in short_deletes if GRAPH_VARIABLE.search(scanned, *span)]
        patterns += [span for _, span in spelled]
        templates = [_template(sparql, where, span) for where, span in spelled]
        edits = hiding_graphs(scanned, patterns, HIDDEN) + templates
        if _OWN_DATASET.search(scanned):
            return edited(sparql, edits)
        return _in_union(sparql, scanned, edits, _wrapping(patterns))


def _in_union(sparql: str, scanned: str, hiding: list[Edit], wrapping: list[Edit]) -> str:
    """The request read with the union as its default graph.

    Virtuoso's `DEFINE input:default-graph-uri` does it, but then `GRAPH <iri>` finds nothing unless
    the IRI is also named by `DEFINE input:named-graph-uri`, which limits `GRAPH ?var` to those named:
    a request that has both is instead read in `GRAPH <union> { … }` (which Virtuoso cannot compile
    with some closures from a bound end, so it is the exception).
    """
    names = sorted(name for name in graph_names(sparql) if name)
    if names and GRAPH_VARIABLE.search(scanned):
        return edited(sparql, hiding + wrapping)
    defines = [f"DEFINE input:default-graph-uri {ox.NamedNode(UNION_GRAPH)}"]
    defines += [f"DEFINE input:named-graph-uri {ox.NamedNode(name)}" for name in names]
    return " ".join([*defines, edited(sparql, hiding)])  # on the first line: the server's line numbers hold


def _wrapping(spans: list[Span]) -> list[Edit]:
    """Each group's content read in the union graph."""
    return [
        edit
        for opening, closing in spans
        for edit in [(opening + 1, opening + 1, _IN_UNION), (closing, closing, " } ")]
    ]


def _where_group(scanned: str) -> Span | None:
    """The query's WHERE group: after a top-level WHERE, or the first group (a CONSTRUCT's second)."""
    groups = _top_level_groups(scanned)
    for match in _KEYWORDS.finditer(scanned):
        if match.group(1).upper() == "WHERE" and _depth(scanned, match.start()) == 0:
            return next((span for span in groups if span[0] > match.end()), None)
    wanted = 1 if query_form(scanned) == "CONSTRUCT" else 0
    return groups[wanted] if len(groups) > wanted else None


def _update_patterns(scanned: str) -> tuple[list[Span], list[tuple[int, Span]]]:
    """The groups after an update's WHERE keywords; apart, with the offset of their WHERE, those of `DELETE
    WHERE` (a template as well: it takes no FILTER as it is)."""
    spans, short_deletes = [], []
    previous, previous_end = "", 0
    for match in _KEYWORDS.finditer(scanned):
        word = match.group(1).upper()
        if word == "WHERE" and _depth(scanned, match.start()) == 0:
            span = next((s for s in _top_level_groups(scanned) if s[0] > match.end()), None)
            if span and previous == "DELETE" and not scanned[previous_end : match.start()].strip():
                short_deletes.append((match.start(), span))
            elif span:
                spans.append(span)
        previous, previous_end = word, match.end()
    return spans, short_deletes


def _template(sparql: str, where: int, span: Span) -> Edit:
    """The group at `span` written out before the WHERE keyword at `where` (`X WHERE { P }` -> `X { P } WHERE { P }`)."""
    return (where, where, f"{sparql[span[0] : span[1] + 1]} ")


def _top_level_groups(scanned: str) -> list[Span]:
    groups, depth, opening = [], 0, 0
    for index, character in enumerate(scanned):
        if character == "{":
            opening = index if depth == 0 else opening
            depth += 1
        elif character == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append((opening, index))
    return groups


def _depth(scanned: str, position: int) -> int:
    return scanned.count("{", 0, position) - scanned.count("}", 0, position)
