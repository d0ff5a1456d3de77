"""The hand-reviewed readings of the government assignments (data/assignments/readings.toml), checked and typed.

Why a separate file of readings: the assignment texts are prose, so who is assigned what, with whom and by when
is read by a person and written down with a locator; the generator only turns those readings into RDF. This
module joins each reading to its row of the collection's index.csv (title, month, URL) and rejects readings
that do not fit the format the file's header describes, so that a typo fails loudly instead of vanishing.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROLES = ("accountable", "responsible", "contributes", "consulted", "informed")
REPORT_KINDS = ("interim", "final", "annual")
AMENDMENT_KINDS = ("extension", "change", "correction", "continuation")
ABOUT_FIELDS = ("caseNumber", "decisionDate", "ministry")
ACTOR_KINDS = ("StateAgency", "Inquiry", "Company")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR = re.compile(r"\d{4}")
SFS = re.compile(r"\d{4}:\d+")
INDEX_HEADER = ["file", "year", "month", "title", "diarienummer", "url"]


@dataclass(frozen=True)
class Role:
    actor: str
    role: str
    locator: str
    tasked: bool  # the government tasks the actor (sam:assignee)


@dataclass(frozen=True)
class Deadline:
    date: str
    kind: str
    locator: str


@dataclass(frozen=True)
class Funding:
    amount: int
    period: str  # "2020", "2024/2025" or "2023-01-01/2023-12-31"
    recipient: str
    locator: str


@dataclass(frozen=True)
class Link:
    target: str
    kind: str  # amendment kind for sam:amends; "" otherwise
    locator: str


@dataclass(frozen=True)
class Dependency:
    dependent: str
    on: str
    sv: str
    en: str
    locator: str


@dataclass(frozen=True)
class Fact:
    target: str
    field: str
    value: str
    locator: str


@dataclass(frozen=True)
class Component:
    name: str
    sv: str
    en: str
    responsible: str
    part_of: str
    locator: str


@dataclass(frozen=True)
class NamedInstruction:
    """An agency's instruction as a text names it ("förordningen (2007:1110) med instruktion för Bolagsverket")."""

    actor: str
    sfs: str  # "2007:1110"
    locator: str


@dataclass(frozen=True)
class External:
    kind: str  # "assignment" or "agreement"
    name: str
    sv: str
    en: str
    actors: tuple[str, ...]
    locator: str


@dataclass(frozen=True)
class NewActor:
    """An actor the texts name that is neither in the agency register nor in data/."""

    key: str
    kind: str
    sv: str
    en: str


@dataclass(frozen=True)
class Reading:
    """One assignment text with what was read from it."""

    key: str  # "YYYY/MM/slug"
    title: str
    url: str
    en: str
    iri: str  # local name of the assignment IRI
    ministry: tuple[str, str] | None
    case_number: tuple[str, str] | None
    decision_date: tuple[str, str] | None
    period: tuple[str, str, str] | None
    roles: tuple[Role, ...]
    deadlines: tuple[Deadline, ...]
    deadlines_of: tuple[str, ...]  # amended assignments whose deadlines this text sets
    funding: tuple[Funding, ...]
    amends: tuple[Link, ...]
    serves: tuple[Link, ...]
    related: tuple[Link, ...]
    depends: tuple[Dependency, ...]
    about: tuple[Fact, ...]
    components: tuple[Component, ...]
    instructions: tuple[NamedInstruction, ...]
    external: tuple[External, ...]
    note: tuple[str, str] | None
    left_out: tuple[str, ...]

    @property
    def month(self) -> str:
        """'2019-12' from the key."""
        return self.key[:7].replace("/", "-")

    @property
    def slug(self) -> str:
        """The file's slug: 'YYYY-MM-name', the local name of its source document after 'regeringsuppdrag-'."""
        return self.key.replace("/", "-", 2)


@dataclass(frozen=True)
class Readings:
    modelled: tuple[Reading, ...]
    excluded: dict[str, str]  # key -> reason
    actors: dict[str, NewActor]


def load_readings(readings_path: Path, index_path: Path) -> Readings:
    """Read the readings file and join it with the collection's index; fail on anything malformed."""
    with readings_path.open("rb") as handle:
        raw = tomllib.load(handle)
    index = _read_index(index_path)
    actors = {key: _new_actor(key, value) for key, value in raw.pop("actors", {}).items()}
    if set(raw) != set(index):
        missing, unknown = sorted(set(index) - set(raw)), sorted(set(raw) - set(index))
        raise ValueError(f"{readings_path}: readings missing for {missing}; no text for {unknown}")
    excluded = {key: str(entry["exclude"]) for key, entry in raw.items() if "exclude" in entry}
    modelled = tuple(
        _reading(key, entry, index[key]) for key, entry in sorted(raw.items()) if "exclude" not in entry
    )
    return Readings(modelled, excluded, actors)


def _read_index(index_path: Path) -> dict[str, dict[str, str]]:
    with index_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != INDEX_HEADER:
            raise ValueError(f"{index_path}: expected header {INDEX_HEADER}, got {reader.fieldnames}")
        return {row["file"].removesuffix(".md"): row for row in reader}


def _new_actor(key: str, value: dict[str, str]) -> NewActor:
    if value["kind"] not in ACTOR_KINDS:
        raise ValueError(f"actor {key}: kind must be one of {ACTOR_KINDS}")
    return NewActor(key, value["kind"], value["sv"], value["en"])


def _reading(key: str, entry: dict[str, Any], row: dict[str, str]) -> Reading:
    known = {
        "en", "iri", "ministry", "case_number", "decision_date", "period", "actors", "deadlines", "deadlines_of", "funding",
        "amends", "serves", "related", "depends", "about", "components", "instructions", "external", "note_sv",
        "note_en", "left_out",
    }  # fmt: skip
    if unknown := set(entry) - known:
        raise ValueError(f"{key}: unknown keys {sorted(unknown)}")
    roles = tuple(_role(key, item) for item in entry.get("actors", []))
    if not roles:
        raise ValueError(f"{key}: a modelled assignment needs at least one actor")
    if len({r.actor for r in roles}) != len(roles):
        raise ValueError(f"{key}: an actor is listed twice")
    if "deadlines_of" in entry and not entry.get("deadlines"):
        raise ValueError(f"{key}: deadlines_of without deadlines")
    if not any(r.tasked for r in roles):
        raise ValueError(f"{key}: no actor is tasked (accountable or responsible)")
    has_note = "note_sv" in entry
    if has_note != ("note_en" in entry):
        raise ValueError(f"{key}: note_sv and note_en go together")
    return Reading(
        key=key,
        title=row["title"],
        url=row["url"],
        en=entry["en"],
        iri=entry.get("iri", key.replace("/", "-", 2)),
        ministry=_pair(entry.get("ministry")),
        case_number=_pair(entry.get("case_number")),
        decision_date=_dated_pair(key, entry.get("decision_date")),
        period=_period(key, entry.get("period")),
        roles=roles,
        deadlines=tuple(
            sorted((_deadline(key, d) for d in entry.get("deadlines", [])), key=lambda d: d.date)
        ),
        deadlines_of=tuple(entry.get("deadlines_of", [])),
        funding=tuple(_funding(key, f) for f in entry.get("funding", [])),
        amends=tuple(_link(key, a, AMENDMENT_KINDS) for a in entry.get("amends", [])),
        serves=tuple(Link(s[0], "", s[1]) for s in entry.get("serves", [])),
        related=tuple(Link(r[0], "", r[1]) for r in entry.get("related", [])),
        depends=tuple(Dependency(*d) for d in entry.get("depends", [])),
        about=tuple(_fact(key, f) for f in entry.get("about", [])),
        components=tuple(_component(c) for c in entry.get("components", [])),
        instructions=tuple(_instruction(key, i) for i in entry.get("instructions", [])),
        external=tuple(
            External(e[0], e[1], e[2], e[3], tuple(e[4]), e[5]) for e in entry.get("external", [])
        ),
        note=(entry["note_sv"], entry["note_en"]) if has_note else None,
        left_out=tuple(entry.get("left_out", [])),
    )


def _pair(value: list[str] | None) -> tuple[str, str] | None:
    return (value[0], value[1]) if value else None


def _dated_pair(key: str, value: list[str] | None) -> tuple[str, str] | None:
    if value and not DATE.fullmatch(value[0]):
        raise ValueError(f"{key}: {value[0]!r} is not a date")
    return _pair(value)


def _period(key: str, value: list[str] | None) -> tuple[str, str, str] | None:
    if value is None:
        return None
    start, end, locator = value
    for bound in (start, end):
        if bound and not (DATE.fullmatch(bound) or YEAR.fullmatch(bound)):
            raise ValueError(f"{key}: period bound {bound!r} is neither a date nor a year")
    return start, end, locator


def _role(key: str, item: list[str]) -> Role:
    actor, role, locator, *flag = item
    if role not in ROLES:
        raise ValueError(f"{key}: unknown role {role!r} for {actor}")
    if flag not in ([], ["assignee"]):
        raise ValueError(f"{key}: the fourth element for {actor} can only be 'assignee'")
    return Role(actor, role, locator, role in ("accountable", "responsible") or bool(flag))


def _deadline(key: str, item: list[str]) -> Deadline:
    date, kind, locator = item
    if not DATE.fullmatch(date) or kind not in REPORT_KINDS:
        raise ValueError(f"{key}: malformed deadline {item}")
    return Deadline(date, kind, locator)


def _funding(key: str, item: list[Any]) -> Funding:
    amount, period, recipient, locator = item
    bounds = str(period).split("/")
    if not isinstance(amount, int) or not all(DATE.fullmatch(b) or YEAR.fullmatch(b) for b in bounds):
        raise ValueError(f"{key}: malformed funding {item}")
    return Funding(amount, str(period), recipient, locator)


def _link(key: str, item: list[str], kinds: tuple[str, ...]) -> Link:
    target, kind, locator = item
    if kind not in kinds:
        raise ValueError(f"{key}: unknown kind {kind!r} for {target}")
    return Link(target, kind, locator)


def _fact(key: str, item: list[str]) -> Fact:
    target, field, value, locator = item
    if field not in ABOUT_FIELDS or (field == "decisionDate" and not DATE.fullmatch(value)):
        raise ValueError(f"{key}: malformed fact {item}")
    return Fact(target, field, value, locator)


def _component(item: list[str]) -> Component:
    name, sv, en, responsible, locator, *part_of = item
    return Component(name, sv, en, responsible, part_of[0] if part_of else "", locator)


def _instruction(key: str, item: list[str]) -> NamedInstruction:
    actor, sfs, locator = item
    if not SFS.fullmatch(sfs):
        raise ValueError(f"{key}: {sfs!r} is not an SFS number (YYYY:N)")
    return NamedInstruction(actor, sfs, locator)
