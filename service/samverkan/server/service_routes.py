"""Operational routes: health, Prometheus metrics, and the VoID description."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from samverkan import __version__
from samverkan.server import metrics
from samverkan.server.admission import QueryAdmission
from samverkan.server.dependencies import get_store
from samverkan.server.description import void_response
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

router = APIRouter(tags=["Service"])


class Health(BaseModel):
    """Whether the service can read its store."""

    status: str
    """`ok`, or `degraded` while queries that ran past their deadline still hold the engine."""
    version: str
    store: str
    triples: int
    running_queries: int
    abandoned_queries: int


@router.get("/health", summary="Liveness and store readability")
def health(request: Request, store: Annotated[Store, Depends(get_store)]) -> Health:
    """Reads the store; names its kind (memory, on-disk, remote) but not where it lives."""
    store_kind = "remote" if not isinstance(store, EmbeddedStore) else "on-disk" if store.path else "memory"
    admission: QueryAdmission = request.app.state.admission
    return Health(
        status="degraded" if admission.abandoned else "ok",
        version=__version__,
        store=store_kind,
        triples=store.triple_count(),
        running_queries=admission.running,
        abandoned_queries=admission.abandoned,
    )


@router.get("/metrics", summary="Prometheus metrics")
def prometheus_metrics(store: Annotated[Store, Depends(get_store)]) -> Response:
    metrics.TRIPLES.set(store.triple_count())
    return Response(generate_latest(metrics.REGISTRY), media_type=CONTENT_TYPE_LATEST)


@router.get("/.well-known/void", summary="VoID description of the dataset")
def void(
    request: Request, store: Annotated[Store, Depends(get_store)], format: str | None = None
) -> Response:
    return void_response(request, store, format)
