"""Admission control for queries: a bounded number run at once, and a bounded number outlive their deadline.

The engine cannot be interrupted inside a step (a COUNT over a cross product is one step). On the
embedded store queries run in worker processes killed at their deadline (`server.workers`), so none
outlives it. Where queries run on threads (a remote store, whose engine is elsewhere), a query past its
deadline gets its 503 while its thread waits on: such a query is *abandoned*: it leaves the running
count (so new queries are admitted) but keeps its thread until the store answers. Past
`max_running_queries` running, or `max_abandoned_queries` abandoned, a query is refused at once with
503 and Retry-After. Query threads come from their own limiter, not from the pool that every plain
route shares, so /health and the pages keep answering whatever the queries do.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from anyio import CapacityLimiter
from fastapi import HTTPException


@dataclass
class Ticket:
    """One admitted query: running until it is abandoned or finishes."""

    admission: QueryAdmission
    abandoned: bool = False
    finished: bool = False

    def abandon(self) -> None:
        """The query's deadline passed while its engine thread still runs."""
        self.admission.settle(self, abandon=True)

    def finish(self) -> None:
        """The query's thread is done (called on that thread)."""
        self.admission.settle(self, abandon=False)


@dataclass
class QueryAdmission:
    """Counts of running and abandoned queries, and the thread limiter they share."""

    max_running: int
    max_abandoned: int
    retry_after: int
    forks: bool = False
    """Whether queries run in worker processes killed at their deadline (the embedded store): then none
    is abandoned, and the bound on abandoned ones does not refuse."""
    running: int = 0
    abandoned: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _limiter: CapacityLimiter | None = field(default=None, repr=False)

    @property
    def limiter(self) -> CapacityLimiter:
        """Threads for query engines (created on the event loop, at first use)."""
        if self._limiter is None:
            self._limiter = CapacityLimiter(self.max_running + self.max_abandoned)
        return self._limiter

    def admit(self) -> Ticket:
        """A ticket for one more query, or 503 with Retry-After when the service is full."""
        with self._lock:
            if not self.forks and self.abandoned >= self.max_abandoned:
                raise HTTPException(
                    503,
                    f"{self.abandoned} queries that ran past their deadline still hold the engine "
                    "(SAMVERKAN_MAX_ABANDONED_QUERIES); try again later",
                    headers={"Retry-After": str(self.retry_after)},
                )
            if self.running >= self.max_running:
                raise HTTPException(
                    503,
                    f"{self.running} queries are running (SAMVERKAN_MAX_RUNNING_QUERIES); try again shortly",
                    headers={"Retry-After": "1"},
                )
            self.running += 1
        return Ticket(self)

    def settle(self, ticket: Ticket, *, abandon: bool) -> None:
        with self._lock:
            if ticket.finished or (abandon and ticket.abandoned):
                return
            if ticket.abandoned:
                self.abandoned -= 1
            else:
                self.running -= 1
            if abandon:
                ticket.abandoned = True
                self.abandoned += 1
            else:
                ticket.finished = True


@dataclass
class Slots:
    """At most `size` heavy tasks of one kind at once (validations); past it 503 with Retry-After at once."""

    size: int
    setting: str
    taken: int = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a slot for the block (released when the work ends, even after its deadline's 503)."""
        if self.taken >= self.size:
            raise HTTPException(
                503,
                f"{self.taken} are being worked on ({self.setting}); try again shortly",
                headers={"Retry-After": "1"},
            )
        self.taken += 1
        try:
            yield
        finally:
            self.taken -= 1
