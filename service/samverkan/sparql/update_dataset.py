"""The dataset a SPARQL Update request names (`using-graph-uri`, `using-named-graph-uri`), written into its text.

The protocol parameters mean the same as `USING` / `USING NAMED` clauses on every operation with a WHERE
clause; stores take them only as text, so they are added to each such operation. A request that
also names its dataset itself (`WITH`, `USING`) is refused, as the protocol requires.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from samverkan.sparql.text import strip_strings_and_comments

_WORD = re.compile(r"(?<![\w:?$.-])(WITH|USING|WHERE|DELETE|INSERT)(?![\w:-])", re.IGNORECASE)


class DatasetConflict(ValueError):
    """The request names a dataset both in the protocol and in the update text."""


def with_using(update: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...]) -> str:
    """The update with `USING` clauses for the given graphs before every operation's WHERE."""
    if not default_graphs and not named_graphs:
        return update
    clauses = " ".join(
        [f"USING {ox.NamedNode(g)}" for g in default_graphs]
        + [f"USING NAMED {ox.NamedNode(g)}" for g in named_graphs]
    )
    scanned = strip_strings_and_comments(update)
    edits: list[tuple[int, int, str]] = []
    previous: re.Match[str] | None = None
    for match, depth in _top_level_words(scanned):
        word = match.group(1).upper()
        if word in {"WITH", "USING"}:
            raise DatasetConflict(
                f"the update names its dataset with {word}: send no using-graph-uri/using-named-graph-uri"
            )
        if word == "WHERE" and depth == 0:
            if _directly_after_delete(scanned, previous, match):
                edits.append(_delete_where(update, scanned, match, clauses))
            else:
                edits.append((match.start(), match.start(), f"{clauses} "))
        previous = match
    for start, end, text in reversed(edits):
        update = update[:start] + text + update[end:]
    return update


def _top_level_words(scanned: str) -> list[tuple[re.Match[str], int]]:
    """Keyword matches with the brace depth they stand at."""
    words = []
    depth = 0
    position = 0
    for match in _WORD.finditer(scanned):
        segment = scanned[position : match.start()]
        depth += segment.count("{") - segment.count("}")
        position = match.start()
        words.append((match, depth))
    return words


def _directly_after_delete(scanned: str, previous: re.Match[str] | None, where: re.Match[str]) -> bool:
    """Whether WHERE follows DELETE with nothing between: the `DELETE WHERE` short form."""
    return (
        previous is not None
        and previous.group(1).upper() == "DELETE"
        and not scanned[previous.end() : where.start()].strip()
    )


def _delete_where(update: str, scanned: str, where: re.Match[str], clauses: str) -> tuple[int, int, str]:
    """`DELETE WHERE { P }` has no room for USING: it becomes `DELETE { P } USING … WHERE { P }`."""
    opening = scanned.find("{", where.end())
    depth = 0
    for index in range(opening, len(scanned)):
        depth += {"{": 1, "}": -1}.get(scanned[index], 0)
        if depth == 0:
            pattern = update[opening : index + 1]
            return where.start(), index + 1, f"{pattern} {clauses} WHERE {pattern}"
    return where.start(), where.start(), ""  # not closed: left for the store's parser to report
