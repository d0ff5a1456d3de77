"""The gap catalogue: the governance rules of `shapes/governance.ttl`, run on the store.

Every answer row names the thing, says why it is a gap (the rule's message with labels) and lists
the sources whose named graphs state facts about the thing or the value involved. A row of a rule
about something missing also says whether the absence is established or only not recorded, with
the sources that cover the thing and how each was read (`samverkan.gaps.absence`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.gaps.absence import Status, absence_rules, coverage, status, words
from samverkan.gaps.cycles import RULE as CYCLE_RULE
from samverkan.gaps.cycles import cycle_findings
from samverkan.gaps.pinning import pinned
from samverkan.knowledge.labels import labels, values_terms
from samverkan.sparql.text import Term
from samverkan.store import Store
from samverkan.validation.messages import render_message
from samverkan.validation.rules import SEVERITIES, Parameter, Rule, read_rules
from samverkan.validation.sparql_shapes import Finding, run_rule
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SAMID, SAMSH, SHAPES_GRAPH
from samverkan.vocabulary.terms import compact_iri, natural_key

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
FILTER_OPTIONS = ("actor", "framework", "goal-area")
_PROJECTION = re.compile(r"SELECT\s(.*?)\sWHERE\s*\{", re.IGNORECASE | re.DOTALL)
_SOURCES = """SELECT DISTINCT ?s ?g WHERE {{
    VALUES ?s {{ {terms} }}
    GRAPH ?g {{ ?s ?p ?o }}
    FILTER(?g NOT IN ({ontology}, {shapes}))
}}"""


class UnknownGap(LookupError):
    """No gap rule has this id."""


class Ref(BaseModel):
    """A resource (or a literal value) with its label."""

    iri: str | None = None
    label: str


class ParameterInfo(BaseModel):
    option: str
    label: str
    kind: str
    """`date` or `iri` (an IRI, or a slug under https://w3id.org/samverkan/id/{option}/)."""


class GapRule(BaseModel):
    """One entry of the catalogue."""

    id: str
    short_id: str
    name: str
    description: str
    severity: str
    parameters: list[ParameterInfo]
    query: str
    absence_rule: bool = False
    """The rule reports something missing: its rows say whether the absence is established."""
    settled_by_full_reading: bool = False
    """A full reading of the sources that cover the thing can establish the absence."""


class Reading(BaseModel):
    """A source that covers the thing, and how it was read (None: the source does not say)."""

    source: Ref
    depth: Ref | None = None


class Absence(BaseModel):
    """Whether the absence a row reports is established or only not recorded (`label`: in words)."""

    status: Status
    label: str
    covered_by: list[Reading]


class GapRow(BaseModel):
    thing: Ref
    value: Ref | None = None
    why: str
    sources: list[Ref]
    absence: Absence | None = None
    """Only on rows of rules about something missing (`GapRule.absence_rule`)."""


class GapResult(BaseModel):
    rule: GapRule
    parameters: dict[str, str]
    rows: list[GapRow]


def gap_rules(store: Store) -> list[Rule]:
    """The gap rules, most severe first, then by id."""
    rules = [rule for rule in read_rules(store).values() if rule.is_gap]
    return sorted(rules, key=lambda r: (SEVERITIES.index(r.severity), r.short_id))


def describe(rule: Rule, lang: str, absences: dict[str, bool]) -> GapRule:
    """The catalogue entry of a rule in a language; `absences` as `absence_rules` gives them."""
    assert rule.query is not None
    return GapRule(
        id=rule.iri,
        short_id=rule.short_id,
        name=rule.name(lang),
        description=rule.description(lang),
        severity=rule.severity,
        parameters=[
            ParameterInfo(
                option=p.option,
                label=p.labels.get(lang) or p.option,
                kind="date" if p.is_date else "iri",
            )
            for p in rule.parameters
        ],
        query=rule.query,
        absence_rule=rule.iri in absences,
        settled_by_full_reading=absences.get(rule.iri, False),
    )


def catalogue(store: Store, lang: str = "sv") -> list[GapRule]:
    absences = absence_rules(store)
    return [describe(rule, lang, absences) for rule in gap_rules(store)]


def find_rule(rules: list[Rule], gap_id: str) -> Rule:
    """A rule by IRI or short id (`GoalWithoutAccountableActor`)."""
    for rule in rules:
        if gap_id in {rule.iri, rule.short_id, f"samsh:{rule.short_id}"}:
            return rule
    raise UnknownGap(f"no gap rule {gap_id!r}")


def parameter_term(parameter: Parameter, value: str | date) -> Term:
    """A parameter value as an RDF term: a date, an IRI, or a slug under samid:{option}/."""
    if parameter.is_date:
        day = value if isinstance(value, date) else date.fromisoformat(value.strip())
        return ox.Literal(day.isoformat(), datatype=XSD_DATE)
    text = str(value).strip()
    iri = text if text.startswith(("http://", "https://")) else f"{SAMID}{parameter.option}/{text}"
    return ox.NamedNode(iri)


def run_gap(
    store: Store,
    gap_id: str,
    as_of: str | date | None = None,
    actor: str | None = None,
    framework: str | None = None,
    goal_area: str | None = None,
    lang: str = "sv",
    rules: list[Rule] | None = None,
    about: str | None = None,
) -> GapResult:
    """Run one gap rule; a filter the rule does not take is an error (ValueError).

    With `about` (an IRI), only the rows that name it, as the thing or as the value.
    """
    rule = find_rule(rules if rules is not None else gap_rules(store), gap_id)
    given = {"as-of": as_of, "actor": actor, "framework": framework, "goal-area": goal_area}
    bindings: dict[str, Term] = {}
    used: dict[str, str] = {}
    for option, value in given.items():
        if value is None or value == "":
            continue
        parameter = rule.parameter(option)
        if parameter is None:
            if option == "as-of":
                continue
            raise ValueError(f"{rule.short_id} does not take the parameter {option!r}")
        term = parameter_term(parameter, value)
        bindings[parameter.variable] = term
        used[option] = term.value
    findings = _findings(store, rule, bindings) if about is None else _about(store, rule, bindings, about)
    entry = describe(rule, lang, absence_rules(store))
    return GapResult(rule=entry, parameters=used, rows=_rows(store, entry, rule, findings, lang))


def gap_report(
    store: Store,
    as_of: str | date | None = None,
    actor: str | None = None,
    framework: str | None = None,
    goal_area: str | None = None,
    lang: str = "sv",
    about: str | None = None,
) -> list[GapResult]:
    """Every gap rule that takes the given filters (actor, framework, goal area), run once;
    with `about`, only the rows that name that IRI."""
    filters = {"actor": actor, "framework": framework, "goal-area": goal_area}
    wanted = [option for option, value in filters.items() if value]
    rules = gap_rules(store)
    return [
        run_gap(store, rule.iri, as_of, actor, framework, goal_area, lang, rules, about)
        for rule in rules
        if all(rule.parameter(option) for option in wanted)
    ]


def _findings(store: Store, rule: Rule, bindings: dict[str, Term]) -> list[Finding]:
    """The rule's findings; DependencyCycle by a graph algorithm, not its property path (same rows)."""
    if rule.iri == CYCLE_RULE:
        return cycle_findings(store, rule, bindings)
    return run_rule(store, rule, bindings)


def _about(store: Store, rule: Rule, bindings: dict[str, Term], about: str) -> list[Finding]:
    """The rule's findings about one IRI: with it as the focus node, or as the rule's `?value`."""
    assert rule.query is not None
    node = ox.NamedNode(about)
    found = set(run_rule(store, replace(rule, query=pinned(rule.query, "this", node)), bindings))
    if _selects_value(rule):
        found |= set(run_rule(store, replace(rule, query=pinned(rule.query, "value", node)), bindings))
    return sorted(found, key=lambda f: (str(f.focus), str(f.value)))


def _selects_value(rule: Rule) -> bool:
    """Whether the rule's SELECT projects `?value` (the offending value) besides `$this`."""
    assert rule.query is not None
    projection = _PROJECTION.search(rule.query)
    return projection is not None and re.search(r"[?$]value\b", projection.group(1)) is not None


def _rows(store: Store, entry: GapRule, rule: Rule, findings: list[Finding], lang: str) -> list[GapRow]:
    subjects = {f.focus.value for f in findings} | {
        f.value.value for f in findings if isinstance(f.value, ox.NamedNode)
    }
    sources = _sources(store, subjects)
    covering = coverage(store, {f.focus.value for f in findings}) if entry.absence_rule else {}
    read = {g for found in covering.values() for g in found} | {
        d for found in covering.values() for d in found.values() if d
    }
    names = labels(store, subjects | {g for graphs in sources.values() for g in graphs} | read, lang)
    template = rule.message(lang) or rule.description(lang)

    def ref(term: Term) -> Ref:
        if isinstance(term, ox.Literal):
            return Ref(label=term.value)
        return Ref(iri=term.value, label=names.get(term.value, compact_iri(term.value)))

    def absence(thing: str) -> Absence | None:
        if not entry.absence_rule:
            return None
        found = covering.get(thing, {})
        state = status(found, entry.settled_by_full_reading)
        return Absence(
            status=state,
            label=words(state, lang)[0],
            covered_by=[
                Reading(source=ref(ox.NamedNode(g)), depth=ref(ox.NamedNode(d)) if d else None)
                for g, d in sorted(found.items())
            ],
        )

    rows = []
    for finding in findings:
        thing = ref(finding.focus)
        value = ref(finding.value) if finding.value is not None else None
        involved = [finding.focus.value] + (
            [finding.value.value] if isinstance(finding.value, ox.NamedNode) else []
        )
        graphs = sorted({g for s in involved for g in sources.get(s, ())})
        rows.append(
            GapRow(
                thing=thing,
                value=value,
                why=render_message(template, {"this": thing.label, "value": value.label if value else ""}),
                sources=[Ref(iri=g, label=names.get(g, compact_iri(g))) for g in graphs],
                absence=absence(finding.focus.value),
            )
        )
    return sorted(
        rows,
        key=lambda row: (natural_key(row.thing.label), natural_key(row.value.label if row.value else "")),
    )


def _sources(store: Store, subjects: set[str]) -> dict[str, set[str]]:
    """The named graphs (sources) in which each subject is described."""
    if not subjects:
        return {}
    query = _SOURCES.format(
        terms=values_terms(sorted(subjects)),
        ontology=ox.NamedNode(ONTOLOGY_GRAPH),
        shapes=ox.NamedNode(SHAPES_GRAPH),
    )
    answer = store.query(query)
    assert isinstance(answer, ox.QuerySolutions)
    found: dict[str, set[str]] = {}
    for solution in answer:
        found.setdefault(solution["s"].value, set()).add(solution["g"].value)
    return found


__all__ = [
    "SAMSH",
    "Absence",
    "GapResult",
    "GapRow",
    "GapRule",
    "Reading",
    "UnknownGap",
    "catalogue",
    "gap_report",
    "run_gap",
]
