"""The gap catalogue: rules, parameters, as-of answers, injection safety, and the curated report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samverkan.gaps.catalogue import UnknownGap, catalogue, gap_report, run_gap
from samverkan.knowledge.loading import load_project
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.vocabulary.terms import compact_iri

HERE = Path(__file__).resolve().parents[1]
SHAPE_FIXTURES = HERE / "shapes" / "fixtures"
TEST = "https://w3id.org/samverkan/id/test/"
HOSTILE = [
    "x> } UNION { ?this ?p ?o } #",
    'digg" || true || "',
    "?this",
    ") } ; DROP ALL ; {",
    "https://w3id.org/samverkan/id/actor/digg> } # ",
]


def store_with(tmp_path: Path, settings: Settings, *files: Path) -> Store:
    """Ontology, shapes and the given data files in a fresh in-memory store."""
    for path in files:
        shutil.copy(path, tmp_path / path.name)
    store = EmbeddedStore()
    load_project(store, settings.model_copy(update={"data_dir": tmp_path}))
    return store


def gap_ids(store: Store) -> list[str]:
    return [rule.short_id for rule in catalogue(store)]


def test_catalogue_describes_every_gap_in_both_languages(project_store: Store) -> None:
    swedish, english = catalogue(project_store, "sv"), catalogue(project_store, "en")
    assert len(swedish) >= 11
    for sv, en in zip(swedish, english, strict=True):
        assert sv.id == en.id and sv.id.startswith("https://w3id.org/samverkan/shapes#")
        assert sv.name != en.name and sv.description and en.description
        assert sv.severity in {"Warning", "Info"}
        assert "SELECT" in sv.query


@pytest.mark.parametrize("outcome", ["fail", "pass"])
def test_each_gap_fires_on_its_fixture_only(
    project_store: Store, settings: Settings, tmp_path: Path, outcome: str
) -> None:
    for gap_id in gap_ids(project_store):
        case = tmp_path / gap_id
        case.mkdir()
        store = store_with(case, settings, next(SHAPE_FIXTURES.glob(f"{gap_id}.{outcome}.*")))
        rows = run_gap(store, gap_id, lang="en").rows
        assert bool(rows) == (outcome == "fail"), gap_id
        for row in rows:
            assert row.sources and row.sources[0].iri == TEST + "source"


@pytest.fixture(scope="module")
def temporal(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Store:
    return store_with(
        tmp_path_factory.mktemp("temporal"), settings, HERE / "fixtures" / "gaps" / "temporal.trig"
    )


@pytest.mark.parametrize(
    ("gap_id", "before", "after", "expected"),
    [
        ("MandatePastDeadline", "2019-06-30", "2019-07-01", {"assignment"}),
        ("OnlyAccountableActorCeased", "2019-11-26", "2019-11-27", {"goal-ceased"}),
        ("OnlyAccountableActorCeased", "2020-12-31", "2021-01-01", {"goal-ceased", "goal-renamed"}),
        ("GoalWithoutAccountableActor", "2018-12-31", "2019-01-01", {"goal-ended"}),
    ],
)
def test_as_of_changes_answers(
    temporal: Store, gap_id: str, before: str, after: str, expected: set[str]
) -> None:
    def things(as_of: str) -> set[str]:
        return {
            row.thing.iri.removeprefix(TEST)
            for row in run_gap(temporal, gap_id, as_of=as_of).rows
            if row.thing.iri
        }

    assert things(after) == expected
    assert things(before) < expected


@pytest.mark.parametrize(
    ("gap_id", "option"),
    [
        ("ResponsibilityWithoutMandate", "actor"),
        ("PrincipleNotRealised", "framework"),
        ("GoalWithoutAccountableActor", "goal_area"),
        ("MandatePastDeadline", "as_of"),
    ],
)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_injection_through_a_parameter_changes_nothing(
    project_store: Store, gap_id: str, option: str, hostile: str
) -> None:
    before = project_store.triple_count()
    try:
        rows = run_gap(project_store, gap_id, **{option: hostile}).rows
    except ValueError:
        rows = []
    assert (
        rows
        == run_gap(
            project_store, gap_id, **{option: "2000-01-01" if option == "as_of" else "no-such-thing"}
        ).rows
    )
    assert project_store.triple_count() == before


def test_filters_narrow_the_answer(project_store: Store) -> None:
    everyone = run_gap(project_store, "ResponsibilityWithoutMandate").rows
    digg = run_gap(project_store, "ResponsibilityWithoutMandate", actor="digg").rows
    assert digg and len(digg) < len(everyone)
    assert {row.value.iri for row in digg if row.value} == {"https://w3id.org/samverkan/id/actor/digg"}
    eif = run_gap(project_store, "PrincipleNotRealised", framework="eif").rows
    assert all(row.thing.iri and "/principle/eif-" in row.thing.iri for row in eif)


def test_unknown_gap_and_parameter_are_refused(project_store: Store) -> None:
    with pytest.raises(UnknownGap):
        run_gap(project_store, "NoSuchGap")
    with pytest.raises(ValueError):
        run_gap(project_store, "PrincipleNotRealised", actor="digg")


def test_curated_report_is_labelled_and_sourced(project_store: Store) -> None:
    report = gap_report(project_store, lang="en")
    rows = [row for result in report for row in result.rows]
    assert rows
    for row in rows:
        assert row.thing.iri and row.thing.label != compact_iri(row.thing.iri), row
        assert row.why and row.sources
        assert all(s.iri and s.label != compact_iri(s.iri) for s in row.sources), row


def test_report_with_a_filter_keeps_only_rules_that_take_it(project_store: Store) -> None:
    report = gap_report(project_store, framework="eif")
    assert [r.rule.short_id for r in report] == ["PrincipleNotRealised"]
