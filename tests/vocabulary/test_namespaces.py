"""One prefix per kind of resource, declared in one place and covering every kind the data uses."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from samverkan.sparql.formats import GRAPH_FORMATS, find_format, serialize_triples
from samverkan.vocabulary.namespaces import KIND_PREFIXES, PREFIXES, SAMID, sparql_prefixes
from samverkan.vocabulary.terms import compact_iri

DATA = Path(__file__).resolve().parents[2] / "data"


def test_every_kind_in_the_data_has_its_prefix() -> None:
    kinds = {
        match.group(1)
        for path in DATA.rglob("*.trig")
        for match in re.finditer(re.escape(SAMID) + r"([a-z][a-z-]*)/", path.read_text(encoding="utf-8"))
    }
    assert kinds, "no Samverkan IRIs found in data/"
    assert kinds <= set(KIND_PREFIXES), f"kinds without a prefix: {sorted(kinds - set(KIND_PREFIXES))}"


def test_compact_names_are_valid_prefixed_names() -> None:
    assert compact_iri(SAMID + "actor/digg") == "actor:digg"
    assert compact_iri(SAMID + "actor/202100-6883") == "actor:202100-6883"
    assert compact_iri("https://w3id.org/samverkan/ontology#Goal") == "sam:Goal"
    for invalid in ("actor/-x", "actor/a%zz", "actor/x."):
        assert compact_iri(SAMID + invalid) == SAMID + invalid
    assert compact_iri(SAMID + "actor/a%C3%A5") == "actor:a%C3%A5"
    unknown_kind = SAMID + "proposed/a/b"
    assert compact_iri(unknown_kind) == unknown_kind


def test_a_query_written_with_compact_names_runs() -> None:
    store = ox.Store()
    digg = ox.NamedNode(SAMID + "actor/digg")
    store.add(ox.Quad(digg, ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.Literal("DIGG")))
    query = f"SELECT ?label WHERE {{ {compact_iri(digg.value)} rdfs:label ?label }}"
    assert [s["label"].value for s in store.query(sparql_prefixes(query) + query)] == ["DIGG"]


def test_documents_declare_only_the_prefixes_they_use() -> None:
    triple = ox.Triple(
        ox.NamedNode(SAMID + "goal/x"), ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.Literal("x", language="sv")
    )
    turtle = serialize_triples([triple], find_format("turtle", GRAPH_FORMATS) or GRAPH_FORMATS[0]).decode()
    assert sorted(re.findall(r"@prefix (\S*):", turtle)) == ["goal", "rdfs"]
    assert "goal:x rdfs:label" in turtle
