"""Generate one TriG file per government assignment from the collection in ../shared/sources/regeringsuppdrag.

Why a script: the 139 assignment texts are read once by a person into data/assignments/readings.toml (who is
assigned, who leads, who is consulted, deadlines, money, changes, dependencies, each with a locator); this module
turns the readings into RDF the same way every time. Each file holds one named graph whose name is the
regeringen.se page (a sam:SourceDocument), so "who says so" is always the assignment's own page:

* the assignment (sam:Assignment): title, month, diary number and decision date where a text gives them, the
  ministry it reports to, its assignees, coordinator, reporting deadlines (sam:ReportingDeadline), period,
  funding, the decisions it amends (sam:amends) and what it serves;
* one qualified sam:Responsibility per named actor and role, with the assignment as its mandate;
* sam:Dependency nodes where a text says the work rests on another agency's register, infrastructure or delivery.

Output is deterministic (readings in key order, no timestamps), so a test can re-run the script and compare.

Usage (from the repository root)::

    python -m samverkan.knowledge.generate.assignments [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.knowledge.generate.agency_mandates import sfs_slug
from samverkan.knowledge.generate.assignment_actors import Directory
from samverkan.knowledge.generate.assignment_readings import (
    Dependency,
    Funding,
    Reading,
    Readings,
    load_readings,
)
from samverkan.knowledge.generate.trig import block, literal, named_graph, typed
from samverkan.settings import PROJECT_ROOT

SOURCES = PROJECT_ROOT / ".." / "shared" / "sources" / "regeringsuppdrag"
REGISTER = PROJECT_ROOT / ".." / "shared" / "reference" / "swedish_state_agencies.csv"
DATA_DIR = PROJECT_ROOT / "data"
OUT_DIR = DATA_DIR / "assignments"
READINGS = OUT_DIR / "readings.toml"

PREFIXES = """\
@prefix sam: <https://w3id.org/samverkan/ontology#> .
@prefix actor: <https://w3id.org/samverkan/id/actor/> .
@prefix actor-group: <https://w3id.org/samverkan/id/actor-group/> .
@prefix agreement: <https://w3id.org/samverkan/id/agreement/> .
@prefix amendment-kind: <https://w3id.org/samverkan/id/amendment-kind/> .
@prefix assignment: <https://w3id.org/samverkan/id/assignment/> .
@prefix dependency: <https://w3id.org/samverkan/id/dependency/> .
@prefix funding: <https://w3id.org/samverkan/id/funding/> .
@prefix goal: <https://w3id.org/samverkan/id/goal/> .
@prefix instruction: <https://w3id.org/samverkan/id/instruction/> .
@prefix reading-depth: <https://w3id.org/samverkan/id/reading-depth/> .
@prefix report-kind: <https://w3id.org/samverkan/id/report-kind/> .
@prefix reporting-deadline: <https://w3id.org/samverkan/id/reporting-deadline/> .
@prefix responsibility: <https://w3id.org/samverkan/id/responsibility/> .
@prefix role: <https://w3id.org/samverkan/id/role/> .
@prefix shared-component: <https://w3id.org/samverkan/id/shared-component/> .
@prefix source: <https://w3id.org/samverkan/id/source/> .
@prefix strategy: <https://w3id.org/samverkan/id/strategy/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ROLE_NAMES = {
    "accountable": ("ytterst ansvarig", "accountable"),
    "responsible": ("genomförandeansvarig", "responsible"),
    "contributes": ("bidragande", "contributes"),
    "consulted": ("rådfrågad", "consulted"),
    "informed": ("informerad", "informed"),
}
REPORT_NAMES = {
    "interim": ("Delredovisning", "Interim report"),
    "final": ("Slutredovisning", "Final report"),
    "annual": ("Årlig redovisning", "Annual report"),
}
GOVERNMENT = "actor:government"
PUBLISHER = "actor:regeringskansliet"
TRANSLATION_NOTE = (
    "English labels and descriptions in this graph are Samverkan's translations of the Swedish text."
)


@dataclass
class Graph:
    """The subjects of one named graph, each with its predicate-object pairs, in the order they were added."""

    subjects: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, subject: str, *pairs: tuple[str, str]) -> None:
        known = self.subjects.setdefault(subject, [])
        known.extend(pair for pair in pairs if pair not in known)

    def blocks(self) -> list[str]:
        return [block(subject, pairs) for subject, pairs in self.subjects.items()]


class Writer:
    """Renders the readings against the directory of actors and references."""

    def __init__(self, readings: Readings, directory: Directory) -> None:
        self.readings = readings
        self.directory = directory
        self.assignments = {r.key: f"assignment:{r.iri}" for r in readings.modelled}

    def target(self, reading: Reading, key: str) -> str:
        """The prefixed name of an assignment, external decision or graph resource a reading refers to."""
        if key == "self":
            return self.assignments[reading.key]
        if key in self.assignments:
            return self.assignments[key]
        if key in self.readings.excluded:
            raise ValueError(f"{reading.key}: refers to the excluded text {key}")
        kind, _, name = key.partition(":")
        if kind in ("external", "ext-agreement"):
            wanted = "assignment" if kind == "external" else "agreement"
            if not any(e.name == name and e.kind == wanted for e in reading.external):
                raise ValueError(f"{reading.key}: {key} is not described under external")
            return f"{wanted}:{name}"
        if any(f"shared-component:{c.name}" == key for c in reading.components):
            return key
        return self.directory.reference(key).name

    def graph(self, reading: Reading) -> str:
        source = f"source:regeringsuppdrag-{reading.slug}"
        graph = Graph()
        graph.add(source, *self._source(reading))
        graph.add(self.assignments[reading.key], *self._assignment(reading))
        self._roles(reading, graph)
        self._deadlines(reading, graph)
        self._amended_deadlines(reading, graph)
        self._funding(reading, graph)
        self._dependencies(reading, graph)
        self._components(reading, graph)
        self._instructions(reading, graph)
        self._external(reading, graph)
        self._about(reading, graph)
        self._new_actors(reading, graph)
        header = (
            "# GENERATED by samverkan.knowledge.generate.assignments from "
            f"regeringsuppdrag/{reading.key}.md and data/assignments/readings.toml -- do not edit by hand.\n"
        )
        return header + PREFIXES + "\n" + named_graph(source, graph.blocks())

    def _source(self, r: Reading) -> list[tuple[str, str]]:
        return [
            ("a", "sam:SourceDocument"),
            ("rdfs:label", literal(f"Regeringsuppdrag {r.month}: {r.title}", "sv")),
            ("rdfs:label", literal(f"Government assignment {r.month}: {r.en}", "en")),
            ("dcterms:title", literal(r.title, "sv")),
            ("dcterms:publisher", PUBLISHER),
            ("dcterms:issued", typed(r.month, "xsd:gYearMonth")),
            ("dcterms:language", literal("sv")),
            ("sam:sourceUrl", typed(r.url, "xsd:anyURI")),
            ("sam:readingDepth", "reading-depth:excerpt"),
            ("skos:note", literal(
                "Read: the text of the assignment's page on regeringen.se as collected in "
                f"shared/sources/regeringsuppdrag/{r.key}.md; the decision document itself was not read. "
                + TRANSLATION_NOTE, "en")),
            ("sam:locator", literal("Hela sidan", "sv")),
        ]  # fmt: skip

    def _assignment(self, r: Reading) -> list[tuple[str, str]]:
        tasked = [self.directory.actor(role.actor).name for role in r.roles if role.tasked]
        lead = [self.directory.actor(role.actor).name for role in r.roles if role.role == "accountable"]
        others = [self.directory.actor(role.actor).name for role in r.roles if role.role != "accountable"]
        pairs = [
            ("a", "sam:Assignment"),
            ("rdfs:label", literal(r.title, "sv")),
            ("rdfs:label", literal(r.en, "en")),
            ("dcterms:title", literal(r.title, "sv")),
            ("sam:issuer", GOVERNMENT),
        ]
        pairs += [("sam:assignee", name) for name in tasked]
        if len(tasked) > 1 and len(lead) == 1:  # several accountable assignees answer jointly: none coordinates
            pairs += [("sam:coordinator", name) for name in lead]
        pairs += [("sam:accountableActor", name) for name in lead]
        pairs += [("sam:involvedActor", name) for name in others]
        if r.ministry:
            pairs.append(("sam:responsibleMinistry", self.directory.reference(f"actor:{r.ministry[0]}").name))
        if r.case_number:
            pairs.append(("sam:caseNumber", literal(r.case_number[0])))
        if r.decision_date:
            pairs.append(("sam:decisionDate", typed(r.decision_date[0], "xsd:date")))
        pairs += self._deadline_pairs(r)
        if r.period:
            start, end, _ = r.period
            pairs += [
                (p, _date_or_year(v)) for p, v in (("sam:periodStart", start), ("sam:periodEnd", end)) if v
            ]
        pairs += [("sam:funding", f"funding:{r.iri}-{i + 1}") for i in range(len(r.funding))]
        pairs += [("sam:amends", self.target(r, link.target)) for link in r.amends]
        pairs += [
            ("sam:amendmentKind", f"amendment-kind:{kind}") for kind in sorted({a.kind for a in r.amends})
        ]
        pairs += [("sam:serves", self.target(r, link.target)) for link in r.serves]
        pairs += [("dcterms:relation", self.target(r, link.target)) for link in r.related]
        if r.note:
            pairs += [
                ("dcterms:description", literal(r.note[0], "sv")),
                ("dcterms:description", literal(r.note[1], "en")),
            ]
        pairs.append(("sam:locator", literal(_locators(r), "sv")))
        return pairs

    def _roles(self, r: Reading, graph: Graph) -> None:
        for role in r.roles:
            actor = self.directory.actor(role.actor)
            sv, en = ROLE_NAMES[role.role]
            funded = [
                f"funding:{r.iri}-{i + 1}" for i, f in enumerate(r.funding) if f.recipient == role.actor
            ]
            graph.add(
                f"responsibility:{r.iri}-{_local(actor.name)}",
                ("a", "sam:Responsibility"),
                ("rdfs:label", literal(f"{actor.sv} ({sv}): {r.title}", "sv")),
                ("rdfs:label", literal(f"{actor.en} ({en}): {r.en}", "en")),
                ("sam:actor", actor.name),
                ("sam:responsibilityFor", self.assignments[r.key]),
                ("sam:role", f"role:{role.role}"),
                ("sam:mandate", self.assignments[r.key]),
                *[("sam:funding", name) for name in funded],
                ("sam:locator", literal(role.locator, "sv")),
            )

    @staticmethod
    def _deadline_name(r: Reading, index: int) -> str:
        return f"reporting-deadline:{r.iri}-{index + 1}"

    def _deadline_pairs(self, r: Reading) -> list[tuple[str, str]]:
        """sam:deadline (the last final report, else the last report) and every reporting deadline."""
        if not r.deadlines:
            return []
        finals = [d.date for d in r.deadlines if d.kind == "final"] or [d.date for d in r.deadlines]
        last = ("sam:deadline", typed(max(finals), "xsd:date"))
        return [last] + [
            ("sam:reportingDeadline", self._deadline_name(r, i)) for i in range(len(r.deadlines))
        ]

    def _amended_deadlines(self, r: Reading, graph: Graph) -> None:
        """An amending decision that moves the reporting dates states them for the amended assignment too."""
        where = "; ".join(sorted({d.locator for d in r.deadlines}))
        for key in r.deadlines_of:
            graph.add(self.target(r, key), *self._deadline_pairs(r), ("sam:locator", literal(where, "sv")))

    def _deadlines(self, r: Reading, graph: Graph) -> None:
        for i, deadline in enumerate(r.deadlines):
            sv, en = REPORT_NAMES[deadline.kind]
            graph.add(
                self._deadline_name(r, i),
                ("a", "sam:ReportingDeadline"),
                ("rdfs:label", literal(f"{sv} senast {deadline.date}: {r.title}", "sv")),
                ("rdfs:label", literal(f"{en} due {deadline.date}: {r.en}", "en")),
                ("sam:dueDate", typed(deadline.date, "xsd:date")),
                ("sam:reportKind", f"report-kind:{deadline.kind}"),
                ("sam:locator", literal(deadline.locator, "sv")),
            )

    def _funding(self, r: Reading, graph: Graph) -> None:
        for i, funding in enumerate(r.funding):
            recipient = (
                [("sam:recipient", self.directory.actor(funding.recipient).name)] if funding.recipient else []
            )
            graph.add(
                f"funding:{r.iri}-{i + 1}",
                ("a", "sam:Funding"),
                ("rdfs:label", literal(f"{_sek_sv(funding.amount)} ({funding.period}): {r.title}", "sv")),
                ("rdfs:label", literal(f"{_sek_en(funding.amount)} ({funding.period}): {r.en}", "en")),
                ("sam:amount", typed(str(funding.amount), "xsd:decimal")),
                ("sam:currency", literal("SEK")),
                *_funding_period(funding),
                ("sam:funder", GOVERNMENT),
                *recipient,
                ("sam:locator", literal(funding.locator, "sv")),
            )

    def _dependencies(self, r: Reading, graph: Graph) -> None:
        for i, dependency in enumerate(r.depends):
            dependent = self.target(r, dependency.dependent)
            on, predicate = self._depended_on(r, dependency)
            graph.add(
                f"dependency:{r.iri}-{i + 1}",
                ("a", "sam:Dependency"),
                ("rdfs:label", literal(dependency.sv, "sv")),
                ("rdfs:label", literal(dependency.en, "en")),
                ("sam:dependent", dependent),
                (predicate, on),
                ("sam:locator", literal(dependency.locator, "sv")),
            )
            graph.add(dependent, ("sam:dependsOn", on), ("sam:locator", literal(dependency.locator, "sv")))

    def _depended_on(self, r: Reading, dependency: Dependency) -> tuple[str, str]:
        if dependency.on.startswith("shared-component:"):
            return self.target(r, dependency.on), "sam:dependsOnComponent"
        return self.directory.actor(dependency.on).name, "sam:dependsOnActor"

    def _components(self, r: Reading, graph: Graph) -> None:
        for component in r.components:
            name = f"shared-component:{component.name}"
            part_of = [("dcterms:isPartOf", self.target(r, component.part_of))] if component.part_of else []
            graph.add(
                name,
                ("a", "sam:SharedComponent"),
                ("rdfs:label", literal(component.sv, "sv")),
                ("rdfs:label", literal(component.en, "en")),
                *part_of,
                ("sam:locator", literal(component.locator, "sv")),
            )
            if not component.responsible:
                continue
            actor = self.directory.actor(component.responsible)
            graph.add(name, ("sam:accountableActor", actor.name))
            graph.add(
                f"responsibility:{r.iri}-{component.name}-{_local(actor.name)}",
                ("a", "sam:Responsibility"),
                ("rdfs:label", literal(f"{actor.sv} ansvarar för {component.sv}", "sv")),
                ("rdfs:label", literal(f"{actor.en} accountable for {component.en}", "en")),
                ("sam:actor", actor.name),
                ("sam:responsibilityFor", name),
                ("sam:role", "role:accountable"),
                ("sam:mandate", self.assignments[r.key]),
                ("sam:locator", literal(component.locator, "sv")),
            )

    def _instructions(self, r: Reading, graph: Graph) -> None:
        for named in r.instructions:
            actor = self.directory.actor(named.actor)
            iri = f"instruction:{sfs_slug(named.sfs)}"
            locator = ("sam:locator", literal(named.locator, "sv"))
            names = [] if self.directory.is_named(iri) else [
                ("rdfs:label", literal(f"Instruktion för {actor.sv} (SFS {named.sfs})", "sv")),
                ("rdfs:label", literal(f"Instruction for {actor.en} (SFS {named.sfs})", "en")),
            ]  # fmt: skip
            graph.add(
                iri,
                ("a", "sam:Instruction"),
                ("a", "eli:LegalResource"),
                *names,
                ("dcterms:identifier", literal(f"SFS {named.sfs}")),
                ("eli:id_local", literal(named.sfs)),
                ("sam:appliesTo", actor.name),
                locator,
            )
            graph.add(actor.name, ("sam:hasInstruction", iri), locator)

    def _external(self, r: Reading, graph: Graph) -> None:
        for external in r.external:
            actors = [self.directory.actor(key).name for key in external.actors]
            if external.kind == "assignment":
                kind = [
                    ("a", "sam:Assignment"),
                    ("sam:issuer", GOVERNMENT),
                    *[("sam:assignee", a) for a in actors],
                ]
            else:
                kind = [("a", "sam:Agreement"), *[("sam:party", a) for a in actors]]
            graph.add(
                f"{external.kind}:{external.name}",
                *kind,
                ("rdfs:label", literal(external.sv, "sv")),
                ("rdfs:label", literal(external.en, "en")),
                ("sam:locator", literal(external.locator, "sv")),
            )

    def _about(self, r: Reading, graph: Graph) -> None:
        for fact in r.about:
            if fact.field == "caseNumber":
                pair = ("sam:caseNumber", literal(fact.value))
            elif fact.field == "decisionDate":
                pair = ("sam:decisionDate", typed(fact.value, "xsd:date"))
            else:
                pair = ("sam:responsibleMinistry", self.directory.reference(f"actor:{fact.value}").name)
            graph.add(self.target(r, fact.target), pair, ("sam:locator", literal(fact.locator, "sv")))

    def _new_actors(self, r: Reading, graph: Graph) -> None:
        keys = [role.actor for role in r.roles] + [key for e in r.external for key in e.actors]
        for key in sorted(set(keys) & set(self.readings.actors)):
            actor = self.readings.actors[key]
            graph.add(
                f"actor:{key}",
                ("a", f"sam:{actor.kind}"),
                ("rdfs:label", literal(actor.sv, "sv")),
                ("rdfs:label", literal(actor.en, "en")),
                ("sam:locator", literal(next(role.locator for role in r.roles if role.actor == key), "sv")),
            )


def _local(name: str) -> str:
    return name.partition(":")[2]


def _locators(r: Reading) -> str:
    facts = [("Rubriken", "titel")]
    if r.ministry:
        facts.append((r.ministry[1], "departement"))
    if r.case_number:
        facts.append((r.case_number[1], "diarienummer"))
    if r.decision_date:
        facts.append((r.decision_date[1], "beslutsdatum"))
    if r.period:
        facts.append((r.period[2], "period"))
    return "; ".join(f"{what}: {where}" for where, what in facts)


def _date_or_year(value: str) -> str:
    return typed(value, "xsd:date" if len(value) == 10 else "xsd:gYear")


def _funding_period(funding: Funding) -> list[tuple[str, str]]:
    if "/" not in funding.period:
        return [("sam:fiscalYear", typed(funding.period, "xsd:gYear"))]
    start, end = funding.period.split("/")
    return [("sam:periodStart", _date_or_year(start)), ("sam:periodEnd", _date_or_year(end))]


def _sek_sv(amount: int) -> str:
    return f"{amount:,} kronor".replace(",", " ")


def _sek_en(amount: int) -> str:
    return f"SEK {amount:,}"


def write_all(readings: Readings, directory: Directory, out_dir: Path) -> list[Path]:
    """Write one file per modelled assignment and remove generated files no reading produces any more."""
    writer = Writer(readings, directory)
    written = []
    for reading in readings.modelled:
        path = out_dir / f"{reading.slug}.trig"
        path.write_text(writer.graph(reading), encoding="utf-8")
        written.append(path)
    for stale in sorted(set(out_dir.glob("*.trig")) - set(written)):
        stale.unlink()
    return written


def summary(readings: Readings) -> str:
    """Counts a reader can check against the report: assignments, roles, deadlines, money, left out."""
    modelled = readings.modelled
    roles = [role for r in modelled for role in r.roles]
    with_deadline = {r.key for r in modelled if r.deadlines} | {key for r in modelled for key in r.deadlines_of}
    lines = [
        f"{len(modelled)} assignments modelled, {len(readings.excluded)} left out",
        f"{sum(role.tasked for role in roles)} assignee roles, {len(roles)} roles in all",
        f"{len(with_deadline)} assignments with a deadline, "
        f"{sum(len(r.deadlines) for r in modelled)} reporting deadlines",
        f"{sum(len(r.funding) for r in modelled)} funding facts, {sum(len(r.depends) for r in modelled)} dependencies",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="where to write the TriG files")
    args = parser.parse_args(argv)
    readings = load_readings(READINGS, SOURCES / "index.csv")
    directory = Directory(REGISTER, DATA_DIR, OUT_DIR, readings.actors)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_all(readings, directory, args.out_dir)
    print(summary(readings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
