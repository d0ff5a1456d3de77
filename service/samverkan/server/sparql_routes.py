"""The SPARQL 1.1 query endpoint (`/sparql`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from samverkan.answers import AnswerFormat, find_format, formats_for, serialize_answer
from samverkan.server.dependencies import get_store
from samverkan.store import QueryAnswer, QueryDataset, QuerySyntaxError, Store, StoreError

router = APIRouter(tags=["SPARQL"])


@router.api_route("/sparql", methods=["GET", "POST"])
async def sparql(request: Request, store: Annotated[Store, Depends(get_store)]) -> Response:
    """Answer a SPARQL query sent by GET (`query=`) or POST (form or `application/sparql-query`)."""
    params = dict(request.query_params)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type == "application/sparql-query":
            params["query"] = (await request.body()).decode("utf-8")
        else:
            params.update({k: str(v) for k, v in (await request.form()).items()})
    query = params.get("query")
    if not query:
        raise HTTPException(400, "missing the 'query' parameter")
    dataset = QueryDataset(
        tuple(request.query_params.getlist("default-graph-uri")),
        tuple(request.query_params.getlist("named-graph-uri")),
    )
    try:
        answer = store.query(query, dataset)
    except QuerySyntaxError as error:
        raise HTTPException(400, f"malformed query: {error.message}") from error
    except StoreError as error:
        raise HTTPException(500, str(error)) from error
    answer_format = _negotiate(answer, params.get("format"), request.headers.get("accept", ""))
    body = serialize_answer(answer, answer_format)
    return Response(body, media_type=f"{answer_format.media_type}; charset=utf-8")


def _negotiate(answer: QueryAnswer, requested: str | None, accept: str) -> AnswerFormat:
    if requested:
        found = find_format(requested, answer)
        if found is None:
            raise HTTPException(406, f"cannot write this answer as {requested!r}")
        return found
    for media_type in (part.split(";")[0].strip() for part in accept.split(",")):
        found = find_format(media_type, answer)
        if found is not None:
            return found
    return formats_for(answer)[0]
