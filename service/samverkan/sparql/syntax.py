"""Syntax errors in SPARQL told plainly: the position once, what was found there, what would work instead."""

from __future__ import annotations

import re

from samverkan.sparql.text import strip_strings_and_comments
from samverkan.vocabulary.namespaces import KIND_PREFIXES, PREFIXES, SAMID

_POSITION = re.compile(r"^\s*error at \d+:\d+:\s*")
_PREFIX = r"(?<![\w:?$\-.])([A-Za-z](?:[\w\-.]*[\w\-])?)?"
_PREFIXED_WITH_SLASH = re.compile(_PREFIX + r":([\w\-%]*)/([\w\-%]+)(?![\w\-%:])")
"""`samid:actor/digg`: a slash inside a local part (not a path `rdf:type/rdfs:label` between two names)."""
_PREFIXED_NAME = re.compile(_PREFIX + r":[\w\-%]*")
_DECLARATION = re.compile(r"PREFIX\s+([A-Za-z](?:[\w\-.]*[\w\-])?)?:", re.IGNORECASE)


def found_at(text: str, line: int, column: int) -> str:
    """The token at a 1-based line and column, or the next one after white space ('' at the end)."""
    rest = "\n".join(text.splitlines()[line - 1 :])[column - 1 :].lstrip()
    token = re.match(r"\S{0,40}", rest)
    return token.group(0) if token else ""


def expected(message: str) -> list[str]:
    """The keywords and punctuation the parser would have accepted (its character classes left out)."""
    head = _POSITION.sub("", message)
    if not head.startswith("expected"):
        return []
    body = head.removeprefix("expected").strip().removeprefix("one of").strip()
    items = [item.strip().strip('"') for item in body.split(", ")]
    return list(dict.fromkeys(i for i in items if i and i[0] not in "['|" and "\n" not in i and " " not in i))


def hint(text: str) -> str:
    """Advice for the two mistakes people make most with Samverkan IRIs, else the empty string."""
    code = strip_strings_and_comments(text)
    if slash := _PREFIXED_WITH_SLASH.search(code):
        name, kind, local = (group or "" for group in slash.groups())
        if PREFIXES.get(name) == SAMID and kind in KIND_PREFIXES:
            return (
                f"{slash.group(0)} is not a prefixed name (a slash cannot stand in its local part): write "
                f"{kind}:{local} with PREFIX {kind}: <{KIND_PREFIXES[kind]}>, or <{KIND_PREFIXES[kind]}{local}>"
            )
        return f"{slash.group(0)} is not a prefixed name (a slash cannot stand in its local part): write the full IRI"
    declared = {match.group(1) or "" for match in _DECLARATION.finditer(code)}
    for match in _PREFIXED_NAME.finditer(_DECLARATION.sub(" ", code)):
        name = match.group(1) or ""
        if name not in declared:
            where = PREFIXES.get(name, "…")
            return f"the prefix {name}: is not declared: add PREFIX {name}: <{where}>"
    return ""


def explain(text: str, line: int | None, column: int | None, message: str) -> str:
    """One readable message: where, what was found, what was expected, and a hint when one applies."""
    parts = []
    if line is not None and column is not None:
        found = found_at(text, line, column)
        parts.append(f"line {line}, column {column}: " + (f"found {found!r}" if found else "found the end"))
    if advice := hint(text):
        parts.append(advice)
    elif words := expected(message):
        parts.append(f"expected {' or '.join(words) if len(words) < 3 else 'one of ' + ', '.join(words)}")
    else:
        said = _POSITION.sub("", message).split("[", 1)[0].strip().rstrip(",")
        parts.append(said if said not in ("", "expected") else "not valid SPARQL here")
    return "; ".join(parts)
