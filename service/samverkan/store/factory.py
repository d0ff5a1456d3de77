"""Choose and open the store the settings name."""

from __future__ import annotations

from pathlib import Path

from samverkan.settings import Settings
from samverkan.store.base import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.remote import RemoteStore


def open_store(settings: Settings) -> Store:
    """`memory` → in-memory pyoxigraph; http(s) URL → remote endpoint; else an on-disk directory."""
    location = settings.store.strip()
    if location in {"", "memory", ":memory:"}:
        return EmbeddedStore()
    if location.startswith(("http://", "https://")):
        return RemoteStore(location, settings.store_update_url, settings.query_timeout)
    return EmbeddedStore(Path(location).expanduser())
