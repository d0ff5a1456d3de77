"""The full gap report of an embedded store, kept: computed once per write, language and as-of day.

An entry is the report `gap_report(store, as_of, lang=lang)` gives, made when the store's write count
(`EmbeddedStore.writes`) was what it is now; without an as-of date, also on the same day (UTC, the day
the rules' `NOW()` gives), since the rules judge the landscape as of today. A write makes every entry
stale, and a stale entry is never served: the next request computes the report anew. One computation
runs at a time; a request that finds the report stale waits for the one in progress, then uses its
result if it is for the request's state, rather than starting a second computation beside it.

The service keeps the report of today ready (`keep`, then `KeptReports.watch`, in the `WATCHED`
languages): a thread has it computed after start-up, after every write and when the day changes (UTC), so a
request finds it done.
The service's reports are computed in a child process forked for each (`store.forked_call`): the
engine releases the interpreter while it works, so a query worker or killable update forked meanwhile
could copy one of the engine's locks held and never answer, and the computation would compete with the
HTTP layer for the interpreter and raise the service's peak memory. A child that cannot read the store
(forked while another thread held such a lock, found by its first read) is replaced; when none could be
made at all, the service's process makes the report. A child still computing at its time-out is killed, and
the report is not made (`ReportNotMade`) until the next write or day; nor when the child ended without it
(killed for its memory) or failed: the service's process would fare no better. A store not kept (a remote
store, which has no write count, or the service with `SAMVERKAN_KEEP_GAP_REPORT` off) has its reports
computed for each request, as `gap_report` does.

Only the pages' languages (`LANGUAGES`) are kept: a report in another (any `lang=` is taken, labels
falling back) is computed for its request alone, else each language a client named would hold a full
report in memory until the next write.

A request about one IRI (an entity page's gaps) takes the rows of the kept report that name it, as
the thing or as the value: the rows `gap_report(store, about=iri)` gives, since every row's labels,
sources and coverage are read per IRI.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
import weakref
import zlib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial

from samverkan.gaps.catalogue import GapResult, GapRow, gap_report
from samverkan.gaps.packing import PackedReport, pack, unpack
from samverkan.knowledge.labels import LANGUAGES
from samverkan.sparql.collected import QueryTimeout
from samverkan.store import Store, StoreError
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.forked_call import PROBE, ChildNotStarted, call_in_child
from samverkan.store.heap import give_back

_LOG = logging.getLogger(__name__)
WATCHED = ("sv",)
"""The languages whose report of today the service keeps ready: Swedish, the API's default and the pages'
for a reader who states none (another language's report is kept once asked: each costs the memory of
its rows, 90 MiB at 1M quads, unpacked by `gaps.packing`)."""
NICENESS = 10
"""The scheduling priority of a report's child and of the watching thread (Linux: per thread), below the
query workers' (5): a report computed after a write leaves the cores to the queries answered meanwhile."""
TEXT_COMPRESSION = 1
"""zlib's level for the kept rendered reports: the fastest (at 1M quads 43 MiB of Markdown to 3.1 MiB)."""
MOST_DATES = 4
"""Reports kept for given as-of dates besides today's, per language (the earliest made is dropped)."""


DAY_CHANGE_MARGIN = 1.0
"""Seconds the watching thread waits past midnight (UTC) before it makes the new day's report."""


def today() -> str:
    """Today as the rules' `NOW()` gives it (UTC)."""
    return datetime.now(UTC).date().isoformat()


def seconds_to_next_day() -> float:
    """Seconds until today's report is stale without any write: the next day, UTC."""
    now = datetime.now(UTC)
    return (now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1) - now).total_seconds()


class ReportNotMade(StoreError):
    """The full report's child ran past the time-out, ended without the report or failed; the service does not
    make it in its own process (at 10M quads that took 6.5 GiB and starved every query), nor again before the
    next write or day (`retry_after`: seconds to the next day, UTC)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.retry_after = math.ceil(seconds_to_next_day())


@dataclass
class _Entry:
    results: list[GapResult]
    writes: int
    day: str
    rows: list[GapRow] = field(default_factory=list)
    """Every result's rows in turn (`starts` says where each result's begin), for `by_iri`."""
    starts: list[int] = field(default_factory=list)
    by_iri: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """The rows naming each IRI (as thing or value), by their place in `rows`."""
    texts: dict[str, bytes] = field(default_factory=dict)
    """The report rendered, by form (`KeptReports.text`), as UTF-8 compressed (43 MiB of Markdown at 1M quads
    are 3 MiB so)."""

    def index(self) -> None:
        named: dict[str, list[int]] = {}
        for result in self.results:
            self.starts.append(len(self.rows))
            for row in result.rows:
                for iri in {row.thing.iri, row.value.iri if row.value else None} - {None}:
                    assert iri is not None
                    named.setdefault(iri, []).append(len(self.rows))
                self.rows.append(row)
        self.by_iri = {iri: tuple(places) for iri, places in named.items()}

    def about(self, iri: str) -> list[GapResult]:
        """The results with only the rows that name `iri`."""
        rows: dict[int, list[GapRow]] = {}
        for place in self.by_iri.get(iri, ()):
            rows.setdefault(bisect_right(self.starts, place) - 1, []).append(self.rows[place])
        return [
            GapResult(rule=result.rule, parameters=result.parameters, rows=rows.get(position, []))
            for position, result in enumerate(self.results)
        ]


class KeptReports:
    """The full gap reports of one embedded store, by language and as-of date (None: today)."""

    def __init__(
        self, store: EmbeddedStore, languages: Sequence[str] = WATCHED, timeout: float | None = None
    ) -> None:
        self._store = weakref.ref(store)
        """Weakly: the keepers are found by their stores in a `WeakKeyDictionary`, whose entry would
        otherwise keep its store, and the store its kept reports, for the life of the process."""
        self.languages = tuple(languages)
        self.timeout = timeout
        """Seconds a report's child process may take before it is killed (`ReportNotMade`); None: every report
        is computed in this process."""
        self.computed = 0
        """Reports computed so far (each a full `gap_report`)."""
        self._kept: dict[tuple[str, str | None], _Entry] = {}
        self._not_made: dict[tuple[str, str | None], tuple[int, str, str]] = {}
        """The write count, day and message of a report whose child ran past `timeout`, ended without it or
        failed: not tried again before the count or day changes (the next request would wait as long for the same
        outcome)."""
        self._computing = threading.Lock()
        self._wanted: threading.Event | None = None
        """The running watching thread's wake-up (None: none runs); each thread has its own, so a thread
        stopped but not yet ended never takes the wake-up of the one started after it."""

    @property
    def store(self) -> EmbeddedStore:
        """The store whose reports are kept (a `StoreError` once it is gone)."""
        if (store := self._store()) is None:
            raise StoreError("the store of the kept gap reports is gone")
        return store

    def report(self, lang: str = "sv", as_of: str | date | None = None) -> list[GapResult]:
        """The full report in `lang` as of a date (None: today), kept or computed now."""
        return self._entry(lang, _as_of_key(as_of)).results

    def text(
        self,
        form: str,
        render: Callable[[list[GapResult]], str],
        lang: str = "sv",
        as_of: str | date | None = None,
    ) -> bytes:
        """The full report rendered by `render` (in the form it names) as UTF-8, rendered once per kept report."""
        entry = self._entry(lang, _as_of_key(as_of))
        if (packed := entry.texts.get(form)) is None:
            text = render(entry.results).encode()
            entry.texts[form] = zlib.compress(text, TEXT_COMPRESSION)
            give_back()  # what rendering used for a while (68 MiB of Markdown's parts at 1M quads)
            return text
        return zlib.decompress(packed)

    def ready(self, lang: str = "sv", as_of: str | date | None = None) -> list[GapResult] | None:
        """The kept report when it is up to date, else None (nothing is computed)."""
        entry = self._fresh(lang, _as_of_key(as_of))
        return entry.results if entry else None

    def about(self, iri: str, lang: str = "sv") -> list[GapResult] | None:
        """Today's report with only the rows that name `iri`, when the kept one is up to date, else None."""
        entry = self._fresh(lang, None)
        return entry.about(iri) if entry else None

    def watch(self) -> None:
        """Keep today's report in the watched languages ready: computed now in a thread, again after each
        `changed` and when the day changes (UTC); again after a `stop` (a service started anew over the same
        store)."""
        if self._wanted is None:
            self._wanted = threading.Event()
            threading.Thread(
                target=self._keep, args=(self._wanted,), name="kept-gap-report", daemon=True
            ).start()
        self._wanted.set()

    def changed(self) -> None:
        """The store was written to: the watching thread, if any, computes today's reports anew."""
        if (wanted := self._wanted) is not None:
            wanted.set()

    def stop(self) -> None:
        """End the watching thread after the computation in progress (not waited for: the thread is a daemon)."""
        wanted, self._wanted = self._wanted, None
        if wanted is not None:
            wanted.set()

    def _keep(self, wanted: threading.Event) -> None:
        with suppress(OSError):  # a priority of its own only where threads have one
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
        while True:
            wanted.wait(seconds_to_next_day() + DAY_CHANGE_MARGIN)
            wanted.clear()
            if self._wanted is not wanted:  # stopped
                return
            try:
                for lang in self.languages:
                    self._entry(lang, None)
            except ReportNotMade as error:
                _LOG.warning("%s", error)
            except StoreError:
                if self._wanted is not wanted:  # the store was closed under the computation
                    return
                _LOG.exception("the kept gap report could not be computed; the next request computes it")

    def _fresh(self, lang: str, as_of: str | None) -> _Entry | None:
        entry = self._kept.get((lang, as_of))
        if entry is None or entry.writes != self.store.writes or (as_of is None and entry.day != today()):
            return None
        return entry

    def _entry(self, lang: str, as_of: str | None) -> _Entry:
        if (entry := self._fresh(lang, as_of)) is not None:
            return entry
        with self._computing:
            if (entry := self._fresh(lang, as_of)) is not None:
                return entry
            if (failure := self._not_made.get((lang, as_of))) and failure[:2] == (self.store.writes, today()):
                raise ReportNotMade(failure[2])
            if lang in LANGUAGES:
                self._drop(lang, as_of)
            entry = self._computed(lang, as_of)
            self.computed += 1
            if lang in LANGUAGES:  # another language's (any `lang=` is taken) is made for its request alone
                self._kept[(lang, as_of)] = entry
            return entry

    def _computed(self, lang: str, as_of: str | None) -> _Entry:
        """The report made now: in a child process within `timeout`, else (when none could be started, or
        without a time-out) in this process; packed where it is made, unpacked here (`gaps.packing`)."""
        writes, day = self.store.writes, today()
        make = partial(_packed_report, self.store, lang, as_of)
        packed: PackedReport | None = None
        if self.timeout is not None:
            self.store.compact()  # the child has none of the on-disk engine's background work (as a query worker)
            try:
                packed = call_in_child(
                    make, deadline=time.monotonic() + self.timeout, niceness=NICENESS, probe=self._probe
                )
            except ChildNotStarted as error:
                _LOG.warning("no child process could make the gap report (%s); made in the service", error)
            except (QueryTimeout, StoreError) as error:
                raise self._not_made_in((lang, as_of), writes, day, error) from error
        entry = _Entry(unpack(packed if packed is not None else make()), writes, day)
        if as_of is None:
            entry.index()
        give_back()  # what the packed report and its pickle used while unpacked (33 MiB at 1M quads)
        return entry

    def _not_made_in(
        self, key: tuple[str, str | None], writes: int, day: str, error: Exception
    ) -> ReportNotMade:
        """The failure of the child that was to make the report, remembered for the state it was to be made in."""
        why = (
            f"was not made within {self.timeout:g} s (SAMVERKAN_KEPT_GAP_REPORT_TIMEOUT)"
            if isinstance(error, QueryTimeout)
            else f"could not be made: {error}"
        )
        message = f"the full gap report {why}; it is made again after the next write or on the next day (UTC)"
        self._not_made[key] = (writes, day, message)
        return ReportNotMade(message)

    def _probe(self) -> None:
        """In the child, a first read: one that cannot make it (forked while the engine held a lock) is
        replaced within seconds, not found out at the time-out."""
        self.store.query(PROBE)

    def _drop(self, lang: str, as_of: str | None) -> None:
        """Forget the stale reports, and the earliest dated one of `lang` when a new date would pass `MOST_DATES`."""
        for key in [key for key in self._kept if self._fresh(*key) is None]:
            del self._kept[key]
        dated = [key for key in self._kept if key[0] == lang and key[1] is not None]
        if as_of is not None and len(dated) >= MOST_DATES:
            del self._kept[dated[0]]


def _packed_report(store: EmbeddedStore, lang: str, as_of: str | None) -> PackedReport:
    return pack(gap_report(store, as_of=as_of, lang=lang))


def _as_of_key(as_of: str | date | None) -> str | None:
    if as_of is None or as_of == "":
        return None
    return as_of.isoformat() if isinstance(as_of, date) else date.fromisoformat(as_of.strip()).isoformat()


_KEEPERS: weakref.WeakKeyDictionary[EmbeddedStore, KeptReports] = weakref.WeakKeyDictionary()
_MADE = threading.Lock()


def keep(store: Store, timeout: float) -> KeptReports | None:
    """Keep the full reports of an embedded store from now on, each computed in a child process that may take
    `timeout` seconds (the service's; the first call's stay); None for a remote store."""
    if not isinstance(store, EmbeddedStore):
        return None
    with _MADE:
        if (found := _KEEPERS.get(store)) is None:
            found = _KEEPERS[store] = KeptReports(store, timeout=timeout)
        return found


def keeper(store: Store) -> KeptReports | None:
    """The kept reports of a store (`keep`), None when it is not kept."""
    return _KEEPERS.get(store) if isinstance(store, EmbeddedStore) else None


def full_report(store: Store, as_of: str | date | None = None, lang: str = "sv") -> list[GapResult]:
    """The full gap report (`gap_report` without filters): kept when the store is (`keep`), else computed."""
    kept = keeper(store)
    return kept.report(lang, as_of) if kept else gap_report(store, as_of=as_of, lang=lang)


def report_about(store: Store, iri: str, lang: str = "sv") -> list[GapResult]:
    """Today's gap report with only the rows naming `iri` (`gap_report(store, lang=lang, about=iri)`):
    from the kept report when it is up to date, else asked of each rule for the IRI alone."""
    kept = keeper(store)
    found = kept.about(iri, lang) if kept else None
    return found if found is not None else gap_report(store, lang=lang, about=iri)


def full_text(
    store: Store, form: str, render: Callable[[list[GapResult]], str], as_of: str | date | None, lang: str
) -> bytes:
    """The full gap report rendered by `render` (named `form`) as UTF-8: kept with the report when the store is kept."""
    kept = keeper(store)
    if kept:
        return kept.text(form, render, lang, as_of)
    return render(gap_report(store, as_of=as_of, lang=lang)).encode()
