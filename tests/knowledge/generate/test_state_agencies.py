"""The generated state agencies match the generator, the agency register and the curated actors.

Why: the 262 agencies are generated, never hand-edited; this test fails when someone edits the TriG by hand, changes
the generator or the curated actors without re-running it, or an agency loses its IRI, its ministry or its
instruction, or appears twice.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS, SKOS, XSD

from samverkan.knowledge.generate import agency_mandates, checked_instructions
from samverkan.knowledge.generate.agency_mandates import InstructionHolder, sole_holders
from samverkan.knowledge.generate.checked_instructions import READINGS, read_checked
from samverkan.knowledge.generate.state_agencies import (
    REGISTERS,
    cofog_notation,
    fold,
    read_named_instructions,
)

PROJECT_ROOT = Path(__file__).resolve().parents[3]
GENERATOR = "samverkan.knowledge.generate.state_agencies"
GENERATED = PROJECT_ROOT / "data" / "generated"
CSV_PATH = PROJECT_ROOT / ".." / "shared" / "reference" / "swedish_state_agencies.csv"
OUTPUT_FILES = (*(register.file for register in REGISTERS), checked_instructions.FILE, agency_mandates.FILE)

SAM = Namespace("https://w3id.org/samverkan/ontology#")
ACTOR = Namespace("https://w3id.org/samverkan/id/actor/")
SOURCE = Namespace("https://w3id.org/samverkan/id/source/")
STATSKONTORET = SOURCE["statskontoret-myndigheterna-under-regeringen"]
ACCOUNTABILITY = SOURCE[agency_mandates.SLUG]
INSTRUCTION = Namespace("https://w3id.org/samverkan/id/instruction/")
ROLE = Namespace("https://w3id.org/samverkan/id/role/")

needs_csv = pytest.mark.skipif(not CSV_PATH.is_file(), reason=f"reference CSV not found at {CSV_PATH}")


@pytest.fixture(scope="module")
def dataset(parse_generated: Callable[[Iterable[str]], Dataset]) -> Dataset:
    return parse_generated(OUTPUT_FILES)


@pytest.fixture(scope="module")
def statskontoret(dataset: Dataset) -> Graph:
    return dataset.graph(STATSKONTORET)


def agencies(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, SAM.StateAgency) if isinstance(s, URIRef)}


def csv_rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@needs_csv
def test_committed_output_equals_a_fresh_run(stale_outputs: Callable[[str, Path, Iterable[str]], list[str]]) -> None:
    assert stale_outputs(GENERATOR, CSV_PATH, OUTPUT_FILES) == []


def test_262_agencies_each_with_ministry_and_instruction(dataset: Dataset, statskontoret: Graph) -> None:
    # The instruction is the register's, or, where a dated source names another, that source's: a checked page
    # (generated here) or a government decision (data/assignments).
    found = agencies(statskontoret)
    assert len(found) == 262
    assert not {a for a in found if statskontoret.value(a, SAM.reportsTo) is None}
    decided = {URIRef(iri) for iri in read_named_instructions(PROJECT_ROOT / "data")}
    linked = {s for s, _, _, _ in dataset.quads((None, SAM.hasInstruction, None, None))}
    lacking = found - linked - decided
    assert not lacking, sorted(lacking)[:5]


def test_a_checked_instruction_replaces_the_registers_stale_number(dataset: Dataset, statskontoret: Graph) -> None:
    # Statskontoret's list gives Försäkringskassan SFS 2004:1299; lagen.nu shows SFS 2009:1174 (which repealed
    # SFS 2007:1235) as its instruction. The register's number stays a note, not a link.
    checked = dataset.graph(SOURCE["sfs-2009-1174"])
    agency = ACTOR.forsakringskassan
    assert (agency, SAM.hasInstruction, INSTRUCTION["sfs-2009-1174"]) in checked
    assert (INSTRUCTION["sfs-2009-1174"], SAM.appliesTo, agency) in checked
    assert (SOURCE["sfs-2009-1174"], SAM.sourceUrl, None) in checked
    assert (agency, SAM.hasInstruction, None) not in statskontoret
    assert not any(dataset.quads((INSTRUCTION["sfs-2004-1299"], None, None, None)))
    assert any("2004:1299" in str(note) for note in statskontoret.objects(agency, SKOS.note))
    # where the page agrees with the register, the link stays in the register's graph too, labelled once
    assert (ACTOR["202100-6297"], SAM.hasInstruction, INSTRUCTION["sfs-2010-185"]) in statskontoret
    labels = {o for _, _, o, _ in dataset.quads((INSTRUCTION["sfs-2010-185"], RDFS.label, None, None))}
    assert {label.language for label in labels if isinstance(label, Literal)} == {"sv", "en"} and len(labels) == 2


@needs_csv
def test_no_organisation_number_is_given_to_two_agencies(dataset: Dataset) -> None:
    holders: dict[str, set[str]] = {}
    for agency, number in dataset.subject_objects(SAM.organisationNumber):
        holders.setdefault(str(number), set()).add(str(agency))
    shared = {number: sorted(found) for number, found in holders.items() if len(found) > 1}
    assert not shared, shared
    assert len({row["org_nr"] for row in csv_rows()}) == 262


def test_curated_agencies_keep_their_iris(dataset: Dataset, statskontoret: Graph) -> None:
    found = agencies(statskontoret)
    for slug in ("digg", "pts", "lantmateriet", "bolagsverket", "skatteverket", "msb", "scb", "esv"):
        assert ACTOR[slug] in found, slug
    assert ACTOR["202100-6883"] not in found  # DIGG is actor:digg, not its organisation number
    assert ACTOR["202100-0852"] in found  # Statskontoret has no curated IRI
    checked = dataset.graph(SOURCE["skolverket-styrning-och-uppfoljning"])  # the agency's page names its instruction
    assert (ACTOR.skolverket, SAM.hasInstruction, INSTRUCTION["sfs-2015-1047"]) in checked
    # a curated agency keeps its curated name; the register's differing name is an alternative label
    assert (ACTOR.skolverket, SKOS.altLabel, Literal("Statens skolverk", lang="sv")) in statskontoret


def test_ministry_affiliation_is_qualified_and_dated(statskontoret: Graph) -> None:
    affiliations = set(statskontoret.subjects(SAM.affiliatedAgency, ACTOR.digg))
    assert len(affiliations) == 1
    affiliation = affiliations.pop()
    assert statskontoret.value(affiliation, SAM.affiliatedMinistry) == ACTOR.finansdepartementet
    assert statskontoret.value(affiliation, SAM.asOf) == Literal("2026-01-02", datatype=XSD.date)
    assert (ACTOR.digg, SAM.reportsTo, ACTOR.finansdepartementet) in statskontoret


def test_each_claim_is_in_the_graph_of_its_register(dataset: Dataset) -> None:
    scb, esv, wikidata = (
        dataset.graph(SOURCE[s]) for s in ("scb-myndighetsregistret", "esv-myndighetsregistret", "wikidata-myndigheter")
    )
    assert (ACTOR.digg, SAM.wikidataId, Literal("Q56302089")) in wikidata
    assert (None, SAM.wikidataId, None) not in scb
    assert (ACTOR["202100-0852"], RDF.type, SAM.StateAgency) not in scb  # types live in Statskontoret's graph
    assert esv.value(ACTOR["202100-0852"], RDFS.label) == Literal(
        "Swedish Agency for Administrative Development", lang="en"
    )
    for register in REGISTERS:
        graph = dataset.graph(SOURCE[register.slug])
        missing = {str(s) for s in graph.subjects() if graph.value(s, SAM.locator) is None}
        assert not missing, f"subjects without sam:locator in {register.file}: {sorted(missing)[:5]}"


def test_cofog_codes_and_ministry_slugs() -> None:
    codes = ("941", "4", "10", "1090", "111")
    assert [cofog_notation(c) for c in codes] == ["09.4.1", "04", "10", "10.9.0", "01.1.1"]
    assert fold("Klimat- och näringslivsdepartementet") == "klimat-och-naringslivsdepartementet"
    assert fold("Statsrådsberedningen") == "statsradsberedningen"


def test_an_agency_with_a_checked_instruction_of_its_own_is_accountable_for_it(dataset: Dataset) -> None:
    graph = dataset.graph(ACCOUNTABILITY)
    responsibilities = set(graph.subjects(RDF.type, SAM.Responsibility))
    for r in responsibilities:
        actor, instruction = graph.value(r, SAM.actor), graph.value(r, SAM.responsibilityFor)
        assert graph.value(r, SAM.role) == ROLE.accountable
        assert graph.value(r, SAM.mandate) == instruction
        assert (instruction, SAM.accountableActor, actor) in graph  # the shortcut, in the same graph
    # only instructions named by government decisions (DIGG, BV, SKV, LM, Kammarkollegiet) or checked on a page
    # (instructions.toml); a number resting on the register alone (MSB's 2008:1002) makes no one accountable
    assert len(responsibilities) == 5 + len(read_checked(PROJECT_ROOT / "data" / READINGS))
    assert (INSTRUCTION["sfs-2008-1002"], SAM.accountableActor, None) not in graph
    assert (INSTRUCTION["sfs-2018-1486"], SAM.accountableActor, ACTOR.digg) in graph
    # a dated decision wins over the register's stale number (Skatteverket's SFS 2003:1106 was repealed in 2008)
    assert (INSTRUCTION["sfs-2017-154"], SAM.accountableActor, ACTOR.skatteverket) in graph
    assert (INSTRUCTION["sfs-2003-1106"], SAM.accountableActor, None) not in graph
    # the higher-education ordinance applies to many universities: nobody is accountable for it as a whole
    assert (INSTRUCTION["sfs-1993-100"], SAM.accountableActor, None) not in graph
    assert (ACCOUNTABILITY, PROV.wasDerivedFrom, STATSKONTORET) in graph


def test_a_shared_instruction_makes_no_one_accountable_for_it() -> None:
    holders = [InstructionHolder(f"actor:{n}", n, n, sfs, "") for n, sfs in (("a", "1:1"), ("b", "1:1"), ("c", "2:2"))]
    sole, shared = sole_holders(holders)
    assert [h.actor for h in sole] == ["actor:c"]
    assert shared == 2


def test_the_garbled_register_row_keeps_only_what_describes_its_agency(dataset: Dataset) -> None:
    # Row 202100-2742 names Högsta förvaltningsdomstolen but carries Domstolsverket's English and short names and a
    # district court's web site: those are left out, with a note.
    court = ACTOR["202100-2742"]
    assert (court, RDFS.label, Literal("National Courts Administration", lang="en")) not in dataset
    assert (court, SAM.shortName, None) not in dataset
    assert (court, FOAF.homepage, None) not in dataset
    assert (court, SAM.hasInstruction, INSTRUCTION["sfs-1996-378"]) in dataset.graph(STATSKONTORET)
    assert any("Domstolsverket" in str(note) for note in dataset.graph(STATSKONTORET).objects(court, SKOS.note))
