"""How deeply a SPARQL request or a JSON document nests, read without a parser.

The query engine and the JSON-LD parser recurse once per level of `{`, `(` or `[` and overflow their
stack a few thousand levels down (the process dies), so the depth is measured before they see the
text. The scan skips strings, IRIs and comments the way the SPARQL grammar reads them, and it errs
on the deep side wherever the grammar allows two readings: `?x<a#b>` is an IRI in a triple pattern
but `?x < a` followed by a comment in an expression. After such a `<` the brackets on the rest of
the line count as opened but not as closed, and a reading in which a string would swallow later
lines is refused as ambiguous. SPARQL text is not unescaped first: the engine reads `\\u0028` as
those six characters outside strings and IRIs, not as `(`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "({["
CLOSERS = ")}]"
_SURE_BEFORE_IRI = "{([.;,"
"""A `<` right after one of these (or at the start) cannot be the less-than operator."""

_SPARQL_TOKEN = re.compile(
    r"'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''"
    r'|"""(?:(?:"|"")?(?:[^"\\]|\\[\s\S]))*"""'
    r"|'''|\"\"\""
    r"|'(?:[^'\\\r\n]|\\[^\r\n])*'"
    r'|"(?:[^"\\\r\n]|\\[^\r\n])*"'
    r"|#[^\r\n]*"
    r'|<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>'
    r"|['\"<(){}\[\]]"
)
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|["{}\[\]]', re.DOTALL)
_EXTERNAL_KEYWORD = re.compile(r"(?<![\w:?$])(?:SERVICE|LOAD)(?![\w:-])", re.IGNORECASE)
_LINE_END = re.compile(r"[\r\n]")


class AmbiguousText(ValueError):
    """The text reads two ways that the scan cannot both follow."""


@dataclass(frozen=True)
class SparqlScan:
    """What the scan of a query or update found."""

    depth: int
    """Deepest nesting of brackets, braces and parentheses (an upper bound)."""
    external_keywords: int
    """SERVICE and LOAD keywords outside strings, IRIs and comments."""


def scan_sparql(text: str) -> SparqlScan:
    """Nesting depth and SERVICE/LOAD keywords of SPARQL text; AmbiguousText when it cannot tell."""
    depth = deepest = keywords = 0
    uncertain_until = -1
    """Closing brackets before this offset may sit in a comment: they are not counted."""
    last = ""
    """The last character of code read (strings and IRIs count as `"`)."""
    position = 0
    while (match := _SPARQL_TOKEN.search(text, position)) is not None:
        start, token = match.start(), match.group()
        code = text[position:start]
        keywords += len(_EXTERNAL_KEYWORD.findall(code))
        last = code.rstrip()[-1:] or last
        position = match.end()
        uncertain = start < uncertain_until
        if token in OPENERS:
            depth += 1
            deepest = max(deepest, depth)
            last = token
        elif token in CLOSERS:
            depth = depth if uncertain else max(0, depth - 1)
            last = token
        elif token == "<":
            last = token
        elif token in {"'", '"', "'''", '"""'}:
            if not uncertain:
                return SparqlScan(deepest, keywords)  # an unterminated string: the parser stops here
            if len(token) == 3:
                raise AmbiguousText("a long string opens after an ambiguous '<' on the same line")
            position = uncertain_until  # only the reading with a comment to the line's end goes on
        elif token.startswith("<"):
            depth += sum(token.count(opener) for opener in OPENERS)
            deepest = max(deepest, depth)
            uncertain_until = max(uncertain_until, _ambiguity_end(text, token, position, last))
            last = '"'
        elif not token.startswith("#"):  # a whole string
            if uncertain and token[:3] in {"'''", '"""'} and position > uncertain_until:
                raise AmbiguousText("a long string opens after an ambiguous '<' on the same line")
            last = '"'
    keywords += len(_EXTERNAL_KEYWORD.findall(text[position:]))
    return SparqlScan(deepest, keywords)


def _ambiguity_end(text: str, iri: str, end: int, before: str) -> int:
    """Where the other reading of `<…>` (less-than, then a comment) ends: the line's end, or -1."""
    content = iri[1:-1]
    hidden = min((i for i in (content.find("#"), content.find("'")) if i >= 0), default=-1)
    if hidden < 0 or before in _SURE_BEFORE_IRI or "//" in content[:hidden]:
        return -1
    if content[hidden] == "'":
        raise AmbiguousText(
            f"{iri} may be an IRI or a comparison with a string; percent-encode the apostrophe"
        )
    line_end = _LINE_END.search(text, end)
    return line_end.start() if line_end else len(text)


def json_depth(text: str) -> int:
    """Deepest nesting of objects and arrays in JSON text (strings skipped)."""
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token == '"':
            break  # an unterminated string: the parser stops here
        if token in "{[":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "}]":
            depth = max(0, depth - 1)
    return deepest
