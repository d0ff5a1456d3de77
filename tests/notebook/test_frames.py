"""Query answers as DataFrames: from the store and from SPARQL JSON, numbers typed, labels added."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from samverkan.notebook.frames import literal_value, query_frame, sparql_json_frame, with_labels
from samverkan.server.query_ui import tour_queries
from samverkan.store import Store

XSD = "http://www.w3.org/2001/XMLSchema#"
BY_CLASS = next(q["query"] for q in tour_queries() if q["name"].startswith("Resources by class"))
DIGG = "https://w3id.org/samverkan/id/actor/digg"


@pytest.mark.parametrize(
    ("text", "datatype", "value"),
    [
        ("42", f"{XSD}integer", 42),
        ("7", f"{XSD}nonNegativeInteger", 7),
        ("2.5", f"{XSD}decimal", 2.5),
        ("1e3", f"{XSD}double", 1000.0),
        ("true", f"{XSD}boolean", True),
        ("0", f"{XSD}boolean", False),
        ("2020-01-01", f"{XSD}date", "2020-01-01"),
        ("tolv", f"{XSD}integer", "tolv"),
        ("text", None, "text"),
    ],
)
def test_literal_values_by_datatype(text: str, datatype: str | None, value: object) -> None:
    assert literal_value(text, datatype) == value


def test_store_answer_as_frame(project_store: Store) -> None:
    frame = query_frame(project_store, BY_CLASS)
    assert list(frame.columns) == ["class", "resources"]
    assert frame["resources"].dtype.kind == "i"
    counts = dict(zip(frame["class"], frame["resources"], strict=True))
    assert counts["https://w3id.org/samverkan/ontology#Municipality"] == 290


def test_bindings_and_unbound_values(project_store: Store) -> None:
    frame = query_frame(
        project_store,
        "SELECT ?actor ?missing WHERE { ?actor a ?kind OPTIONAL { ?actor <urn:no> ?missing } }",
        bindings={"actor": ox.NamedNode(DIGG)},
    )
    assert set(frame["actor"]) == {DIGG}
    assert frame["missing"].isna().all()


def test_only_select_makes_a_frame(project_store: Store) -> None:
    with pytest.raises(TypeError):
        query_frame(project_store, "ASK { ?s ?p ?o }")


def test_sparql_json_gives_the_same_frame_as_the_store(project_store: Store) -> None:
    answer = project_store.query(BY_CLASS)
    assert isinstance(answer, ox.QuerySolutions)
    results = json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON))
    from_json = sparql_json_frame(results)
    assert from_json.equals(query_frame(project_store, BY_CLASS))


def test_labels_in_either_language(project_store: Store) -> None:
    frame = query_frame(project_store, "SELECT ?actor WHERE { }", bindings={"actor": ox.NamedNode(DIGG)})
    swedish = with_labels(frame, project_store, ["actor"], "sv")
    english = with_labels(frame, project_store, ["actor"], "en")
    assert list(swedish.columns) == ["actor", "actorLabel"]
    assert swedish["actorLabel"][0] == "Myndigheten för digital förvaltning"
    assert english["actorLabel"][0] == "Agency for Digital Government"
    assert list(with_labels(swedish, project_store, ["actor"], "en")["actorLabel"]) == [
        "Agency for Digital Government"
    ]
