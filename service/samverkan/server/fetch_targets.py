"""What a query or update would fetch from elsewhere (SERVICE endpoints, LOAD sources), read from its parse tree.

rdflib's SPARQL parser (pyparsing) reads the text; prefixed names and relative IRIs are resolved
against the request's prologue and base. It recurses with the nesting: call it only on text whose
depth has been checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyparsing import ParseBaseException, ParseResults
from rdflib import URIRef, Variable
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Prologue


class UncheckableText(ValueError):
    """The parser could not read the text, so its targets are unknown."""


def fetch_targets(text: str, *, update: bool, base_iri: str | None = None) -> list[tuple[str, str]]:
    """(`SERVICE` or `LOAD`, target) for each fetch in the text; a variable target reads `?name`."""
    try:
        requests: list[tuple[ParseResults, object]]
        if update:
            unit = parser.UpdateUnit.parse_string(text, parse_all=True)[0]
            requests = list(zip(unit.prologue, unit.request or [], strict=False))
        else:
            tree = parser.Query.parse_string(text, parse_all=True)
            requests = [(tree[0], tree[1])]
        targets: list[tuple[str, str]] = []
        prologue: Prologue | None = None
        for declarations, request in requests:
            prologue = translatePrologue(declarations, base_iri, None, prologue)
            targets.extend((keyword, _resolve(term, prologue)) for keyword, term in _fetches(request))
        return targets
    except ParseBaseException as error:
        raise UncheckableText(f"line {error.lineno}, column {error.col}: {error.msg}") from error
    except RecursionError as error:
        raise UncheckableText("it nests too deeply for the SERVICE/LOAD check") from error
    except Exception as error:  # an undeclared prefix and the like: rdflib raises plain exceptions
        raise UncheckableText(str(error)) from error


def _fetches(tree: object) -> Iterator[tuple[str, object]]:
    """Every SERVICE term and LOAD source in a parse tree, walked without recursion."""
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                yield "SERVICE", dict.get(node, "term")
            elif node.name == "Load":
                yield "LOAD", dict.get(node, "iri")
            pending.extend(dict.values(node))
        elif isinstance(node, ParseResults | list | tuple):
            pending.extend(node)


def _resolve(term: object, prologue: Prologue) -> str:
    if isinstance(term, Variable):
        return f"?{term}"
    if isinstance(term, URIRef | CompValue):
        return str(prologue.absolutize(term))
    raise UncheckableText(f"an unexpected target {term!r}")
