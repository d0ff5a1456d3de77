"""Labels in the asked language; reused terms of other vocabularies are named in Swedish and English too."""

from __future__ import annotations

from samverkan.knowledge.labels import labels
from samverkan.store import Store
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


def test_the_graphs_own_label_wins(project_store: Store) -> None:
    digg = SAMID + "actor/digg"
    assert labels(project_store, [digg], "sv") == {digg: "Myndigheten för digital förvaltning"}
