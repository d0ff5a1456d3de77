"""Each agency's accountability for the tasks its instruction gives it: a derived graph, built from the register.

Why derived, and why sound: an instruction (SFS) is the ordinance in which the government sets out one agency's tasks
(sam:Instruction: "a statute that sets out an agency's tasks and is thereby its legal basis"; GUIDE 2: an agency's
instruction is its mandate). Statskontoret's list names each agency's instruction. So the agency is the actor
answerable to the government for carrying out the tasks that instruction gives it: role accountable, the instruction
as mandate and as what the responsibility is for, as of the register's snapshot (the register gives no start date).
The claim is Samverkan's reading of the register row, not the register's own words, so it sits in a graph of its
own (a derived sam:SourceDocument, prov:wasDerivedFrom Statskontoret's list) with the row as locator.

The register's instruction column can name an ordinance since replaced: checked against the ordinances (a
government decision that names the instruction, or the ordinance's page: data/agencies/instructions.toml), most of
the register's numbers were out of date. So only an instruction a dated source names makes an agency accountable
here (that source is cited); an agency whose number rests on the register alone is left out, counted in the
source's description, since "accountable under a repealed ordinance" would be a false claim.

An ordinance the register gives to several agencies (the higher-education ordinance, the county administrative
boards' instruction, ...) sets out tasks each of them carries out for its own part; "accountable for the ordinance"
would overclaim, so those rows are left out here and counted in the source's description.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.knowledge.generate.trig import block, literal, typed

SLUG = "samverkan-instruction-accountability"
FILE = "state-agencies-instruction-accountability.trig"


@dataclass(frozen=True)
class InstructionHolder:
    """One agency as the register names it with its instruction."""

    actor: str  # prefixed IRI, e.g. actor:digg or actor:202100-0852
    name_sv: str
    name_en: str
    sfs: str  # "2018:1486"
    locator: str
    named_in: str = ""  # prefixed source that names this instruction for the agency; "" for the register's own
    register_sfs: str = ""  # the register's number, where a source names the instruction


def _local(prefixed: str) -> str:
    return prefixed.split(":", 1)[1]


def sfs_slug(number: str) -> str:
    """'2018:1486' -> 'sfs-2018-1486'."""
    return "sfs-" + number.replace(":", "-")


def sole_holders(holders: list[InstructionHolder]) -> tuple[list[InstructionHolder], int]:
    """The holders whose instruction applies to them alone, and how many rows share an instruction."""
    counts: dict[str, int] = {}
    for holder in holders:
        counts[holder.sfs] = counts.get(holder.sfs, 0) + 1
    sole = [h for h in holders if counts[h.sfs] == 1]
    return sole, len(holders) - len(sole)


def source_block(register: str, snapshot: str, shared: int, checked: list[InstructionHolder], unchecked: int) -> str:
    """The derived source document; `checked` are the holders whose instruction a dated source names."""
    stale = sum(1 for h in checked if h.register_sfs and h.register_sfs != h.sfs)
    return block(f"source:{SLUG}", [
        ("a", "sam:SourceDocument"),
        ("sam:readingDepth", "<https://w3id.org/samverkan/id/reading-depth/metadata>"),
        ("rdfs:label", literal("Samverkan: myndigheternas ansvar enligt sina instruktioner", "sv")),
        ("rdfs:label", literal("Samverkan: the agencies' accountability under their instructions", "en")),
        ("dcterms:title", literal("The agencies' accountability under their instructions", "en")),
        ("dcterms:language", literal("en")),
        ("dcterms:description", literal(
            "Härlett av Samverkan ur Statskontorets förteckning: en myndighets instruktion anger dess uppgifter och "
            "är dess mandat, så myndigheten är ytterst ansvarig inför regeringen för att utföra de uppgifter "
            "instruktionen ger den. Gäller myndigheter vars instruktion bara avser dem och vars instruktion en "
            f"daterad källa anger; {shared} myndigheter delar instruktion med andra och {unchecked} har bara "
            "registrets, okontrollerade nummer: de tas inte med.", "sv")),
        ("dcterms:description", literal(
            "Derived by Samverkan from Statskontoret's list: an agency's instruction sets out its tasks and is its "
            "mandate, so the agency is accountable to the government for carrying out the tasks its instruction "
            "gives it. Covers the agencies whose instruction applies to them alone and is named by a dated source; "
            f"{shared} agencies share an instruction with others and {unchecked} have only the register's unchecked "
            "number: they are left out.", "en")),
        ("prov:wasDerivedFrom", f"source:{register}"),
        *[("prov:wasDerivedFrom", source) for source in sorted({h.named_in for h in checked})],
        ("sam:asOf", typed(snapshot, "xsd:date")),
        ("sam:unconfirmed", literal(
            "The register's instruction column can name an ordinance since replaced: of the "
            f"{len(checked)} agencies here whose instruction a dated source names, the register's number differs for "
            f"{stale} (the source's number is used), so the {unchecked} agencies whose number rests on the register "
            "alone are not given an accountability here.")),
        ("sam:locator", literal("Statskontoret's list, columns org_nr and instruction_sfs")),
    ])  # fmt: skip


def responsibility_blocks(holder: InstructionHolder, snapshot: str) -> list[str]:
    """The qualified responsibility and the shortcut on the instruction, for one agency."""
    instruction = f"instruction:{sfs_slug(holder.sfs)}"
    locator = literal(f"{holder.locator}; instruction SFS {holder.sfs} as named in {holder.named_in}")
    return [
        block(f"responsibility:{_local(holder.actor)}-{sfs_slug(holder.sfs)}", [
            ("a", "sam:Responsibility"),
            ("rdfs:label", literal(
                f"{holder.name_sv} ansvarar för uppgifterna i sin instruktion (SFS {holder.sfs})", "sv")),
            ("rdfs:label", literal(
                f"{holder.name_en} accountable for the tasks of its instruction (SFS {holder.sfs})", "en")),
            ("sam:actor", holder.actor),
            ("sam:responsibilityFor", instruction),
            ("sam:role", "role:accountable"),
            ("sam:mandate", instruction),
            ("sam:asOf", typed(snapshot, "xsd:date")),
            ("sam:locator", locator),
        ]),
        block(instruction, [("sam:accountableActor", holder.actor), ("sam:locator", locator)]),
    ]  # fmt: skip


def accountability_graph(holders: list[InstructionHolder], register: str, snapshot: str) -> list[str]:
    """The derived graph's blocks: its source, then one responsibility per agency with a checked instruction of its own."""
    sole, shared = sole_holders(holders)
    checked = [h for h in sole if h.named_in]
    blocks = [source_block(register, snapshot, shared, checked, len(sole) - len(checked))]
    for holder in sorted(checked, key=lambda h: h.actor):
        blocks += responsibility_blocks(holder, snapshot)
    return blocks
