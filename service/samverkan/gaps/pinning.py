"""A gap rule's query about one node: the variable pinned in every group that mentions it.

A VALUES block opening only the WHERE group restricts the answer but not the work: pyoxigraph still
evaluates an OPTIONAL's group over the whole graph (a hash join) before joining it with the one node,
45 ms per rule at 100k quads. Pinned in every group, each group starts from the node (under 1 ms).

This is the same query as long as the variable is bound before any OPTIONAL that mentions it, as in
the gap rules, whose SELECT restates its target first: an OPTIONAL's rows with another value were
never compatible, and a FILTER's EXISTS sees the variable already bound.

With the node pinned as the rule's `?value`, an OPTIONAL about `$this` alone is still evaluated over
the whole graph (0.4-0.8 s per rule at 1M quads). So `$this` is pinned too, to its candidates: the
focus nodes the rule's required triple patterns (its skeleton, read from the query's algebra) join
to the node. Every row of the rule satisfies its skeleton, so the candidates hold every focus node of
a row about the node, and pinning `$this` to them changes no row.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.paths import Path
from rdflib.term import BNode, Node, Variable

from samverkan.sparql.text import Term, strip_strings_and_comments
from samverkan.store import Store
from samverkan.validation.rules import Rule
from samverkan.validation.sparql_shapes import Finding, run_rule

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

_VALUES_DATA = re.compile(r"\bVALUES\b[^{]*\{", re.IGNORECASE)
_EXISTS = re.compile(r"\bEXISTS\s*\{", re.IGNORECASE)
_PROJECTION = re.compile(r"SELECT\s(.*?)\sWHERE\s*\{", re.IGNORECASE | re.DOTALL)
_GROUP_BY = re.compile(
    r"\bGROUP\s+BY\b(.*?)(?=\b(?:HAVING|ORDER|LIMIT|OFFSET|VALUES)\b|$)", re.IGNORECASE | re.DOTALL
)
MOST_CANDIDATES = 500
"""Focus nodes pinned at most: a hub's thousands cost more than they save (1.5 s against 1 s for a rule
at 1M quads, with 2,772), and pyoxigraph's planner overflows its stack on a few of them."""
VALUE_SLOT = "$$value$$"
"""Where a skeleton's patterns take the value (no SPARQL term looks like it)."""
_REQUIRED = {
    "Join": ("p1", "p2"),
    "LeftJoin": ("p1",),
    "Minus": ("p1",),
    "Filter": ("p",),
    "Extend": ("p",),
    "Group": ("p",),
    "AggregateJoin": ("p",),
    "Project": ("p",),
    "Distinct": ("p",),
    "Reduced": ("p",),
    "Slice": ("p",),
    "OrderBy": ("p",),
    "ToMultiSet": ("p",),
    "SelectQuery": ("p",),
}
"""The operands of an algebra node whose every solution a solution of the node extends."""


def pinned(sparql: str, variable: str, *terms: Term) -> str:
    """The query with `VALUES ?variable { terms }` opening every group that mentions `?variable`/`$variable`.

    The data blocks of VALUES already in the query are no groups and stay as they are; the group of an
    EXISTS is left too: it is evaluated for each solution with the variable already bound by it.
    """
    plain = strip_strings_and_comments(sparql)
    skipped = {match.end() - 1 for pattern in (_VALUES_DATA, _EXISTS) for match in pattern.finditer(plain)}
    mentions = re.compile(rf"[?$]{re.escape(variable)}\b")
    closing: dict[int, int] = {}
    opened: list[int] = []
    for offset, character in enumerate(plain):
        if character == "{":
            opened.append(offset)
        elif character == "}":
            closing[opened.pop()] = offset
    block = f" VALUES ?{variable} {{ {' '.join(str(term) for term in terms)} }} "
    parts, last = [], 0
    for start in sorted(closing):
        if start not in skipped and mentions.search(plain, start, closing[start]):
            parts += [sparql[last : start + 1], block]
            last = start + 1
    return "".join(parts) + sparql[last:]


def substituted(sparql: str, variable: str, term: Term) -> str:
    """The SELECT query with `?variable` replaced by `term` in the text (a substitution in the sense of
    SPARQL SEP-0007): projected as `(term AS ?variable)`, grouped by `(term)`.

    Written into every pattern, the term is where the engine starts, in every group.
    """
    plain = strip_strings_and_comments(sparql)
    projection = _PROJECTION.search(plain)
    if projection is None:
        raise ValueError("only a SELECT ... WHERE query is substituted")
    grouping = _GROUP_BY.search(plain, projection.end())
    parts, last = [], 0
    for mention in re.finditer(rf"[?$]{re.escape(variable)}\b", plain):
        if mention.start() < projection.end():
            by = f"({term} AS ?{variable})"
        elif grouping and grouping.start(1) <= mention.start() < grouping.end(1):
            by = f"({term})"
        else:
            by = str(term)
        parts += [sparql[last : mention.start()], by]
        last = mention.end()
    return "".join(parts) + sparql[last:]


def findings_about(store: Store, rule: Rule, bindings: dict[str, Term], about: str) -> list[Finding]:
    """The rule's findings about one IRI: with it as the focus node, or as the rule's `?value`.

    As the value, it is substituted, and `$this` pinned to the focus nodes the rule's skeleton joins
    to it (none: no row names it as the value), unless there are more than `MOST_CANDIDATES`.
    """
    assert rule.query is not None
    node = ox.NamedNode(about)
    found = set(run_rule(store, replace(rule, query=pinned(rule.query, "this", node)), bindings))
    if selects_value(rule.query):
        candidates = focus_candidates(store, rule.query, node)
        if candidates is None or candidates:
            query = substituted(rule.query, "value", node)
            if candidates is not None and len(candidates) <= MOST_CANDIDATES:
                query = pinned(query, "this", *candidates)
            found |= set(run_rule(store, replace(rule, query=query), bindings))
    return sorted(found, key=lambda f: (str(f.focus), str(f.value)))


def selects_value(sparql: str) -> bool:
    """Whether the query's SELECT projects `?value` (the offending value) besides `$this`."""
    projection = _PROJECTION.search(sparql)
    return projection is not None and re.search(r"[?$]value\b", projection.group(1)) is not None


def focus_candidates(store: Store, sparql: str, value: ox.NamedNode) -> list[Term] | None:
    """The focus nodes the query's skeleton joins to `?value`; None if the skeleton names no `$this`."""
    patterns = skeleton(sparql)
    if patterns is None:
        return None
    answer = store.query(f"SELECT DISTINCT ?this WHERE {{ {patterns.replace(VALUE_SLOT, str(value))} }}")
    assert isinstance(answer, ox.QuerySolutions)
    return sorted({solution["this"] for solution in answer}, key=str)


@cache
def skeleton(sparql: str) -> str | None:
    """The query's required triple patterns, `?value` written as `VALUE_SLOT` (None without `$this` and `?value`).

    The value is written into the patterns, not bound by VALUES, so the engine starts from it. rdflib's SPARQL
    parser is imported here, at the first use: importing it took about 6% of the service's start-up.
    """
    from rdflib.plugins.sparql import prepareQuery

    triples = _required_triples(prepareQuery(sparql).algebra)
    named = {term for triple in triples for term in triple if isinstance(term, Variable)}
    if not {Variable("this"), Variable("value")} <= named:
        return None
    return " .\n".join(" ".join(_n3(term) for term in triple) for triple in triples)


def _required_triples(node: CompValue) -> list[tuple[Node, Node, Node]]:
    """The triple patterns every solution of the algebra node matches (not those of OPTIONAL, UNION, EXISTS)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if node.name == "BGP":
        return [tuple(triple) for triple in node["triples"]]
    return [
        triple
        for operand in _REQUIRED.get(node.name, ())
        if isinstance(node.get(operand), CompValue)
        for triple in _required_triples(node[operand])
    ]


def _n3(term: Node) -> str:
    if term == Variable("value"):
        return VALUE_SLOT
    if isinstance(term, BNode):
        return f"?_skeleton_{term}"
    if isinstance(term, Path):
        return f"({term.n3()})"
    return str(term.n3())
