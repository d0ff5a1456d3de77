"""One contract for every store implementation: embedded (memory, disk) and remote (oxigraph serve)."""

from __future__ import annotations

import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from tests.conftest import oxigraph_serving, virtuoso_serving

from samverkan.store import QueryDataset, QuerySyntaxError, Store, StoreError
from samverkan.store.atomic import BACKUP
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.remote import RemoteStore
from samverkan.vocabulary.terms import is_true

EX = "http://example.org/"
TRIG = f"""
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:g1 {{ ex:digg rdfs:label "DIGG"@sv , "DIGG"@en ; ex:dependsOn ex:pts . }}
ex:g2 {{ ex:pts rdfs:label "Post- och telestyrelsen"@sv ; ex:dependsOn ex:skr . }}
"""


@pytest.fixture(params=["memory", "disk", "oxigraph-serve", "virtuoso"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "memory":
        yield EmbeddedStore()
        return
    if request.param == "disk":
        disk = EmbeddedStore(tmp_path / "store")
        yield disk
        disk.close()
        return
    if request.param == "oxigraph-serve":
        base: str = request.getfixturevalue("oxigraph_server")
        remote = RemoteStore(f"{base}/query", f"{base}/update")
    else:
        remote = RemoteStore(request.getfixturevalue("virtuoso_server"))
    _drop_example_graphs(remote)
    yield remote
    _drop_example_graphs(remote)


def _drop_example_graphs(store: Store) -> None:
    """Remove what a test wrote, leaving a server's own system graphs alone."""
    for graph in _ours(store.graphs()):
        store.drop_graph(graph)


def _ours(graphs: list[str]) -> list[str]:
    return [graph for graph in graphs if graph.startswith(EX)]


def _labels(store: Store) -> set[str]:
    answer = store.query(
        f"SELECT ?l WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STRSTARTS(STR(?s), '{EX}')) }}"
    )
    assert isinstance(answer, ox.QuerySolutions)
    return {solution["l"].value for solution in answer}


def test_load_keeps_named_graphs_and_default_graph_is_their_union(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    assert _ours(store.graphs()) == [f"{EX}g1", f"{EX}g2"]
    assert sum(size for graph, size in store.graph_sizes().items() if graph.startswith(EX)) == 5
    assert _labels(store) == {"DIGG", "Post- och telestyrelsen"}


def test_triples_load_into_the_named_graph(store: Store) -> None:
    store.load(f"<{EX}a> <{EX}p> <{EX}b> .", ox.RdfFormat.TURTLE, graph=f"{EX}g3")
    assert _ours(store.graphs()) == [f"{EX}g3"]


def test_property_path_and_ask(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    assert bool(store.query(f"ASK {{ <{EX}digg> <{EX}dependsOn>+ <{EX}skr> }}"))
    assert not bool(store.query(f"ASK {{ <{EX}skr> <{EX}dependsOn>+ <{EX}digg> }}"))


def test_construct_returns_triples(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    answer = store.query(f"CONSTRUCT WHERE {{ <{EX}digg> ?p ?o }}")
    assert isinstance(answer, ox.QueryTriples)
    assert len(list(answer)) == 3


def test_dataset_restricts_the_default_graph(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    answer = store.query("SELECT ?s WHERE { ?s ?p ?o }", QueryDataset(default_graphs=(f"{EX}g2",)))
    assert isinstance(answer, ox.QuerySolutions)
    assert {solution["s"].value for solution in answer} == {f"{EX}pts"}


def test_bindings_are_terms_not_text(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    query = "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    hostile = ox.Literal('DIGG"@sv } UNION { ?s ?p ?label } #', language="sv")
    answer = store.query(query, bindings={"label": hostile})
    assert isinstance(answer, ox.QuerySolutions)
    assert list(answer) == []
    answer = store.query(query, bindings={"label": ox.Literal("DIGG", language="sv")})
    assert isinstance(answer, ox.QuerySolutions)
    assert [solution["s"].value for solution in answer] == [f"{EX}digg"]


def test_transaction_applies_all_writes_together(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    with store.transaction() as transaction:
        transaction.drop_graph(f"{EX}g1")
        transaction.load(f"<{EX}x> <{EX}p> <{EX}y> .", ox.RdfFormat.N_TRIPLES, f"{EX}g4")
    assert _ours(store.graphs()) == [f"{EX}g2", f"{EX}g4"]


def test_failed_transaction_changes_nothing(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    with pytest.raises(StoreError), store.transaction() as transaction:
        transaction.drop_graph(f"{EX}g1")
        transaction.update("INSERT DATA { GRAPH <" + EX + "g5> { <a> <b> } }")
    assert _ours(store.graphs()) == [f"{EX}g1", f"{EX}g2"]


UNREACHABLE = "http://127.0.0.1:9/missing.ttl"
"""A document no store can fetch: its LOAD fails when it runs, after the operations before it."""


def test_a_transaction_failing_at_run_time_changes_nothing(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    with pytest.raises(StoreError), store.transaction() as transaction:
        transaction.drop_graph(f"{EX}g1")
        transaction.load(f"<{EX}x> <{EX}p> <{EX}y> .", ox.RdfFormat.N_TRIPLES, f"{EX}g4")
        transaction.update(f"LOAD <{UNREACHABLE}> INTO GRAPH <{EX}g1>")
    assert _ours(store.graphs()) == [f"{EX}g1", f"{EX}g2"]
    assert _labels(store) == {"DIGG", "Post- och telestyrelsen"}
    assert not [graph for graph in store.graphs() if graph.startswith("urn:samverkan:")]


def test_an_update_failing_at_run_time_changes_nothing(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    with pytest.raises(StoreError):
        store.update(f"CLEAR GRAPH <{EX}g2> ; LOAD <{UNREACHABLE}> INTO GRAPH <{EX}g2>")
    assert _labels(store) == {"DIGG", "Post- och telestyrelsen"}


def test_delete_where_reaches_every_source_graph(store: Store) -> None:
    """`DELETE WHERE { GRAPH ?g { … } }` deletes from each source graph that matches (Virtuoso deleted from
    the union graph alone), and `GRAPH <iri>` from that graph."""
    store.load(TRIG, ox.RdfFormat.TRIG)
    store.update(f"DELETE WHERE {{ GRAPH ?g {{ <{EX}digg> ?p ?o }} }}")
    store.update(f"DELETE WHERE {{ GRAPH <{EX}g2> {{ <{EX}pts> <{EX}dependsOn> ?o }} }}")
    assert _ours(store.graphs()) == [f"{EX}g2"]
    assert _labels(store) == {"Post- och telestyrelsen"}
    assert not bool(store.query(f"ASK {{ <{EX}pts> <{EX}dependsOn> ?o }}"))


def test_an_update_over_every_graph_failing_at_run_time_changes_nothing(store: Store) -> None:
    """`GRAPH ?g` must not reach the backups of the write it is part of: the failing LOAD restores them."""
    store.load(TRIG, ox.RdfFormat.TRIG)
    with pytest.raises(StoreError):
        store.update(
            f"DELETE WHERE {{ GRAPH ?g {{ <{EX}digg> ?p ?o }} }} ; LOAD <{UNREACHABLE}> INTO GRAPH <{EX}g2>"
        )
    assert _labels(store) == {"DIGG", "Post- och telestyrelsen"}


def test_dropping_every_graph_failing_at_run_time_changes_nothing(store: Store) -> None:
    """Virtuoso applies a request's operations in turn: DROP ALL must not drop the write's backups (nor the
    server's own graphs) before the LOAD fails."""
    store.load(TRIG, ox.RdfFormat.TRIG)
    with pytest.raises(StoreError):
        store.update(f"DROP ALL ; LOAD <{UNREACHABLE}> INTO GRAPH <{EX}g2>")
    assert _labels(store) == {"DIGG", "Post- och telestyrelsen"}


@pytest.fixture(params=["memory", "oxigraph-serve", "virtuoso"])
def own_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store of the test's own (a server started for it), which the test may empty whole."""
    if request.param == "memory":
        yield EmbeddedStore()
    elif request.param == "oxigraph-serve":
        with oxigraph_serving(tmp_path / "oxigraph") as base:
            yield RemoteStore(f"{base}/query", f"{base}/update")
    else:
        with virtuoso_serving(tmp_path / "virtuoso") as endpoint:
            yield RemoteStore(endpoint)


def test_drop_and_clear_all_or_named_empty_every_source_graph(own_store: Store) -> None:
    """Virtuoso did nothing (and answered success) for DROP ALL and CLEAR NAMED."""
    for update in ("DROP ALL", "CLEAR NAMED", "DROP SILENT NAMED", "CLEAR ALL"):
        own_store.load(TRIG, ox.RdfFormat.TRIG)
        own_store.update(update)
        assert own_store.graphs() == [], update
        assert not bool(own_store.query("ASK { ?s ?p ?o }")), update


def test_a_remote_writes_backups_are_found_by_no_graph_variable(store: Store) -> None:
    """Reads run while a write is in flight: its backup graphs state nothing, and `GRAPH ?g` does not find them."""
    if not isinstance(store, RemoteStore):
        pytest.skip("the embedded store keeps no backups")
    store.load(TRIG, ox.RdfFormat.TRIG)
    backup = f"{BACKUP}{uuid.uuid4().hex}:0"
    store._send_raw(f"INSERT {{ GRAPH <{backup}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }}")
    try:
        assert not [graph for graph in store.graphs() if graph.startswith(BACKUP)]  # other tests' graphs may remain
        who = store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{EX}digg> <{EX}dependsOn> ?o }} }}")
        assert isinstance(who, ox.QuerySolutions)
        assert [row["g"].value for row in who] == [f"{EX}g1"]
    finally:
        store._send_raw(f"DROP SILENT GRAPH <{backup}>")


KILLED_WRITER = """
import os, signal, sys
from samverkan.store.remote import RemoteStore

store = RemoteStore(sys.argv[1], sys.argv[2])
send = store._send_update

def sent_then_killed(sparql):
    send(sparql)
    if "urn:samverkan:journal" not in sparql:  # the write itself reached the server: die before cleaning up
        os.kill(os.getpid(), signal.SIGKILL)

store._send_update = sent_then_killed
store.update(sys.argv[3])
"""


def test_a_remote_write_killed_half_way_is_undone_by_recovery(store: Store) -> None:
    if not isinstance(store, RemoteStore):
        pytest.skip("an embedded write is one pyoxigraph transaction, within the process")
    store.load(TRIG, ox.RdfFormat.TRIG)
    write = f"DROP SILENT GRAPH <{EX}g1> ; INSERT DATA {{ GRAPH <{EX}g4> {{ <{EX}x> <{EX}p> <{EX}y> }} }}"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, store.query_url, store.update_url, write], capture_output=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    assert _ours(store.graphs()) == [f"{EX}g2", f"{EX}g4"]  # the server applied it; no one cleaned up
    assert store.recover() == [f"{EX}g1", f"{EX}g4"]
    assert _ours(store.graphs()) == [f"{EX}g1", f"{EX}g2"]
    assert _labels(store) == {"DIGG", "Post- och telestyrelsen"}
    assert not [graph for graph in store.graphs() if graph.startswith("urn:samverkan:")]


def test_a_bulk_load_into_an_empty_store_is_taken_back_by_discarding_its_graphs(store: Store) -> None:
    store.bulk_add(ox.parse(TRIG, ox.RdfFormat.TRIG))
    assert _labels(store) == {"DIGG", "Post- och telestyrelsen"}
    store.discard([f"{EX}g1", f"{EX}g2"])
    assert _ours(store.graphs()) == [] and _labels(store) == set()


def test_replace_graph(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    store.replace_graph(f"{EX}g1", f"<{EX}n> <{EX}p> <{EX}m> .", ox.RdfFormat.N_TRIPLES)
    assert [str(t.subject) for t in store.graph_triples(f"{EX}g1")] == [f"<{EX}n>"]


def test_malformed_query_reports_position(store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        store.query("SELECT * WHERE { ?s ?p }")
    assert "1" in caught.value.message


def test_triples_outside_a_named_graph_are_refused_and_change_nothing(store: Store) -> None:
    """The default graph is the union of the sources: loaded there, triples stayed until some update
    restored the union (embedded, oxigraph serve), or were an error (Virtuoso)."""
    store.load(TRIG, ox.RdfFormat.TRIG)
    loose = f"<{EX}x> <{EX}p> <{EX}y> ."
    with pytest.raises(StoreError, match="outside a named graph"):
        store.load(loose, ox.RdfFormat.N_TRIPLES)
    with pytest.raises(StoreError, match="outside a named graph"), store.transaction() as transaction:
        transaction.load(f"{loose}\n<{EX}g4> {{ {loose} }}", ox.RdfFormat.TRIG)
    assert not bool(store.query(f"ASK {{ <{EX}x> ?p ?o }}"))
    assert _ours(store.graphs()) == [f"{EX}g1", f"{EX}g2"]


def test_malformed_rdf_is_refused_and_changes_nothing(store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        store.load(f"<{EX}a> <{EX}p> .", ox.RdfFormat.TURTLE, graph=f"{EX}g")
    assert caught.value.line == 1
    assert _ours(store.graphs()) == []


def test_unique_graph_names_roundtrip(store: Store) -> None:
    graph = f"{EX}{uuid.uuid4()}"
    store.load(f'<{EX}a> <{EX}p> "å ä ö"@sv .', ox.RdfFormat.N_TRIPLES, graph)
    assert store.has_graph(graph)
    store.drop_graph(graph)
    assert not store.has_graph(graph)


def test_bindings_reach_filters_in_the_group(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    query = (
        "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
        f"FILTER(STR(?label) = STR(?wanted) && STRSTARTS(STR(?s), '{EX}')) }}"
    )
    answer = store.query(query, bindings={"wanted": ox.Literal("Post- och telestyrelsen")})
    assert isinstance(answer, ox.QuerySolutions)
    assert [solution["s"].value for solution in answer] == [f"{EX}pts"]


def test_bindings_after_a_comment_land_in_the_where_group(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    query = (
        "# a query file's comment, {braces} included\n"
        "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
        f"FILTER(STR(?label) = STR(?wanted) && STRSTARTS(STR(?s), '{EX}')) }}"
    )
    answer = store.query(query, bindings={"wanted": ox.Literal("Post- och telestyrelsen")})
    assert isinstance(answer, ox.QuerySolutions)
    assert [solution["s"].value for solution in answer] == [f"{EX}pts"]


def test_default_graph_has_set_semantics(store: Store) -> None:
    """A triple stated by two sources is one solution over the default graph; GRAPH ?g names both."""
    store.load(TRIG, ox.RdfFormat.TRIG)
    store.load(
        f'<{EX}digg> <http://www.w3.org/2000/01/rdf-schema#label> "DIGG"@sv .', ox.RdfFormat.TURTLE, f"{EX}g3"
    )
    subject = f"<{EX}digg>"
    plain = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {subject} ?p ?o }}")
    distinct = store.query(f"SELECT (COUNT(DISTINCT *) AS ?n) WHERE {{ {subject} ?p ?o }}")
    assert isinstance(plain, ox.QuerySolutions) and isinstance(distinct, ox.QuerySolutions)
    assert int(next(iter(plain))["n"].value) == int(next(iter(distinct))["n"].value) == 3
    who = store.query(f'SELECT ?g WHERE {{ GRAPH ?g {{ {subject} ?p "DIGG"@sv }} }} ORDER BY ?g')
    assert isinstance(who, ox.QuerySolutions)
    assert [row["g"].value for row in who] == [f"{EX}g1", f"{EX}g3"]


def test_update_where_sees_the_default_graph_queries_see(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    store.update(
        f"INSERT {{ GRAPH <{EX}g9> {{ ?s <{EX}seen> true }} }} WHERE {{ ?s <{EX}dependsOn> <{EX}skr> }}"
    )
    assert [str(t.subject) for t in store.graph_triples(f"{EX}g9")] == [f"<{EX}pts>"]


def test_dropping_one_source_keeps_what_another_states(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    store.load(f"<{EX}digg> <{EX}dependsOn> <{EX}pts> .", ox.RdfFormat.TURTLE, f"{EX}g3")
    store.drop_graph(f"{EX}g1")
    assert bool(store.query(f"ASK {{ <{EX}digg> <{EX}dependsOn> <{EX}pts> }}"))
    assert not bool(store.query(f"ASK {{ <{EX}digg> ?p 'DIGG' }}"))
    assert _labels(store) == {"Post- och telestyrelsen"}


def test_relative_iris_resolve_against_the_base(store: Store) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{EX}g1> {{ <s> <{EX}p> <o> }} }}", base_iri=f"{EX}base/")
    answer = store.query("SELECT ?o WHERE { <s> ?p ?o }", base_iri=f"{EX}base/")
    assert isinstance(answer, ox.QuerySolutions)
    assert [row["o"].value for row in answer] == [f"{EX}base/o"]


def test_blank_nodes_in_solutions_are_read(store: Store) -> None:
    store.load(f"<{EX}a> <{EX}card> [ <{EX}name> 'Alice' ] .", ox.RdfFormat.TURTLE, f"{EX}g1")
    answer = store.query(f"SELECT ?card WHERE {{ <{EX}a> <{EX}card> ?card }}")
    assert isinstance(answer, ox.QuerySolutions)
    assert [type(row["card"]) for row in answer] == [ox.BlankNode]


def test_booleans_read_by_value(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    answer = store.query(
        f"SELECT (EXISTS {{ <{EX}digg> ?p ?o }} AS ?yes) (EXISTS {{ <{EX}none> ?p ?o }} AS ?no) {{}}"
    )
    assert isinstance(answer, ox.QuerySolutions)
    row = next(iter(answer))
    assert (is_true(row["yes"]), is_true(row["no"])) == (True, False)


def test_a_query_whose_comment_has_update_words_is_a_query(store: Store) -> None:
    store.load(TRIG, ox.RdfFormat.TRIG)
    answer = store.query(f"# add, drop, insert: words in a comment\nASK {{ <{EX}digg> ?p ?o }}")
    assert bool(answer)


def test_a_server_computing_its_own_default_graph_is_refused(union_computing_oxigraph: str) -> None:
    """Its default graph would count a triple once per graph, and once more for the union kept in it."""
    writer = RemoteStore(f"{union_computing_oxigraph}/query", f"{union_computing_oxigraph}/update")
    writer.load(TRIG, ox.RdfFormat.TRIG)
    with pytest.raises(StoreError, match="--union-default-graph"):
        RemoteStore(f"{union_computing_oxigraph}/query", f"{union_computing_oxigraph}/update").graphs()


def test_an_empty_server_computing_its_own_default_graph_is_refused_once_written(
    union_computing_oxigraph: str,
) -> None:
    """Empty, it cannot be told apart (a newcomer's first `make serve`): the first request after a write tells."""
    store = RemoteStore(f"{union_computing_oxigraph}/query", f"{union_computing_oxigraph}/update")
    assert store.is_empty()
    store.load(TRIG, ox.RdfFormat.TRIG)
    with pytest.raises(StoreError, match="--union-default-graph"):
        store.graphs()
