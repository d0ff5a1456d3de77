"""Loading the project's files into a store: ontology, shapes and one named graph per source."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from samverkan.settings import Settings
from samverkan.sparql.formats import to_bytes
from samverkan.store.base import QuerySyntaxError, Store, StoreError
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH

RDF_EXTENSIONS = {".ttl", ".trig", ".nt", ".nq", ".jsonld", ".rdf", ".owl"}
BULK_BYTES = 1 << 20
"""Data files this large go to the store's bulk loader (`Store.bulk_add`), streamed instead of held in memory."""


@dataclass(frozen=True)
class SourceFile:
    """One RDF file and the graph its triples belong to (`None`: the file names its graphs)."""

    path: Path
    graph: str | None

    @property
    def rdf_format(self) -> ox.RdfFormat:
        rdf_format = ox.RdfFormat.from_extension(self.path.suffix.lstrip("."))
        if rdf_format is None:
            raise StoreError(f"{self.path}: unknown RDF file extension")
        return rdf_format


@dataclass(frozen=True)
class LoadedFile:
    """What loading one file put into the store."""

    path: Path
    graphs: tuple[str, ...]
    quads: int


def project_files(settings: Settings) -> list[SourceFile]:
    """The ontology, shapes and data files, in a stable order."""
    return (
        [SourceFile(p, ONTOLOGY_GRAPH) for p in _rdf_files(settings.ontology_dir)]
        + [SourceFile(p, SHAPES_GRAPH) for p in _rdf_files(settings.shapes_dir)]
        + [SourceFile(p, None) for p in _rdf_files(settings.data_dir)]
    )


def _rdf_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*") if p.suffix in RDF_EXTENSIONS and p.is_file())


def parsed(source: SourceFile) -> Iterator[ox.Quad]:
    """The file's quads as they are parsed."""
    try:
        yield from ox.parse(path=source.path, format=source.rdf_format)
    except SyntaxError as error:
        raise QuerySyntaxError.from_parser_message(f"{source.path}: {error}") from error


def read_quads(source: SourceFile) -> list[ox.Quad]:
    """Parse a file; data files must put every triple in a named graph (its source)."""
    quads = list(parsed(source))
    if source.graph is not None:
        graph = ox.NamedNode(source.graph)
        return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
    _refuse_loose(source, sum(isinstance(q.graph_name, ox.DefaultGraph) for q in quads))
    return quads


def _refuse_loose(source: SourceFile, loose: int) -> None:
    if loose:
        raise StoreError(
            f"{source.path}: {loose} triples are outside a named graph; "
            "put every claim in the graph of the source that states it"
        )


def is_bulk(source: SourceFile) -> bool:
    """A big data file (it names its graphs), loaded by `bulk_load_file`."""
    return source.graph is None and source.path.stat().st_size >= BULK_BYTES


def load_file(store: Store, source: SourceFile) -> LoadedFile:
    """Replace the graphs a file holds with its content (atomically, unless the file is big: `is_bulk`)."""
    if is_bulk(source):
        return bulk_load_file(store, source)
    quads = read_quads(source)
    return LoadedFile(source.path, replace_graphs(store, quads), len(quads))


def bulk_load_file(store: Store, source: SourceFile) -> LoadedFile:
    """Replace the graphs a big data file holds, never holding the whole file in memory. Into an empty store
    the file is read once, straight into the store's bulk loader, and what it wrote is dropped again if the
    file is refused (a triple outside a named graph, a syntax error: `Store.discard`); otherwise it is read once
    to check it and learn its graphs, the graphs it replaces are dropped, then read again into the bulk loader."""
    if store.is_empty():
        return _bulk_load_into_empty(store, source)
    graphs: set[str] = set()
    quads = loose = 0
    for quad in parsed(source):
        quads += 1
        if isinstance(quad.graph_name, ox.DefaultGraph):
            loose += 1
        elif isinstance(quad.graph_name, ox.NamedNode):
            graphs.add(quad.graph_name.value)
    _refuse_loose(source, loose)
    replaced = [graph for graph in sorted(graphs) if store.has_graph(graph)]
    if replaced:
        with store.transaction() as transaction:
            for graph in replaced:
                transaction.drop_graph(graph)
    store.bulk_add(parsed(source))
    return LoadedFile(source.path, tuple(sorted(graphs)), quads)


def _bulk_load_into_empty(store: Store, source: SourceFile) -> LoadedFile:
    graphs: set[str] = set()
    quads = loose = 0

    def checked() -> Iterator[ox.Quad]:
        nonlocal quads, loose
        for quad in parsed(source):
            quads += 1
            if isinstance(quad.graph_name, ox.DefaultGraph):
                loose += 1
                continue
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.add(quad.graph_name.value)
            yield quad

    try:
        store.bulk_add(checked())
        _refuse_loose(source, loose)
    except StoreError as refused:
        try:
            store.discard(sorted(graphs))
        except StoreError as undo_failed:
            refused.add_note(f"what the file wrote could not be dropped again: {undo_failed}")
        raise
    return LoadedFile(source.path, tuple(sorted(graphs)), quads)


def replace_graphs(store: Store, quads: list[ox.Quad]) -> tuple[str, ...]:
    """Drop every graph the quads name and insert the quads, in one transaction."""
    graphs = tuple(sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}))
    document = to_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    with store.transaction() as transaction:
        for graph in graphs:
            transaction.drop_graph(graph)
        transaction.load(document, ox.RdfFormat.N_QUADS)
    return graphs


def load_project(store: Store, settings: Settings) -> list[LoadedFile]:
    """Load every project file into the store.

    Files that share a graph (the ontology's or the shapes' files) are loaded together so
    that replacing the graph for one file does not drop what another put there. They are written
    last, and the ontology graph is what marks a store as holding the project (`ensure_loaded`), so
    it is dropped first when a big file is bulk-loaded: a load stopped half-way is done again. The store is
    compacted once at the end (`Store.compact`), not after each big file.
    """
    loaded: list[LoadedFile] = []
    shared: dict[str, list[tuple[SourceFile, list[ox.Quad]]]] = {}
    sources = project_files(settings)
    if any(is_bulk(source) for source in sources) and store.has_graph(ONTOLOGY_GRAPH):
        store.drop_graph(ONTOLOGY_GRAPH)
    for source in sources:
        if source.graph is None:
            loaded.append(load_file(store, source))
        else:
            shared.setdefault(source.graph, []).append((source, read_quads(source)))
    for graph, files in shared.items():
        replace_graphs(store, [quad for _, quads in files for quad in quads])
        loaded.extend(LoadedFile(source.path, (graph,), len(quads)) for source, quads in files)
    store.compact()
    return loaded


def ensure_loaded(store: Store, settings: Settings, *, reload: bool = False) -> list[LoadedFile]:
    """Load the project into a store that does not hold it yet (or always, with `reload`).

    Whether it does is read from Samverkan's own ontology graph, not from emptiness: a server's
    system graphs (Virtuoso's) make a store look non-empty that holds none of the project.
    """
    if reload or not store.has_graph(ONTOLOGY_GRAPH):
        return load_project(store, settings)
    return []


def loading_summary(loaded: list[LoadedFile], settings: Settings) -> str:
    """What `serve` says about the store: what it loaded now, or what the store already held."""
    if loaded:
        graphs = len({graph for item in loaded for graph in item.graphs})
        quads = sum(item.quads for item in loaded)
        return f"Loaded {quads} quads in {graphs} graphs from {len(loaded)} files into {settings.store}"
    return f"{settings.store} already holds the project; not reloaded (--reload-data reloads the files)"
