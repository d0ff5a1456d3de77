"""The fast gap rules give the rows the former ones gave: every shape fixture, the gap fixtures, 10k synthetic.

GoalWithoutAccountableActor and OnlyAccountableActorCeased were rewritten set-based (one anti-join and a
count per goal instead of a NOT EXISTS inside a NOT EXISTS per focus node), DependencyWithoutResponsibility
with an anti-join from the thing, ResponsibilityWithoutMandate with the link to the actor in an EXISTS of
its own, ResponsibilityWithoutFunding with the zero-length case of its `*` path apart from a `+` path; their
former SELECTs are kept here as the reference. DependencyCycle runs in the gap report as strongly connected components; its
reference is the shape's own SPARQL, which the validator still runs. Parameters: several reference dates,
and the actor parameter on the synthetic graph's hub, its ceased agency and a node on a cycle.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from samverkan.bench.synthetic import CEASED_HUB, generate
from samverkan.gaps.catalogue import gap_rules
from samverkan.gaps.cycles import cycle_findings
from samverkan.sparql.text import Term
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.rules import Rule
from samverkan.validation.sparql_shapes import Finding, run_rule

TESTS = Path(__file__).resolve().parents[1]
FIXTURES = sorted((TESTS / "shapes" / "fixtures").glob("*.*")) + sorted(
    (TESTS / "fixtures" / "gaps").glob("*")
)
FORMATS = {".trig": ox.RdfFormat.TRIG, ".ttl": ox.RdfFormat.TURTLE}
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
ACTOR = "https://w3id.org/samverkan/id/actor/"
TEST = "https://w3id.org/samverkan/id/test/"
DATES = [None, "2018-12-31", "2019-01-01", "2019-11-27", "2020-12-31", "2021-01-01", "2030-01-01"]
ACCOUNTABLE = "<https://w3id.org/samverkan/id/role/accountable>"
FORMER = {
    "GoalWithoutAccountableActor": f"""SELECT DISTINCT $this WHERE {{
        $this a sam:Goal .
        BIND(COALESCE(?asOfParameter, STRDT(SUBSTR(STR(NOW()), 1, 10), xsd:date)) AS ?asOf)
        FILTER(!BOUND(?goalAreaParameter) || EXISTS {{ $this sam:inGoalArea ?goalAreaParameter }})
        FILTER NOT EXISTS {{
            $this sam:accountableActor ?actor .
            FILTER NOT EXISTS {{ ?ended sam:responsibilityFor $this ; sam:actor ?actor ;
                sam:role {ACCOUNTABLE} ; sam:validUntil ?until . FILTER(?until < ?asOf) }}
            FILTER NOT EXISTS {{ ?later sam:responsibilityFor $this ; sam:actor ?actor ;
                sam:role {ACCOUNTABLE} ; sam:validFrom ?from . FILTER(?from > ?asOf) }}
        }}
    }}""",
    "OnlyAccountableActorCeased": f"""SELECT DISTINCT $this ?value WHERE {{
        $this sam:accountableActor ?value .
        BIND(COALESCE(?asOfParameter, STRDT(SUBSTR(STR(NOW()), 1, 10), xsd:date)) AS ?asOf)
        FILTER(!BOUND(?actorParameter) || ?value = ?actorParameter)
        FILTER(!BOUND(?goalAreaParameter) || EXISTS {{ $this sam:inGoalArea ?goalAreaParameter }})
        FILTER(EXISTS {{ ?value sam:dissolutionDate ?end . FILTER(?end <= ?asOf) }}
            || EXISTS {{ ?change org:originalOrganization ?value ; dcterms:date ?changed . FILTER(?changed <= ?asOf) }})
        FILTER NOT EXISTS {{ ?value dcterms:isReplacedBy ?successor }}
        FILTER NOT EXISTS {{ ?change2 org:originalOrganization ?value ; org:resultingOrganization ?successor2 }}
        OPTIONAL {{ ?ended sam:responsibilityFor $this ; sam:actor ?value ;
            sam:role {ACCOUNTABLE} ; sam:validUntil ?until . FILTER(?until < ?asOf) }}
        FILTER(!BOUND(?ended))
        FILTER NOT EXISTS {{
            $this sam:accountableActor ?other .
            FILTER(?other != ?value)
            FILTER NOT EXISTS {{ ?ended2 sam:responsibilityFor $this ; sam:actor ?other ;
                sam:role {ACCOUNTABLE} ; sam:validUntil ?until2 . FILTER(?until2 < ?asOf) }}
            FILTER NOT EXISTS {{ ?later2 sam:responsibilityFor $this ; sam:actor ?other ;
                sam:role {ACCOUNTABLE} ; sam:validFrom ?from2 . FILTER(?from2 > ?asOf) }}
        }}
    }}""",
    "DependencyWithoutResponsibility": """SELECT DISTINCT $this ?value WHERE {
        $this a sam:Dependency ; sam:dependent ?dependent ; sam:dependsOnActor ?value .
        OPTIONAL { $this sam:dependencyFor ?purpose }
        BIND(COALESCE(?purpose, ?dependent) AS ?thing)
        FILTER(!BOUND(?actorParameter) || ?value = ?actorParameter)
        FILTER NOT EXISTS { ?thing sam:accountableActor|sam:involvedActor ?value }
        FILTER NOT EXISTS { ?responsibility sam:actor ?value ; sam:responsibilityFor ?thing }
    }""",
    "ResponsibilityWithoutMandate": """SELECT DISTINCT $this ?value WHERE {
        $this a sam:Responsibility ; sam:actor ?value ; sam:role ?role .
        FILTER(?role IN (<https://w3id.org/samverkan/id/role/accountable>,
            <https://w3id.org/samverkan/id/role/responsible>))
        BIND(COALESCE(?asOfParameter, STRDT(SUBSTR(STR(NOW()), 1, 10), xsd:date)) AS ?asOf)
        FILTER(!BOUND(?actorParameter) || ?value = ?actorParameter)
        FILTER NOT EXISTS { $this sam:validUntil ?until . FILTER(?until < ?asOf) }
        FILTER NOT EXISTS { $this sam:validFrom ?from . FILTER(?from > ?asOf) }
        FILTER NOT EXISTS { $this sam:mandate ?mandate }
        FILTER NOT EXISTS { $this sam:responsibilityFor ?task . ?task sam:assignee|sam:party|sam:appliesTo ?value }
    }""",
    "ResponsibilityWithoutFunding": """SELECT DISTINCT $this ?value WHERE {
        $this a sam:Responsibility ; sam:actor ?actor ; sam:role ?role .
        FILTER(?role IN (<https://w3id.org/samverkan/id/role/accountable>,
            <https://w3id.org/samverkan/id/role/responsible>))
        $this (sam:responsibilityFor|sam:mandate)/sam:funding ?value .
        BIND(COALESCE(?asOfParameter, STRDT(SUBSTR(STR(NOW()), 1, 10), xsd:date)) AS ?asOf)
        FILTER(!BOUND(?actorParameter) || ?actor = ?actorParameter)
        FILTER NOT EXISTS { $this sam:validUntil ?until . FILTER(?until < ?asOf) }
        FILTER NOT EXISTS { $this sam:validFrom ?from . FILTER(?from > ?asOf) }
        FILTER NOT EXISTS { $this sam:funding ?own }
        FILTER NOT EXISTS { ?value ^sam:partOfFunding*/sam:recipient ?actor }
    }""",
}


@pytest.fixture(scope="module")
def rules(project_store: Store) -> dict[str, Rule]:
    return {rule.short_id: rule for rule in gap_rules(project_store)}


@pytest.fixture(scope="module")
def synthetic() -> Store:
    store = EmbeddedStore()
    store.load("".join(generate(10_000)), ox.RdfFormat.N_QUADS)
    return store


def fixture_store(path: Path) -> Store:
    store = EmbeddedStore()
    store.load(path.read_bytes(), FORMATS[path.suffix], "https://w3id.org/samverkan/id/test/fixture")
    return store


def former(rule: Rule) -> Rule:
    """The rule with its former SELECT (the prefixes of the rule's own query)."""
    assert rule.query is not None
    prefixes = rule.query[: rule.query.index("SELECT")]
    return Rule(**{**rule.__dict__, "query": prefixes + FORMER[rule.short_id]})


def bindings(rule: Rule, as_of: str | None, actor: str | None = None) -> dict[str, Term]:
    """The reference date and actor as the rule's parameters (those it takes)."""
    given = {"as-of": ox.Literal(as_of, datatype=ox.NamedNode(XSD_DATE)) if as_of else None}
    given["actor"] = ox.NamedNode(actor) if actor else None
    return {
        parameter.variable: given[parameter.option]
        for parameter in rule.parameters
        if given.get(parameter.option) is not None
    }


def assert_same_rows(store: Store, rules: dict[str, Rule], actors: list[str | None]) -> dict[str, int]:
    """Current and former rules agree at every date and actor; the number of rows compared per rule."""
    compared = dict.fromkeys([*FORMER, "DependencyCycle"], 0)
    for name in FORMER:
        for as_of in DATES:
            for actor in actors:
                given = bindings(rules[name], as_of, actor)
                now = run_rule(store, rules[name], given)
                assert now == run_rule(store, former(rules[name]), given), (name, as_of, actor)
                compared[name] += len(now)
    for actor in actors:
        given = bindings(rules["DependencyCycle"], None, actor)
        cycles: list[Finding] = cycle_findings(store, rules["DependencyCycle"], given)
        assert cycles == run_rule(store, rules["DependencyCycle"], given), actor
        compared["DependencyCycle"] += len(cycles)
    return compared


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_same_rows_on_every_fixture(path: Path, rules: dict[str, Rule]) -> None:
    compared = assert_same_rows(fixture_store(path), rules, [None])
    name = path.name.split(".")[0]
    if path.name.endswith(f"{name}.fail{path.suffix}") and name in compared:
        assert compared[name], f"{name} has rows on its failing fixture"


def test_same_rows_on_the_synthetic_graph(synthetic: Store, rules: dict[str, Rule]) -> None:
    hub, ceased = f"{ACTOR}syn-agency-001", f"{ACTOR}syn-agency-{CEASED_HUB:03d}"
    on_cycle = cycle_findings(synthetic, rules["DependencyCycle"], {})
    assert on_cycle, "the synthetic graph has dependency cycles"
    compared = assert_same_rows(synthetic, rules, [None, hub, ceased, on_cycle[0].focus.value])
    assert all(compared.values()), compared


def test_funding_reached_at_any_depth(rules: dict[str, Rule]) -> None:
    """The actor receiving the money or a part of a part of it has no row; receiving none, even in a cycle of parts, has."""
    store = fixture_store(TESTS / "fixtures" / "gaps" / "funding-chains.trig")
    found = run_rule(store, rules["ResponsibilityWithoutFunding"])
    assert sorted(f.focus.value.removeprefix(TEST) for f in found) == ["cycle-resp", "others-resp"]
