"""The vocabulary in use on the curated graph: what each class's instances carry, and a query that finds it."""

from __future__ import annotations

import pyoxigraph as ox

from samverkan.browse.vocabulary import vocabulary_in_use
from samverkan.store import Store

SAM = "https://w3id.org/samverkan/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def test_municipalities_carry_their_code_and_labels(project_store: Store) -> None:
    classes = {use.iri: use for use in vocabulary_in_use(project_store, "en")}
    municipality = {p.iri: p for p in classes[SAM + "Municipality"].properties}
    code = municipality[SAM + "municipalityCode"]
    assert code.resources == 290
    assert code.example.isdigit() and len(code.example) == 4
    assert municipality[RDFS_LABEL].resources == 290


def test_counts_agree_with_a_query_of_their_own(project_store: Store) -> None:
    classes = {use.iri: use for use in vocabulary_in_use(project_store, "en")}
    for property_use in classes[SAM + "StateAgency"].properties[:5]:
        answer = project_store.query(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class ; ?property ?o }",
            bindings={"class": ox.NamedNode(SAM + "StateAgency"), "property": ox.NamedNode(property_use.iri)},
        )
        assert isinstance(answer, ox.QuerySolutions)
        assert int(next(answer)["n"].value) == property_use.resources


def test_the_ready_query_runs_as_written(project_store: Store) -> None:
    goal = next(use for use in vocabulary_in_use(project_store, "en") if use.iri == SAM + "Goal")
    query = goal.properties[0].query
    assert "a sam:Goal" in query and query.startswith("PREFIX ")
    answer = project_store.query(query)
    assert isinstance(answer, ox.QuerySolutions)
    assert len(list(answer)) > 0
