"""SHACL-SPARQL rules evaluated by the store's own SPARQL engine.

A rule's SELECT restates its target, so with `$this` left free it returns every focus node that
violates the rule, with the same meaning pySHACL gives it one focus node at a time. Parameters are
bound as terms through `Store.query(bindings=...)`, never spliced into the text; a set of focus
nodes (incremental validation) is a VALUES block on `$this` opening the WHERE group.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from samverkan.sparql.text import Term, strip_strings_and_comments
from samverkan.store import Store
from samverkan.validation.rules import Rule


@dataclass(frozen=True)
class Finding:
    """One solution of a rule: the focus node and, when the rule names one, the offending value."""

    focus: ox.NamedNode | ox.BlankNode
    value: Term | None


def run_rule(
    store: Store,
    rule: Rule,
    bindings: Mapping[str, Term] | None = None,
    focus: Collection[ox.NamedNode] | None = None,
) -> list[Finding]:
    """The findings of a SHACL-SPARQL rule on the store, in a stable order; only about `focus` if given."""
    if rule.query is None:
        raise ValueError(f"{rule.short_id} is not a SHACL-SPARQL rule")
    if focus is not None and not focus:
        return []
    query = rule.query if focus is None else focus_values(rule.query, focus)
    answer = store.query(query, bindings=bindings)
    assert isinstance(answer, ox.QuerySolutions)
    has_value = ox.Variable("value") in answer.variables
    findings = {Finding(solution["this"], solution["value"] if has_value else None) for solution in answer}
    return sorted(findings, key=lambda f: (str(f.focus), str(f.value)))


def focus_values(sparql: str, focus: Collection[ox.NamedNode]) -> str:
    """The query with `$this` restricted to the focus nodes by a VALUES block opening its WHERE group."""
    opening = strip_strings_and_comments(sparql).find("{")
    if opening < 0:
        raise ValueError("the query has no group pattern to restrict")
    return f"{sparql[: opening + 1]} {this_values(focus)} {sparql[opening + 1 :]}"


def this_values(focus: Iterable[ox.NamedNode]) -> str:
    """A VALUES block pinning `$this` to the focus nodes."""
    return f"VALUES ?this {{ {' '.join(str(node) for node in focus)} }}"
