"""The embedded store: writes counted when they change it, and compacted at closing on disk (so the next opening
finds nothing to compact)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from samverkan.store import StoreError, UpdateRefused
from samverkan.store.embedded import EmbeddedStore

INSERT = 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> "1" } }'


class CountedCompactions:
    """The engine's store, counting the compactions asked of it."""

    def __init__(self, engine: ox.Store) -> None:
        self.engine = engine
        self.compactions = 0

    def optimize(self) -> None:
        self.compactions += 1
        self.engine.optimize()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


def counted(store: EmbeddedStore) -> CountedCompactions:
    engine = CountedCompactions(store._store)
    store._store = engine  # type: ignore[assignment]
    return engine


def test_writes_are_compacted_at_closing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.compact()
    engine = counted(store)
    store.update(INSERT)
    assert engine.compactions == 0, "a small write is not compacted when made"
    store.close()
    assert engine.compactions == 1


def test_a_store_only_read_is_not_compacted_at_closing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.compact()
    engine = counted(store)
    store.query("ASK { ?s ?p ?o }")
    store.close()
    assert engine.compactions == 0


def test_a_store_just_opened_is_compacted_once(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    engine = counted(store)
    store.compact()
    store.compact()
    store.close()
    assert engine.compactions == 1


def test_only_writes_that_change_the_store_are_counted() -> None:
    store = EmbeddedStore()
    store.update(INSERT)
    assert store.writes == 1
    with pytest.raises(StoreError):
        store.update("INSERT DATA { nothing }")
    with pytest.raises(UpdateRefused, match="already exists"):
        store.update("CREATE GRAPH <http://example.org/g>")
    with pytest.raises(StoreError):
        store.load(
            b"<http://example.org/a> <http://example.org/p> .", ox.RdfFormat.N_TRIPLES, "http://example.org/g"
        )
    assert store.writes == 1, (
        "a failed update or load changed nothing, so the store's readers need not start anew"
    )


class FailingEngine:
    """An engine whose updates fail as pyoxigraph reports a storage or other evaluation failure."""

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        raise RuntimeError("Corruption: block checksum mismatch in /var/lib/store/000042.sst")


def test_only_the_engines_refusals_are_updates_refused() -> None:
    store = EmbeddedStore()
    store.update(INSERT)
    with pytest.raises(UpdateRefused, match="already exists"):
        store.update("CREATE GRAPH <http://example.org/g>")
    store._store = FailingEngine()  # type: ignore[assignment]
    with pytest.raises(StoreError) as failure:
        store.update(INSERT)
    assert not isinstance(failure.value, UpdateRefused), (
        "a failing store is the service's fault, not the update's"
    )
