"""Prometheus metrics of the service, exposed at `/metrics`."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

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
