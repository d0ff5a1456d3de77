"""Scanning query text: its form and whether it is an update, without being fooled by names."""

from __future__ import annotations

import pytest

from samverkan.sparql.text import looks_like_update, query_form


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("ask {}", "ASK"),
        ("describe<http://example.org/a>", "DESCRIBE"),
        ("PREFIX ask: <http://example.org/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ask:p ?o }", "CONSTRUCT"),
        ("PREFIX ex: <http://example.org/> SELECT ?ask WHERE { ?s ex:construct ?ask }", "SELECT"),
        ("# ASK\nCONSTRUCT WHERE { ?s <http://example.org/ask> 'ASK' }", "CONSTRUCT"),
        ("BASE <http://example.org/> SELECT $describe WHERE { ?s ?p $describe }", "SELECT"),
        ("PREFIX construct.x: <http://example.org/> SELECT * WHERE { ?s construct.x:p ?o }", "SELECT"),
    ],
)
def test_the_form_is_read_from_keywords_only(text: str, form: str) -> None:
    assert query_form(text) == form


@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("INSERT DATA { <a> <b> <c> }", True),
        ("PREFIX x: <http://example.org/> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("PREFIX insert: <http://example.org/> SELECT * WHERE { ?s insert:p ?o }", False),
        ("SELECT ?delete WHERE { ?s ?p ?delete }", False),
        ("SELECT * WHERE { ?s ?p 'DROP ALL' }", False),
    ],
)
def test_updates_are_told_from_queries(text: str, update: bool) -> None:
    assert looks_like_update(text) is update
