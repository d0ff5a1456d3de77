"""Integrity of the curated source and actor graphs (data/sources, data/actors).

Why: "who says so, where" only works if every subject in a source graph carries a locator into that source, every
resource has a Swedish and an English name, and every samid: IRI used as an object is defined (typed) somewhere in
data/ or the ontology, so no link points at nothing.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CURATED = sorted(
    [*(PROJECT_ROOT / "data" / "sources").glob("*.trig"), *(PROJECT_ROOT / "data" / "actors").glob("*.trig")]
)
SAM = "https://w3id.org/samverkan/ontology#"
SAMID = "https://w3id.org/samverkan/id/"


def load(paths: list[Path]) -> ox.Store:
    st = ox.Store()
    for path in paths:
        st.load(path=str(path), format=ox.RdfFormat.TRIG)
    return st


@pytest.fixture(scope="module")
def everything() -> ox.Store:
    st = load(sorted((PROJECT_ROOT / "data").glob("**/*.trig")))
    for path in sorted((PROJECT_ROOT / "ontology").glob("*.ttl")):
        st.load(
            path=str(path),
            format=ox.RdfFormat.TURTLE,
            to_graph=ox.NamedNode("https://w3id.org/samverkan/ontology"),
        )
    return st


@pytest.mark.parametrize("path", CURATED, ids=[p.name for p in CURATED])
def test_file_is_one_named_graph_with_locators(path: Path) -> None:
    st = load([path])
    graphs = {g.value for g in st.named_graphs()}
    assert len(graphs) == 1, f"{path.name} should hold exactly one named graph, has {graphs}"
    missing = [
        r["s"].value
        for r in st.query(f"""SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
        FILTER NOT EXISTS {{ GRAPH ?g {{ ?s <{SAM}locator> ?l }} }} }}""")
    ]
    assert not missing, f"subjects without sam:locator in {path.name}: {missing}"


def test_curated_resources_have_sv_and_en_names(everything: ox.Store) -> None:
    curated = load(CURATED)
    subjects = {
        r["s"].value
        for r in curated.query(
            f'SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s a ?t }} FILTER(STRSTARTS(STR(?s), "{SAMID}")) }}'
        )
    }
    named = {
        r["s"].value
        for r in everything.query(
            """SELECT ?s WHERE {
        VALUES ?p { <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#prefLabel> }
        ?s ?p ?sv . FILTER(LANG(?sv) = "sv") ?s ?p ?en . FILTER(LANG(?en) = "en") }""",
            use_default_graph_as_union=True,
        )
    }
    assert not sorted(subjects - named), f"without sv+en label: {sorted(subjects - named)}"


def test_every_samid_object_is_defined(everything: ox.Store) -> None:
    undefined = [
        r["o"].value
        for r in everything.query(
            f"""SELECT DISTINCT ?o WHERE {{ ?s ?p ?o .
        FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{SAMID}")) FILTER NOT EXISTS {{ ?o a ?type }} }}""",
            use_default_graph_as_union=True,
        )
    ]
    assert not undefined, f"samid: IRIs used but never typed: {sorted(undefined)}"
