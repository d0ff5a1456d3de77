"""The SPARQL of the ArchiMate export (`samverkan/queries/archimate/*.rq`), run with bound terms."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib.resources import files

import pyoxigraph as ox

from samverkan.store import Store
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH

QUERY_DIR = files("samverkan") / "queries" / "archimate"
GRAPHS: dict[str, ox.NamedNode | ox.Literal] = {
    "ontology": ox.NamedNode(ONTOLOGY_GRAPH),
    "shapes": ox.NamedNode(SHAPES_GRAPH),
}

Row = dict[str, str | None]


def select(store: Store, name: str, **bindings: ox.NamedNode | ox.Literal) -> Iterator[Row]:
    """Rows of `name`.rq with the ontology and shapes graphs, and `bindings`, bound as terms."""
    sparql = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")
    variables = {v for v in GRAPHS if f"?{v}" in sparql}
    answer = store.query(sparql, bindings={**{v: GRAPHS[v] for v in variables}, **bindings})
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError(f"{name}.rq must be a SELECT query")
    columns = [variable.value for variable in answer.variables]
    for solution in answer:
        yield {column: _value(solution[column]) for column in columns}


def _value(term: object) -> str | None:
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return term.value
    return None if term is None else str(term)


def bound(bindings: Mapping[str, str]) -> dict[str, ox.NamedNode]:
    """IRIs as terms to bind (pyoxigraph refuses text that is not an IRI)."""
    return {name: ox.NamedNode(iri) for name, iri in bindings.items()}
