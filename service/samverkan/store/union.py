"""The default graph as the set union of the named graphs, kept in the store's own default graph.

A union computed at query time (pyoxigraph's `use_default_graph_as_union`, `oxigraph serve
--union-default-graph`) yields a triple once per graph that states it, so a plain COUNT over the
default graph counts a triple stated by three sources three times. Keeping the union in the real
default graph gives it set semantics in queries and in the WHERE of updates alike, while `GRAPH ?g`
still tells who says what. The price: each triple is stored once more, and every write ends with
the two operations below (measured in README, "Default graph"), or, for a transaction whose
writes are known graph by graph, the cheaper `forgetting` and `adding` of just those graphs.
"""

from __future__ import annotations

from samverkan.sparql.text import looks_like_update, strip_strings_and_comments

ADD_STATED = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"
"""Every triple some named graph states is in the default graph."""

REMOVE_UNSTATED = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
"""No triple stays in the default graph that no named graph states."""

RESTORE_UNION = f"{REMOVE_UNSTATED} ;\n{ADD_STATED}"
"""Both, as operations to append to an update so the union is restored in the same transaction."""

HAS_UNION = "ASK { ?s ?p ?o }"
"""A store written before the union was kept has named graphs and an empty default graph."""


def forgetting(graph: str) -> str:
    """Before a graph is dropped: remove from the default graph what only that graph states."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}"
    )


def adding(graph: str) -> str:
    """After a graph is written: add what it states to the default graph."""
    return f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"


def keeping_union(update: str) -> str:
    """The update followed by the operations that restore the union (one atomic request).

    The separator goes on a line of its own (the text may end in a comment) and only where an
    operation is open (not after a trailing `;`, nor after a bare prologue).
    """
    open_operation = looks_like_update(update) and not strip_strings_and_comments(update).rstrip().endswith(
        ";"
    )
    return f"{update}\n{';' if open_operation else ''}\n{RESTORE_UNION}"
