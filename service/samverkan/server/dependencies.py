"""FastAPI dependencies: the store and settings the application was built with."""

from __future__ import annotations

from fastapi import Request

from samverkan.settings import Settings
from samverkan.store import Store


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings
