"""The gap catalogue: the governance rules of `shapes/governance.ttl`, run on the store.

Every answer row names the thing, says why it is a gap (the rule's message with labels) and lists
the sources whose named graphs state facts about the thing or the value involved. A row of a rule
about something missing also says whether the absence is established or only not recorded, with
the sources that cover the thing and how each was read (`samverkan.gaps.absence`).
"""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.gaps.absence import Covering, Status, absence_rules, coverage, status, words
from samverkan.gaps.cycles import RULE as CYCLE_RULE
from samverkan.gaps.cycles import cycle_findings
from samverkan.gaps.facts import Graphs, described_in
from samverkan.gaps.pinning import findings_about
from samverkan.gaps.unvalidated import made
from samverkan.knowledge.labels import labels
from samverkan.sparql.text import Term
from samverkan.store import Store
from samverkan.store.heap import collector_paused
from samverkan.validation.messages import render_message
from samverkan.validation.rules import SEVERITIES, Parameter, Rule, read_rules
from samverkan.validation.sparql_shapes import Finding, run_rule
from samverkan.vocabulary.namespaces import SAMID, SAMSH
from samverkan.vocabulary.terms import compact_iri, natural_key

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
FILTER_OPTIONS = ("actor", "framework", "goal-area")


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
    (result,) = _results(store, [rule], given, lang, about)
    return result


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
    given = {"as-of": as_of, "actor": actor, "framework": framework, "goal-area": goal_area}
    wanted = [option for option in FILTER_OPTIONS if given[option]]
    rules = [rule for rule in gap_rules(store) if all(rule.parameter(option) for option in wanted)]
    return _results(store, rules, given, lang, about)


def _results(
    store: Store, rules: list[Rule], given: dict[str, str | date | None], lang: str, about: str | None
) -> list[GapResult]:
    """The rules' findings, then the labels, sources and coverage of everything they name, read once."""
    with collector_paused():
        absences = absence_rules(store)
        runs = []
        for rule in rules:
            bindings, used = _bindings(rule, given)
            found = (
                _findings(store, rule, bindings)
                if about is None
                else findings_about(store, rule, bindings, about)
            )
            runs.append((rule, describe(rule, lang, absences), used, found))
        named = {iri for *_, found in runs for finding in found for iri in _named(finding)}
        sources = described_in(store, named)
        covered = {f.focus.value for _, entry, _, found in runs if entry.absence_rule for f in found}
        covering = coverage(store, covered, sources)
        read = {g for found in covering.values() for g in found} | {
            d for found in covering.values() for d in found.values() if d
        }
        names = labels(
            store, named | {g for graphs in sources.values() for g in graphs} | read, lang, scan=True
        )
        rows = _RowMaker(names, sources, covering, lang)
        return [
            GapResult(rule=entry, parameters=used, rows=rows.rows(entry, rule, found))
            for rule, entry, used, found in runs
        ]


def _bindings(rule: Rule, given: dict[str, str | date | None]) -> tuple[dict[str, Term], dict[str, str]]:
    """The rule's parameter bindings and the values used, by option; as-of is skipped where not taken."""
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
    return bindings, used


def _findings(store: Store, rule: Rule, bindings: dict[str, Term]) -> list[Finding]:
    """The rule's findings; DependencyCycle by a graph algorithm, not its property path (same rows)."""
    if rule.iri == CYCLE_RULE:
        return cycle_findings(store, rule, bindings)
    return run_rule(store, rule, bindings)


def _named(finding: Finding) -> list[str]:
    """The IRIs a finding names: its focus node and an IRI value."""
    value = finding.value
    return [finding.focus.value, value.value] if isinstance(value, ox.NamedNode) else [finding.focus.value]


class _RowMaker:
    """Rows from findings and the facts read for the whole report: one Ref per IRI, one list of cited sources
    per set of graphs and one Absence per set of covering sources (the things of one document share theirs).
    A rule's rows are sorted by keys made for that sort alone: the keys of every name, kept for the whole report
    (and by an lru_cache), were 37 MiB at 1M quads.
    A row is made without validation (`gaps.unvalidated`): its values are models and text made here."""

    def __init__(self, names: dict[str, str], sources: Graphs, covering: dict[str, Covering], lang: str):
        self.names = names
        self.sources = sources
        self.covering = covering
        self.lang = lang
        self.refs: dict[str, Ref] = {}
        self.absences: dict[tuple[tuple[tuple[str, str | None], ...], bool], Absence] = {}
        self.graph_tuples: dict[str, tuple[str, ...]] = {}
        self.citations: dict[tuple[tuple[str, ...], ...], list[Ref]] = {}

    def ref(self, term: Term) -> Ref:
        if isinstance(term, ox.Literal):
            return Ref(iri=None, label=term.value)
        return self.named(term.value)

    def named(self, iri: str) -> Ref:
        if (known := self.refs.get(iri)) is None:
            label = self.names[iri] if iri in self.names else compact_iri(iri)
            known = self.refs[iri] = Ref(iri=iri, label=label)
        return known

    def graphs(self, iri: str) -> tuple[str, ...]:
        """The graphs that describe the IRI, sorted (the same tuple for every row that names it)."""
        if (known := self.graph_tuples.get(iri)) is None:
            known = self.graph_tuples[iri] = tuple(sorted(self.sources.get(iri, ())))
        return known

    def cited(self, graphs: tuple[tuple[str, ...], ...]) -> list[Ref]:
        """The sources a row cites: the union of the graphs of the IRIs it names, sorted, made once per union
        (a row names ~25 graphs at 1M quads, and rows share them: 2M lookups of a graph's Ref made once each)."""
        if (known := self.citations.get(graphs)) is None:
            union = graphs[0] if len(graphs) == 1 else sorted({g for some in graphs for g in some})
            known = self.citations[graphs] = [self.named(g) for g in union]
        return known

    def absence(self, thing: str, settled: bool) -> Absence:
        key = (tuple(sorted(self.covering.get(thing, {}).items())), settled)
        if (known := self.absences.get(key)) is None:
            state = status(dict(key[0]), settled)
            known = self.absences[key] = Absence(
                status=state,
                label=words(state, self.lang)[0],
                covered_by=[
                    Reading(source=self.named(g), depth=self.named(d) if d else None) for g, d in key[0]
                ],
            )
        return known

    def rows(self, entry: GapRule, rule: Rule, findings: list[Finding]) -> list[GapRow]:
        template = rule.message(self.lang) or rule.description(self.lang)
        rows = []
        for finding in findings:
            thing = self.ref(finding.focus)
            value = self.ref(finding.value) if finding.value is not None else None
            rows.append(
                made(
                    GapRow,
                    {
                        "thing": thing,
                        "value": value,
                        "why": render_message(
                            template, {"this": thing.label, "value": value.label if value else ""}
                        ),
                        "sources": self.cited(tuple(self.graphs(iri) for iri in _named(finding))),
                        "absence": self.absence(finding.focus.value, entry.settled_by_full_reading)
                        if entry.absence_rule
                        else None,
                    },
                )
            )
        return sorted(
            rows,
            key=lambda row: (natural_key(row.thing.label), natural_key(row.value.label if row.value else "")),
        )


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
