"""How the remote store speaks to a server: where it keeps the union default graph, and how it words requests."""

from __future__ import annotations

import re

from samverkan.sparql.text import strip_strings_and_comments
from samverkan.store.base import QueryDataset
from samverkan.store.union import BOOKKEEPING, UnionGraph, graph_filter

WORD = r"(?<![\w:?$.-]){}(?![\w:-])"
"""A keyword standing alone (not part of a prefixed name or a variable), to `format` with the keyword."""
GRAPH_VARIABLE = re.compile(WORD.format(r"GRAPH\s+([?$]\w+)\s*(?=\{)"), re.IGNORECASE)

Span = tuple[int, int]
"""The offsets of a group's opening and closing braces."""
Edit = tuple[int, int, str]
"""Replace the text from one offset to another (the same offset: insert)."""


class Dialect:
    """A SPARQL 1.1 server with a real default graph (`oxigraph serve` without `--union-default-graph`):
    the union is kept there, and requests go as they are, but for `GRAPH ?var` in a query, which keeps off
    the store's bookkeeping graphs (a remote write's backups are there while it runs, reads beside it)."""

    union = UnionGraph(not_sources=(BOOKKEEPING,))

    def query(self, sparql: str, dataset: QueryDataset | None) -> str:
        """The query as this server is to read it."""
        scanned = strip_strings_and_comments(sparql)
        return edited(sparql, hiding_graphs(scanned, [(0, len(scanned))], self.union.not_sources))

    def update(self, sparql: str) -> str:
        """The update as this server is to read it."""
        return sparql


def edited(sparql: str, edits: list[Edit]) -> str:
    """The text with the edits made (offsets into the text as it is)."""
    pieces, position = [], 0
    for start, end, text in sorted(edits, key=lambda edit: edit[:2]):
        pieces += [sparql[position:start], text]
        position = end
    return "".join([*pieces, sparql[position:]])


def hiding_graphs(scanned: str, spans: list[Span], hidden: tuple[str, ...]) -> list[Edit]:
    """After each `GRAPH ?var { … }` within the spans, a FILTER keeping ?var off the graphs whose IRIs start
    with one of `hidden`."""
    edits = []
    for match in GRAPH_VARIABLE.finditer(scanned):
        if any(start <= match.start() < end for start, end in spans):
            closing = _closing(scanned, scanned.index("{", match.end()))
            edits.append((closing + 1, closing + 1, f" {graph_filter(match.group(1), hidden)}"))
    return edits


def _closing(scanned: str, opening: int) -> int:
    """The offset of the brace closing the one at `opening` (the last character if none does)."""
    depth = 0
    for index in range(opening, len(scanned)):
        depth += {"{": 1, "}": -1}.get(scanned[index], 0)
        if depth == 0:
            return index
    return len(scanned) - 1
