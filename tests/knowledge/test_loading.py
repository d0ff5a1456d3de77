"""`ensure_loaded`: the project is loaded unless the store holds it, whatever else the store holds."""

from __future__ import annotations

import pyoxigraph as ox

from samverkan.knowledge.loading import ensure_loaded, loading_summary
from samverkan.settings import Settings
from samverkan.store.embedded import EmbeddedStore
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH

SYSTEM_GRAPH = "http://www.openlinksw.com/schemas/virtrdf#"


def test_a_store_holding_only_a_servers_system_graph_is_loaded(settings: Settings) -> None:
    store = EmbeddedStore()
    store.load("<urn:x:a> <urn:x:b> <urn:x:c> .", ox.RdfFormat.N_TRIPLES, SYSTEM_GRAPH)
    loaded = ensure_loaded(store, settings)
    assert loaded and store.has_graph(ONTOLOGY_GRAPH)
    assert loading_summary(loaded, store, settings).startswith(f"Loaded {sum(i.quads for i in loaded)} quads")


def test_a_store_holding_the_project_is_not_reloaded(settings: Settings) -> None:
    store = EmbeddedStore()
    ensure_loaded(store, settings)
    assert ensure_loaded(store, settings) == []
    assert "already holds the project" in loading_summary([], store, settings)
