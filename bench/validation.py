"""Time validation and the gap report on the curated graph and on synthetic enlargements of it.

    .venv/bin/python bench/validation.py                 # curated graph only
    .venv/bin/python bench/validation.py 100000 1000000  # and graphs of about these many quads

A synthetic graph is the curated data copied until it reaches the size: in copy k every Samverkan
instance IRI (except the ontology's role concepts) gets the suffix `-k`, so copies do not merge.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import pyoxigraph as ox

from samverkan.gaps import gap_report
from samverkan.loading import load_project
from samverkan.namespaces import ONTOLOGY_GRAPH, SAMID, SHAPES_GRAPH
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation import Validator

T = TypeVar("T")
KEEP = (SAMID + "role/", SAMID + "scheme/")


def timed(label: str, action: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = action()
    print(f"  {label:<28} {time.perf_counter() - started:8.3f} s")
    return result


def data_quads(store: Store) -> list[ox.Quad]:
    answer = store.query(
        f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
        f"FILTER(?g NOT IN ({ox.NamedNode(ONTOLOGY_GRAPH)}, {ox.NamedNode(SHAPES_GRAPH)})) }}"
    )
    assert isinstance(answer, ox.QuerySolutions)
    return [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in answer]


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


def measure(name: str, store: Store) -> None:
    print(f"{name}: {store.triple_count()} quads")
    validator = timed("read shapes and ontology", lambda: Validator(store))
    report = timed("validate (SHACL)", lambda: validator.validate_store(store))
    print(f"  {len(report.results)} results, conforms={report.conforms}")
    gaps = timed("gap report (all rules)", lambda: gap_report(store))
    print(f"  {sum(len(g.rows) for g in gaps)} gap rows")


def main(sizes: list[int]) -> None:
    curated = EmbeddedStore()
    timed("load curated project", lambda: load_project(curated, Settings()))
    measure("curated graph", curated)
    base = data_quads(curated)
    for size in sizes:
        synthetic = EmbeddedStore()
        load_project(synthetic, Settings(data_dir=Settings().data_dir / "__none__"))
        document = ox.serialize(list(copies(base, size)), format=ox.RdfFormat.N_QUADS)
        assert document is not None
        synthetic.load(document, ox.RdfFormat.N_QUADS)
        measure(f"synthetic graph (~{size})", synthetic)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]])
