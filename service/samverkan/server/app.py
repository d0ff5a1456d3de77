"""Build the FastAPI application around a store."""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from samverkan import __version__
from samverkan.gaps.kept import ReportNotMade, keep
from samverkan.server import graph_store_routes, metrics, ontology_routes, service_routes, sparql_routes
from samverkan.server.admission import QueryAdmission, Slots
from samverkan.server.archimate_routes import router as archimate_router
from samverkan.server.deadlines import RouteDeadline
from samverkan.server.entity_routes import router as entity_router
from samverkan.server.gap_routes import router as gap_router
from samverkan.server.head_requests import HeadAsGet
from samverkan.server.landing_routes import router as landing_router
from samverkan.server.limits import BodySizeLimit
from samverkan.server.network_routes import router as network_router
from samverkan.server.pages import STATIC_DIR
from samverkan.server.query_ui import YASGUI_BUILD
from samverkan.server.security_headers import SecurityHeaders
from samverkan.server.validation_routes import router as validation_router
from samverkan.server.view_routes import router as view_router
from samverkan.server.workers import QueryWorkers
from samverkan.server.write_check import CheckedWrites
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore


def create_app(settings: Settings, store: Store) -> FastAPI:
    """The service over a store that is already open and loaded."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if kept is not None:
            kept.watch()
        yield
        if kept is not None:
            kept.stop()
        if workers is not None:
            workers.close()
        store.close()

    app = FastAPI(
        title="Samverkan",
        version=__version__,
        description="Who is responsible for what in Swedish digital government: "
        "a SPARQL 1.1 endpoint over a sourced knowledge graph, with validation and gap analysis.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    workers = QueryWorkers(store, settings.max_running_queries) if isinstance(store, EmbeddedStore) else None
    app.state.workers = workers
    if workers is not None:  # an app dropped without its lifespan (a test client) leaves no idle worker
        weakref.finalize(app, workers.close)
    kept = keep(store, settings.kept_gap_report_timeout) if settings.keep_gap_report else None
    app.state.writes = CheckedWrites(
        store,
        check=settings.validate_writes,
        wait=settings.query_timeout,
        after=kept.changed if kept is not None else None,
    )
    app.state.validations = Slots(settings.max_running_validations, "SAMVERKAN_MAX_RUNNING_VALIDATIONS")
    app.state.admission = QueryAdmission(
        settings.max_running_queries,
        settings.max_abandoned_queries,
        retry_after=max(1, round(settings.query_timeout)),
        forks=workers is not None,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type", "Authorization"],
    )
    app.add_middleware(
        RouteDeadline, seconds=settings.route_timeout, max_running=settings.max_running_requests
    )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(metrics.RequestCounter)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)

    app.add_exception_handler(ReportNotMade, _report_not_made)
    app.include_router(sparql_routes.router)
    app.include_router(graph_store_routes.router)
    app.include_router(service_routes.router)
    app.include_router(ontology_routes.router)
    app.include_router(network_router)
    app.include_router(validation_router)
    app.include_router(gap_router)
    app.include_router(view_router)
    app.include_router(archimate_router)
    app.include_router(landing_router)
    app.include_router(entity_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    yasgui = settings.assets_dir / YASGUI_BUILD
    if yasgui.is_dir():
        app.mount("/assets/yasgui", StaticFiles(directory=yasgui), name="yasgui")
    return app


async def _report_not_made(_: Request, error: Exception) -> JSONResponse:
    """A 503 saying why the full gap report was not made (`gaps.kept.ReportNotMade`), to be asked again on the
    next day (or after a write)."""
    assert isinstance(error, ReportNotMade)  # the only exception it is registered for
    return JSONResponse({"detail": str(error)}, status_code=503, headers={"Retry-After": str(error.retry_after)})
