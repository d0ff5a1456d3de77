"""`ensure_loaded`: the project is loaded unless the store holds it, whatever else the store holds."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from tests.store.test_embedded import counted

from samverkan.bench import synthetic
from samverkan.knowledge.loading import (
    SourceFile,
    ensure_loaded,
    is_bulk,
    load_file,
    load_project,
    loading_summary,
    read_quads,
    replace_graphs,
)
from samverkan.settings import Settings
from samverkan.store.base import QuerySyntaxError, StoreError
from samverkan.store.embedded import EmbeddedStore
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH

SYSTEM_GRAPH = "http://www.openlinksw.com/schemas/virtrdf#"


def test_a_store_holding_only_a_servers_system_graph_is_loaded(settings: Settings) -> None:
    store = EmbeddedStore()
    store.load("<urn:x:a> <urn:x:b> <urn:x:c> .", ox.RdfFormat.N_TRIPLES, SYSTEM_GRAPH)
    loaded = ensure_loaded(store, settings)
    assert loaded and store.has_graph(ONTOLOGY_GRAPH)
    assert loading_summary(loaded, settings).startswith(f"Loaded {sum(i.quads for i in loaded)} quads")


def test_a_store_holding_the_project_is_not_reloaded(settings: Settings) -> None:
    store = EmbeddedStore()
    ensure_loaded(store, settings)
    assert ensure_loaded(store, settings) == []
    assert "already holds the project" in loading_summary([], settings)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> SourceFile:
    """The 10k synthetic graph: over `BULK_BYTES`, so it goes to the bulk loader."""
    path = tmp_path_factory.mktemp("bulk") / "data.nq"
    synthetic.write(path, 10_000, 0)
    source = SourceFile(path, None)
    assert is_bulk(source)
    return source


def everything(store: EmbeddedStore) -> set[str]:
    """Every quad, the default graph's (the union) included."""
    answer = store.query("SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    assert isinstance(answer, ox.QuerySolutions)
    return {" ".join(str(term) for term in solution) for solution in answer}


def test_a_big_file_bulk_loaded_holds_what_an_atomic_load_holds(big_file: SourceFile) -> None:
    bulk, atomic = EmbeddedStore(), EmbeddedStore()
    loaded = load_file(bulk, big_file)
    replace_graphs(atomic, read_quads(big_file))
    assert loaded.quads == len(read_quads(big_file)) and len(loaded.graphs) > 10
    assert everything(bulk) == everything(atomic)


def test_a_bulk_load_replaces_the_graphs_the_file_holds(big_file: SourceFile) -> None:
    store = EmbeddedStore()
    graph = load_file(store, big_file).graphs[0]
    store.load("<urn:x:stale> <urn:x:p> <urn:x:o> .", ox.RdfFormat.N_TRIPLES, graph)
    before = everything(store)
    load_file(store, big_file)
    assert not store.query("ASK { <urn:x:stale> ?p ?o }")
    assert before - everything(store) == {
        f"{name} <urn:x:stale> <urn:x:p> <urn:x:o>" for name in ("None", f"<{graph}>")
    }


@pytest.mark.parametrize("empty", [True, False], ids=["into an empty store", "over the project"])
def test_a_big_file_with_a_loose_triple_is_refused_and_changes_nothing(
    big_file: SourceFile, tmp_path: Path, settings: Settings, empty: bool
) -> None:
    path = tmp_path / "loose.nq"
    in_blank_graph = b"<urn:x:s> <urn:x:p> <urn:x:o> _:graph .\n"
    path.write_bytes(big_file.path.read_bytes() + in_blank_graph + b"<urn:x:loose> <urn:x:p> <urn:x:o> .\n")
    store = EmbeddedStore()
    if not empty:
        ensure_loaded(store, settings)
    before = everything(store)
    with pytest.raises(StoreError, match="1 triples are outside a named graph"):
        load_file(store, SourceFile(path, None))
    assert everything(store) == before
    assert not store.query("ASK { GRAPH ?g { <urn:x:s> ?p ?o } }")


def test_a_big_file_with_a_syntax_error_near_its_end_is_refused_and_changes_nothing(
    big_file: SourceFile, tmp_path: Path
) -> None:
    path = tmp_path / "broken.nq"
    lines = big_file.path.read_bytes().count(b"\n")
    path.write_bytes(big_file.path.read_bytes() + b"<urn:x:a> <urn:x:b> .\n")
    store = EmbeddedStore()
    with pytest.raises(QuerySyntaxError) as refused:
        load_file(store, SourceFile(path, None))
    assert (refused.value.line, refused.value.column) == (lines + 1, 21)
    assert store.is_empty() and not store.query("ASK { ?s ?p ?o }")


def test_loading_compacts_an_on_disk_store_once_at_the_end(settings: Settings, big_file: SourceFile) -> None:
    """The big file's bulk load leaves its compaction to the end of the loading, after the small files."""
    data_dir = big_file.path.parent
    store = EmbeddedStore(data_dir.parent / "compacted-once")
    store.compact()
    engine = counted(store)
    load_project(store, Settings(data_dir=data_dir))
    store.close()
    assert engine.compactions == 1
