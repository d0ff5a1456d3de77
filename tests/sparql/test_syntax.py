"""Syntax errors read as one sentence: the position once, what was found, and advice for Samverkan IRIs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from samverkan.sparql.syntax import explain
from samverkan.store import QuerySyntaxError


def message_for(query: str) -> str:
    try:
        ox.Store().query(query)
    except SyntaxError as error:
        parsed = QuerySyntaxError.from_parser_message(str(error))
        return explain(query, parsed.line, parsed.column, parsed.message)
    raise AssertionError("the query parsed")


def test_a_slash_in_a_prefixed_name_suggests_the_kind_prefix() -> None:
    text = message_for(
        "PREFIX samid: <https://w3id.org/samverkan/id/>\n"
        "SELECT * WHERE { samid:initiative/kompetenslyft-digital-ledning ?p ?o }"
    )
    assert text.startswith("line 2, column ")
    assert text.count("line ") == 1
    assert "found '/kompetenslyft-digital-ledning'" in text
    assert "write initiative:kompetenslyft-digital-ledning" in text
    assert "PREFIX initiative: <https://w3id.org/samverkan/id/initiative/>" in text


def test_an_undeclared_project_prefix_is_named_with_its_declaration() -> None:
    text = message_for("SELECT * WHERE { actor:digg ?p ?o }")
    assert "add PREFIX actor: <https://w3id.org/samverkan/id/actor/>" in text


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("SELECT * WHERE { ?s ?p ?o } LIMT 3", "expected one of HAVING, OFFSET, OPTIONAL, VALUES"),
        ("SELECT * WHERE { ?s ?p }", "expected LATERAL or SERVICE"),
        ("SELEC", "not valid SPARQL here"),
    ],
)
def test_expected_words_without_character_classes(query: str, wanted: str) -> None:
    text = message_for(query)
    assert wanted in text
    assert "\\u{" not in text and "[" not in text


def test_iris_and_strings_with_colons_are_not_taken_for_prefixes() -> None:
    text = message_for('SELECT * WHERE { <http://e/a:b> ?p "x:y/z" } LIMIT x')
    assert "prefix" not in text and "slash" not in text


@pytest.mark.parametrize(
    "query",
    [
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
        " SELECT * WHERE { ?s rdf:type/rdfs:subClassOf ?c } LIMT 3",
        "PREFIX my.ns: <http://e/> SELECT * WHERE { ?s my.ns:p ?o } LIMT 3",
    ],
)
def test_paths_and_dotted_prefixes_get_no_false_advice(query: str) -> None:
    text = message_for(query)
    assert "slash" not in text and "not declared" not in text
    assert "expected one of HAVING" in text
