"""The agencies' instructions as checked by hand against a public page, one source document per page read.

Statskontoret's instruction column is often out of date (it can name an ordinance repealed years ago), so each
agency's instruction was looked up on a page that shows the ordinance (lagen.nu and Regeringskansliets
rättsdatabaser render the SFS text; an amendment, a government decision or the agency's own page can name it too).
``data/agencies/instructions.toml`` records what each page shows; its header documents the keys. Each entry
becomes one named graph: the page as a sam:SourceDocument, the instruction with the dates and the latest amendment
the page gives, and the agency's link to it. A checked number wins over the register's (state_agencies).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from samverkan.knowledge.generate.agency_mandates import sfs_slug
from samverkan.knowledge.generate.trig import block, literal, typed

FILE = "state-agencies-instructions-checked.trig"
READINGS = Path("agencies") / "instructions.toml"  # under the data folder

SFS = re.compile(r"\d{4}:\d+")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class CheckedInstruction:
    """One agency's instruction as a page shows it (the keys of instructions.toml)."""

    org_nr: str
    agency: str
    sfs: str
    title: str
    source: str
    page: str
    publisher: str
    site: str
    url: str
    read: str
    shown_as_of: str
    issued: str
    in_force: str
    amended_to: str
    locator: str

    @property
    def page_title(self) -> str:
        return self.page or self.title


KEYS = tuple(f.name for f in fields(CheckedInstruction))


def read_checked(path: Path) -> list[CheckedInstruction]:
    """Read and check instructions.toml; fail with a message that says what to fix."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    if set(raw) - {"instruction"}:
        raise ValueError(f"{path}: unknown top-level keys {sorted(set(raw) - {'instruction'})}")
    entries = [_entry(path, item) for item in raw.get("instruction", [])]
    for key in ("org_nr", "source"):
        values = [getattr(e, key) for e in entries]
        if len(set(values)) != len(values):
            raise ValueError(f"{path}: a {key} is given twice")
    return sorted(entries, key=lambda e: e.org_nr)


def _entry(path: Path, item: dict[str, str]) -> CheckedInstruction:
    if set(item) != set(KEYS):
        raise ValueError(f"{path}: entry {item.get('org_nr')!r} must have exactly the keys {KEYS}")
    entry = CheckedInstruction(**{key: str(item[key]).strip() for key in KEYS})
    problems = [
        *(f"{key} {getattr(entry, key)!r} is not YYYY:N" for key in ("sfs", "amended_to") if not _ok(SFS, entry, key)),
        *(f"{key} is not a date" for key in ("read", "shown_as_of", "issued", "in_force") if not _ok(DATE, entry, key)),
        *([] if f"({entry.sfs})" in entry.title else [f"title does not name ({entry.sfs})"]),
        *([] if SLUG.fullmatch(entry.source) else [f"source {entry.source!r} is not a slug"]),
        *([] if entry.publisher.startswith("actor:") else ["publisher is not a prefixed actor IRI"]),
        *([] if entry.url.startswith(("http://", "https://")) else ["url is not a web address"]),
        *([] if entry.read else ["read is empty"]),
    ]
    if problems:
        raise ValueError(f"{path}: entry {entry.org_nr}: " + "; ".join(problems))
    return entry


def _ok(pattern: re.Pattern[str], entry: CheckedInstruction, key: str) -> bool:
    value = getattr(entry, key)
    return not value or bool(pattern.fullmatch(value))


def amendment_block(number: str, locator: str) -> str:
    """An amending statute, labelled the same way whichever graph names it."""
    return block(f"legal-resource:{sfs_slug(number)}", [
        ("a", "eli:LegalResource"),
        ("rdfs:label", literal(f"Ändringsförfattning SFS {number}", "sv")),
        ("rdfs:label", literal(f"Amending statute SFS {number}", "en")),
        ("dcterms:identifier", literal(f"SFS {number}")),
        ("eli:id_local", literal(number)),
        ("sam:locator", literal(locator)),
    ])  # fmt: skip


def checked_blocks(entry: CheckedInstruction, agency: str, name_sv: str, name_en: str) -> list[str]:
    """The page's source document, the instruction as the page shows it, and the agency's link to it."""
    instruction = f"instruction:{sfs_slug(entry.sfs)}"
    locator = literal(entry.locator)
    as_of = [("sam:asOf", typed(entry.shown_as_of, "xsd:date"))] if entry.shown_as_of else []
    dates = [
        (predicate, typed(value, "xsd:date"))
        for predicate, value in (("eli:date_document", entry.issued), ("eli:first_date_entry_in_force", entry.in_force))
        if value
    ]
    amended = [("eli:amended_by", f"legal-resource:{sfs_slug(entry.amended_to)}")] if entry.amended_to else []
    blocks = [
        block(f"source:{entry.source}", [
            ("a", "sam:SourceDocument"),
            ("sam:readingDepth", "<https://w3id.org/samverkan/id/reading-depth/excerpt>"),
            ("rdfs:label", literal(entry.page_title, "sv")),
            ("rdfs:label", literal(f"Page read for the instruction of {name_en} (SFS {entry.sfs})", "en")),
            ("dcterms:title", literal(entry.page_title, "sv")),
            ("dcterms:publisher", entry.publisher),
            ("dcterms:language", literal("sv")),
            ("sam:sourceUrl", typed(entry.url, "xsd:anyURI")),
            *as_of,
            ("sam:unconfirmed", literal(
                f"Read on {entry.site} on {entry.read}: what the page shows of the instruction (its head data or the "
                "passage that names it). A later replacement or amendment is not known here.")),
            ("sam:locator", locator),
        ]),
        block(instruction, [
            ("a", "sam:Instruction"),
            ("a", "eli:LegalResource"),
            ("rdfs:label", literal(f"Instruktion för {name_sv} (SFS {entry.sfs})", "sv")),
            ("rdfs:label", literal(f"Instruction for {name_en} (SFS {entry.sfs})", "en")),
            ("dcterms:identifier", literal(f"SFS {entry.sfs}")),
            ("eli:id_local", literal(entry.sfs)),
            *dates,
            ("sam:issuer", "actor:government"),
            ("sam:appliesTo", agency),
            *amended,
            ("sam:locator", locator),
        ]),
        block(agency, [("sam:hasInstruction", instruction), ("sam:locator", locator)]),
    ]  # fmt: skip
    if entry.amended_to:
        blocks.append(amendment_block(entry.amended_to, entry.locator))
    return blocks
