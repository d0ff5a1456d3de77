"""Validation speed on the curated graph and on enlargements of it: full, incremental, plain pySHACL.

    .venv/bin/python -m samverkan.bench.validation                          # curated graph only
    .venv/bin/python -m samverkan.bench.validation 100000 1000000           # and graphs of about these many quads
    .venv/bin/python -m samverkan.bench.validation --peer-bound 0 1000000   # without plain pySHACL

An enlargement is the curated data copied until it reaches the size: in copy k every Samverkan
instance IRI (except the ontology's role concepts and schemes) gets the suffix `-k`, so copies do
not merge. Incremental: one source graph of copy 1 loses every third triple, and
`Validator.validate_change` checks what that touches. The peer is plain pySHACL over an rdflib
graph of the same data (with the ontology and the derived links), all shapes, in a child process
stopped after `--peer-bound` seconds. Seconds are wall clock and CPU: the CPU figure is the steadier
one on a shared machine. `make bench` compares with peers on the synthetic national-scale graph.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate

from samverkan.gaps.catalogue import gap_report
from samverkan.knowledge.loading import load_project
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.focus import replace_graphs
from samverkan.validation.validator import Validator, data_quads
from samverkan.vocabulary.namespaces import SAMID

T = TypeVar("T")
KEEP = (SAMID + "role/", SAMID + "scheme/")
CHANGED_GRAPH = SAMID + "source/digg-ena-ansvar-och-finansiering"


def timed(label: str, action: Callable[[], T]) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(f"  {label:<34} {time.perf_counter() - wall:8.3f} s {time.process_time() - cpu:8.3f} s CPU")
    return result


def renamed(term, copy):  # any term of a quad
    if isinstance(term, ox.NamedNode) and term.value.startswith(SAMID) and not term.value.startswith(KEEP):
        return ox.NamedNode(f"{term.value}-{copy}")
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(f"{term.value}c{copy}")
    return term


def copies(quads: list[ox.Quad], size: int) -> Iterator[ox.Quad]:
    for copy in range(1, size // len(quads) + 1):
        for q in quads:
            yield ox.Quad(
                renamed(q.subject, copy), q.predicate, renamed(q.object, copy), renamed(q.graph_name, copy)
            )


def plain_pyshacl(validator: Validator, quads: list[ox.Quad]) -> None:
    data = validator.data_graph(quads)
    pyshacl_validate(data, shacl_graph=validator.shapes, advanced=True, inference="none", allow_warnings=True)


def peer(validator: Validator, quads: list[ox.Quad], bound: float) -> None:
    """Plain pySHACL in a forked child, stopped after `bound` seconds."""
    child = multiprocessing.get_context("fork").Process(
        target=lambda: timed("plain pySHACL (rdflib graph too)", lambda: plain_pyshacl(validator, quads))
    )
    child.start()
    child.join(bound)
    if child.is_alive():
        child.terminate()
        child.join()
        print(f"  plain pySHACL                      skipped: over {bound:g} s")


def measure(name: str, store: Store, graph: str, bound: float) -> None:
    print(f"{name}: {store.triple_count()} quads")
    validator = timed("read shapes and ontology", lambda: Validator(store))
    report = timed("validate (all shapes)", lambda: validator.validate_store(store))
    print(f"  {len(report.results)} results, conforms={report.conforms}")
    timed("gap report (all rules)", lambda: gap_report(store))
    if bound > 0:
        peer(validator, data_quads(store), bound)
    triples = store.graph_triples(graph)
    thinned = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)) for i, t in enumerate(triples) if i % 3
    ]
    changed = replace_graphs(store, thinned)
    touched = timed("validate a change (incremental)", lambda: validator.validate_change(store, changed))
    print(f"  {len(changed)} quads changed, {len(touched.results)} results on the touched nodes")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, help="about this many quads per enlargement")
    parser.add_argument("--peer-bound", type=float, default=300, help="seconds for plain pySHACL (0: skip)")
    options = parser.parse_args()
    curated = EmbeddedStore()
    load_project(curated, Settings())
    base = data_quads(curated)
    measure("curated graph", curated, CHANGED_GRAPH, options.peer_bound)
    for size in options.sizes:
        synthetic = EmbeddedStore()
        load_project(synthetic, Settings(data_dir=Settings().data_dir / "__none__"))
        document = ox.serialize(list(copies(base, size)), format=ox.RdfFormat.N_QUADS)
        assert document is not None
        synthetic.load(document, ox.RdfFormat.N_QUADS)
        measure(f"enlarged graph (~{size})", synthetic, f"{CHANGED_GRAPH}-1", options.peer_bound)


if __name__ == "__main__":
    main()
