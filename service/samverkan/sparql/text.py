"""Small, parser-free facts about SPARQL text: which form a query has, and safe term binding."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

_STRINGS_AND_IRIS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)
_COMMENT = re.compile(r"#[^\n]*")
_KEYWORD = r"(?<![\w:?$.-])({})(?![\w:-]|\.[\w-])"
"""A keyword standing alone: not part of a prefixed name (`ask:`, `ex:select`) or a variable (`?ask`)."""
_FORM = re.compile(_KEYWORD.format("SELECT|ASK|CONSTRUCT|DESCRIBE"), re.IGNORECASE)
_UPDATE_KEYWORD = re.compile(
    _KEYWORD.format("INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH"), re.IGNORECASE
)

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def strip_strings_and_comments(sparql: str) -> str:
    """The query with literals, IRIs and comments blanked (same length, so offsets hold), for scanning."""
    blanked = _STRINGS_AND_IRIS.sub(lambda m: " " * len(m.group(0)), sparql)
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), blanked)


def query_form(sparql: str) -> str:
    """`SELECT`, `ASK`, `CONSTRUCT` or `DESCRIBE`: the form of a query (default `SELECT`)."""
    match = _FORM.search(strip_strings_and_comments(sparql))
    return match.group(1).upper() if match else "SELECT"


def looks_like_update(sparql: str) -> bool:
    """Whether the text reads as a SPARQL Update rather than a query."""
    scanned = strip_strings_and_comments(sparql)
    update = _UPDATE_KEYWORD.search(scanned)
    form = _FORM.search(scanned)
    return update is not None and (form is None or update.start() < form.start())


def bind_variables(sparql: str, bindings: Mapping[str, Term]) -> str:
    """The query with variables pinned to terms by a VALUES block opening its outermost group.

    Being first in the WHERE group, the values are in scope for the group's BINDs and FILTERs.
    Terms are written by pyoxigraph in N-Triples syntax, which escapes them, so a hostile value
    stays a single term and cannot change the shape of the query.
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{_variable_name(name)}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    opening = strip_strings_and_comments(sparql).find("{")
    if opening < 0:
        raise ValueError("the query has no group pattern to bind variables in")
    block = f" VALUES ({names}) {{ ({terms}) }} "
    return sparql[: opening + 1] + block + sparql[opening + 1 :]


def _variable_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"not a SPARQL variable name: {name!r}")
    return name
