"""The scan that measures nesting before the engine parses: it skips what the grammar skips, and never less."""

from __future__ import annotations

import pytest

from samverkan.server.nesting import AmbiguousText, json_depth, scan_sparql


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", 1),
        ('SELECT * WHERE { ?s ?p "((({{{" }', 1),
        ("SELECT * WHERE { ?s ?p '''\n(((\n''' }", 1),
        ("SELECT * WHERE { ?s ?p ?o } # ((((((", 1),
        ("SELECT * WHERE { ?s <http://example.org/a#b> ?o . FILTER((1)) }", 3),
        ("SELECT * WHERE { ?s ?p 'unterminated ((((( }", 1),
        ("SELECT * WHERE { FILTER(?x<1#>\n+(((1))) ) }", 5),
        ("SELECT * WHERE { ?s <urn:x#p> ?o } ", 1),
    ],
)
def test_depth(text: str, depth: int) -> None:
    assert scan_sparql(text).depth == depth


def test_a_comparison_that_looks_like_an_iri_hides_no_brackets() -> None:
    """`?x<1#>` is `?x < 1` and a comment to the engine: the brackets on the next line are counted."""
    hidden = 'SELECT * WHERE { FILTER(?x<1#>"""\n+' + "(" * 100 + "1" + ")" * 100 + '""") }'
    with pytest.raises(AmbiguousText):
        scan_sparql(hidden)
    same_line = "SELECT * WHERE { FILTER(?x<1#>" + "(" * 100 + "\n1" + ")" * 100 + ") }"
    assert scan_sparql(same_line).depth > 100


def test_an_apostrophe_in_an_ambiguous_iri_is_refused() -> None:
    with pytest.raises(AmbiguousText):
        scan_sparql("SELECT * WHERE { FILTER(?x<'(>'+((1))) }")


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ("SELECT * WHERE { SERVICE<http://a/> {} }", 1),
        ('SELECT * WHERE { BIND("SERVICE <http://a/>" AS ?x) } # LOAD <x>', 0),
        ("SELECT ?service WHERE { ?s ex:load ?service }", 0),
        ("LOAD <http://a/> ; load silent <http://b/>", 2),
        ("SELECT * WHERE { ?s ?p ?o .SERVICE <http://a/> {} }", 1),
    ],
)
def test_service_and_load_keywords(text: str, keywords: int) -> None:
    assert scan_sparql(text).external_keywords == keywords


@pytest.mark.parametrize(
    ("text", "depth"),
    [('{"a": [1, {"b": "[[[{{{"}]}', 3), ("[" * 500 + "]" * 500, 500), ('{"a": "unterminated [[[[', 1)],
)
def test_json_depth(text: str, depth: int) -> None:
    assert json_depth(text) == depth
