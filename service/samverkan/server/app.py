"""Build the FastAPI application around a store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from samverkan import __version__
from samverkan.server import sparql_routes
from samverkan.settings import Settings
from samverkan.store import Store


def create_app(settings: Settings, store: Store) -> FastAPI:
    """The service over a store that is already open and loaded."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="Samverkan",
        version=__version__,
        description="Who is responsible for what in Swedish digital government: "
        "a SPARQL 1.1 endpoint over a sourced knowledge graph.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.include_router(sparql_routes.router)
    return app
