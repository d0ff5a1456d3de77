"""IRIs of Samverkan's namespaces and of the graphs that are not sources."""

from __future__ import annotations

import re

SAM = "https://w3id.org/samverkan/ontology#"
SAMID = "https://w3id.org/samverkan/id/"
SAMSH = "https://w3id.org/samverkan/shapes#"

ONTOLOGY_GRAPH = "https://w3id.org/samverkan/ontology"
SHAPES_GRAPH = "https://w3id.org/samverkan/shapes"

KINDS = (
    "actor",
    "actor-group",
    "agreement",
    "amendment-kind",
    "assignment",
    "challenge",
    "cofog",
    "component",
    "count",
    "county",
    "county-administrative-board",
    "dependency",
    "framework",
    "funding",
    "goal",
    "goal-area",
    "initiative",
    "inquiry",
    "insight",
    "instruction",
    "layer",
    "leadership-form",
    "legal-resource",
    "ministry-affiliation",
    "municipality",
    "ownership",
    "person",
    "policy-area",
    "position",
    "principle",
    "principle-group",
    "reading-depth",
    "recommendation",
    "region",
    "renaming",
    "reorganisation",
    "report-kind",
    "reporting-deadline",
    "responsibility",
    "role",
    "scheme",
    "shared-component",
    "source",
    "staff-figure",
    "strategy",
)
"""The kinds of Samverkan resources: each lives under `{SAMID}{kind}/` and has the prefix `{kind}:`."""

VOCABULARY_PREFIXES: dict[str, str] = {
    "sam": SAM,
    "samid": SAMID,
    "samsh": SAMSH,
    "org": "http://www.w3.org/ns/org#",
    "cv": "http://data.europa.eu/m8g/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}
KIND_PREFIXES: dict[str, str] = {kind: f"{SAMID}{kind}/" for kind in KINDS}
PREFIXES: dict[str, str] = VOCABULARY_PREFIXES | KIND_PREFIXES
"""Every prefix the service writes and accepts in examples: the vocabularies', then one per kind."""

_PREFIXED_NAME = re.compile(r"(?<![\w:<\-])([A-Za-z][\w\-]*):(?=[\w%])")


def sparql_prefixes(text: str | None = None) -> str:
    """PREFIX declarations for the prefixes `text` uses (all of them without a text)."""
    used = PREFIXES if text is None else {m.group(1) for m in _PREFIXED_NAME.finditer(text)}
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items() if name in used)
