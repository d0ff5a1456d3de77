"""IRIs of Samverkan's namespaces and of the graphs that are not sources."""

from __future__ import annotations

SAM = "https://w3id.org/samverkan/ontology#"
SAMID = "https://w3id.org/samverkan/id/"
SAMSH = "https://w3id.org/samverkan/shapes#"

ONTOLOGY_GRAPH = "https://w3id.org/samverkan/ontology"
SHAPES_GRAPH = "https://w3id.org/samverkan/shapes"

PREFIXES: dict[str, str] = {
    "sam": SAM,
    "samid": SAMID,
    "samsh": SAMSH,
    "org": "http://www.w3.org/ns/org#",
    "cv": "http://data.europa.eu/m8g/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def sparql_prefixes() -> str:
    """PREFIX declarations for every namespace above."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
