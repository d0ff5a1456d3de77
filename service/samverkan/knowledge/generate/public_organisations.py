"""Generate Samverkan's public-organisation resources from the SCB code list.

Why a script: the 290 municipalities, 21 counties, 21 county administrative
boards and 21 regions must never be hand-typed (GUIDE section 1). This script
reads the project's reference CSV (SCB municipality and county codes) and
writes two TriG files, one per source document, so that "who says so" stays
answerable with ``GRAPH ?g``:

* ``data/generated/public-organisations.trig`` -- named graph
  ``samid:source/scb-kommunkoder``: counties, municipalities, county
  administrative boards and regions (the last two derived, one per county).
* ``data/generated/skr-medlemmar.trig`` -- named graph
  ``samid:source/skr-medlemmar``: ``org:memberOf samid:actor/skr`` for every
  municipality and region, because SKR's own site states that all
  municipalities and regions are members.

Output is deterministic (sorted by code, no timestamps) so a test can re-run
the script and compare byte for byte.

Usage (from the repository root)::

    python -m samverkan.knowledge.generate.public_organisations [--csv PATH] [--out-dir DIR]

Gotland: the municipality of Gotland (0980) carries the regional tasks of
Gotland County and calls itself Region Gotland. The actor classes are
disjoint, so one resource cannot be both a sam:Municipality and a sam:Region.
We keep ``samid:region/09`` as its own sam:Region resource (so every county
has exactly one region resource and "21 regions" holds, as SKR and the GUIDE
count them) and say in its description, and with ``rdfs:seeAlso``, that the
regional tasks are carried out by the municipality ``samid:municipality/0980``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from samverkan.knowledge.generate.trig import block, literal, named_graph
from samverkan.settings import PROJECT_ROOT

REPO_ROOT = PROJECT_ROOT
DEFAULT_CSV = REPO_ROOT / ".." / "shared" / "reference" / "swedish_municipalities.csv"
DEFAULT_OUT_DIR = REPO_ROOT / "data" / "generated"

ORGS_FILE = "public-organisations.trig"
SKR_FILE = "skr-medlemmar.trig"

PREFIXES = """\
@prefix sam: <https://w3id.org/samverkan/ontology#> .
@prefix samid: <https://w3id.org/samverkan/id/> .
@prefix actor: <https://w3id.org/samverkan/id/actor/> .
@prefix source: <https://w3id.org/samverkan/id/source/> .
@prefix county: <https://w3id.org/samverkan/id/county/> .
@prefix municipality: <https://w3id.org/samverkan/id/municipality/> .
@prefix region: <https://w3id.org/samverkan/id/region/> .
@prefix cab: <https://w3id.org/samverkan/id/county-administrative-board/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Swedish municipality names take a genitive -s before "kommun" when they end in
# a consonant other than s, x or z ("Kils kommun", "Kalix kommun"). Two
# conventional forms do not follow that rule; they were checked against a
# published list of the municipalities' "X kommun" forms. The forms are
# display labels derived by Samverkan, not official organisation names (several
# municipalities call themselves "stad", and Gotland calls itself Region Gotland).
GENITIVE_EXCEPTIONS: dict[str, str] = {
    "Falun": "Falu",
    "Kalmar": "Kalmar",
}
VOWELS = set("aeiouyåäöéü")

GOTLAND_COUNTY = "09"
GOTLAND_MUNICIPALITY = "0980"


@dataclass(frozen=True)
class Municipality:
    """One data row of the reference CSV."""

    code: str
    name: str
    county_code: str
    county_name: str
    line: int  # line number in the CSV file (the header is line 1)


@dataclass(frozen=True)
class County:
    """A county (län) and the CSV lines that mention it."""

    code: str
    name: str
    first_line: int
    last_line: int


def read_municipalities(csv_path: Path) -> list[Municipality]:
    """Read and check the reference CSV; fail with a message that says what to fix."""
    rows: list[Municipality] = []
    with csv_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        expected = ["municipality_code", "municipality_name", "county_code", "county_name"]
        if reader.fieldnames != expected:
            raise ValueError(f"{csv_path}: expected header {expected}, got {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            code = row["municipality_code"].strip()
            county_code = row["county_code"].strip()
            if not (
                len(code) == 4
                and code.isdigit()
                and len(county_code) == 2
                and county_code.isdigit()
            ):
                raise ValueError(f"{csv_path}:{line}: malformed codes {code!r} / {county_code!r}")
            if not code.startswith(county_code):
                raise ValueError(
                    f"{csv_path}:{line}: municipality {code} is not in county {county_code}"
                )
            rows.append(
                Municipality(
                    code=code,
                    name=row["municipality_name"].strip(),
                    county_code=county_code,
                    county_name=row["county_name"].strip(),
                    line=line,
                )
            )
    codes = [m.code for m in rows]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{csv_path}: duplicate municipality codes")
    return sorted(rows, key=lambda m: m.code)


def counties_of(municipalities: list[Municipality]) -> list[County]:
    """Collect the counties, checking that each code has one name."""
    by_code: dict[str, County] = {}
    for m in municipalities:
        known = by_code.get(m.county_code)
        if known is None:
            by_code[m.county_code] = County(m.county_code, m.county_name, m.line, m.line)
        elif known.name != m.county_name:
            raise ValueError(
                f"county {m.county_code} has two names: {known.name!r}, {m.county_name!r}"
            )
        else:
            by_code[m.county_code] = County(
                known.code, known.name, min(known.first_line, m.line), max(known.last_line, m.line)
            )
    return [by_code[code] for code in sorted(by_code)]


def county_base_name(county_name: str) -> str:
    """'Västra Götalands län' -> 'Västra Götaland'; 'Kalmar län' -> 'Kalmar'.

    Strips " län" and then the genitive -s. No Swedish county's base name ends
    in s, so a trailing s after stripping " län" is always the genitive.
    """
    if not county_name.endswith(" län"):
        raise ValueError(f"county name {county_name!r} does not end in ' län'")
    base = county_name[: -len(" län")]
    return base[:-1] if base.endswith("s") else base


def county_label_en(county_name: str) -> str:
    return f"{county_base_name(county_name)} County"


def municipality_label_sv(name: str) -> str:
    """'Kiruna' -> 'Kiruna kommun'; 'Lilla Edet' -> 'Lilla Edets kommun'."""
    if name in GENITIVE_EXCEPTIONS:
        stem = GENITIVE_EXCEPTIONS[name]
    elif name[-1].lower() in VOWELS or name[-1].lower() in "sxz":
        stem = name
    else:
        stem = name + "s"
    return f"{stem} kommun"


def organisations_graph(
    municipalities: list[Municipality], counties: list[County], csv_name: str
) -> str:
    """The TriG text of graph samid:source/scb-kommunkoder."""
    blocks: list[str] = [
        block(
            "source:scb-kommunkoder",
            [
                ("a", "sam:SourceDocument"),
                ("sam:readingDepth", "<https://w3id.org/samverkan/id/reading-depth/metadata>"),  # a code list
                (
                    "rdfs:label",
                    literal("SCB:s kommun- och länskoder (projektets referensfil)", "sv"),
                ),
                (
                    "rdfs:label",
                    literal("SCB municipality and county codes (project reference file)", "en"),
                ),
                ("dcterms:title", literal("Kommuner och län med kommunkoder och länskoder", "sv")),
                ("dcterms:title", literal("Municipalities and counties with their codes", "en")),
                ("dcterms:publisher", "actor:scb"),
                ("dcterms:language", literal("sv")),
                (
                    "dcterms:description",
                    literal(
                        "Statistiska centralbyråns (SCB) fyrsiffriga kommunkoder och tvåsiffriga "
                        "länskoder för "
                        f"{len(municipalities)} kommuner i {len(counties)} län, så som de finns i "
                        "projektets "
                        f"referensfil {csv_name}. Länsstyrelser och regioner (en per län) är "
                        "härledda av "
                        'Samverkan, inte uppräknade i filen. Svenska etiketter av formen "X '
                        'kommun" är '
                        "Samverkans härledda visningsformer; officiella namn kan skilja sig "
                        '(t.ex. "stad", '
                        "Region Gotland).",
                        "sv",
                    ),
                ),
                (
                    "dcterms:description",
                    literal(
                        "Statistics Sweden's (SCB) four-digit municipality codes and two-digit "
                        "county codes for "
                        f"{len(municipalities)} municipalities in {len(counties)} counties, as "
                        "shipped in the "
                        f"project's reference file {csv_name}. County administrative boards and "
                        "regions (one "
                        "per county) are derived by Samverkan, not listed in the file. Swedish "
                        "labels of the "
                        'form "X kommun" are display forms derived by Samverkan; official names '
                        "can differ "
                        '(e.g. "stad", Region Gotland).',
                        "en",
                    ),
                ),
                (
                    "sam:unconfirmed",
                    literal(
                        "The URL of SCB's own code-list page was not found with the search tool; "
                        "the codes are "
                        "cited from the project's reference file. SCB's regional-divisions page "
                        "(scb.se, Marknadsprofiler: geografiska indelningar) confirms 21 counties "
                        "and 290 "
                        "municipalities."
                    ),
                ),
                ("sam:locator", literal(f"{csv_name} (whole file)")),
            ],
        )
    ]
    for c in counties:
        base = county_base_name(c.name)
        rows = f"{csv_name} lines {c.first_line}-{c.last_line} (county_code {c.code})"
        blocks.append(
            block(
                f"county:{c.code}",
                [
                    ("a", "sam:County"),
                    ("rdfs:label", literal(c.name, "sv")),
                    ("rdfs:label", literal(county_label_en(c.name), "en")),
                    ("sam:countyCode", literal(c.code)),
                    ("sam:locator", literal(rows)),
                ],
            )
        )
        board_desc_sv = "Härledd av Samverkan: en länsstyrelse per län i referensfilen."
        board_desc_en = (
            "Derived by Samverkan: one county administrative board per county "
            "in the reference file."
        )
        if c.code == GOTLAND_COUNTY:
            board_desc_sv += (
                " Gotlands län har en egen länsstyrelse; det är bara regionens uppgifter som bärs "
                "av kommunen."
            )
            board_desc_en += (
                " Gotland County has its own county administrative board; only the regional tasks "
                "are carried "
                "by the municipality."
            )
        blocks.append(
            block(
                f"cab:{c.code}",
                [
                    ("a", "sam:CountyAdministrativeBoard"),
                    ("rdfs:label", literal(f"Länsstyrelsen i {c.name}", "sv")),
                    (
                        "rdfs:label",
                        literal(f"County Administrative Board of {county_label_en(c.name)}", "en"),
                    ),
                    ("sam:inCounty", f"county:{c.code}"),
                    ("dcterms:description", literal(board_desc_sv, "sv")),
                    ("dcterms:description", literal(board_desc_en, "en")),
                    ("sam:locator", literal(rows)),
                ],
            )
        )
        region_pairs: list[tuple[str, str]] = [
            ("a", "sam:Region"),
            ("rdfs:label", literal(f"Regionen i {c.name}", "sv")),
            ("rdfs:label", literal(f"The region in {base} County", "en")),
            ("sam:inCounty", f"county:{c.code}"),
        ]
        region_desc_sv = (
            'Härledd av Samverkan: en region per län. Regionens officiella namn (t.ex. "Region X" '
            "eller "
            '"X-regionen") har inte kunnat bekräftas i någon källa och används därför inte som '
            "etikett."
        )
        region_desc_en = (
            "Derived by Samverkan: one region per county. The region's official name "
            '(e.g. "Region X" or '
            '"X-regionen") could not be confirmed in a source and is therefore not used as the '
            "label."
        )
        if c.code == GOTLAND_COUNTY:
            region_desc_sv += (
                " I Gotlands län bärs regionens uppgifter av Gotlands kommun (kommunkod 0980), "
                "som kallar sig "
                "Region Gotland; denna resurs står för den regionala rollen."
            )
            region_desc_en += (
                " In Gotland County the regional tasks are carried out by the municipality of "
                "Gotland "
                "(code 0980), which calls itself Region Gotland; this resource stands for that "
                "regional role."
            )
            region_pairs.append(("rdfs:seeAlso", f"municipality:{GOTLAND_MUNICIPALITY}"))
        region_pairs += [
            ("dcterms:description", literal(region_desc_sv, "sv")),
            ("dcterms:description", literal(region_desc_en, "en")),
            ("sam:locator", literal(rows)),
        ]
        blocks.append(block(f"region:{c.code}", region_pairs))
    for m in municipalities:
        pairs: list[tuple[str, str]] = [
            ("a", "sam:Municipality"),
            ("rdfs:label", literal(municipality_label_sv(m.name), "sv")),
            ("rdfs:label", literal(f"{m.name} Municipality", "en")),
            ("sam:shortName", literal(m.name, "sv")),
            ("sam:municipalityCode", literal(m.code)),
            ("sam:inCounty", f"county:{m.county_code}"),
        ]
        if m.code == GOTLAND_MUNICIPALITY:
            pairs += [
                ("rdfs:seeAlso", f"region:{GOTLAND_COUNTY}"),
                (
                    "dcterms:description",
                    literal(
                        "Kommun med regionens uppgifter i Gotlands län; använder namnet Region "
                        "Gotland.",
                        "sv",
                    ),
                ),
                (
                    "dcterms:description",
                    literal(
                        "Municipality that carries the regional tasks of Gotland County; uses the "
                        "name "
                        "Region Gotland.",
                        "en",
                    ),
                ),
            ]
        pairs.append(
            ("sam:locator", literal(f"{csv_name} line {m.line} (municipality_code {m.code})"))
        )
        blocks.append(block(f"municipality:{m.code}", pairs))
    return _graph("source:scb-kommunkoder", blocks, "generated from " + csv_name)


SKR_URL = "https://skr.se/"
SKR_LOCATOR = 'skr.se start page, section "Om SKR"'


def skr_graph(municipalities: list[Municipality], counties: list[County]) -> str:
    """The TriG text of graph samid:source/skr-medlemmar."""
    blocks = [
        block(
            "source:skr-medlemmar",
            [
                ("a", "sam:SourceDocument"),
                ("sam:readingDepth", "<https://w3id.org/samverkan/id/reading-depth/excerpt>"),  # one section
                ("rdfs:label", literal("SKR:s webbplats: Om SKR (medlemmar)", "sv")),
                ("rdfs:label", literal("SKR website: About SKR (members)", "en")),
                ("dcterms:title", literal("Om SKR", "sv")),
                ("dcterms:title", literal("About SKR", "en")),
                ("dcterms:publisher", "actor:skr"),
                ("dcterms:language", literal("sv")),
                ("sam:sourceUrl", f"{literal(SKR_URL)}^^xsd:anyURI"),
                (
                    "dcterms:description",
                    literal(
                        "SKR beskriver sig som en medlems- och arbetsgivarorganisation där alla "
                        "kommuner och "
                        "regioner är medlemmar. Medlemskapen nedan är härledda av Samverkan från "
                        "det påståendet "
                        "och listan över kommuner och län (en region per län).",
                        "sv",
                    ),
                ),
                (
                    "dcterms:description",
                    literal(
                        "SKR describes itself as a membership and employers' organisation of "
                        "which all "
                        "municipalities and regions are members. The memberships below are "
                        "derived by Samverkan "
                        "from that statement and the list of municipalities and counties (one "
                        "region per county).",
                        "en",
                    ),
                ),
                (
                    "sam:unconfirmed",
                    literal(
                        "Page read as stored in 2020 (news items dated 2020); no publication date "
                        "is given on it."
                    ),
                ),
                ("sam:locator", literal(SKR_LOCATOR)),
            ],
        )
    ]
    for m in municipalities:
        blocks.append(
            block(
                f"municipality:{m.code}",
                [("org:memberOf", "actor:skr"), ("sam:locator", literal(SKR_LOCATOR))],
            )
        )
    for c in counties:
        blocks.append(
            block(
                f"region:{c.code}",
                [("org:memberOf", "actor:skr"), ("sam:locator", literal(SKR_LOCATOR))],
            )
        )
    return _graph("source:skr-medlemmar", blocks, "generated from the municipality list")


def _graph(name: str, blocks: list[str], note: str) -> str:
    header = (
        "# GENERATED by samverkan.knowledge.generate.public_organisations -- do not edit by hand;"
        " re-run the script.\n"
        f"# {note}\n"
    )
    return header + PREFIXES + "\n" + named_graph(name, blocks)


def generate(csv_path: Path, out_dir: Path) -> list[Path]:
    """Write both TriG files into out_dir and return their paths."""
    municipalities = read_municipalities(csv_path)
    counties = counties_of(municipalities)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        out_dir / ORGS_FILE: organisations_graph(municipalities, counties, csv_path.name),
        out_dir / SKR_FILE: skr_graph(municipalities, counties),
    }
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    return list(outputs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--csv", type=Path, default=DEFAULT_CSV, help="reference CSV (default: %(default)s)"
    )
    parser.add_argument(
        "--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="output folder (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"reference CSV not found: {args.csv}; pass --csv PATH", file=sys.stderr)
        return 2
    for path in generate(args.csv, args.out_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
