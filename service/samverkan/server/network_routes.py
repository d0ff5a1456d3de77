"""Network analysis over HTTP: impact of an actor's failure, rankings, and the graph for pictures.

The network is built from the store on each request: the curated graph takes milliseconds, and a
fresh build never serves a network the store no longer holds.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import networkx as nx
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from samverkan.network import (
    Impact,
    NodeLinkGraph,
    Rankings,
    UnknownNodeError,
    build_network,
    impact,
    node_link,
    rankings,
    resolve_actor,
)
from samverkan.server.dependencies import get_store
from samverkan.server.negotiation import choose
from samverkan.server.pages import VARY, reader_language, render
from samverkan.store import Store, StoreError

router = APIRouter(prefix="/network", tags=["Network analysis"])
PAGE_TOP = 50
"""Actors listed on the rankings page unless `top` says otherwise (the JSON lists all)."""

Lang = Annotated[Literal["sv", "en"], Query(description="Language of labels.")]
AsOf = Annotated[date | None, Query(description="Answer as the landscape stood on this date.")]


def network(store: Annotated[Store, Depends(get_store)], as_of: AsOf = None) -> nx.MultiDiGraph:
    """The network built from the application's store, as of a date if given."""
    try:
        return build_network(store, as_of)
    except StoreError as error:
        raise HTTPException(502, f"the store could not answer the network queries: {error}") from error


Network = Annotated[nx.MultiDiGraph, Depends(network)]


HTML_TOO: dict[int | str, dict[str, Any]] = {200: {"content": {"text/html": {}}}}


def wants_page(request: Request) -> bool:
    """A browser's request: HTML preferred over JSON, unless `format=json` asks for the data."""
    if request.query_params.get("format") == "json":
        return False
    return choose(request.headers.get("accept", ""), ["application/json", "text/html"]) == "text/html"


@router.get("/impact/{actor}", response_model=Impact, responses=HTML_TOO)
def get_impact(
    request: Request,
    response: Response,
    graph: Network,
    actor: Annotated[
        str, Path(description="Actor slug, e.g. `digg` for https://w3id.org/samverkan/id/actor/digg.")
    ],
    iri: Annotated[str | None, Query(description="A full IRI instead of the slug.")] = None,
    lang: Lang = "sv",
    max_depth: Annotated[int | None, Query(ge=1, description="Follow reliance at most this far.")] = None,
) -> Impact | Response:
    """What is at risk if the actor fails or loses its mandate, each with the path that explains it."""
    try:
        node = resolve_actor(graph, iri or actor)
    except UnknownNodeError as error:
        raise HTTPException(404, str(error)) from error
    if wants_page(request):
        page_lang = reader_language(request)
        found = impact(graph, node, lang=page_lang, max_depth=max_depth)
        return render(request, "impact.html", page_lang, {"impact": found})
    response.headers.update(VARY)
    return impact(graph, node, lang=lang, max_depth=max_depth)


@router.get("/rankings", response_model=Rankings, responses=HTML_TOO)
def get_rankings(
    request: Request,
    response: Response,
    graph: Network,
    lang: Lang = "sv",
    top: Annotated[int | None, Query(ge=1, description="How many actors to list (default: all).")] = None,
    max_cycles: Annotated[int, Query(ge=0, le=10000, description="Most cycles to list.")] = 100,
) -> Rankings | Response:
    """Actors ranked by how much relies on them; articulation points, bridges and cycles."""
    if wants_page(request):
        page_lang = reader_language(request)
        found = rankings(graph, lang=page_lang, top=top or PAGE_TOP, max_cycles=max_cycles)
        return render(request, "rankings.html", page_lang, {"rankings": found})
    response.headers.update(VARY)
    return rankings(graph, lang=lang, top=top, max_cycles=max_cycles)


@router.get("/graph", response_model=NodeLinkGraph)
def get_graph(
    graph: Network,
    lang: Lang = "sv",
    isolated: Annotated[bool, Query(description="Include nodes without any edge.")] = False,
) -> NodeLinkGraph:
    """The network as node-link JSON (networkx's format; d3 and cytoscape read it)."""
    return node_link(graph, lang=lang, isolated=isolated)
