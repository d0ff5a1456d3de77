"""Established or not recorded: the reading depth of the sources that cover a thing decides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samverkan.gaps.absence import FULL_TEXT, absence_rules, coverage, status
from samverkan.gaps.catalogue import catalogue, gap_report, run_gap
from samverkan.knowledge.loading import load_project
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "gaps" / "absence.trig"
TEST = "https://w3id.org/samverkan/id/test/"
DEPTH = "https://w3id.org/samverkan/id/reading-depth/"


@pytest.fixture(scope="module")
def store(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Store:
    data = tmp_path_factory.mktemp("absence")
    shutil.copy(FIXTURE, data / FIXTURE.name)
    loaded = EmbeddedStore()
    load_project(loaded, settings.model_copy(update={"data_dir": data}))
    return loaded


def statuses(store: Store, gap_id: str, lang: str = "en") -> dict[str, str | None]:
    return {
        (row.thing.iri or "").removeprefix(TEST): row.absence.status if row.absence else None
        for row in run_gap(store, gap_id, lang=lang).rows
    }


def test_a_goal_every_covering_source_read_in_full_is_established(store: Store) -> None:
    assert statuses(store, "GoalWithoutAccountableActor") == {
        "goal-read": "established",  # stated only in a source read in full
        "goal-mixed": "not-recorded",  # also in an excerpt
        "goal-cited": "not-recorded",  # named (as an object) in a metadata-only source
        "goal-listed": "not-recorded",  # only in a metadata-only source
        "goal-silent": "not-recorded",  # its source does not say how it was read
    }


def test_the_report_a_thing_comes_from_covers_it(store: Store) -> None:
    assert statuses(store, "RecommendationWithoutOwner") == {"recommendation": "not-recorded"}
    (row,) = run_gap(store, "RecommendationWithoutOwner", lang="en").rows
    assert row.absence is not None
    assert [(r.source.label, r.depth.label if r.depth else None) for r in row.absence.covered_by] == [
        ("Source read in full", "full text"),
        ("Unread report", "metadata only"),
    ]


def test_rules_not_settled_by_reading_stay_not_recorded_and_others_carry_no_flag(store: Store) -> None:
    assert statuses(store, "MandatePastDeadline") == {"assignment": "not-recorded"}
    assert statuses(store, "SinglePointOfFailure") == {"goal-read": None}


def test_labels_in_both_languages(store: Store) -> None:
    (swedish,) = [
        row
        for row in run_gap(store, "GoalWithoutAccountableActor", lang="sv").rows
        if row.absence and row.absence.status == "established"
    ]
    assert swedish.absence is not None and swedish.absence.label == "fastställd"
    assert swedish.absence.covered_by[0].depth is not None
    assert swedish.absence.covered_by[0].depth.label == "hela texten"


def test_catalogue_marks_absence_rules(store: Store) -> None:
    rules = {rule.short_id: rule for rule in catalogue(store, "en")}
    settled = {short for short, rule in rules.items() if rule.settled_by_full_reading}
    assert settled == {
        "GoalWithoutAccountableActor",
        "RecommendationWithoutOwner",
        "PrincipleNotRealised",
        "ResponsibilityWithoutMandate",
        "ResponsibilityWithoutFunding",
    }
    assert rules["MandatePastDeadline"].absence_rule and not rules["DependencyCycle"].absence_rule
    assert set(absence_rules(store)) == {rule.id for rule in rules.values() if rule.absence_rule}


def test_status_needs_settled_rule_and_full_reading() -> None:
    assert status({"a": FULL_TEXT, "b": FULL_TEXT}, settled=True) == "established"
    assert status({"a": FULL_TEXT}, settled=False) == "not-recorded"
    assert status({"a": FULL_TEXT, "b": None}, settled=True) == "not-recorded"
    assert status({}, settled=True) == "not-recorded"


def test_coverage_reads_both_directions(store: Store) -> None:
    found = coverage(store, {TEST + "goal-cited", TEST + "no-such-thing"})
    assert found == {TEST + "goal-cited": {TEST + "full": FULL_TEXT, TEST + "metadata": DEPTH + "metadata"}}


def test_curated_report_separates_established_from_not_recorded(project_store: Store) -> None:
    """In data/: a recommendation of a text read in full is established; those of the council's report,
    which was not read (only its metadata), are not recorded."""
    rows = {
        (row.thing.iri or ""): row.absence.status
        for result in gap_report(project_store, lang="en")
        for row in result.rows
        if row.absence
    }
    recommendation = "https://w3id.org/samverkan/id/recommendation/"
    council = {
        iri: s for iri, s in rows.items() if iri.startswith(recommendation + "digitaliseringsradet-2019")
    }
    assert council and set(council.values()) == {"not-recorded"}
    assert "established" in set(rows.values()) and "not-recorded" in set(rows.values())
