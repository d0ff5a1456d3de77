"""The rules of `shapes/` as data: names, descriptions, severities, messages and parameters.

Read from the shapes graph of a store, so that validation, the gap catalogue, the CLI and the
service all describe a rule from its one definition. A shape without sh:severity is a Violation, as
SHACL says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from samverkan.knowledge.labels import pick_label
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAMSH, SHAPES_GRAPH, sparql_prefixes
from samverkan.vocabulary.terms import is_true

SH = "http://www.w3.org/ns/shacl#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
SEVERITIES = ("Violation", "Warning", "Info")

_GRAPH = str(ox.NamedNode(SHAPES_GRAPH))
_RULES = (
    sparql_prefixes()
    + f"""SELECT ?rule ?severity ?gap ?select WHERE {{ GRAPH {_GRAPH} {{
    ?rule a sh:NodeShape . FILTER(isIRI(?rule))
    OPTIONAL {{ ?rule sh:severity ?declared }}
    BIND(COALESCE(?declared, sh:Violation) AS ?severity)
    BIND(EXISTS {{ ?rule a samsh:GapRule }} AS ?gap)
    OPTIONAL {{ ?rule sh:sparql/sh:select ?select }}
}} }}"""
)
_TEXTS = (
    sparql_prefixes()
    + f"""SELECT ?rule ?kind ?text WHERE {{ GRAPH {_GRAPH} {{
    ?rule a sh:NodeShape . FILTER(isIRI(?rule))
    {{ ?rule sh:name ?text BIND("name" AS ?kind) }}
    UNION {{ ?rule sh:description ?text BIND("description" AS ?kind) }}
    UNION {{ ?rule sh:message|sh:sparql/sh:message ?text BIND("message" AS ?kind) }}
}} }}"""
)
_PARAMETERS = (
    sparql_prefixes()
    + f"""SELECT ?rule ?parameter ?variable ?option ?datatype ?label WHERE {{
  GRAPH {_GRAPH} {{
    ?rule samsh:parameter ?parameter .
    ?parameter samsh:variable ?variable ; samsh:optionName ?option ; rdfs:label ?label .
    OPTIONAL {{ ?parameter sh:datatype ?datatype }}
}} }}"""
)
_PREFIXES = (
    sparql_prefixes()
    + f"""SELECT ?prefix ?namespace WHERE {{ GRAPH {_GRAPH} {{
    ?declarer sh:declare [ sh:prefix ?prefix ; sh:namespace ?namespace ]
}} }}"""
)


@dataclass(frozen=True)
class Parameter:
    """A parameter a gap rule takes: its option name, SPARQL variable and value kind."""

    iri: str
    option: str
    variable: str
    is_date: bool
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Rule:
    """One shape of `shapes/`: integrity rule or gap rule, identified by its IRI."""

    iri: str
    severity: str
    names: dict[str, str]
    descriptions: dict[str, str]
    messages: dict[str, str]
    is_gap: bool = False
    parameters: tuple[Parameter, ...] = ()
    query: str | None = None
    """For a SHACL-SPARQL rule, its SELECT with the PREFIX declarations of the shapes graph."""

    @property
    def short_id(self) -> str:
        return self.iri.removeprefix(SAMSH)

    def name(self, lang: str) -> str:
        return _in_language(self.names, lang) or self.short_id

    def description(self, lang: str) -> str:
        return _in_language(self.descriptions, lang) or ""

    def message(self, lang: str) -> str | None:
        return _in_language(self.messages, lang)

    def parameter(self, option: str) -> Parameter | None:
        return next((p for p in self.parameters if p.option == option), None)


def _in_language(texts: dict[str, str], lang: str) -> str | None:
    return pick_label([(text, language) for language, text in texts.items()], lang)


def read_rules(store: Store) -> dict[str, Rule]:
    """Every named shape in the store's shapes graph, by IRI."""
    texts: dict[str, dict[str, dict[str, str]]] = {}
    for row in _select(store, _TEXTS):
        text = row["text"]
        assert isinstance(text, ox.Literal)
        texts.setdefault(row["rule"].value, {}).setdefault(row["kind"].value, {})[text.language or ""] = (
            text.value
        )
    parameters: dict[str, dict[str, Parameter]] = {}
    for row in _select(store, _PARAMETERS):
        label = row["label"]
        assert isinstance(label, ox.Literal)
        known = parameters.setdefault(row["rule"].value, {})
        iri = row["parameter"].value
        parameter = known.get(iri) or Parameter(
            iri,
            row["option"].value,
            row["variable"].value,
            row["datatype"] is not None and row["datatype"].value == XSD_DATE,
        )
        parameter.labels[label.language or ""] = label.value
        known[iri] = parameter
    prefixes = "".join(
        f"PREFIX {r['prefix'].value}: <{r['namespace'].value}>\n" for r in _select(store, _PREFIXES)
    )
    rules: dict[str, Rule] = {}
    for row in _select(store, _RULES):
        iri = row["rule"].value
        own = texts.get(iri, {})
        select = row["select"]
        rules[iri] = Rule(
            iri=iri,
            severity=row["severity"].value.removeprefix(SH),
            names=own.get("name", {}),
            descriptions=own.get("description", {}),
            messages=own.get("message", {}),
            is_gap=is_true(row["gap"]),
            parameters=tuple(sorted(parameters.get(iri, {}).values(), key=lambda p: p.option)),
            query=prefixes + select.value if select is not None else None,
        )
    return rules


def _select(store: Store, sparql: str) -> list[ox.QuerySolution]:
    answer = store.query(sparql)
    assert isinstance(answer, ox.QuerySolutions)
    return list(answer)
