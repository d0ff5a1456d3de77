"""The generated government assignments match the generator, the readings and the assignment texts.

Why: the assignment files are generated from hand-made readings, never edited by hand; this test fails when someone
edits the TriG, changes the readings or the generator without re-running it, or when a reading states a deadline or
an actor that its text does not name.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Namespace
from rdflib.namespace import RDF, RDFS

from samverkan.knowledge.generate.assignment_readings import Readings, load_readings
from samverkan.knowledge.generate.state_agencies import read_agencies

PROJECT_ROOT = Path(__file__).resolve().parents[3]
GENERATOR = "samverkan.knowledge.generate.assignments"
OUT_DIR = PROJECT_ROOT / "data" / "assignments"
READINGS = OUT_DIR / "readings.toml"
TEXTS = PROJECT_ROOT / ".." / "shared" / "sources" / "regeringsuppdrag"
REGISTER = PROJECT_ROOT / ".." / "shared" / "reference" / "swedish_state_agencies.csv"
SAM = Namespace("https://w3id.org/samverkan/ontology#")
ACTOR = Namespace("https://w3id.org/samverkan/id/actor/")
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
# Names the texts use for an actor besides its register name, short name or curated label (including the texts' own
# spellings: "Integritetskyddsmyndigheten" in 2021/07, "Integritetsskydds-myndigheten" in 2025/05).
ALIASES = {
    "msb": ("Myndigheten för samhällsskydd och beredskap", "MSB"),
    "skr": ("SKL", "Sveriges Kommuner och Landsting", "SKR"),
    "202100-0050": (
        "Datainspektionen",
        "IMY",
        "Integritetskyddsmyndigheten",
        "Integritetsskydds-myndigheten",
    ),
    "digg": ("Myndigheten för digital förvaltning", "Digg"),
    "e-halsomyndigheten": ("E-hälsomyndigheten", "Ehälsomyndigheten"),
    "skolverket": ("Skolverket",),
    "202100-4151": ("Jordbruksverket",),
    "202100-5216": ("Vinnova",),
    "202100-6099": ("Transportstyrelsen",),
    "pts": ("Post- och telestyrelsen", "PTS"),
    "e-legitimationsnamnden": ("E-legitimationsnämnden",),
    "202100-0829": ("Kammarkollegiet",),
    "202100-6164": ("Tillväxtanalys",),
    "202100-1710": ("Kungl. biblioteket",),
    "komet": ("Komet",),
    "rise": ("RISE",),
    "group:regions": ("region",),
    "group:municipalities": ("kommun",),
}

needs_texts = pytest.mark.skipif(not TEXTS.is_dir(), reason=f"assignment texts not found at {TEXTS}")


@pytest.fixture(scope="module")
def readings() -> Readings:
    return load_readings(READINGS, TEXTS / "index.csv")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ds = Dataset()
    for path in sorted(OUT_DIR.glob("*.trig")):
        ds.parse(path, format="trig")
    return ds


def text(key: str) -> str:
    """The assignment text, without soft hyphens and with line breaks as spaces."""
    raw = (TEXTS / f"{key}.md").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", raw.replace("\u00ad", ""))


@needs_texts
def test_committed_output_equals_a_fresh_run(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", GENERATOR, "--out-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.trig")}
    committed = {p.name: p.read_text(encoding="utf-8") for p in OUT_DIR.glob("*.trig")}
    assert sorted(fresh) == sorted(committed), f"data/assignments is stale: run python -m {GENERATOR}"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"{stale[:3]} are stale: run python -m {GENERATOR}"


@needs_texts
def test_every_text_is_modelled_or_left_out_with_a_reason(readings: Readings) -> None:
    assert len(readings.modelled) + len(readings.excluded) == 139
    assert all(len(reason) > 20 for reason in readings.excluded.values())
    assert len(readings.modelled) >= 100


def test_each_assignment_has_an_assignee_and_a_source_url_and_most_a_deadline(dataset: Dataset) -> None:
    complete = {
        assignment
        for graph in dataset.graphs()
        for assignment in graph.subjects(RDF.type, SAM.Assignment)
        if graph.value(assignment, SAM.assignee) and graph.value(graph.identifier, SAM.sourceUrl)
    }
    with_deadline = {a for a in complete if any(g.value(a, SAM.deadline) for g in dataset.graphs())}
    assert len(complete) >= 129
    assert len(with_deadline) >= 100


@needs_texts
def test_every_deadline_is_in_its_text(readings: Readings) -> None:
    missing = []
    for reading in readings.modelled:
        body = text(reading.key)
        for deadline in reading.deadlines:
            year, month, day = (int(part) for part in deadline.date.split("-"))
            spoken = f"{day} {MONTHS[month - 1]}"
            years = {int(y) for y in re.findall(r"\b(20\d\d)\b", body)}
            # an annual series may name only its last year ("varje år fram t.o.m. 2024", "respektive år 2021–2025")
            in_text = year in years or (deadline.kind == "annual" and max(years, default=0) >= year)
            if spoken not in body or not in_text:
                missing.append((reading.key, deadline.date))
    assert not missing, missing


@needs_texts
def test_every_actor_is_named_in_its_text(readings: Readings) -> None:
    register = {agency.org_nr: agency for agency in read_agencies(REGISTER)}
    curated = Dataset()
    curated.parse(PROJECT_ROOT / "data" / "actors" / "actors.trig", format="trig")
    missing = []
    for reading in readings.modelled:
        body = text(reading.key)
        for role in reading.roles:
            names = set(ALIASES.get(role.actor, ()))
            if role.actor in register:
                names |= {register[role.actor].name_sv, register[role.actor].short_name} - {""}
            names |= {str(quad[2]) for quad in curated.quads((ACTOR[role.actor], RDFS.label, None, None))}
            if not any(name.lower() in body.lower() for name in names):
                missing.append((reading.key, role.actor))
    assert not missing, missing


def test_a_malformed_reading_is_rejected(tmp_path: Path) -> None:
    index = tmp_path / "index.csv"
    index.write_text(
        "file,year,month,title,diarienummer,url\n2020/01/x.md,2020,01,X,,https://example.org/x\n"
    )
    readings = tmp_path / "readings.toml"
    readings.write_text('["2020/01/x"]\nen = "X"\nactors = [["digg", "leads", "Första stycket"]]\n')
    with pytest.raises(ValueError, match="unknown role"):
        load_readings(readings, index)


@needs_texts
def test_every_diary_number_date_and_amount_is_in_its_text(readings: Readings) -> None:
    missing = []
    for reading in readings.modelled:
        body = text(reading.key).replace("\u00a0", " ")
        numbers = [reading.case_number[0]] if reading.case_number else []
        numbers += [fact.value for fact in reading.about if fact.field == "caseNumber"]
        dates = [reading.decision_date[0]] if reading.decision_date else []
        dates += [fact.value for fact in reading.about if fact.field == "decisionDate"]
        amounts = [
            (f"{f.amount:,}".replace(",", " "), f"{f.amount // 1_000_000} miljoner kronor")
            for f in reading.funding
        ]
        missing += [(reading.key, n) for n in numbers if n not in body]
        missing += [(reading.key, d) for d in dates if _spoken(d) not in body]
        missing += [(reading.key, a[0]) for a in amounts if a[0] not in body and a[1] not in body]
    assert not missing, missing


def _spoken(day: str) -> str:
    """'2019-12-11' -> '11 december 2019'."""
    year, month, date = (int(part) for part in day.split("-"))
    return f"{date} {MONTHS[month - 1]} {year}"


@needs_texts
def test_every_named_instruction_is_in_its_text(readings: Readings) -> None:
    # "förordningen (2017:154) med instruktion för Skatteverket": the number and the words, as the text has them
    named = [(r.key, i.sfs) for r in readings.modelled for i in r.instructions]
    assert len(named) >= 5
    missing = [(key, sfs) for key, sfs in named if f"({sfs}) med instruktion för" not in text(key)]
    assert not missing, missing
