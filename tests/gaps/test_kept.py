"""The kept gap report: the rows a fresh `gap_report` gives (computed here or in a child process), never stale
after a write, one computation at a time; not kept with SAMVERKAN_KEEP_GAP_REPORT off."""

from __future__ import annotations

import gc
import os
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from samverkan.gaps import kept as kept_module
from samverkan.gaps.catalogue import GapResult, gap_report
from samverkan.gaps.kept import KeptReports, ReportNotMade, full_report, keep, keeper, report_about
from samverkan.knowledge.loading import load_project
from samverkan.reports.text import gaps_text
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store, forked_call
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.forked_call import call_in_child
from samverkan.store.remote import RemoteStore

ID = "https://w3id.org/samverkan/id/"
GOAL = f"{ID}goal/kept-report-test"
NEW_GOAL = f"""PREFIX sam: <https://w3id.org/samverkan/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT DATA {{ GRAPH <{ID}test/kept> {{ <{GOAL}> a sam:Goal ; rdfs:label "Kept"@en , "Kvar"@sv }} }}"""
GOAL_GONE = f"DROP GRAPH <{ID}test/kept>"


def dumped(results: list[GapResult]) -> list[dict[str, Any]]:
    return [result.model_dump() for result in results]


def things(results: list[GapResult]) -> set[str | None]:
    return {row.thing.iri for result in results for row in result.rows}


@pytest.fixture
def written(settings: Settings) -> EmbeddedStore:
    """The whole project in a store of the test's own, which it may write to."""
    store = EmbeddedStore()
    load_project(store, settings)
    return store


def in_a_child_first(then: Callable[[], object]) -> Callable[..., list[GapResult]]:
    """`gap_report` as the kept report calls it, except that a forked child calls `then` first (to hang or die)."""
    service = os.getpid()

    def report(store: Store, as_of: str | None = None, lang: str = "sv") -> list[GapResult]:
        if os.getpid() != service:
            then()
        return gap_report(store, as_of, lang=lang)

    return report


def until_ready(kept: KeptReports, lang: str) -> list[GapResult]:
    """The kept report once the watching thread has made it (a minute at most)."""
    for _ in range(600):
        if (ready := kept.ready(lang)) is not None:
            return ready
        time.sleep(0.1)
    raise AssertionError("the watching thread made no report")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_kept_report_is_the_fresh_one(project_store: Store, synthetic_project: Store, lang: str) -> None:
    for store in (project_store, synthetic_project):
        kept = KeptReports(store)  # type: ignore[arg-type]
        fresh = gap_report(store, lang=lang)
        assert sum(len(result.rows) for result in fresh), "the report has rows"
        assert dumped(kept.report(lang)) == dumped(fresh)
        assert dumped(kept.report(lang, "2019-01-01")) == dumped(gap_report(store, "2019-01-01", lang=lang))


def test_a_report_computed_in_a_child_is_the_fresh_one(
    project_store: Store, synthetic_project: Store
) -> None:
    for store in (project_store, synthetic_project):
        kept = KeptReports(store, timeout=120)  # type: ignore[arg-type]
        assert dumped(kept.report("sv")) == dumped(gap_report(store, lang="sv"))
        digg = f"{ID}actor/digg"
        about = kept.about(digg, "sv")
        assert about is not None and dumped(about) == dumped(gap_report(store, lang="sv", about=digg))


def test_a_child_past_its_time_out_is_killed_and_the_report_not_made_until_the_next_write(
    written: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not made in the service's process instead (at 10M quads that starved every query), nor again for the
    same state: the next request would wait as long for the same outcome."""
    children = 0

    def counted_fork(*arguments: Any, **keywords: Any) -> Any:
        nonlocal children
        children += 1
        return call_in_child(*arguments, **keywords)

    monkeypatch.setattr(kept_module, "gap_report", in_a_child_first(lambda: time.sleep(3600)))
    monkeypatch.setattr(kept_module, "call_in_child", counted_fork)
    kept = KeptReports(written, timeout=1)
    for _ in range(2):
        with pytest.raises(ReportNotMade, match="not made within 1 s .SAMVERKAN_KEPT_GAP_REPORT_TIMEOUT."):
            kept.report("en")
    assert (children, kept.computed) == (1, 0), "one child, tried once, and nothing made in this process"
    written.update(NEW_GOAL)
    monkeypatch.setattr(kept_module, "gap_report", gap_report)
    assert dumped(kept.report("en")) == dumped(gap_report(written, lang="en"))
    assert children == 2


def test_a_child_that_ends_without_the_report_leaves_it_unmade_until_the_next_write(
    written: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child killed for its memory (here: it exits) is not followed by the same work in the service."""
    monkeypatch.setattr(kept_module, "gap_report", in_a_child_first(lambda: os._exit(9)))
    kept = KeptReports(written, timeout=60)
    for _ in range(2):
        with pytest.raises(ReportNotMade, match="could not be made: the child process ended without an answer"):
            kept.report("en")
    assert kept.computed == 0
    written.update(NEW_GOAL)
    monkeypatch.setattr(kept_module, "gap_report", gap_report)
    assert dumped(kept.report("en")) == dumped(gap_report(written, lang="en"))


def test_a_report_no_child_could_be_forked_for_is_made_in_the_service(
    written: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked_call.os, "fork", refused)
    kept = KeptReports(written, timeout=60)
    assert dumped(kept.report("en")) == dumped(gap_report(written, lang="en"))
    assert kept.computed == 1


def test_rows_about_an_iri_are_those_asked_of_each_rule(
    project_store: Store, synthetic_project: Store
) -> None:
    for store in (project_store, synthetic_project):
        kept = KeptReports(store)  # type: ignore[arg-type]
        assert kept.about(f"{ID}actor/digg") is None, "nothing is kept before a report was made"
        report = kept.report("en")
        named = sorted(
            {
                iri
                for result in report
                for row in result.rows
                for iri in (row.thing.iri, row.value and row.value.iri)
            }
            - {None}
        )
        assert len(named) > 20
        for iri in [f"{ID}actor/digg", *named[:: max(1, len(named) // 15)]]:
            assert iri is not None
            about = kept.about(iri, "en")
            assert about is not None
            assert dumped(about) == dumped(gap_report(store, lang="en", about=iri)), iri


def test_a_write_makes_the_kept_report_stale(written: EmbeddedStore) -> None:
    kept = KeptReports(written)
    before = kept.report("en")
    assert GOAL not in things(before)
    written.update(NEW_GOAL)
    assert kept.ready("en") is None and kept.about(GOAL, "en") is None, "a stale report is never served"
    after = kept.report("en")
    assert GOAL in things(after)
    assert dumped(after) == dumped(gap_report(written, lang="en"))
    assert kept.computed == 2
    written.update(GOAL_GONE)
    assert dumped(kept.report("en")) == dumped(before)


def test_one_computation_at_a_time(written: EmbeddedStore) -> None:
    kept = KeptReports(written)
    answers: list[list[GapResult]] = []
    requests = [threading.Thread(target=lambda: answers.append(kept.report("sv"))) for _ in range(4)]
    for request in requests:
        request.start()
    for request in requests:
        request.join()
    assert kept.computed == 1
    assert len(answers) == 4 and all(answer is answers[0] for answer in answers)


def test_the_watching_thread_keeps_every_language_ready(written: EmbeddedStore) -> None:
    kept = KeptReports(written, languages=("sv", "en"))
    kept.watch()
    try:
        for lang in ("sv", "en"):
            assert dumped(until_ready(kept, lang)) == dumped(gap_report(written, lang=lang))
        written.update(NEW_GOAL)
        kept.changed()
        ready = until_ready(kept, "en")
        assert GOAL in things(ready)
        assert dumped(ready) == dumped(gap_report(written, lang="en"))
    finally:
        kept.stop()


def test_the_watching_thread_makes_the_new_days_report_without_a_write(
    written: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's report is stale at midnight (UTC): made again then, not by the first request of the day."""
    day = "2026-12-03"
    monkeypatch.setattr(kept_module, "today", lambda: day)
    monkeypatch.setattr(kept_module, "seconds_to_next_day", lambda: 0.2)
    kept = KeptReports(written)
    kept.watch()
    try:
        until_ready(kept, "sv")
        time.sleep(1)
        assert kept.computed == 1, "not made again within the day"
        day = "2026-12-04"
        for _ in range(600):
            if kept.computed == 2 and kept.ready("sv") is not None:
                break
            time.sleep(0.1)
        assert kept.computed == 2 and kept.ready("sv") is not None
    finally:
        kept.stop()


def test_a_watch_after_a_stop_keeps_the_report_ready_again(written: EmbeddedStore) -> None:
    """A service started again over the same store (a notebook's, each browser test's) watches it again."""
    kept = KeptReports(written)
    kept.watch()
    until_ready(kept, "sv")
    kept.stop()
    written.update(NEW_GOAL)
    kept.watch()
    try:
        assert GOAL in things(until_ready(kept, "sv"))
    finally:
        kept.stop()


def test_dated_reports_are_bounded(written: EmbeddedStore) -> None:
    kept = KeptReports(written)
    days = ["2018-01-01", "2019-01-01", "2020-01-01", "2021-01-01", "2022-01-01"]
    for day in days:
        kept.report("en", day)
    assert kept.ready("en", days[0]) is None, "the earliest date was dropped"
    assert all(kept.ready("en", day) is not None for day in days[1:])


def test_a_report_in_a_language_of_no_page_is_given_but_not_kept(written: EmbeddedStore) -> None:
    """Any `lang=` is taken (labels fall back): one report kept per language asked would let a client
    keep a full report in memory per request (90 MiB at 1M quads), until the next write."""
    kept = KeptReports(written)
    assert dumped(kept.report("zz")) == dumped(gap_report(written, lang="zz"))
    assert kept.ready("zz") is None
    assert kept.report("en") is kept.report("en"), "the pages' languages are kept"


def test_a_kept_store_is_freed_once_unused(settings: Settings) -> None:
    """Its keeper is found by the store, weakly, and holds it weakly: a test's or a notebook's store, once
    dropped, takes its kept reports with it."""
    store = EmbeddedStore()
    load_project(store, settings)
    kept = keep(store, 60)
    assert kept is not None
    kept.report("en")
    gone = weakref.ref(store)
    del store, kept
    gc.collect()
    assert gone() is None


def test_remote_stores_compute_each_time(project_store: Store) -> None:
    remote = RemoteStore("http://localhost:9/query")
    assert keep(remote, 60) is None and keeper(remote) is None
    assert keep(project_store, 60) is keeper(project_store) is not None
    assert dumped(full_report(project_store, lang="en")) == dumped(gap_report(project_store, lang="en"))
    digg = f"{ID}actor/digg"
    assert dumped(report_about(project_store, digg, "en")) == dumped(
        gap_report(project_store, lang="en", about=digg)
    )


@pytest.mark.parametrize("on", [True, False])
def test_the_service_keeps_the_report_unless_told_not_to(
    settings: Settings, written: EmbeddedStore, on: bool
) -> None:
    app = create_app(settings.model_copy(update={"keep_gap_report": on}), written)
    assert (keeper(written) is not None) is on
    answer = TestClient(app).get("/gaps/report", params={"lang": "en", "format": "md"})
    assert answer.status_code == 200
    assert answer.text == gaps_text(gap_report(written, lang="en"), "md", "en")
    kept = keeper(written)
    assert (kept is not None and kept.ready("en") is not None) is on, "the answer was kept only when on"


def test_the_service_answers_503_naming_the_time_out_the_report_ran_past(
    settings: Settings, written: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_module, "gap_report", in_a_child_first(lambda: time.sleep(3600)))
    app = create_app(settings.model_copy(update={"kept_gap_report_timeout": 1.0}), written)
    answer = TestClient(app).get("/gaps/report", params={"lang": "en", "format": "md"})
    assert answer.status_code == 503
    assert "not made within 1 s (SAMVERKAN_KEPT_GAP_REPORT_TIMEOUT)" in answer.json()["detail"]
    assert 0 < int(answer.headers["retry-after"]) <= 86_400, "asked again on the next day (UTC)"
    assert TestClient(app).get("/health").status_code == 200
