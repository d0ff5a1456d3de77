"""`/id/...`: every Samverkan IRI dereferences, to a page for people or RDF for programs, and `/id/{kind}/` lists.

https://w3id.org/samverkan/id/X is served at /id/X (the w3id redirect rule in the README points the
public prefix at a deployment). The RDF of an entity is every statement with it as subject or
object, in the source graphs that state them (TriG and N-Quads keep the graphs).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse

from samverkan.browse.entity import SHOWN_VALUES, Found, quads, read_entity, statements
from samverkan.browse.listing import Listing, listing
from samverkan.browse.search import search
from samverkan.browse.source_contents import source_contents
from samverkan.network.neighbourhood import neighbourhood_around
from samverkan.reports.text import absence_legend
from samverkan.server.dependencies import get_store
from samverkan.server.negotiation import choose, negotiate, wants_html
from samverkan.server.network_picture import picture
from samverkan.server.page_text import page_text
from samverkan.server.pages import page_language, render
from samverkan.sparql.formats import GRAPH_FORMATS, serialize_quads
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAMID

router = APIRouter(tags=["Entities"])

Lang = Annotated[str, Depends(page_language)]
StoreDep = Annotated[Store, Depends(get_store)]
RDF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}, **{f.media_type: {} for f in GRAPH_FORMATS}}},
    404: {"description": "The graph says nothing about this IRI."},
}
SHOWN_PER_CLASS = 100
"""Resources listed per class on a source's page (the rest are counted; the TriG download has them all)."""
SHOWN_NEIGHBOURS = 200
"""Neighbours listed per group on an actor's page (the rest are counted): a national hub has thousands,
and the matrix and impact views list them all."""
SHOWN_GAPS = 200
"""Gap rows listed on an entity's page, most severe rule first (the rest are counted; the gap report has
them all): a national hub is named in thousands."""
GUESS_WORDS = 8
"""Words of a missing slug searched one by one for the 404 page's suggestions (each is a scan of the labels)."""


@router.get("/id/", include_in_schema=False)
def identifiers() -> RedirectResponse:
    return RedirectResponse("/", status_code=303)


@router.get(
    "/id/{kind}/",
    response_model=Listing,
    responses={200: {"content": {"text/html": {}}}, 404: {"description": "Nothing to list."}},
)
def list_kind(
    kind: str,
    request: Request,
    store: StoreDep,
    lang: Lang,
    filter_kind: Annotated[
        str | None, Query(alias="kind", description="Only this class, e.g. Municipality or sam:Region.")
    ] = None,
    county: Annotated[
        str | None, Query(description="Only resources in this county: code (12) or IRI.")
    ] = None,
    page: Annotated[int, Query(ge=1, description="Page number (50 to a page).")] = 1,
) -> Response:
    """The instances of a class (`actor` is sam:Actor with its subclasses), filtered and paged (HTML or JSON)."""
    found = listing(store, kind, lang, filter_kind, county, page)
    if found is None:
        raise HTTPException(404, f"nothing to list under /id/{kind}/")
    if choose(request.headers.get("accept", ""), ["text/html", "application/json"]) == "application/json":
        return Response(found.model_dump_json(), media_type="application/json")
    return render(request, "listing.html", lang, {"listing": found})


@router.get("/id/{path:path}", response_class=Response, responses=RDF_RESPONSES)
def entity(
    path: str,
    request: Request,
    store: StoreDep,
    lang: Lang,
    format: Annotated[
        str | None, Query(description="html, turtle, jsonld, ntriples, rdfxml, trig or nquads (else Accept).")
    ] = None,
) -> Response:
    """The entity https://w3id.org/samverkan/id/{path}: its page, or its statements as RDF."""
    iri = SAMID + path
    accept = request.headers.get("accept", "")
    html = wants_html(format, accept, GRAPH_FORMATS)
    found = statements(store, iri, SHOWN_VALUES if html else None) if _is_iri(iri) else Found([])
    if not found.statements:
        if "/" not in path:
            return RedirectResponse(f"/id/{quote(path)}/", status_code=303)
        return not_found(request, store, lang, path) if html else PlainTextResponse(f"no {iri}", 404)
    if not html:
        answer_format = negotiate(GRAPH_FORMATS, format, accept)
        body = serialize_quads(quads(iri, found), answer_format)
        return Response(
            body, media_type=f"{answer_format.media_type}; charset=utf-8", headers={"Vary": "Accept"}
        )
    view = read_entity(store, iri, lang, found)
    is_source = store.has_graph(iri)  # a source document (or a report, a subclass) names its graph
    hood = neighbourhood_around(store, iri, lang, SHOWN_NEIGHBOURS)
    return render(
        request,
        "entity.html",
        lang,
        {
            "entity": view,
            "hood": hood,
            "picture": picture(hood, page_text(lang)) if hood else None,
            "formats": [f.name for f in GRAPH_FORMATS],
            "legend": absence_legend(lang),
            "contents": source_contents(store, iri, lang) if is_source else None,
            "shown_per_class": SHOWN_PER_CLASS,
            "shown_gaps": SHOWN_GAPS,
        },
    )


def not_found(request: Request, store: Store, lang: str, path: str) -> Response:
    """A 404 page that helps: names like the slug, and the list of the kind if there is one."""
    segment, _, slug = path.partition("/")
    words = slug.replace("-", " ").replace("/", " ").split()[:GUESS_WORDS]
    guesses = search(store, " ".join(words), lang, limit=10) or [
        hit for word in words for hit in search(store, word, lang, limit=5)
    ]
    kind = listing(store, segment, lang, page_size=1)
    return render(
        request,
        "not_found.html",
        lang,
        {
            "iri": SAMID + path,
            "guesses": list({g.iri: g for g in guesses}.values()),
            "segment": segment if kind else None,
        },
        status_code=404,
    )


def _is_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True
