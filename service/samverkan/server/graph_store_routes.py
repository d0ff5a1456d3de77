"""The SPARQL 1.1 Graph Store HTTP Protocol on named graphs (`/graph-store?graph=IRI`)."""

from __future__ import annotations

from typing import Annotated

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from samverkan.server import metrics
from samverkan.server.dependencies import get_settings, get_store
from samverkan.server.guards import require_writer
from samverkan.server.limits import check_graph_document
from samverkan.server.negotiation import negotiate
from samverkan.server.validation_routes import get_validator
from samverkan.server.write_check import CheckedWrites
from samverkan.settings import Settings
from samverkan.sparql.formats import GRAPH_FORMATS, serialize_triples
from samverkan.store import QuerySyntaxError, Store, StoreError
from samverkan.validation.validator import ValidationReport

router = APIRouter(tags=["Graph Store"])

GraphParameter = Annotated[str | None, Query(description="IRI of the named graph")]
DefaultParameter = Annotated[
    str | None, Query(description="present to address the default graph (reads only)")
]


def _graph_iri(graph: str | None, default: str | None, *, write: bool) -> str | None:
    if graph is None and default is None:
        raise HTTPException(400, "name a graph with ?graph=IRI (or ?default to read the union)")
    if graph is None:
        if write:
            raise HTTPException(
                400, "the default graph is the union of the source graphs; write to a named graph instead"
            )
        return None
    try:
        return ox.NamedNode(graph).value
    except ValueError as error:
        raise HTTPException(400, f"not an absolute IRI: {graph!r}") from error


@router.get("/graph-store", summary="Read a named graph (or the union default graph)")
def read_graph(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    graph: GraphParameter = None,
    default: DefaultParameter = None,
    format: str | None = None,
) -> Response:
    iri = _graph_iri(graph, default, write=False)
    answer_format = negotiate(GRAPH_FORMATS, format, request.headers.get("accept", ""))
    if iri is None:
        answer = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
        assert isinstance(answer, ox.QueryTriples)
        triples = list(answer)
    else:
        if not store.has_graph(iri):
            raise HTTPException(404, f"no graph named <{iri}>")
        triples = store.graph_triples(iri)
    body = serialize_triples(triples, answer_format, ox.NamedNode(iri) if iri else None)
    return Response(body, media_type=f"{answer_format.media_type}; charset=utf-8")


async def _write(
    request: Request,
    store: Store,
    settings: Settings,
    graph: str | None,
    default: str | None,
    *,
    replace: bool,
) -> Response:
    require_writer(request, settings)
    iri = _graph_iri(graph, default, write=True)
    assert iri is not None
    media_type = request.headers.get("content-type", "").split(";")[0].strip()
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None or (rdf_format.supports_datasets and rdf_format != ox.RdfFormat.JSON_LD):
        raise HTTPException(
            415, f"send the graph as Turtle, N-Triples, RDF/XML or JSON-LD, not {media_type!r}"
        )
    body = await request.body()
    await run_in_threadpool(check_graph_document, body, rdf_format, settings)
    existed = store.has_graph(iri)
    try:
        write = (
            (lambda: store.replace_graph(iri, body, rdf_format))
            if replace
            else (lambda: store.load(body, rdf_format, iri))
        )
        report = await anyio.to_thread.run_sync(
            _checked(request).apply, write, [iri], get_validator(request, store)
        )
    except QuerySyntaxError as error:
        where = f" at line {error.line}, column {error.column}" if error.line is not None else ""
        raise HTTPException(400, f"malformed {rdf_format.name}{where}: {error.message}") from error
    except StoreError as error:
        raise HTTPException(502, f"the store failed: {error}") from error
    refuse_violations(report)
    metrics.UPDATES.inc()
    return Response(status_code=204 if existed else 201)


@router.put("/graph-store", summary="Replace a named graph", status_code=204)
async def put_graph(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    graph: GraphParameter = None,
    default: DefaultParameter = None,
) -> Response:
    return await _write(request, store, settings, graph, default, replace=True)


@router.post("/graph-store", summary="Add triples to a named graph", status_code=204)
async def post_graph(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    graph: GraphParameter = None,
    default: DefaultParameter = None,
) -> Response:
    return await _write(request, store, settings, graph, default, replace=False)


@router.delete("/graph-store", summary="Delete a named graph", status_code=204)
def delete_graph(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    graph: GraphParameter = None,
    default: DefaultParameter = None,
) -> Response:
    require_writer(request, settings)
    iri = _graph_iri(graph, default, write=True)
    assert iri is not None
    if not store.has_graph(iri):
        raise HTTPException(404, f"no graph named <{iri}>")
    refuse_violations(
        _checked(request).apply(lambda: store.drop_graph(iri), [iri], get_validator(request, store))
    )
    metrics.UPDATES.inc()
    return Response(status_code=204)


def _checked(request: Request) -> CheckedWrites:
    writes: CheckedWrites = request.app.state.writes
    return writes


def refuse_violations(report: ValidationReport | None) -> None:
    """422 with the report when a write would have added Violations (it has been undone)."""
    if report is not None:
        raise HTTPException(422, report.model_dump())
