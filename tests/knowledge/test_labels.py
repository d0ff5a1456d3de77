"""Labels in the asked language; reused terms of other vocabularies are named in Swedish and English too."""

from __future__ import annotations

import pyoxigraph as ox

from samverkan.knowledge.labels import READ_WHOLE, labels
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.vocabulary.namespaces import PREFIXES, SAMID
from samverkan.vocabulary.reused_terms import REUSED_TERM_NAMES

PUBLISHER = PREFIXES["dcterms"] + "publisher"
PUBLIC_ORGANISATION = PREFIXES["cv"] + "PublicOrganisation"


def test_reused_terms_have_names_in_both_languages(project_store: Store) -> None:
    assert labels(project_store, [PUBLISHER, PUBLIC_ORGANISATION], "sv") == {
        PUBLISHER: "utgivare",
        PUBLIC_ORGANISATION: "offentlig organisation",
    }
    assert labels(project_store, [PUBLISHER], "en") == {PUBLISHER: "publisher"}
    assert all(set(names) == {"sv", "en"} and all(names.values()) for names in REUSED_TERM_NAMES.values())


def test_a_graph_label_in_the_asked_language_wins_over_the_curated_name() -> None:
    store = EmbeddedStore()
    label = ox.NamedNode(PREFIXES["rdfs"] + "label")
    graph = ox.NamedNode(SAMID + "source/test")
    store.load(
        ox.serialize(
            [ox.Quad(ox.NamedNode(PUBLISHER), label, ox.Literal("förläggare", language="sv"), graph)],
            format=ox.RdfFormat.N_QUADS,
        ),
        ox.RdfFormat.N_QUADS,
    )
    assert labels(store, [PUBLISHER], "sv") == {PUBLISHER: "förläggare"}, "the graph's Swedish label"
    assert labels(store, [PUBLISHER], "en") == {PUBLISHER: "publisher"}, "not the Swedish one for English"


def test_many_iris_are_labelled_from_one_scan_as_a_few_are_by_values(synthetic_project: Store) -> None:
    answer = synthetic_project.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }")
    assert isinstance(answer, ox.QuerySolutions)
    iris = sorted(row["s"].value for row in answer)[: 3 * READ_WHOLE] + [SAMID + "nothing/here", PUBLISHER]
    few = READ_WHOLE // 2
    for lang in ("sv", "en"):
        by_values = {}
        for start in range(0, len(iris), few):
            by_values |= labels(synthetic_project, iris[start : start + few], lang)
        assert len(by_values) > few
        assert labels(synthetic_project, iris, lang, scan=True) == by_values
