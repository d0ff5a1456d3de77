"""A deadline and a bound on concurrent work for every route but the SPARQL endpoint (which has its own).

Most routes run their work on the shared thread pool, where it cannot be interrupted. This middleware
answers 503 when a route has not started its answer by `SAMVERKAN_ROUTE_TIMEOUT` and lets the work
finish unseen; at most `SAMVERKAN_MAX_RUNNING_REQUESTS` such requests may be unfinished at once (past
it: 503 with Retry-After at once), which leaves threads for /health and /metrics whatever the load.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNBOUNDED = ("/sparql", "/health", "/metrics", "/assets/", "/static/")
"""Paths outside this middleware: the endpoint has admission and deadlines of its own; the rest are cheap."""


class RouteDeadline:
    """ASGI middleware: a 503 at the deadline, and admission by the number of unfinished requests."""

    def __init__(self, app: ASGIApp, seconds: float, max_running: int) -> None:
        self.app = app
        self.seconds = seconds
        self.max_running = max_running
        self.running = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(UNBOUNDED):
            await self.app(scope, receive, send)
            return
        if self.running >= self.max_running:
            await _refuse(
                send, f"{self.running} requests are being worked on (SAMVERKAN_MAX_RUNNING_REQUESTS)", "1"
            )
            return
        answered = False
        late = False

        async def send_unless_late(message: Message) -> None:
            nonlocal answered
            if late:
                return
            answered = True
            await send(message)

        self.running += 1
        work = asyncio.ensure_future(self.app(scope, receive, send_unless_late))
        work.add_done_callback(self._finished)
        done, _ = await asyncio.wait({work}, timeout=self.seconds)
        if not done and not answered:
            late = True
            await _refuse(
                send,
                f"the request was not answered within {self.seconds:g} s (SAMVERKAN_ROUTE_TIMEOUT)",
                None,
            )
            return
        await work

    def _finished(self, work: asyncio.Future[None]) -> None:
        self.running -= 1
        if not work.cancelled():
            work.exception()  # retrieved, so an abandoned route's failure is not reported as unhandled


async def _refuse(send: Send, detail: str, retry_after: str | None) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if retry_after:
        headers.append((b"retry-after", retry_after.encode()))
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
