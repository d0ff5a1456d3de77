"""A synthetic national-scale graph shaped like the curated data, deterministic by seed.

The actors are fixed at national proportions (290 municipalities, 21 regions, 21 county
administrative boards, 350 state agencies, companies, associations, the government and the
Government Offices) and described in one actor-register source. A framework of principles is a
second source. Then one named graph per source document is added until the graph reaches the
asked size: each document states a strategy with goal areas and goals, recommendations,
assignments with deadlines and funding, qualified responsibilities with RACI roles and
dependencies. Dependencies pick agencies by a skewed weight, so a few agencies are hubs.

Shares are chosen so that every gap rule has rows (see `SHARES`): goals without or with several
accountable actors, responsibilities without mandate or funding, assignments past their deadline
without a report, dissolved actors without successor, single points of failure, dependency cycles,
principles nothing realises. A few recommendations lack an English label, so integrity validation
reports Violations too. Every resource is labelled "(syntetisk)"/"(synthetic)": no real facts.

The output is N-Quads, one line per quad, the same bytes for the same size and seed; it stops at
the first document boundary at or past the asked number of quads.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.vocabulary.namespaces import PREFIXES, SAM, SAMID

RDF_TYPE = f"<{PREFIXES['rdf']}type>"
LABEL = f"<{PREFIXES['rdfs']}label>"
PREF_LABEL = f"<{PREFIXES['skos']}prefLabel>"
XSD = PREFIXES["xsd"]
DCT = PREFIXES["dcterms"]
ROLES = ("accountable", "responsible", "contributes", "consulted", "informed")

ACTOR_KINDS: dict[str, tuple[str, int]] = {
    # slug prefix: (class, count)
    "municipality": ("Municipality", 290),
    "region": ("Region", 21),
    "county-administrative-board": ("CountyAdministrativeBoard", 21),
    "agency": ("StateAgency", 350),
    "company": ("Company", 60),
    "association": ("Association", 4),
    "government": ("Government", 1),
    "government-office": ("GovernmentOffice", 1),
}
COUNTIES = 21
PRINCIPLES = 12
CEASED_HUB = 4
"""Index of a frequently drawn agency that has ceased without successor (OnlyAccountableActorCeased)."""

SHARES = {
    "goal_without_accountable": 0.15,
    "goal_with_two_accountable": 0.08,
    "accountable_ended": 0.04,
    "responsibility_on_mandate": 0.55,
    "recommendation_owned": 0.65,
    "assignment_reported": 0.5,
    "assignment_funded": 0.4,
    "funding_to_assignee": 0.7,
    "goal_realises_principle": 0.5,
    "agency_dissolved": 0.03,
    "dissolved_with_successor": 0.3,
    "document_with_actor_dependency": 0.3,
    "document_with_cycle": 0.04,
    "recommendation_without_english_label": 0.02,
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def iri(path: str) -> str:
    """An N-Triples IRI under samid:."""
    return f"<{SAMID}{path}>"


def sam(name: str) -> str:
    return f"<{SAM}{name}>"


def text(value: str, lang: str | None = None) -> str:
    return f'"{_escape(value)}"@{lang}' if lang else f'"{_escape(value)}"'


def typed(value: str | int, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def luhn_number(serial: int) -> str:
    """A valid Swedish organisation number NNNNNN-NNNN (Luhn check digit) from a serial."""
    digits = f"202{serial:06d}"
    total = 0
    for position, digit in enumerate(digits):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return f"{digits[:6]}-{digits[6:]}{(10 - total % 10) % 10}"


@dataclass
class _Graph:
    """Quads of one named graph, written as N-Quads lines."""

    name: str
    lines: list[str] = field(default_factory=list)

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj} {self.name} .\n")

    def labelled(self, subject: str, kind: str, sv: str, en: str | None, locator: str) -> None:
        """A typed resource with its labels and the locator every subject of a source carries."""
        self.add(subject, RDF_TYPE, sam(kind))
        self.add(subject, LABEL, text(f"{sv} (syntetisk)", "sv"))
        if en is not None:
            self.add(subject, LABEL, text(f"{en} (synthetic)", "en"))
        self.add(subject, sam("locator"), text(locator))


class _Picker:
    """Draws actors; agencies by a skewed weight (rank^-0.9), so that a few become hubs."""

    def __init__(self, rng: random.Random, actors: dict[str, list[str]]):
        self.rng = rng
        self.actors = actors
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(actors["agency"]))]
        self._cumulative = list(itertools.accumulate(weights))

    def agency(self) -> str:
        point = self.rng.random() * self._cumulative[-1]
        return self.actors["agency"][bisect.bisect(self._cumulative, point)]

    def any_actor(self) -> str:
        kind = self.rng.choices(("agency", "municipality", "region", "company"), (6, 2, 1, 1))[0]
        return self.agency() if kind == "agency" else self.rng.choice(self.actors[kind])


def actor_iris() -> dict[str, list[str]]:
    """The actor IRIs by kind (slug prefix), the same for every seed."""
    return {
        kind: [iri(f"actor/syn-{kind}-{n:03d}") for n in range(1, count + 1)]
        for kind, (_, count) in ACTOR_KINDS.items()
    }


def _source(graph: _Graph, sv: str, en: str, publisher: str, issued: str) -> None:
    graph.labelled(graph.name, "SourceDocument", sv, en, "Title page")
    graph.add(graph.name, sam("readingDepth"), iri("reading-depth/full-text"))
    graph.add(graph.name, f"<{DCT}title>", text(sv, "sv"))
    graph.add(graph.name, f"<{DCT}publisher>", publisher)
    graph.add(graph.name, f"<{DCT}issued>", typed(issued, "date"))


def _register(rng: random.Random, actors: dict[str, list[str]]) -> _Graph:
    """The actor register: counties, every actor with kind, labels, codes and org numbers."""
    graph = _Graph(iri("source/syn-actor-register"))
    _source(graph, "Aktörsregister", "Actor register", actors["government"][0], "2020-01-01")
    counties = [iri(f"county/syn-{n:02d}") for n in range(1, COUNTIES + 1)]
    for n, county in enumerate(counties, 1):
        graph.labelled(county, "County", f"Län {n:02d}", f"County {n:02d}", f"County {n:02d}")
        graph.add(county, sam("countyCode"), text(f"{n:02d}"))
    serial = itertools.count(1)
    for kind, (cls, _) in ACTOR_KINDS.items():
        for n, actor in enumerate(actors[kind], 1):
            name, row = f"{cls} {n:03d}", next(serial)
            graph.labelled(actor, cls, name, name, f"Row {row}")
            if kind == "municipality":
                code = (n - 1) % COUNTIES + 1
                graph.add(actor, sam("municipalityCode"), text(f"{code:02d}{(n - 1) // COUNTIES + 10:02d}"))
                graph.add(actor, sam("inCounty"), counties[code - 1])
            elif kind in {"region", "county-administrative-board"}:
                graph.add(actor, sam("countyCode"), text(f"{n:02d}"))
                graph.add(actor, sam("inCounty"), counties[n - 1])
            elif kind in {"agency", "company"}:
                graph.add(actor, sam("organisationNumber"), text(luhn_number(row)))
    agencies = actors["agency"]
    for n, agency in enumerate(agencies):
        if n == CEASED_HUB or (n >= 10 and rng.random() < SHARES["agency_dissolved"]):
            graph.add(agency, sam("dissolutionDate"), typed(f"{rng.randint(2010, 2020)}-12-31", "date"))
            if n != CEASED_HUB and rng.random() < SHARES["dissolved_with_successor"]:
                graph.add(agency, f"<{DCT}isReplacedBy>", agencies[rng.randrange(n)])
    return graph


def _framework(actors: dict[str, list[str]]) -> tuple[_Graph, list[str]]:
    graph = _Graph(iri("source/syn-framework"))
    _source(graph, "Ramverk", "Framework", actors["agency"][0], "2019-06-01")
    scheme = iri("framework/syn-framework")
    graph.add(scheme, RDF_TYPE, sam("Framework"))
    graph.add(scheme, PREF_LABEL, text("Ramverk (syntetiskt)", "sv"))
    graph.add(scheme, PREF_LABEL, text("Framework (synthetic)", "en"))
    graph.add(scheme, sam("locator"), text("Introduction"))
    principles = []
    for n in range(1, PRINCIPLES + 1):
        principle = iri(f"principle/syn-{n}")
        graph.add(principle, RDF_TYPE, sam("Principle"))
        graph.add(principle, PREF_LABEL, text(f"Princip {n} (syntetisk)", "sv"))
        graph.add(principle, PREF_LABEL, text(f"Principle {n} (synthetic)", "en"))
        graph.add(principle, f"<{PREFIXES['skos']}inScheme>", scheme)
        graph.add(principle, sam("principleNumber"), typed(n, "integer"))
        graph.add(principle, sam("locator"), text(f"Principle {n}"))
        principles.append(principle)
    return graph, principles


class _Document:
    """One source document's graph: strategy, goals, recommendations, assignments, responsibilities."""

    def __init__(self, number: int, rng: random.Random, picker: _Picker, principles: list[str]):
        self.n = number
        self.rng = rng
        self.pick = picker
        self.principles = principles
        self.graph = _Graph(iri(f"source/syn-document-{number}"))
        self.year = 2015 + number % 12
        self.responsibilities = itertools.count(1)
        self.dependencies = itertools.count(1)

    def date(self, year: int) -> str:
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def build(self) -> _Graph:
        g, rng, n = self.graph, self.rng, self.n
        _source(g, f"Dokument {n}", f"Document {n}", self.pick.agency(), self.date(self.year))
        assignments = [self.assignment(k) for k in range(1, rng.randint(1, 2) + 1)]
        strategy = iri(f"strategy/syn-{n}")
        g.labelled(strategy, "Strategy", f"Strategi {n}", f"Strategy {n}", "Section 1")
        g.add(strategy, sam("describedIn"), g.name)
        for _ in range(rng.randint(1, 3)):
            g.add(strategy, sam("givesDirectionTo"), self.pick.any_actor())
        for area_number in range(1, rng.randint(2, 4) + 1):
            area = iri(f"goal-area/syn-{n}-{area_number}")
            g.labelled(
                area, "GoalArea", f"Målområde {n}.{area_number}", f"Goal area {n}.{area_number}", "Section 2"
            )
            g.add(area, sam("partOfStrategy"), strategy)
            previous = None
            for goal_number in range(1, rng.randint(2, 5) + 1):
                previous = self.goal(
                    f"{n}-{area_number}-{goal_number}", strategy, area, previous, assignments
                )
        for number in range(1, rng.randint(1, 4) + 1):
            self.recommendation(number)
        if rng.random() < SHARES["document_with_actor_dependency"]:
            g.add(self.pick.agency(), sam("dependsOn"), self.pick.agency())
        if rng.random() < SHARES["document_with_cycle"]:
            ring = [self.pick.agency() for _ in range(3)]
            for first, second in zip(ring, ring[1:] + ring[:1], strict=True):
                if first != second:
                    g.add(first, sam("dependsOn"), second)
        return g

    def goal(self, slug: str, strategy: str, area: str, previous: str | None, mandates: list[str]) -> str:
        g, rng = self.graph, self.rng
        goal = iri(f"goal/syn-{slug}")
        g.labelled(goal, "Goal", f"Mål {slug}", f"Goal {slug}", "Section 3")
        g.add(goal, sam("partOfStrategy"), strategy)
        g.add(goal, sam("inGoalArea"), area)
        if previous and rng.random() < 0.2:
            g.add(goal, sam("subGoalOf"), previous)
        if rng.random() < SHARES["goal_realises_principle"]:
            g.add(goal, sam("realises"), rng.choice(self.principles[: PRINCIPLES - 3]))
        draw = rng.random()
        accountable = (
            0
            if draw < SHARES["goal_without_accountable"]
            else 2
            if draw < SHARES["goal_without_accountable"] + SHARES["goal_with_two_accountable"]
            else 1
        )
        for _ in range(accountable):
            actor = self.pick.agency()
            g.add(goal, sam("accountableActor"), actor)
            mandate = rng.choice(mandates) if rng.random() < SHARES["responsibility_on_mandate"] else None
            node = self.responsibility(actor, goal, "accountable", mandate)
            if rng.random() < SHARES["accountable_ended"]:
                g.add(node, sam("validUntil"), typed(self.date(2018), "date"))
        for _ in range(rng.randint(0, 2)):
            actor = self.pick.any_actor()
            g.add(goal, sam("involvedActor"), actor)
            self.responsibility(actor, goal, rng.choice(ROLES[1:]), None)
        for _ in range(rng.randint(0, 2)):
            self.dependency(goal, self.pick.agency())
        return goal

    def responsibility(self, actor: str, thing: str, role: str, mandate: str | None) -> str:
        g = self.graph
        k = next(self.responsibilities)
        node = iri(f"responsibility/syn-{self.n}-{k}")
        g.labelled(
            node, "Responsibility", f"Ansvar {self.n}-{k}", f"Responsibility {self.n}-{k}", "Section 4"
        )
        g.add(node, sam("actor"), actor)
        g.add(node, sam("responsibilityFor"), thing)
        g.add(node, sam("role"), iri(f"role/{role}"))
        if mandate:
            g.add(node, sam("mandate"), mandate)
        return node

    def dependency(self, dependent: str, on: str) -> None:
        g = self.graph
        k = next(self.dependencies)
        node = iri(f"dependency/syn-{self.n}-{k}")
        g.labelled(node, "Dependency", f"Beroende {self.n}-{k}", f"Dependency {self.n}-{k}", "Section 5")
        g.add(node, sam("dependent"), dependent)
        g.add(node, sam("dependsOnActor"), on)

    def recommendation(self, number: int) -> None:
        g, rng = self.graph, self.rng
        rec = iri(f"recommendation/syn-{self.n}-{number}")
        english = None if rng.random() < SHARES["recommendation_without_english_label"] else "Recommendation"
        g.labelled(
            rec,
            "Recommendation",
            f"Rekommendation {self.n}.{number}",
            f"{english} {self.n}.{number}" if english else None,
            "Section 6",
        )
        g.add(rec, sam("inReport"), g.name)
        g.add(rec, sam("recommendationNumber"), typed(number, "integer"))
        addressee = self.pick.agency()
        g.add(rec, sam("addressee"), addressee)
        if rng.random() < SHARES["recommendation_owned"]:
            g.add(rec, sam("involvedActor"), addressee)
            self.responsibility(addressee, rec, "responsible", None)
        if rng.random() < 0.5:
            self.dependency(rec, self.pick.agency())

    def assignment(self, number: int) -> str:
        g, rng = self.graph, self.rng
        node = iri(f"assignment/syn-{self.n}-{number}")
        g.labelled(
            node, "Assignment", f"Uppdrag {self.n}.{number}", f"Assignment {self.n}.{number}", "Section 7"
        )
        government, assignee = self.pick.actors["government"][0], self.pick.agency()
        g.add(node, sam("issuer"), government)
        g.add(node, sam("assignee"), assignee)
        g.add(node, sam("caseNumber"), text(f"Syn{self.year}/{self.n:05d}-{number}"))
        g.add(node, sam("decisionDate"), typed(self.date(self.year), "date"))
        g.add(node, sam("deadline"), typed(self.date(self.year + rng.randint(1, 4)), "date"))
        if rng.random() < SHARES["assignment_reported"]:
            g.add(node, sam("resultReport"), g.name)
        self.responsibility(assignee, node, "responsible", node)
        if rng.random() < SHARES["assignment_funded"]:
            funding = iri(f"funding/syn-{self.n}-{number}")
            g.labelled(
                funding, "Funding", f"Medel {self.n}.{number}", f"Funding {self.n}.{number}", "Section 8"
            )
            g.add(funding, sam("amount"), typed(f"{rng.randint(1, 500) * 100000}", "decimal"))
            g.add(funding, sam("currency"), text("SEK"))
            g.add(funding, sam("periodStart"), typed(self.year, "gYear"))
            g.add(funding, sam("funder"), government)
            recipient = assignee if rng.random() < SHARES["funding_to_assignee"] else self.pick.agency()
            g.add(funding, sam("recipient"), recipient)
            g.add(node, sam("funding"), funding)
            self.responsibility(self.pick.agency(), node, "responsible", node)
        return node


def generate(triples: int, seed: int = 0) -> Iterator[str]:
    """N-Quads lines of a graph of about `triples` quads (at least the actor register and framework)."""
    rng = random.Random(seed)
    actors = actor_iris()
    register = _register(rng, actors)
    framework, principles = _framework(actors)
    picker = _Picker(rng, actors)
    written = 0
    for graph in (register, framework):
        yield from graph.lines
        written += len(graph.lines)
    for number in itertools.count(1):
        if written >= triples:
            return
        lines = _Document(number, rng, picker, principles).build().lines
        yield from lines
        written += len(lines)


def write(path: Path, triples: int, seed: int = 0) -> int:
    """Write the graph to an N-Quads file; the number of quads written."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in generate(triples, seed):
            out.write(line)
            count += 1
    return count
