"""The SPARQL 1.1 Protocol's parameters and bodies, described for the OpenAPI document of /sparql.

The route reads them itself (a parameter may repeat, and a POST body may be a form or a bare query
or update), so FastAPI cannot derive them from its signature."""

from __future__ import annotations

from typing import Any

_TEXT = {"type": "string"}
_IRIS = {"type": "array", "items": {"type": "string", "format": "uri"}}


def _parameter(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    extra = {"style": "form", "explode": True} if schema.get("type") == "array" else {}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
        **extra,
    }


DATASET = [
    _parameter("default-graph-uri", _IRIS, "A graph of the default graph (repeatable; else the union)."),
    _parameter("named-graph-uri", _IRIS, "A named graph of the dataset (repeatable)."),
]
FORMAT = _parameter(
    "format", _TEXT, "Answer format (json, xml, csv, tsv, turtle, ntriples, jsonld, …), else Accept."
)
RESPONSES: dict[str | int, dict[str, Any]] = {
    400: {"description": "Malformed, too long or too deeply nested (the detail names the limit)."},
    401: {"description": "An update without `Authorization: Bearer <token>`."},
    403: {
        "description": "Writes are off or the token is wrong; or SERVICE/LOAD to an endpoint off the allow-list."
    },
    406: {"description": "No acceptable answer format."},
    413: {"description": "The body is larger than SAMVERKAN_MAX_BODY_BYTES."},
    415: {"description": "The body is not a query, an update or a form."},
    422: {"description": "The update would add a Violation of the shapes; the report says which."},
    503: {"description": "Stopped at SAMVERKAN_QUERY_TIMEOUT, or too many queries at once (Retry-After)."},
}

SPARQL_GET: dict[str, Any] = {
    "parameters": [_parameter("query", _TEXT, "A SPARQL 1.1 query."), *DATASET, FORMAT],
    "responses": RESPONSES,
}
SPARQL_POST: dict[str, Any] = {
    "parameters": [*DATASET, FORMAT],
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": _TEXT},
            "application/sparql-update": {"schema": _TEXT},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": _TEXT,
                        "update": _TEXT,
                        "default-graph-uri": _IRIS,
                        "named-graph-uri": _IRIS,
                        "using-graph-uri": _IRIS,
                        "using-named-graph-uri": _IRIS,
                    },
                }
            },
        },
    },
    "responses": RESPONSES,
}
