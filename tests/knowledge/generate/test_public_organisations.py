"""The generated public organisations match the generator and the reference CSV.

Why: the municipality, county, county-board and region resources are generated,
never hand-edited; this test fails when someone edits the TriG by hand, changes
the generator without re-running it, or the CSV and the graph drift apart.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from rdflib import Dataset, Namespace, URIRef

PROJECT_ROOT = Path(__file__).resolve().parents[3]
GENERATOR = "samverkan.knowledge.generate.public_organisations"
GENERATED = PROJECT_ROOT / "data" / "generated"
CSV_PATH = PROJECT_ROOT / ".." / "shared" / "reference" / "swedish_municipalities.csv"
OUTPUT_FILES = ("public-organisations.trig", "skr-medlemmar.trig")

SAM = Namespace("https://w3id.org/samverkan/ontology#")
SAMID = "https://w3id.org/samverkan/id/"
ORG = Namespace("http://www.w3.org/ns/org#")
SCB_GRAPH = URIRef(SAMID + "source/scb-kommunkoder")
SKR_GRAPH = URIRef(SAMID + "source/skr-medlemmar")

needs_csv = pytest.mark.skipif(not CSV_PATH.is_file(), reason=f"reference CSV not found at {CSV_PATH}")


@pytest.fixture(scope="module")
def dataset(parse_generated: Callable[[Iterable[str]], Dataset]) -> Dataset:
    return parse_generated(OUTPUT_FILES)


def csv_rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def subjects_of_type(ds: Dataset, cls: URIRef) -> set[URIRef]:
    graph = ds.graph(SCB_GRAPH)
    return {s for s in graph.subjects(predicate=None, object=cls) if isinstance(s, URIRef)}


@needs_csv
def test_committed_output_equals_a_fresh_run(stale_outputs: Callable[[str, Path, Iterable[str]], list[str]]) -> None:
    assert stale_outputs(GENERATOR, CSV_PATH, OUTPUT_FILES) == []


def test_counts(dataset: Dataset) -> None:
    assert len(subjects_of_type(dataset, SAM.Municipality)) == 290
    assert len(subjects_of_type(dataset, SAM.County)) == 21
    assert len(subjects_of_type(dataset, SAM.CountyAdministrativeBoard)) == 21
    assert len(subjects_of_type(dataset, SAM.Region)) == 21


@needs_csv
def test_norrbotten_contains_exactly_the_csv_municipalities(dataset: Dataset) -> None:
    expected = {row["municipality_code"] for row in csv_rows() if row["county_code"] == "25"}
    graph = dataset.graph(SCB_GRAPH)
    norrbotten = URIRef(SAMID + "county/25")
    found = {
        str(graph.value(m, SAM.municipalityCode))
        for m in graph.subjects(SAM.inCounty, norrbotten)
        if (m, None, SAM.Municipality) in graph
    }
    assert found == expected
    assert {"2584", "2580"} <= found  # Kiruna, Luleå
    assert "Kiruna" in {str(o) for o in graph.objects(URIRef(SAMID + "municipality/2584"))}


def test_every_municipality_and_region_is_a_member_of_skr_in_the_skr_graph(
    dataset: Dataset,
) -> None:
    skr = URIRef(SAMID + "actor/skr")
    members = set(dataset.graph(SKR_GRAPH).subjects(ORG.memberOf, skr))
    expected = subjects_of_type(dataset, SAM.Municipality) | subjects_of_type(dataset, SAM.Region)
    assert members == expected
    assert not set(dataset.graph(SCB_GRAPH).subjects(ORG.memberOf, None))


def test_every_subject_has_a_locator(dataset: Dataset) -> None:
    for graph_name in (SCB_GRAPH, SKR_GRAPH):
        graph = dataset.graph(graph_name)
        missing = {s for s in graph.subjects() if graph.value(s, SAM.locator) is None}
        assert not missing, f"subjects without sam:locator in {graph_name}: {sorted(missing)[:5]}"
