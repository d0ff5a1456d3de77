"""FastAPI dependencies: the store and settings the application was built with.

They are `async` because FastAPI runs a plain `def` dependency on a worker thread: a thread hop per
dependency per request, which was most of the overhead of a quick /sparql query.
"""

from __future__ import annotations

from fastapi import Request

from samverkan.settings import Settings
from samverkan.store import Store


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings
