"""Self-descriptions of the service: SPARQL Service Description and the VoID dataset description."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import Request, Response

from samverkan.server.negotiation import negotiate
from samverkan.sparql.formats import GRAPH_FORMATS, serialize_triples
from samverkan.store import Store
from samverkan.vocabulary.namespaces import PREFIXES, SAMID

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
DCTERMS_TITLE = ox.NamedNode(PREFIXES["dcterms"] + "title")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
    "TriG",
    "N-Quads",
)
VOCABULARIES = ("sam", "org", "cv", "skos", "dcterms", "prov", "foaf")


def _node(namespace: str, name: str) -> ox.NamedNode:
    return ox.NamedNode(namespace + name)


def _rdf_response(triples: list[ox.Triple], request: Request, requested: str | None) -> Response:
    answer_format = negotiate(GRAPH_FORMATS, requested, request.headers.get("accept", ""))
    body = serialize_triples(triples, answer_format, prefixes={**PREFIXES, "sd": SD, "void": VOID})
    return Response(body, media_type=f"{answer_format.media_type}; charset=utf-8")


def service_description_response(request: Request, store: Store, requested: str | None) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint."""
    endpoint = ox.NamedNode(str(request.url_for("sparql")))
    dataset, default_graph = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(endpoint, RDF_TYPE, _node(SD, "Service")),
        ox.Triple(endpoint, _node(SD, "endpoint"), endpoint),
        ox.Triple(endpoint, _node(SD, "supportedLanguage"), _node(SD, "SPARQL11Query")),
        ox.Triple(endpoint, _node(SD, "supportedLanguage"), _node(SD, "SPARQL11Update")),
        ox.Triple(endpoint, _node(SD, "feature"), _node(SD, "UnionDefaultGraph")),
        ox.Triple(endpoint, _node(SD, "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _node(SD, "Dataset")),
        ox.Triple(dataset, _node(SD, "defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _node(SD, "Graph")),
    ]
    triples += [ox.Triple(endpoint, _node(SD, "resultFormat"), _node(FORMATS, f)) for f in RESULT_FORMATS]
    sizes = store.graph_sizes()
    triples.append(
        ox.Triple(
            default_graph,
            _node(VOID, "triples"),
            ox.Literal(str(sum(sizes.values())), datatype=_node(PREFIXES["xsd"], "integer")),
        )
    )
    for graph in sizes:
        named = ox.BlankNode()
        triples += [
            ox.Triple(dataset, _node(SD, "namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _node(SD, "NamedGraph")),
            ox.Triple(named, _node(SD, "name"), ox.NamedNode(graph)),
        ]
    return _rdf_response(triples, request, requested)


def void_response(request: Request, store: Store, requested: str | None) -> Response:
    """The VoID description of the dataset: its size, endpoint, vocabularies and one subset per graph."""
    dataset = ox.NamedNode(str(request.url_for("void")) + "#dataset")
    integer = _node(PREFIXES["xsd"], "integer")
    sizes = store.graph_sizes()
    triples = [
        ox.Triple(dataset, RDF_TYPE, _node(VOID, "Dataset")),
        ox.Triple(dataset, DCTERMS_TITLE, ox.Literal("Samverkan", language="sv")),
        ox.Triple(dataset, DCTERMS_TITLE, ox.Literal("Samverkan", language="en")),
        ox.Triple(
            dataset,
            _node(PREFIXES["dcterms"], "description"),
            ox.Literal(
                "Who is responsible for what in Swedish digital government, claim by claim with sources.",
                language="en",
            ),
        ),
        ox.Triple(dataset, _node(VOID, "sparqlEndpoint"), ox.NamedNode(str(request.url_for("sparql")))),
        ox.Triple(dataset, _node(VOID, "uriSpace"), ox.Literal(SAMID)),
        ox.Triple(dataset, _node(VOID, "triples"), ox.Literal(str(sum(sizes.values())), datatype=integer)),
    ]
    triples += [
        ox.Triple(dataset, _node(VOID, "vocabulary"), ox.NamedNode(PREFIXES[v])) for v in VOCABULARIES
    ]
    titles = _graph_titles(store)
    for graph, size in sizes.items():
        subset = ox.NamedNode(graph)
        triples += [
            ox.Triple(dataset, _node(VOID, "subset"), subset),
            ox.Triple(subset, RDF_TYPE, _node(VOID, "Dataset")),
            ox.Triple(subset, _node(VOID, "triples"), ox.Literal(str(size), datatype=integer)),
        ]
        triples += [ox.Triple(subset, DCTERMS_TITLE, title) for title in titles.get(graph, [])]
    return _rdf_response(triples, request, requested)


def _graph_titles(store: Store) -> dict[str, list[ox.Literal]]:
    answer = store.query(f"SELECT ?g ?title WHERE {{ GRAPH ?g {{ ?g <{DCTERMS_TITLE.value}> ?title }} }}")
    titles: dict[str, list[ox.Literal]] = {}
    assert isinstance(answer, ox.QuerySolutions)
    for solution in answer:
        titles.setdefault(solution["g"].value, []).append(solution["title"])
    return titles
