"""Virtuoso's dialect as text: what each request is sent as (the contract suite runs them on a real Virtuoso)."""

from __future__ import annotations

from samverkan.store import QueryDataset
from samverkan.store.union import BOOKKEEPING
from samverkan.store.virtuoso import UNION_GRAPH, VirtuosoDialect

DIALECT = VirtuosoDialect()
DEFAULT = f"DEFINE input:default-graph-uri <{UNION_GRAPH}>"


def test_a_query_reads_the_union_and_graph_variables_skip_it() -> None:
    sent = DIALECT.query("SELECT * WHERE { ?s ?p ?o OPTIONAL { GRAPH ?g { ?s ?p ?o } } }", None)
    assert sent.startswith(f"{DEFAULT} SELECT")
    assert f'GRAPH ?g {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?g), "{BOOKKEEPING}")' in sent


def test_graph_iris_are_named_beside_the_union() -> None:
    sent = DIALECT.query("PREFIX ex: <http://example.org/> ASK { GRAPH ex:g { ?s ?p ?o } }", None)
    assert sent.startswith(f"{DEFAULT} DEFINE input:named-graph-uri <http://example.org/g> PREFIX")


def test_graph_iris_and_variables_together_read_the_where_group_in_the_union() -> None:
    sent = DIALECT.query("CONSTRUCT WHERE { GRAPH <http://example.org/g> { ?s ?p ?g } GRAPH ?g { } }", None)
    assert not sent.startswith("DEFINE")
    assert sent.startswith("CONSTRUCT { GRAPH <http://example.org/g> { ?s ?p ?g } GRAPH ?g { } } WHERE {")
    assert f"WHERE {{GRAPH <{UNION_GRAPH}> {{  GRAPH <http://example.org/g>" in sent


def test_an_update_filters_graph_variables_in_its_where_group_only() -> None:
    sent = DIALECT.update("INSERT { GRAPH ?g { ?s ?p 1 } } WHERE { GRAPH ?g { ?s ?p ?o } }")
    template, pattern = sent.split("WHERE")
    assert "FILTER" not in template and "FILTER" in pattern


def test_a_request_naming_its_dataset_is_read_in_it() -> None:
    assert DIALECT.query("SELECT * FROM <http://example.org/g> { ?s ?p ?o }", None) == (
        "SELECT * FROM <http://example.org/g> { ?s ?p ?o }"
    )
    dataset = QueryDataset(default_graphs=("http://example.org/g",))
    assert DIALECT.query("SELECT * { ?s ?p ?o }", dataset) == "SELECT * { ?s ?p ?o }"
    assert not DIALECT.update(
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    ).startswith("DEFINE")


def test_a_short_delete_over_graph_variables_is_spelled_out_to_filter_them() -> None:
    sent = DIALECT.update("DELETE WHERE { GRAPH ?g { ?s ?p 1 } }")
    template, pattern = sent.split(" WHERE ")
    assert template.endswith("DELETE { GRAPH ?g { ?s ?p 1 } }")
    assert pattern.startswith(f'{{ GRAPH ?g {{ ?s ?p 1 }} FILTER(!STRSTARTS(STR(?g), "{BOOKKEEPING}")')
    assert DIALECT.update("DELETE WHERE { GRAPH <http://example.org/g> { ?s ?p 1 } }").endswith(
        "DELETE WHERE { GRAPH <http://example.org/g> { ?s ?p 1 } }"
    )


def test_dropping_every_graph_is_a_delete_over_graph_variables() -> None:
    sent = DIALECT.update(
        '# DROP ALL\nINSERT DATA { GRAPH <http://example.org/g> { <a> <b> "CLEAR NAMED" } } ; DROP ALL'
    )
    assert sent.count("DROP ALL") == 1 and '"CLEAR NAMED"' in sent
    assert "; DELETE { GRAPH ?g { ?s ?p ?o } } WHERE {" in sent
    assert f'GRAPH ?g {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?g), "{BOOKKEEPING}")' in sent
