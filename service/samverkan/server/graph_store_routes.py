"""The SPARQL 1.1 Graph Store HTTP Protocol on named graphs.

A graph is named indirectly (`/graph-store?graph=IRI`) or directly, by a URL under the graph store
(`/graph-store/person/1.ttl` is the graph with that URL as its IRI). POST to `/graph-store` itself
creates a new graph under the graph store and answers with its IRI in `Location`. The default graph
is the union of the source graphs: it can be read (`?default`) but not written (405).
"""

from __future__ import annotations

import uuid
from typing import Annotated

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from samverkan.server import metrics
from samverkan.server.dependencies import get_settings, get_store
from samverkan.server.failures import store_failure
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

GRAPH_STORE = "/graph-store"
DIRECT = GRAPH_STORE + "/{path:path}"

GraphParameter = Annotated[str | None, Query(description="IRI of the named graph")]
DefaultParameter = Annotated[
    str | None, Query(description="present to address the default graph (reads only)")
]

READ_ONLY_DEFAULT = (
    "the default graph is the union of the source graphs and cannot be written; write to a named graph"
)


def _graph_iri(request: Request, graph: str | None, default: str | None, *, write: bool) -> str | None:
    """The graph a request names: `?graph`, else the request's own URL under the graph store."""
    if request.url.path.rstrip("/") != GRAPH_STORE:
        if graph is not None or default is not None:
            raise HTTPException(400, "a graph named by its URL takes no ?graph or ?default")
        graph = str(request.url.replace(query="", fragment=""))
    if graph is None and default is None:
        raise HTTPException(400, "name a graph with ?graph=IRI (or ?default to read the union)")
    if graph is None:
        if write:
            raise HTTPException(405, READ_ONLY_DEFAULT, headers={"Allow": "GET, HEAD"})
        return None
    try:
        return ox.NamedNode(graph).value
    except ValueError as error:
        raise HTTPException(400, f"not an absolute IRI: {graph!r}") from error


@router.get(GRAPH_STORE, summary="Read a named graph (or the union default graph)")
@router.get(DIRECT, summary="Read the graph named by this URL")
def read_graph(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    graph: GraphParameter = None,
    default: DefaultParameter = None,
    format: str | None = None,
) -> Response:
    iri = _graph_iri(request, graph, default, write=False)
    answer_format = negotiate(GRAPH_FORMATS, format, request.headers.get("accept", ""))
    if iri is not None and not store.has_graph(iri):
        raise HTTPException(404, f"no graph named <{iri}>")
    pattern = f"GRAPH {ox.NamedNode(iri)} {{ ?s ?p ?o }}" if iri else "?s ?p ?o"
    answer = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }} LIMIT {settings.result_limit + 1}")
    assert isinstance(answer, ox.QueryTriples)
    triples = list(answer)
    headers: dict[str, str] = {}
    if len(triples) > settings.result_limit:
        del triples[settings.result_limit :]
        headers["Samverkan-Result-Truncated"] = f"cut at {settings.result_limit} (SAMVERKAN_RESULT_LIMIT)"
    body = serialize_triples(triples, answer_format, ox.NamedNode(iri) if iri else None)
    return Response(body, media_type=f"{answer_format.media_type}; charset=utf-8", headers=headers)


async def _documents(request: Request) -> list[tuple[bytes, ox.RdfFormat]]:
    """The RDF graphs a request carries: its body, or each file of a multipart/form-data body."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "multipart/form-data":
        form = await request.form()
        parts = [part for part in form.values() if isinstance(part, UploadFile)]
        return [(await part.read(), _graph_format(part.content_type or "")) for part in parts]
    return [(await request.body(), _graph_format(media_type))]


def _graph_format(media_type: str) -> ox.RdfFormat:
    media_type = media_type.split(";")[0].strip()
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None or (rdf_format.supports_datasets and rdf_format != ox.RdfFormat.JSON_LD):
        raise HTTPException(
            415, f"send the graph as Turtle, N-Triples, RDF/XML or JSON-LD, not {media_type!r}"
        )
    return rdf_format


async def _write(request: Request, store: Store, settings: Settings, iri: str, *, replace: bool) -> bool:
    """Replace or extend the graph in one transaction; whether the graph existed before."""
    require_writer(request, settings)
    documents = await _documents(request)
    for data, rdf_format in documents:
        await run_in_threadpool(check_graph_document, data, rdf_format, settings)
    existed = store.has_graph(iri)

    def write() -> None:
        with store.transaction() as transaction:
            if replace:
                transaction.drop_graph(iri)
            for data, rdf_format in documents:
                transaction.load(data, rdf_format, iri)

    try:
        report = await anyio.to_thread.run_sync(
            _checked(request).apply, write, [iri], get_validator(request, store)
        )
    except QuerySyntaxError as error:
        where = f" at line {error.line}, column {error.column}" if error.line is not None else ""
        raise HTTPException(400, f"malformed graph{where}: {error.message}") from error
    except StoreError as error:
        raise store_failure(error) from error
    refuse_violations(report)
    metrics.UPDATES.inc()
    return existed


@router.put(GRAPH_STORE, summary="Replace a named graph", status_code=204)
@router.put(DIRECT, summary="Replace the graph named by this URL", status_code=204)
async def put_graph(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    graph: GraphParameter = None,
    default: DefaultParameter = None,
) -> Response:
    iri = _graph_iri(request, graph, default, write=True)
    assert iri is not None
    existed = await _write(request, store, settings, iri, replace=True)
    return Response(status_code=204 if existed else 201)


@router.post(GRAPH_STORE, summary="Add triples to a named graph, or create a new graph", status_code=204)
@router.post(DIRECT, summary="Add triples to the graph named by this URL", status_code=204)
async def post_graph(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    graph: GraphParameter = None,
    default: DefaultParameter = None,
) -> Response:
    """With no graph named, the content becomes a new graph whose IRI (under the graph store) is in `Location`."""
    at_store = request.url.path.rstrip("/") == GRAPH_STORE
    if at_store and graph is None and default is None:
        created = str(request.url.replace(path=f"{GRAPH_STORE}/{uuid.uuid4().hex}", query="", fragment=""))
        await _write(request, store, settings, created, replace=False)
        return Response(status_code=201, headers={"Location": created})
    iri = _graph_iri(request, graph, default, write=True)
    assert iri is not None
    existed = await _write(request, store, settings, iri, replace=False)
    return Response(status_code=204 if existed else 201)


@router.delete(GRAPH_STORE, summary="Delete a named graph", status_code=204)
@router.delete(DIRECT, summary="Delete the graph named by this URL", status_code=204)
def delete_graph(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    graph: GraphParameter = None,
    default: DefaultParameter = None,
) -> Response:
    require_writer(request, settings)
    iri = _graph_iri(request, graph, default, write=True)
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
