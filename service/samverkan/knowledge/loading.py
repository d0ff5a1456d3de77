"""Loading the project's files into a store: ontology, shapes and one named graph per source."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from samverkan.settings import Settings
from samverkan.sparql.formats import to_bytes
from samverkan.store.base import QuerySyntaxError, Store, StoreError
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH

RDF_EXTENSIONS = {".ttl", ".trig", ".nt", ".nq", ".jsonld", ".rdf", ".owl"}


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


def read_quads(source: SourceFile) -> list[ox.Quad]:
    """Parse a file; data files must put every triple in a named graph (its source)."""
    try:
        quads = list(ox.parse(path=source.path, format=source.rdf_format))
    except SyntaxError as error:
        raise QuerySyntaxError.from_parser_message(f"{source.path}: {error}") from error
    if source.graph is not None:
        graph = ox.NamedNode(source.graph)
        return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
    loose = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    if loose:
        raise StoreError(
            f"{source.path}: {len(loose)} triples are outside a named graph; "
            "put every claim in the graph of the source that states it"
        )
    return quads


def load_file(store: Store, source: SourceFile) -> LoadedFile:
    """Replace the graphs a file holds with its content, atomically."""
    quads = read_quads(source)
    return LoadedFile(source.path, replace_graphs(store, quads), len(quads))


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
    that replacing the graph for one file does not drop what another put there.
    """
    loaded: list[LoadedFile] = []
    shared: dict[str, list[tuple[SourceFile, list[ox.Quad]]]] = {}
    for source in project_files(settings):
        if source.graph is None:
            loaded.append(load_file(store, source))
        else:
            shared.setdefault(source.graph, []).append((source, read_quads(source)))
    for graph, files in shared.items():
        replace_graphs(store, [quad for _, quads in files for quad in quads])
        loaded.extend(LoadedFile(source.path, (graph,), len(quads)) for source, quads in files)
    return loaded


def ensure_loaded(store: Store, settings: Settings, *, reload: bool = False) -> list[LoadedFile]:
    """Load the project into a store that does not hold it yet (or always, with `reload`).

    Whether it does is read from Samverkan's own ontology graph, not from emptiness: a server's
    system graphs (Virtuoso's) make a store look non-empty that holds none of the project.
    """
    if reload or not store.has_graph(ONTOLOGY_GRAPH):
        return load_project(store, settings)
    return []


def loading_summary(loaded: list[LoadedFile], store: Store, settings: Settings) -> str:
    """What `serve` says about the store: what it loaded now, or what the store already held."""
    if loaded:
        graphs = len({graph for item in loaded for graph in item.graphs})
        quads = sum(item.quads for item in loaded)
        return f"Loaded {quads} quads in {graphs} graphs from {len(loaded)} files into {settings.store}"
    return (
        f"{settings.store} already holds the project ({len(store.graphs())} graphs); "
        "not reloaded (--reload-data reloads the files)"
    )
