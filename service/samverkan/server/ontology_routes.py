"""The ontology IRI: HTML documentation for browsers, RDF for programs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import FileResponse

from samverkan.knowledge.ontology_docs import ontology_docs_path
from samverkan.server.dependencies import get_settings, get_store
from samverkan.server.negotiation import negotiate, wants_html
from samverkan.settings import Settings
from samverkan.sparql.formats import GRAPH_FORMATS, serialize_triples
from samverkan.store import Store
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH

router = APIRouter(tags=["Ontology"])


@router.get("/ontology", summary="The Samverkan ontology (HTML documentation or RDF)", response_model=None)
def ontology(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    format: str | None = None,
) -> Response:
    accept = request.headers.get("accept", "")
    if wants_html(format, accept, GRAPH_FORMATS):
        docs = ontology_docs_path(settings)
        if not docs.is_file():
            raise HTTPException(404, "the ontology documentation is not built yet: run `make docs`")
        return FileResponse(docs, media_type="text/html; charset=utf-8")
    answer_format = negotiate(GRAPH_FORMATS, format, accept)
    body = serialize_triples(store.graph_triples(ONTOLOGY_GRAPH), answer_format)
    return Response(body, media_type=f"{answer_format.media_type}; charset=utf-8")
