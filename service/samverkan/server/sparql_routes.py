"""The SPARQL 1.1 Protocol endpoint (`/sparql`): queries, updates, service description, query UI."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

import anyio
from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from fastapi.routing import APIRoute
from starlette.datastructures import URL

from samverkan.server import metrics
from samverkan.server.admission import QueryAdmission, Ticket
from samverkan.server.description import service_description_response
from samverkan.server.failures import store_failure
from samverkan.server.forked import ForkedAnswer
from samverkan.server.guards import REMEMBERED_LENGTH, check_dataset, check_sparql, require_writer
from samverkan.server.killable_update import update_by_child
from samverkan.server.negotiation import choose, negotiate
from samverkan.server.query_ui import query_ui_page
from samverkan.server.sparql_openapi import SPARQL_GET, SPARQL_POST
from samverkan.server.streaming import AnswerReader, StreamedAnswer
from samverkan.server.validation_routes import get_validator
from samverkan.server.workers import QueryJob, QueryWorkers
from samverkan.server.write_check import CheckedWrites
from samverkan.settings import Settings
from samverkan.sparql.collected import CollectedAnswer, QueryTimeout, serialize_collected
from samverkan.sparql.formats import GRAPH_FORMATS, SOLUTION_FORMATS, AnswerFormat
from samverkan.sparql.remembered import remembered
from samverkan.sparql.syntax import explain
from samverkan.sparql.text import query_form
from samverkan.sparql.update_dataset import with_using
from samverkan.store import QueryDataset, QuerySyntaxError, Store, StoreError, UpdateRefused
from samverkan.store.embedded import EmbeddedStore
from samverkan.store.remote import RemoteStore
from samverkan.validation.validator import Validator


class DirectRoute(APIRoute):
    """A route whose endpoint is called with the request alone, as Starlette calls one: documented in the
    OpenAPI document like any route, without FastAPI's solving of parameters and dependencies, which cost
    a fifth of a small query's time in the service (#22). The endpoint reads what it needs itself."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint: Callable[[Request], Coroutine[Any, Any, Response]] = self.endpoint
        return endpoint


router = APIRouter(tags=["SPARQL"], route_class=DirectRoute)

SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
SERIALIZE_ON_LOOP = 1000
"""Answers of up to this many rows are written on the event loop (a thread hop costs more); longer ones on a worker."""
PARSE_FORM_ON_LOOP = 16 * 1024
"""Form bodies of up to this many characters are parsed on the event loop; longer ones on a worker thread."""
MAX_FORM_FIELDS = 1000
"""Most fields a form may carry (a long body of empty fields would otherwise become millions of pairs)."""
REMEMBERED_QUERIES = 256
"""Distinct query texts whose form, and URL query strings whose fields, are remembered (clients send the same
few again and again)."""


@dataclass(frozen=True)
class ProtocolRequest:
    """What a SPARQL Protocol request asks for, whichever way it was sent."""

    query: str | None
    update: str | None
    dataset: QueryDataset
    using: QueryDataset
    """The update's dataset (`using-graph-uri`, `using-named-graph-uri`)."""
    format: str | None
    base_iri: str
    """Relative IRIs in the request resolve against the endpoint's URL."""


async def read_protocol_request(request: Request) -> ProtocolRequest:
    """Read query or update, dataset and format from GET parameters, a form, or a direct body."""
    fields: dict[str, list[str]] = {}
    for key, value in _url_fields(request.scope["query_string"]):
        fields.setdefault(key, []).append(value)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HTTPException(400, "the request body is not UTF-8") from error
        if content_type == SPARQL_QUERY:
            fields["query"] = [text]
        elif content_type == SPARQL_UPDATE:
            fields["update"] = [text]
        elif content_type == FORM:
            for key, value in await _parsed_form(text):
                fields.setdefault(key, []).append(value)
        elif content_type == "multipart/form-data":
            form = await request.form()
            for key in form:
                fields.setdefault(key, []).extend(str(v) for v in form.getlist(key))
        else:
            raise HTTPException(
                415, f"send a query as {SPARQL_QUERY}, an update as {SPARQL_UPDATE}, or a form as {FORM}"
            )
    if len(fields.get("query", [])) + len(fields.get("update", [])) > 1:
        raise HTTPException(400, "send exactly one 'query' or one 'update'")
    return ProtocolRequest(
        query=_first(fields, "query"),
        update=_first(fields, "update"),
        dataset=QueryDataset(
            tuple(fields.get("default-graph-uri", [])), tuple(fields.get("named-graph-uri", []))
        ),
        using=QueryDataset(
            tuple(fields.get("using-graph-uri", [])), tuple(fields.get("using-named-graph-uri", []))
        ),
        format=_first(fields, "format"),
        base_iri=str(URL(scope={**request.scope, "query_string": b""})),
    )


@remembered(REMEMBERED_QUERIES, REMEMBERED_LENGTH)
def _url_fields(query_string: bytes) -> tuple[tuple[str, str], ...]:
    """The fields of a URL's query string, read as `request.query_params` reads them."""
    return tuple(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))


async def _parsed_form(text: str) -> list[tuple[str, str]]:
    """The fields of a form body (whose size the body cap has bounded): parsed on a worker thread when long."""
    parse = partial(parse_qsl, text, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    try:
        return parse() if len(text) <= PARSE_FORM_ON_LOOP else await run_in_threadpool(parse)
    except ValueError as error:
        raise HTTPException(400, f"a form of more than {MAX_FORM_FIELDS} fields is refused") from error


def _first(fields: dict[str, list[str]], key: str) -> str | None:
    values = fields.get(key)
    return values[0] if values else None


@router.get(
    "/sparql",
    summary="SPARQL 1.1 query; service description or query UI",
    operation_id="sparql_get",
    openapi_extra=SPARQL_GET,
)
@router.post(
    "/sparql", summary="SPARQL 1.1 query or update", operation_id="sparql_post", openapi_extra=SPARQL_POST
)
async def sparql(request: Request) -> Response:
    """Answer a SPARQL query (GET `query=`, POST form or `application/sparql-query`) or apply an
    update (POST `update=` or `application/sparql-update`, with a bearer token). Without either,
    GET returns the service description, or the query UI for browsers."""
    store: Store = request.app.state.store  # not FastAPI dependencies: solving them cost more than
    settings: Settings = request.app.state.settings  # a small query's run (#22)
    protocol = await read_protocol_request(request)
    if protocol.update is not None:
        if request.method != "POST":
            raise HTTPException(405, "updates must be sent with POST")
        require_writer(request, settings)
        return await _run_update(
            protocol.update,
            protocol.using,
            protocol.base_iri,
            store,
            settings,
            request.app.state.writes,
            get_validator(request, store),
        )
    if protocol.query is None:
        if request.method == "POST":
            raise HTTPException(400, "missing the 'query' or 'update' parameter")
        accept = request.headers.get("accept", "")
        if choose(accept, ["text/html", *(f.media_type for f in GRAPH_FORMATS)]) == "text/html":
            return await run_in_threadpool(query_ui_page, request, store)
        return await run_in_threadpool(service_description_response, request, store, protocol.format)
    admission: QueryAdmission = request.app.state.admission
    workers: QueryWorkers | None = request.app.state.workers
    return await _run_query(protocol, request.headers.get("accept", ""), store, settings, admission, workers)


async def _run_query(
    protocol: ProtocolRequest,
    accept: str,
    store: Store,
    settings: Settings,
    admission: QueryAdmission,
    workers: QueryWorkers | None,
) -> Response:
    assert protocol.query is not None
    await check_sparql(protocol.query, settings, update=False)
    check_dataset(protocol.dataset)
    answer_format = negotiate(_offers(protocol.query), protocol.format, accept)
    ticket = admission.admit()
    try:
        if workers is not None:
            answer: CollectedAnswer | StreamedAnswer | ForkedAnswer = await _in_worker(
                protocol, accept, settings, workers, ticket
            )
        else:
            reader = AnswerReader(
                answer_format,
                timeout=settings.query_timeout,
                limit=settings.result_limit,
                stream_after=settings.stream_after,
            )
            reading = store.limited(settings.result_limit + 1) if isinstance(store, RemoteStore) else store
            run = partial(reading.query, protocol.query, protocol.dataset, base_iri=protocol.base_iri)
            answer = await reader.run(run, limiter=admission.limiter, on_finish=ticket.finish)
    except (QueryTimeout, TimeoutError) as error:
        if workers is None:
            ticket.abandon()  # its thread runs on until the engine step ends
        metrics.QUERY_TIMEOUTS.inc()
        raise HTTPException(
            503, f"the query was stopped after {settings.query_timeout:g} s (SAMVERKAN_QUERY_TIMEOUT)"
        ) from error
    except QuerySyntaxError as error:
        raise HTTPException(400, syntax_message("malformed query", error, protocol.query or "")) from error
    except (StoreError, OSError, RuntimeError, ValueError, SyntaxError) as error:  # SyntaxError: a remote
        raise store_failure(error) from error  # answer found unreadable as it was read
    if isinstance(answer, ForkedAnswer):
        return Response(answer.body, media_type=answer.media_type, headers=_cut(answer.truncated, settings))
    media_type = f"{answer_format.media_type}; charset=utf-8"
    if isinstance(answer, StreamedAnswer):
        limit_note = f"{settings.result_limit} (SAMVERKAN_RESULT_LIMIT)"
        return StreamingResponse(
            answer.chunks,
            media_type=answer.media_type or media_type,
            headers={"Samverkan-Result-Limit": limit_note},
        )
    if answer.is_graph != answer_format.for_graphs:
        answer_format = _format_for(protocol.format, accept, answer.is_graph)
        media_type = f"{answer_format.media_type}; charset=utf-8"
    headers = _cut(answer.truncated, settings)
    body = (
        serialize_collected(answer, answer_format)
        if answer.size <= SERIALIZE_ON_LOOP
        else await run_in_threadpool(serialize_collected, answer, answer_format)
    )
    return Response(body, media_type=media_type, headers=headers)


async def _in_worker(
    protocol: ProtocolRequest, accept: str, settings: Settings, workers: QueryWorkers, ticket: Ticket
) -> ForkedAnswer | StreamedAnswer:
    """The query in a worker process, killed at its deadline; the ticket is finished when the answer is
    whole, or when its stream ends."""
    assert protocol.query is not None
    start = time.monotonic()
    job = QueryJob(
        protocol.query,
        protocol.dataset,
        protocol.base_iri,
        partial(_format_for, protocol.format, accept),
        deadline=start + settings.query_timeout,
        limit=settings.result_limit,
        stream_after=max(1, min(settings.stream_after, settings.result_limit)),
    )
    try:
        answer = await workers.answer(job)
    except BaseException:
        ticket.finish()
        metrics.QUERY_SECONDS.observe(time.monotonic() - start)
        raise
    if isinstance(answer, ForkedAnswer):
        ticket.finish()
        metrics.QUERY_SECONDS.observe(time.monotonic() - start)
        return answer
    return StreamedAnswer(_finishing(answer.chunks, ticket, start), answer.media_type)


async def _finishing(chunks: AsyncIterator[bytes], ticket: Ticket, start: float) -> AsyncIterator[bytes]:
    """The chunks of a streamed answer; its ticket finished and its time recorded when the stream ends."""
    try:
        async for chunk in chunks:
            yield chunk
    except QueryTimeout:  # after the headers: the transfer breaks
        metrics.QUERY_TIMEOUTS.inc()
        raise
    finally:
        ticket.finish()
        metrics.QUERY_SECONDS.observe(time.monotonic() - start)


@remembered(REMEMBERED_QUERIES, REMEMBERED_LENGTH)
def _offers(query: str) -> tuple[AnswerFormat, ...]:
    """The formats a query's answer may be written in: graph formats for CONSTRUCT and DESCRIBE."""
    return GRAPH_FORMATS if query_form(query) in {"CONSTRUCT", "DESCRIBE"} else SOLUTION_FORMATS


def _format_for(requested: str | None, accept: str, is_graph: bool) -> AnswerFormat:
    return negotiate(GRAPH_FORMATS if is_graph else SOLUTION_FORMATS, requested, accept)


def _cut(truncated: bool, settings: Settings) -> dict[str, str]:
    """The header that says an answer was cut at the cap."""
    if not truncated:
        return {}
    return {"Samverkan-Result-Truncated": f"cut at {settings.result_limit} (SAMVERKAN_RESULT_LIMIT)"}


async def _run_update(
    update: str,
    using: QueryDataset,
    base_iri: str,
    store: Store,
    settings: Settings,
    writes: CheckedWrites,
    validator: Validator,
) -> Response:
    """Apply an update with its protocol dataset (`using-graph-uri`, …) and base IRI."""
    await check_sparql(update, settings, update=True)
    try:
        text = with_using(update, using.default_graphs, using.named_graphs)
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    write = (
        partial(update_by_child, store, text, base_iri, timeout=settings.update_timeout)
        if isinstance(store, EmbeddedStore)
        else partial(store.update, text, base_iri)
    )
    try:
        report = await anyio.to_thread.run_sync(writes.apply, write, None, validator)
    except QueryTimeout as error:
        raise HTTPException(
            503,
            f"the update was stopped after {settings.update_timeout:g} s (SAMVERKAN_UPDATE_TIMEOUT); "
            "nothing was changed",
        ) from error
    except QuerySyntaxError as error:
        raise HTTPException(400, syntax_message("malformed update", error, update)) from error
    except UpdateRefused as error:
        raise HTTPException(
            400, f"the update cannot be carried out as written: {error}; nothing was changed"
        ) from error
    except StoreError as error:
        raise store_failure(error) from error
    if report is not None:
        raise HTTPException(422, report.model_dump())
    metrics.UPDATES.inc()
    return Response(status_code=204)


def syntax_message(what: str, error: QuerySyntaxError, text: str) -> str:
    """`what`, then where, what was found there and what would work (`samverkan.sparql.syntax`)."""
    return f"{what}: {explain(text, error.line, error.column, error.message)}"
