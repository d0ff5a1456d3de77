"""Human labels of resources in a chosen language, read from the store in one query per batch."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from samverkan.store import Store
from samverkan.vocabulary.namespaces import sparql_prefixes
from samverkan.vocabulary.reused_terms import REUSED_TERM_NAMES

LANGUAGES = ("sv", "en")

_LABELS = (
    sparql_prefixes()
    + """SELECT ?s ?label WHERE {{
    VALUES ?s {{ {terms} }}
    ?s rdfs:label|skos:prefLabel|dcterms:title|sh:name ?label .
}}"""
)


def pick_label(candidates: Sequence[tuple[str, str]], lang: str) -> str | None:
    """The text in `lang`, else in the other project language, else any: from (text, language) pairs."""
    for wanted in (lang, *LANGUAGES, ""):
        for text, language in sorted(candidates):
            if language == wanted:
                return text
    return sorted(candidates)[0][0] if candidates else None


def values_terms(iris: Iterable[str]) -> str:
    """IRIs written as N-Triples terms for a VALUES block (pyoxigraph escapes them)."""
    return " ".join(str(ox.NamedNode(iri)) for iri in iris)


def labels(store: Store, iris: Iterable[str], lang: str) -> dict[str, str]:
    """The label of each IRI that has one, in `lang` where possible; reused terms of other vocabularies
    (`dcterms:publisher`, `cv:PublicOrganisation`) get Samverkan's name for them unless the graph has a
    label in `lang`."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    answer = store.query(_LABELS.format(terms=values_terms(wanted)))
    assert isinstance(answer, ox.QuerySolutions)
    found: dict[str, list[tuple[str, str]]] = {}
    for solution in answer:
        label = solution["label"]
        if isinstance(label, ox.Literal):
            found.setdefault(solution["s"].value, []).append((label.value, label.language or ""))
    chosen = {}
    for iri in wanted:
        candidates = found.get(iri, [])
        if iri in REUSED_TERM_NAMES and not any(language == lang for _, language in candidates):
            chosen[iri] = REUSED_TERM_NAMES[iri][lang]  # Samverkan's name in the asked language beats another's
        elif text := pick_label(candidates, lang):
            chosen[iri] = text
    return chosen
