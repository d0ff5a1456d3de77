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

_ALL_LABELS = (
    sparql_prefixes()
    + """SELECT ?s ?label WHERE {
    { ?s rdfs:label ?label } UNION { ?s skos:prefLabel ?label } UNION { ?s dcterms:title ?label } UNION { ?s sh:name ?label }
}"""
)
READ_WHOLE = 2000
"""With `scan`, from this many IRIs on, every label is read and the asked ones kept: for a good part of the
graph's IRIs (a whole gap report's), one scan of the label properties beats parsing and joining a VALUES block
of them (0.14-0.33 s against 0.47-0.58 s for 7.8k IRIs at 100k quads); for a page's few thousand of a big
graph's millions, the scan would read them all."""


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


def labels(store: Store, iris: Iterable[str], lang: str, *, scan: bool = False) -> dict[str, str]:
    """The label of each IRI that has one, in `lang` where possible; reused terms of other vocabularies
    (`dcterms:publisher`, `cv:PublicOrganisation`) get Samverkan's name for them unless the graph has a
    label in `lang`. With `scan` (the IRIs are a good part of the graph's), `READ_WHOLE` or more are read
    from one scan of every label."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    whole = scan and len(wanted) >= READ_WHOLE
    answer = store.query(_ALL_LABELS if whole else _LABELS.format(terms=values_terms(wanted)))
    assert isinstance(answer, ox.QuerySolutions)
    asked = set(wanted) if whole else None
    found: dict[str, list[tuple[str, str]]] = {}
    for thing, label in answer:
        wanted_thing = isinstance(thing, ox.NamedNode) and (asked is None or thing.value in asked)
        if wanted_thing and isinstance(label, ox.Literal):
            found.setdefault(thing.value, []).append((label.value, label.language or ""))
    chosen = {}
    for iri in wanted:
        candidates = found.get(iri, [])
        if iri in REUSED_TERM_NAMES and not any(language == lang for _, language in candidates):
            # Samverkan's name in the asked language beats another's
            chosen[iri] = REUSED_TERM_NAMES[iri][lang]
        elif text := pick_label(candidates, lang):
            chosen[iri] = text
    return chosen
