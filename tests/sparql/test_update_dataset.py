"""`using-graph-uri` / `using-named-graph-uri` written into an update as USING clauses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from samverkan.sparql.update_dataset import DatasetConflict, with_using

EX = "http://example.org/"


def _store() -> ox.Store:
    store = ox.Store()
    store.update(
        f"INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}a> a <{EX}Doc> }} GRAPH <{EX}g2> {{ <{EX}b> a <{EX}Doc> }} }}"
    )
    return store


def _copied(store: ox.Store) -> set[str]:
    return {str(q.subject) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(f"{EX}out"))}


def test_using_sets_the_where_default_graph_of_every_operation() -> None:
    store = _store()
    update = (
        f"PREFIX ex: <{EX}> # WHERE in a comment\n"
        'INSERT DATA { GRAPH ex:x { ex:s ex:p "WHERE { }" } } ;\n'
        "INSERT { GRAPH ex:out { ?s a ex:Copy } } WHERE { ?s a ex:Doc }"
    )
    store.update(with_using(update, (f"{EX}g1",), ()))
    assert _copied(store) == {f"<{EX}a>"}


def test_using_named_scopes_graph_patterns() -> None:
    store = _store()
    update = f"INSERT {{ GRAPH <{EX}out> {{ ?s a ?g }} }} WHERE {{ GRAPH ?g {{ ?s a <{EX}Doc> }} }}"
    store.update(with_using(update, (), (f"{EX}g2",)))
    assert _copied(store) == {f"<{EX}b>"}


def test_delete_where_short_form_is_expanded() -> None:
    store = _store()
    store.update(with_using(f"DELETE WHERE {{ GRAPH ?g {{ ?s a <{EX}Doc> }} }}", (), (f"{EX}g1",)))
    assert [str(q.graph_name) for q in store] == [f"<{EX}g2>"]


@pytest.mark.parametrize("clause", [f"WITH <{EX}g1>", f"USING <{EX}g1>"])
def test_a_dataset_in_the_text_conflicts(clause: str) -> None:
    text = (
        f"{clause} DELETE {{ ?s a <{EX}Doc> }} WHERE {{ ?s a <{EX}Doc> }}"
        if clause.startswith("WITH")
        else f"DELETE {{ ?s a <{EX}Doc> }} {clause} WHERE {{ ?s a <{EX}Doc> }}"
    )
    with pytest.raises(DatasetConflict):
        with_using(text, (), (f"{EX}g2",))


def test_without_parameters_the_text_is_unchanged() -> None:
    text = f"WITH <{EX}g1> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"
    assert with_using(text, (), ()) == text
