"""Prometheus metrics of the service, exposed at `/metrics`."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "samverkan_http_requests",
    "HTTP requests by route and status",
    ["method", "route", "status"],
    registry=REGISTRY,
)
QUERY_SECONDS = Histogram("samverkan_query_seconds", "Time spent answering SPARQL queries", registry=REGISTRY)
QUERY_TIMEOUTS = Counter(
    "samverkan_query_timeouts", "SPARQL queries stopped at the timeout", registry=REGISTRY
)
UPDATES = Counter("samverkan_updates", "Writes applied (SPARQL Update and Graph Store)", registry=REGISTRY)
TRIPLES = Gauge("samverkan_triples", "Triples in the store's named graphs", registry=REGISTRY)


class RequestCounter:
    """ASGI middleware counting requests by method, route and status.

    Plain ASGI rather than `@app.middleware("http")`, whose per-request task and streams cost
    more CPU than a quick SPARQL query itself (see `make bench`).
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = "500"

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = str(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            REQUESTS.labels(scope["method"], route, status).inc()
