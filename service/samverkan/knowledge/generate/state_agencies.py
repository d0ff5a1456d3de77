"""Generate the state agencies under the government from the agency register, merged with the curated actors.

The reference file ``swedish_state_agencies.csv`` (262 agencies active in 2025) merges four registers by
organisation number: Statskontoret, SCB's Myndighetsregistret, ESV's myndighetsregister and Wikidata, as compiled
by civictechsweden/myndighetsdata (snapshot 2026-01-02). Every generated claim sits in the named graph of the
register its column comes from, one TriG file per register, so that ``GRAPH ?g`` says which register says it:

* Statskontoret: the agency (sv name, organisation number), the ministry it reports to (a dated
  sam:MinistryAffiliation plus the sam:reportsTo shortcut), its instruction (SFS number, latest amendment), form of
  leadership, COFOG function, host agency and FTEs 2025; the ministries named in the register.
* SCB: organisation number and web site of the agencies SCB lists.
* ESV: English and short names of the agencies ESV lists; Wikidata: Wikidata ids, and English and short names of
  agencies ESV does not list; the compilation itself: names no register above accounts for.

Each agency with an instruction of its own is also accountable for its tasks, in a derived graph of its own
(samverkan.knowledge.generate.agency_mandates).

The register's instruction column is often out of date. Where a dated source names an agency's instruction (a
government decision in data/assignments, a curated statute in data/sources, or a page checked by hand and recorded
in data/agencies/instructions.toml, written to a graph per page by samverkan.knowledge.generate.checked_instructions),
that number wins: when it differs from the register's, Statskontoret's graph does not link the agency to the
register's ordinance (that would assert a repealed ordinance as its current instruction) but keeps the register's
numbers as a note on the agency.

Curated agencies keep their IRIs: an agency with an organisation number in ``data/actors/*.trig`` (or, lacking one
there, the same Swedish name) is that resource; every other agency is ``actor:{org_nr}``. Register names that differ
from the curated ones become ``skos:altLabel``; differing short names are added. Output is deterministic (sorted, no timestamps).

Usage: ``python -m samverkan.knowledge.generate.state_agencies [--csv PATH] [--out-dir DIR] [--curated-dir DIR]``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from samverkan.knowledge.generate import agency_mandates, checked_instructions
from samverkan.knowledge.generate.agency_mandates import InstructionHolder, sfs_slug
from samverkan.knowledge.generate.checked_instructions import (
    CheckedInstruction,
    amendment_block,
    read_checked,
)
from samverkan.knowledge.generate.trig import block, literal, named_graph, typed
from samverkan.settings import PROJECT_ROOT

DEFAULT_CSV = PROJECT_ROOT / ".." / "shared" / "reference" / "swedish_state_agencies.csv"
DEFAULT_OUT_DIR = PROJECT_ROOT / "data" / "generated"
DEFAULT_CURATED_DIR = PROJECT_ROOT / "data"
CURATED_GLOBS = ("actors/*.trig", "sources/sfs-*.trig")  # curated actors and curated statutes

SNAPSHOT = "2026-01-02"
FTE_YEAR = "2025"
HEADER = [
    "org_nr", "name_sv", "name_en", "short_name", "ministry", "instruction_sfs", "latest_amendment_sfs",
    "leadership_form", "host_agency", "fte_2025", "cofog", "scb_group", "website", "wikidata", "in_registers",
]  # fmt: skip

SAM = "https://w3id.org/samverkan/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
STATE_AGENCY = ox.NamedNode(SAM + "StateAgency")
ORG_NUMBER = ox.NamedNode(SAM + "organisationNumber")
SHORT_NAME = ox.NamedNode(SAM + "shortName")

PREFIXES = """\
@prefix sam: <https://w3id.org/samverkan/ontology#> .
@prefix actor: <https://w3id.org/samverkan/id/actor/> .
@prefix source: <https://w3id.org/samverkan/id/source/> .
@prefix instruction: <https://w3id.org/samverkan/id/instruction/> .
@prefix legal-resource: <https://w3id.org/samverkan/id/legal-resource/> .
@prefix ministry-affiliation: <https://w3id.org/samverkan/id/ministry-affiliation/> .
@prefix staff-figure: <https://w3id.org/samverkan/id/staff-figure/> .
@prefix leadership-form: <https://w3id.org/samverkan/id/leadership-form/> .
@prefix scheme: <https://w3id.org/samverkan/id/scheme/> .
@prefix cofog: <https://w3id.org/samverkan/id/cofog/> .
@prefix responsibility: <https://w3id.org/samverkan/id/responsibility/> .
@prefix role: <https://w3id.org/samverkan/id/role/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# The register's forms of leadership; English labels are Samverkan's translations. "SBA" is used for one agency
# (Sametinget) without explanation in the register.
LEADERSHIP_FORMS: dict[str, tuple[str, str]] = {
    "Enrådighet": ("enradighet", "Single head (director-general)"),
    "Styrelse": ("styrelse", "Board"),
    "Nämnd": ("namnd", "Committee (nämnd)"),
    "Övrigt": ("ovrigt", "Other"),
    "SBA": ("sba", "SBA (register code; its meaning is not stated)"),
}


@dataclass(frozen=True)
class RowCorrection:
    """Columns of a register row that describe another organisation than the row's agency, and why they are left out."""

    columns: tuple[str, ...]
    note_sv: str
    note_en: str


# Statskontoret's columns of row 202100-2742 describe Högsta förvaltningsdomstolen (SFS 1996:378 is its instruction:
# SFS 2017:547 amends "förordningen (1996:378) med instruktion för Högsta förvaltningsdomstolen"); ESV's English
# name and short name are Domstolsverket's, SCB's web site a district court's. Domstolsverket itself is curated
# (data/sources/sfs-2007-1073.trig).
ROW_CORRECTIONS: dict[str, RowCorrection] = {
    "202100-2742": RowCorrection(
        ("name_en", "short_name", "website"),
        "Registrets rad 202100-2742 anger Högsta förvaltningsdomstolen (instruktion SFS 1996:378, värdmyndighet "
        "Domstolsverket) men Domstolsverkets engelska namn (National Courts Administration), kortnamnet DOM och en "
        "tingsrätts webbplats; de tre uppgifterna tas inte med. Domstolsverket är actor:domstolsverket.",
        "The register's row 202100-2742 names Högsta förvaltningsdomstolen (instruction SFS 1996:378, host agency "
        "Domstolsverket) but gives Domstolsverket's English name (National Courts Administration), the short name "
        "DOM and a district court's web site; those three are left out. Domstolsverket is actor:domstolsverket.",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Register:
    """A register (or the compilation) as a source document, with the TriG file its claims go to."""

    slug: str
    file: str
    title: str
    label_sv: str
    label_en: str
    url: str
    publisher: str | None
    locator: str
    description_sv: str
    description_en: str


COMPILED = (
    "Read through the civictechsweden/myndighetsdata compilation (snapshot {snapshot}, {file}) as prepared in the "
    "project's reference file swedish_state_agencies.csv; the register itself was not opened."
)
STATSKONTORET = Register(
    "statskontoret-myndigheterna-under-regeringen", "state-agencies-statskontoret.trig",
    "Myndigheterna under regeringen",
    "Statskontoret: Myndigheterna under regeringen", "Swedish Agency for Public Management: Agencies under the government",
    "https://www.statskontoret.se/fokusomraden/fakta-om-statsforvaltningen/myndigheterna-under-regeringen/",
    "actor:202100-0852", "data/stkt.json",
    "Statskontorets förteckning över myndigheterna under regeringen med departement, instruktion, senaste ändring, "
    "ledningsform, värdmyndighet, årsarbetskrafter och COFOG-kod.",
    "Statskontoret's list of the agencies under the government with ministry, instruction, latest amendment, form "
    "of leadership, host agency, full-time equivalents and COFOG code.",
)  # fmt: skip
SCB = Register(
    "scb-myndighetsregistret", "state-agencies-scb.trig", "Myndighetsregistret",
    "SCB: Myndighetsregistret", "Statistics Sweden: the register of government agencies",
    "https://myndighetsregistret.scb.se/", "actor:scb", "data/scb.json",
    "SCB:s register över statliga myndigheter med organisationsnummer och webbadress (öppna data, CC0). "
    "Webbadresser utan protokoll har fått https:// av Samverkan.",
    "Statistics Sweden's register of government agencies with organisation number and web address (open data, CC0). "
    "Web addresses without a scheme were given https:// by Samverkan.",
)  # fmt: skip
ESV = Register(
    "esv-myndighetsregistret", "state-agencies-esv.trig", "Myndighetsregistret",
    "ESV: Myndighetsregistret", "Swedish National Financial Management Authority: the agency register",
    "https://www.esv.se/rapportering/myndighetsregistret/", "actor:esv", "data/esv.json",
    "Ekonomistyrningsverkets myndighetsregister med myndigheternas engelska namn och förkortningar.",
    "The Swedish National Financial Management Authority's agency register with the agencies' English names and "
    "abbreviations.",
)  # fmt: skip
WIKIDATA = Register(
    "wikidata-myndigheter", "state-agencies-wikidata.trig", "Wikidata",
    "Wikidata: svenska statliga myndigheter", "Wikidata: Swedish government agencies",
    "https://www.wikidata.org/", None, "data/wd.json",
    "Wikidata-objekt för svenska myndigheter, matchade på organisationsnummer, med engelska namn och kortnamn.",
    "Wikidata items for Swedish agencies, matched by organisation number, with English names and short names.",
)  # fmt: skip
COMPILATION = Register(
    "myndighetsdata-2026-01-02", "state-agencies-myndighetsdata.trig", "Myndighetsdata",
    "Myndighetsdata (civictechsweden), ögonblicksbild 2026-01-02",
    "Myndighetsdata (civictechsweden), snapshot 2026-01-02",
    "https://github.com/civictechsweden/myndighetsdata", None, "data/merged.json",
    "Öppen sammanställning som slår samman Statskontorets, SCB:s och ESV:s myndighetsregister och Wikidata på "
    "organisationsnummer; projektets referensfil swedish_state_agencies.csv är hämtad ur den.",
    "Open compilation that merges Statskontoret's, SCB's and ESV's agency registers and Wikidata by organisation "
    "number; the project's reference file swedish_state_agencies.csv is taken from it.",
)  # fmt: skip
REGISTERS = (STATSKONTORET, SCB, ESV, WIKIDATA, COMPILATION)


@dataclass(frozen=True)
class Agency:
    """One data row of the reference CSV."""

    line: int
    org_nr: str
    name_sv: str
    name_en: str
    short_name: str
    ministry: str
    instruction_sfs: str
    latest_amendment_sfs: str
    leadership_form: str
    host_agency: str
    fte_2025: str
    cofog: str
    website: str
    wikidata: str
    registers: frozenset[str]

    @property
    def locator(self) -> str:
        return f"org_nr {self.org_nr} (swedish_state_agencies.csv line {self.line})"


@dataclass
class Curated:
    """The curated agencies (IRIs, names, short names) and the curated statutes that already carry labels."""

    by_org_nr: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    labels: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    short_names: dict[str, set[str]] = field(default_factory=dict)
    labelled: set[str] = field(default_factory=set)


def read_agencies(csv_path: Path) -> list[Agency]:
    """Read and check the reference CSV; fail with a message that says what to fix."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != HEADER:
            raise ValueError(f"{csv_path}: expected header {HEADER}, got {reader.fieldnames}")
        agencies = [_agency(line, {k: v.strip() for k, v in row.items()}) for line, row in enumerate(reader, 2)]
    numbers = [a.org_nr for a in agencies]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"{csv_path}: duplicate organisation numbers")
    return sorted(agencies, key=lambda a: a.org_nr)


def _agency(line: int, row: dict[str, str]) -> Agency:
    checks = {
        "org_nr": r"\d{6}-\d{4}",
        "instruction_sfs": r"\d{4}:\d+",
        "latest_amendment_sfs": r"\d{4}:\d+",
        "fte_2025": r"\d+(\.\d+)?",
        "cofog": r"(\d{1,4})?",
        "wikidata": r"(Q[1-9]\d*)?",
    }
    for column, pattern in checks.items():
        if not re.fullmatch(pattern, row[column]):
            raise ValueError(f"line {line}: malformed {column} {row[column]!r}")
    if row["leadership_form"] not in LEADERSHIP_FORMS:
        raise ValueError(f"line {line}: unknown leadership form {row['leadership_form']!r}")
    if correction := ROW_CORRECTIONS.get(row["org_nr"]):
        row = row | dict.fromkeys(correction.columns, "")
    return Agency(
        line, row["org_nr"], row["name_sv"], row["name_en"], row["short_name"], row["ministry"],
        row["instruction_sfs"], row["latest_amendment_sfs"], row["leadership_form"], row["host_agency"],
        row["fte_2025"], row["cofog"], row["website"], row["wikidata"], frozenset(row["in_registers"].split(";")),
    )  # fmt: skip


def read_curated(data_dir: Path) -> Curated:
    """Collect the curated agencies and statutes from the hand-written files under data_dir."""
    store = ox.Store()
    for pattern in CURATED_GLOBS:
        for path in sorted(data_dir.glob(pattern)):
            store.load(path=str(path), format=ox.RdfFormat.TRIG)
    curated = Curated()
    agencies = {
        q.subject.value
        for q in store.quads_for_pattern(None, RDF_TYPE, STATE_AGENCY)
        if isinstance(q.subject, ox.NamedNode)
    }
    for quad in store.quads_for_pattern(None, None, None):
        if not isinstance(quad.subject, ox.NamedNode) or not isinstance(quad.object, ox.Literal):
            continue
        subject, value = quad.subject.value, quad.object
        if quad.predicate == RDFS_LABEL:
            curated.labelled.add(subject)
            if subject in agencies and value.language:
                curated.labels.setdefault(subject, set()).add((value.value, value.language))
        elif subject in agencies and quad.predicate == ORG_NUMBER:
            curated.by_org_nr[value.value] = subject
        elif subject in agencies and quad.predicate == SHORT_NAME:
            curated.short_names.setdefault(subject, set()).add(value.value)
    for subject, labels in curated.labels.items():
        for name, language in labels:
            if language == "sv":
                curated.by_name.setdefault(name, subject)
    return curated


def fold(name: str) -> str:
    """'Klimat- och näringslivsdepartementet' -> 'klimat-och-naringslivsdepartementet'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", ascii_name)).strip("-")


def cofog_notation(code: str) -> str:
    """The register gives COFOG codes without dots or leading zero: '941' -> '09.4.1', '4' -> '04', '1090' -> '10.9.0'."""
    if len(code) <= 2:
        return code.zfill(2)
    division, rest = (code[:2], code[2:]) if len(code) == 4 else ("0" + code[0], code[1:])
    return f"{division}.{rest[0]}.{rest[1]}"


def sfs_order(number: str) -> tuple[int, int]:
    """Sort key of an SFS number: year, then number ('2023:83' before '2024:614')."""
    year, serial = number.split(":")
    return int(year), int(serial)


def luhn_valid(org_nr: str) -> bool:
    """True when the organisation number's last digit checks out by the Luhn algorithm."""
    total = 0
    for i, digit in enumerate(int(c) for c in org_nr.replace("-", "")):
        doubled = digit * 2 if i % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


class Resolver:
    """Agency IRIs: the curated IRI where one exists (by organisation number, else Swedish name), else actor:{org_nr}."""

    def __init__(self, agencies: list[Agency], curated: Curated) -> None:
        self.curated = curated
        self.iris = {a.org_nr: self._iri(a) for a in agencies}
        if len(set(self.iris.values())) != len(self.iris):
            raise ValueError("two register rows resolve to the same agency IRI")
        self.by_name = {name.lower(): _prefixed(iri) for name, iri in curated.by_name.items()}
        for agency in agencies:
            for name in (agency.name_sv, agency.short_name):
                if name:
                    self.by_name.setdefault(name.lower(), self.iris[agency.org_nr])

    def _iri(self, agency: Agency) -> str:
        found = self.curated.by_org_nr.get(agency.org_nr) or self.curated.by_name.get(agency.name_sv)
        return _prefixed(found) if found else f"actor:{agency.org_nr}"

    def agency(self, agency: Agency) -> str:
        return self.iris[agency.org_nr]

    def is_curated(self, agency: Agency) -> bool:
        return not self.iris[agency.org_nr].endswith(agency.org_nr)

    def host(self, agency: Agency) -> str | None:
        """The host agency's IRI when the register's text names an agency exactly; None otherwise."""
        return self.by_name.get(agency.host_agency.lower())

    def curated_labels(self, agency: Agency) -> set[tuple[str, str]]:
        return self.curated.labels.get(_full(self.iris[agency.org_nr]), set())

    def curated_short_names(self, agency: Agency) -> set[str]:
        return self.curated.short_names.get(_full(self.iris[agency.org_nr]), set())


ACTOR_NS = "https://w3id.org/samverkan/id/actor/"


def _prefixed(iri: str) -> str:
    if not iri.startswith(ACTOR_NS):
        raise ValueError(f"curated agency {iri} is not under {ACTOR_NS}")
    return "actor:" + iri.removeprefix(ACTOR_NS)


def _full(prefixed: str) -> str:
    return ACTOR_NS + prefixed.removeprefix("actor:")


def _name_pairs(
    predicate: str, name: str, lang: str, known: Iterable[str], curated: bool
) -> list[tuple[str, str]]:
    """A register name: as `predicate` on a generated agency; on a curated one only as an alternative name."""
    if not name:
        return []
    if not curated:
        return [(predicate, literal(name, lang))]
    return [] if name in known else [("skos:altLabel", literal(name, lang))]


def source_block(register: Register, snapshot: str, caveat: str = "") -> str:
    """The register as a sam:SourceDocument; `caveat` says what a check against other sources found wrong in it."""
    pairs = [
        ("a", "sam:SourceDocument"),
        ("sam:readingDepth", "<https://w3id.org/samverkan/id/reading-depth/metadata>"),  # a register extract
        ("rdfs:label", literal(register.label_sv, "sv")),
        ("rdfs:label", literal(register.label_en, "en")),
        ("dcterms:title", literal(register.title, "sv")),
        ("dcterms:language", literal("sv")),
        ("dcterms:description", literal(register.description_sv, "sv")),
        ("dcterms:description", literal(register.description_en, "en")),
        ("sam:asOf", typed(snapshot, "xsd:date")),
        ("sam:sourceUrl", typed(register.url, "xsd:anyURI")),
    ]
    if register.publisher:
        pairs.append(("dcterms:publisher", register.publisher))
    if register is COMPILATION:
        pairs += [("prov:wasDerivedFrom", f"source:{r.slug}") for r in REGISTERS if r is not COMPILATION]
        pairs.append(("dcterms:license", "<http://creativecommons.org/publicdomain/zero/1.0/>"))
        pairs.append(("sam:unconfirmed", literal(
            "Publisher is the GitHub organisation civictechsweden (not modelled as an actor). The reference file "
            "lists the 262 agencies under the government active in 2025; changes of 2026-01-01 are only partly "
            "visible in it."
        )))  # fmt: skip
    else:
        pairs.append(("rdfs:seeAlso", f"source:{COMPILATION.slug}"))
        pairs.append(("sam:unconfirmed", literal(COMPILED.format(snapshot=snapshot, file=register.locator))))
    if caveat:
        pairs.append(("sam:unconfirmed", literal(caveat)))
    pairs.append(("sam:locator", literal(register.locator)))
    return block(f"source:{register.slug}", pairs)


@dataclass(frozen=True)
class NamedInstructions:
    """The instructions dated sources name for agencies: agency IRI -> (SFS number, prefixed source)."""

    by_agency: dict[str, tuple[str, str]]

    def of(self, agency: Agency, resolver: Resolver) -> tuple[str, str] | None:
        return self.by_agency.get(_full(resolver.agency(agency)))

    def differs(self, agency: Agency, resolver: Resolver) -> bool:
        """True when a dated source names another instruction than the register's for this agency."""
        named = self.of(agency, resolver)
        return named is not None and named[0] != agency.instruction_sfs

    def numbers(self) -> set[str]:
        return {sfs for sfs, _ in self.by_agency.values()}


def register_caveat(agencies: list[Agency], resolver: Resolver, named: NamedInstructions) -> str:
    """What checking the instruction column against dated sources found, counted."""
    checked = [a for a in agencies if named.of(a, resolver)]
    stale = [a for a in checked if named.differs(a, resolver)]
    return (
        f"The instruction column can name an ordinance since replaced: of the {len(checked)} agencies whose "
        "instruction a dated source names (government decisions, curated statutes, pages checked by hand in "
        f"data/agencies/instructions.toml), the register's number differs for {len(stale)}. Those agencies are "
        "linked to their instruction in that source's graph, not here; the register's numbers are kept as a note on "
        "the agency. The other rows' numbers are not checked."
    )


def statskontoret_graph(
    agencies: list[Agency], resolver: Resolver, snapshot: str, named: NamedInstructions
) -> list[str]:
    """Agencies, ministries, instructions and amendments, leadership forms: what Statskontoret's list says."""
    blocks = [source_block(STATSKONTORET, snapshot, register_caveat(agencies, resolver, named))]
    ministries = sorted({a.ministry for a in agencies}, key=fold)
    for ministry in ministries:
        blocks.append(block(f"actor:{fold(ministry)}", [
            ("a", "sam:GovernmentOffice"), ("a", "cv:PublicOrganisation"),
            ("rdfs:label", literal(ministry, "sv")),
            ("org:subOrganizationOf", "actor:regeringskansliet"),
            ("sam:locator", literal(f"ministry {ministry}")),
        ]))  # fmt: skip
    blocks += leadership_blocks(sorted({a.leadership_form for a in agencies}))
    for agency in agencies:
        blocks += agency_blocks(agency, resolver, snapshot, named)
    current = [a for a in agencies if not named.differs(a, resolver)]
    blocks += instruction_blocks(current, resolver, named.numbers())
    return blocks


def leadership_blocks(forms: list[str]) -> list[str]:
    """The register's forms of leadership as a SKOS concept scheme."""
    concepts = [f"leadership-form:{LEADERSHIP_FORMS[f][0]}" for f in forms]
    blocks = [block("scheme:leadership-forms", [
        ("a", "skos:ConceptScheme"),
        ("skos:prefLabel", literal("Myndigheternas ledningsformer", "sv")),
        ("skos:prefLabel", literal("Forms of leadership of agencies", "en")),
        *[("skos:hasTopConcept", c) for c in concepts],
        ("sam:locator", literal("column leadership_form")),
    ])]  # fmt: skip
    for form, concept in zip(forms, concepts, strict=True):
        blocks.append(block(concept, [
            ("a", "skos:Concept"),
            ("skos:inScheme", "scheme:leadership-forms"),
            ("skos:topConceptOf", "scheme:leadership-forms"),
            ("skos:prefLabel", literal(form, "sv")),
            ("skos:prefLabel", literal(LEADERSHIP_FORMS[form][1], "en")),
            ("skos:note", literal("English label: Samverkan's translation.", "en")),
            ("sam:locator", literal(f"leadership_form {form}")),
        ]))  # fmt: skip
    return blocks


def agency_blocks(agency: Agency, resolver: Resolver, snapshot: str, named: NamedInstructions) -> list[str]:
    """One agency with its ministry affiliation and staff figure."""
    iri, curated = resolver.agency(agency), resolver.is_curated(agency)
    known_sv = {name for name, lang in resolver.curated_labels(agency) if lang == "sv"}
    pairs = [("a", "sam:StateAgency"), ("a", "cv:PublicOrganisation")]
    pairs += _name_pairs("rdfs:label", agency.name_sv, "sv", known_sv, curated)
    if not curated and not agency.name_en:
        pairs.append(("rdfs:label", literal(agency.name_sv, "en")))
        pairs.append(("skos:note", literal("English label: the Swedish name; the registers give no English name.", "en")))
    if luhn_valid(agency.org_nr):
        pairs.append(("sam:organisationNumber", literal(agency.org_nr)))
    else:
        pairs.append(("dcterms:identifier", literal(agency.org_nr)))
        pairs.append(("sam:unconfirmed", literal(
            f"The register's identifier {agency.org_nr} fails the organisation-number check digit; it is kept as an "
            "identifier only."
        )))  # fmt: skip
    pairs.append(("sam:reportsTo", f"actor:{fold(agency.ministry)}"))
    pairs += instruction_pairs(agency, resolver, named)
    pairs.append(("sam:leadershipForm", f"leadership-form:{LEADERSHIP_FORMS[agency.leadership_form][0]}"))
    if agency.cofog:
        pairs.append(("sam:cofogFunction", f"cofog:{cofog_notation(agency.cofog)}"))
    host = resolver.host(agency) if agency.host_agency else None
    if host and host != iri:
        pairs.append(("sam:hostAgency", host))
    elif agency.host_agency and not host:
        pairs.append(("skos:note", literal(f"Värdmyndighet enligt registret: {agency.host_agency}", "sv")))
        pairs.append(("skos:note", literal(f"Host agency as the register writes it: {agency.host_agency}", "en")))
    if correction := ROW_CORRECTIONS.get(agency.org_nr):
        pairs.append(("skos:note", literal(correction.note_sv, "sv")))
        pairs.append(("skos:note", literal(correction.note_en, "en")))
    pairs.append(("sam:staffFigure", f"staff-figure:{agency.org_nr}-{FTE_YEAR}"))
    pairs.append(("sam:locator", literal(agency.locator)))
    name_en = agency.name_en or agency.name_sv
    ministry = f"actor:{fold(agency.ministry)}"
    return [
        block(iri, pairs),
        block(f"ministry-affiliation:{agency.org_nr}", [
            ("a", "sam:MinistryAffiliation"),
            ("rdfs:label", literal(f"{agency.name_sv} hör till {agency.ministry}", "sv")),
            ("rdfs:label", literal(f"{name_en} reports to {agency.ministry}", "en")),
            ("sam:affiliatedAgency", iri),
            ("sam:affiliatedMinistry", ministry),
            ("sam:asOf", typed(snapshot, "xsd:date")),
            ("sam:locator", literal(agency.locator)),
        ]),
        block(f"staff-figure:{agency.org_nr}-{FTE_YEAR}", [
            ("a", "sam:StaffFigure"),
            ("rdfs:label", literal(f"Årsarbetskrafter {FTE_YEAR}: {agency.name_sv}", "sv")),
            ("rdfs:label", literal(f"Full-time equivalents {FTE_YEAR}: {name_en}", "en")),
            ("sam:fullTimeEquivalents", typed(agency.fte_2025, "xsd:decimal")),
            ("sam:referenceYear", typed(FTE_YEAR, "xsd:gYear")),
            ("sam:locator", literal(agency.locator)),
        ]),
    ]  # fmt: skip


def instruction_pairs(agency: Agency, resolver: Resolver, named: NamedInstructions) -> list[tuple[str, str]]:
    """The agency's link to the register's instruction, or, where a dated source names another, a note instead."""
    source = named.of(agency, resolver)
    if source is None or not named.differs(agency, resolver):
        return [("sam:hasInstruction", f"instruction:{sfs_slug(agency.instruction_sfs)}")]
    sfs, where = source
    register, amendment = agency.instruction_sfs, agency.latest_amendment_sfs
    return [
        ("skos:note", literal(
            f"Registret anger instruktion SFS {register} (senaste ändring SFS {amendment}); {where} anger SFS {sfs} "
            "som myndighetens instruktion, så registrets nummer anges inte som dess instruktion.", "sv")),
        ("skos:note", literal(
            f"The register gives instruction SFS {register} (latest amendment SFS {amendment}); {where} names "
            f"SFS {sfs} as the agency's instruction, so the register's number is not recorded as its instruction.",
            "en")),
    ]  # fmt: skip


def instruction_blocks(agencies: list[Agency], resolver: Resolver, labelled_elsewhere: set[str]) -> list[str]:
    """Each instruction (SFS) with the agencies it applies to and its latest amendment; an instruction another
    graph labels (a curated statute, a checked page) gets no second label here."""
    by_sfs: dict[str, list[Agency]] = {}
    for agency in agencies:
        by_sfs.setdefault(agency.instruction_sfs, []).append(agency)
    amendments: dict[str, set[str]] = {}
    blocks = []
    for sfs in sorted(by_sfs, key=sfs_order):
        iri = f"instruction:{sfs_slug(sfs)}"
        pairs = [("a", "sam:Instruction"), ("a", "eli:LegalResource")]
        if sfs not in labelled_elsewhere and _full_instruction(iri) not in resolver.curated.labelled:
            pairs += [("rdfs:label", literal(f"Instruktion SFS {sfs}", "sv"))]
            pairs += [("rdfs:label", literal(f"Instruction SFS {sfs}", "en"))]
        pairs += [("dcterms:identifier", literal(f"SFS {sfs}")), ("eli:id_local", literal(sfs))]
        pairs += [("sam:appliesTo", resolver.agency(a)) for a in by_sfs[sfs]]
        amended_by = sorted({a.latest_amendment_sfs for a in by_sfs[sfs]} - {sfs}, key=sfs_order)
        for amendment in amended_by:  # agencies sharing an instruction may know different amendments
            amendments.setdefault(amendment, set()).add(sfs)
            pairs += [("eli:amended_by", f"legal-resource:{sfs_slug(amendment)}")]
        if amended_by:
            pairs += [("sam:latestAmendment", f"legal-resource:{sfs_slug(amended_by[-1])}")]
        lines = ", ".join(str(line) for line in sorted(a.line for a in by_sfs[sfs]))
        pairs.append(("sam:locator", literal(f"instruction_sfs {sfs} (swedish_state_agencies.csv lines {lines})")))
        blocks.append(block(iri, pairs))
    for sfs in sorted(amendments, key=sfs_order):
        blocks.append(amendment_block(sfs, f"latest_amendment_sfs {sfs}"))
    return blocks


def _full_instruction(prefixed: str) -> str:
    return "https://w3id.org/samverkan/id/instruction/" + prefixed.removeprefix("instruction:")


def scb_graph(agencies: list[Agency], resolver: Resolver, snapshot: str) -> list[str]:
    """Organisation numbers and web sites of the agencies SCB lists."""
    blocks = [source_block(SCB, snapshot)]
    for agency in agencies:
        if "SCB" not in agency.registers:
            continue
        pairs = [("sam:organisationNumber", literal(agency.org_nr))] if luhn_valid(agency.org_nr) else []
        homepage = []
        if agency.website:
            url = agency.website if "://" in agency.website else "https://" + agency.website
            pairs.append(("foaf:homepage", f"<{url}>"))
            homepage = [block(f"<{url}>", [("a", "foaf:Document"), ("sam:locator", literal(agency.locator))])]
        if pairs:
            blocks.append(block(resolver.agency(agency), [*pairs, ("sam:locator", literal(agency.locator))]))
        blocks += homepage
    return blocks


def names_graph(register: Register, agencies: list[Agency], resolver: Resolver, snapshot: str) -> list[str]:
    """English and short names (and, for Wikidata, ids) of the agencies whose names this register accounts for."""
    blocks = [source_block(register, snapshot)]
    for agency in agencies:
        pairs = []
        if register is WIKIDATA and agency.wikidata:
            pairs.append(("sam:wikidataId", literal(agency.wikidata)))
        if names_register(agency) is register:
            curated = resolver.is_curated(agency)
            known_en = {name for name, lang in resolver.curated_labels(agency) if lang == "en"}
            pairs += _name_pairs("rdfs:label", agency.name_en, "en", known_en, curated)
            if agency.short_name and agency.short_name not in resolver.curated_short_names(agency):
                pairs.append(("sam:shortName", literal(agency.short_name)))
        if pairs:
            blocks.append(block(resolver.agency(agency), [*pairs, ("sam:locator", literal(agency.locator))]))
    return blocks


def names_register(agency: Agency) -> Register:
    """Where an agency's English and short names come from: ESV if it lists the agency, else Wikidata, else the
    compilation (the reference README names ESV and Wikidata as the sources of these columns)."""
    if "ESV" in agency.registers:
        return ESV
    return WIKIDATA if agency.wikidata else COMPILATION


def _file_text(label_en: str, graphs: list[tuple[str, list[str]]]) -> str:
    """A TriG file of named graphs, each (source slug, blocks)."""
    header = (
        "# GENERATED by samverkan.knowledge.generate.state_agencies -- do not edit by hand; re-run the module.\n"
        f"# Claims of {label_en}, from swedish_state_agencies.csv (snapshot {SNAPSHOT}).\n"
    )
    return header + PREFIXES + "".join("\n" + named_graph(f"source:{slug}", blocks) for slug, blocks in graphs)


NAMED_INSTRUCTION_GLOBS = ("sources/sfs-*.trig", "assignments/*.trig")  # statutes and decisions that name one
HAS_INSTRUCTION = ox.NamedNode(SAM + "hasInstruction")
APPLIES_TO = ox.NamedNode(SAM + "appliesTo")
ELI_ID_LOCAL = ox.NamedNode("http://data.europa.eu/eli/ontology#id_local")
SOURCE_NS = "https://w3id.org/samverkan/id/source/"


def read_named_instructions(data_dir: Path) -> dict[str, tuple[str, str]]:
    """Agency IRI -> (SFS number, prefixed source) for each instruction a curated statute or a government decision
    names for an agency; where several sources name one, the first source in IRI order."""
    store = ox.Store()
    for pattern in NAMED_INSTRUCTION_GLOBS:
        for path in sorted(data_dir.glob(pattern)):
            store.load(path=str(path), format=ox.RdfFormat.TRIG)
    links: list[tuple[str, str, ox.NamedNode]] = []  # (graph, agency, instruction)
    for predicate, forward in ((HAS_INSTRUCTION, True), (APPLIES_TO, False)):
        for q in store.quads_for_pattern(None, predicate, None):
            agency, instruction = (q.subject, q.object) if forward else (q.object, q.subject)
            graph = q.graph_name
            if (
                isinstance(agency, ox.NamedNode)
                and isinstance(instruction, ox.NamedNode)
                and isinstance(graph, ox.NamedNode)
            ):
                links.append((graph.value, agency.value, instruction))
    named: dict[str, tuple[str, str]] = {}
    for graph_iri, agency_iri, instruction_iri in sorted(links, key=lambda link: link[:2]):
        numbers = [
            q.object.value
            for q in store.quads_for_pattern(instruction_iri, ELI_ID_LOCAL, None)
            if isinstance(q.object, ox.Literal)
        ]
        if numbers:
            named.setdefault(agency_iri, (min(numbers), "source:" + graph_iri.removeprefix(SOURCE_NS)))
    return named


def checked_agencies(checked: list[CheckedInstruction], agencies: list[Agency]) -> list[tuple[CheckedInstruction, Agency]]:
    """Each checked instruction with its register row; fail when the row is missing or names another agency."""
    by_org_nr = {a.org_nr: a for a in agencies}
    pairs = []
    for entry in checked:
        agency = by_org_nr.get(entry.org_nr)
        if agency is None or agency.name_sv != entry.agency:
            raise ValueError(f"checked instruction {entry.org_nr} ({entry.agency}): no such register row")
        pairs.append((entry, agency))
    return pairs


def with_checked(
    named: dict[str, tuple[str, str]], pairs: list[tuple[CheckedInstruction, Agency]], resolver: Resolver
) -> NamedInstructions:
    """The instructions dated sources name, the hand-checked pages included; fail when two sources disagree."""
    merged = dict(named)
    for entry, agency in pairs:
        iri = _full(resolver.agency(agency))
        if iri in merged and merged[iri][0] != entry.sfs:
            raise ValueError(f"{iri}: {merged[iri][1]} names SFS {merged[iri][0]}, source:{entry.source} {entry.sfs}")
        merged.setdefault(iri, (entry.sfs, f"source:{entry.source}"))
    return NamedInstructions(merged)


def checked_graphs(pairs: list[tuple[CheckedInstruction, Agency]], resolver: Resolver) -> list[tuple[str, list[str]]]:
    """One graph per checked page."""
    return [
        (entry.source, checked_instructions.checked_blocks(
            entry, resolver.agency(agency), agency.name_sv, agency.name_en or agency.name_sv))
        for entry, agency in pairs
    ]  # fmt: skip


def instruction_holders(agencies: list[Agency], resolver: Resolver, named: NamedInstructions) -> list[InstructionHolder]:
    """Every agency with its instruction, for the derived accountability graph: the one a dated source names where
    there is one, else the register's."""
    holders = []
    for a in agencies:
        sfs, source = named.of(a, resolver) or (a.instruction_sfs, "")
        holders.append(InstructionHolder(
            resolver.agency(a), a.name_sv, a.name_en or a.name_sv, sfs, a.locator, source, a.instruction_sfs))
    return holders


def generate(csv_path: Path, out_dir: Path, curated_dir: Path) -> list[Path]:
    """Write one TriG file per register, the checked instructions and the derived accountability graph into
    out_dir; return their paths."""
    agencies = read_agencies(csv_path)
    resolver = Resolver(agencies, read_curated(curated_dir))
    checked = checked_agencies(read_checked(curated_dir / checked_instructions.READINGS), agencies)
    named = with_checked(read_named_instructions(curated_dir), checked, resolver)
    graphs = {
        STATSKONTORET: statskontoret_graph(agencies, resolver, SNAPSHOT, named),
        SCB: scb_graph(agencies, resolver, SNAPSHOT),
        ESV: names_graph(ESV, agencies, resolver, SNAPSHOT),
        WIKIDATA: names_graph(WIKIDATA, agencies, resolver, SNAPSHOT),
        COMPILATION: names_graph(COMPILATION, agencies, resolver, SNAPSHOT),
    }
    texts = {register.file: _file_text(register.label_en, [(register.slug, blocks)]) for register, blocks in graphs.items()}
    texts[checked_instructions.FILE] = _file_text(
        "the pages that show the agencies' instructions (data/agencies/instructions.toml), matched to the register",
        checked_graphs(checked, resolver),
    )
    accountability = agency_mandates.accountability_graph(
        instruction_holders(agencies, resolver, named), STATSKONTORET.slug, SNAPSHOT
    )
    texts[agency_mandates.FILE] = _file_text(
        "Samverkan's reading of Statskontoret's list: the agencies' accountability under their instructions",
        [(agency_mandates.SLUG, accountability)],
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="reference CSV (default: %(default)s)")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="output folder (default: %(default)s)")
    parser.add_argument(
        "--curated-dir", type=Path, default=DEFAULT_CURATED_DIR, help="data folder with the curated actors"
    )
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"reference CSV not found: {args.csv}; pass --csv PATH", file=sys.stderr)
        return 2
    for path in generate(args.csv, args.out_dir, args.curated_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
