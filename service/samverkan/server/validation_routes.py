"""`POST /validate`: validate an RDF document with the ontology against the shapes; nothing is stored."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from samverkan.reports.text import validation_turtle
from samverkan.server.admission import Slots
from samverkan.server.dependencies import get_settings, get_store
from samverkan.server.limits import check_rdf_document
from samverkan.server.negotiation import choose
from samverkan.server.pages import render
from samverkan.settings import Settings
from samverkan.store import QuerySyntaxError, Store
from samverkan.validation.documents import parse_quads
from samverkan.validation.validator import ValidationReport, Validator, shapes_version

router = APIRouter(tags=["Validation"])

BODY_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
REPORT_TYPES = ("application/json", "text/turtle", "text/html")


def get_validator(request: Request, store: Annotated[Store, Depends(get_store)]) -> Validator:
    """The application's validator, built from the store's shapes and ontology; rebuilt when the shapes change."""
    validator: Validator | None = getattr(request.app.state, "validator", None)
    if validator is None or validator.shapes_version != shapes_version(store):
        validator = Validator(store)
        request.app.state.validator = validator
    return validator


@router.post(
    "/validate",
    response_model=ValidationReport,
    responses={
        200: {"content": {"text/turtle": {}, "text/html": {}}, "description": "The validation report."},
        400: {
            "description": "The body is not well-formed (the detail names line and column), "
            "or nests deeper than SAMVERKAN_MAX_NESTING_DEPTH."
        },
        406: {"description": "No acceptable report format."},
        413: {"description": "The body is larger than SAMVERKAN_MAX_BODY_BYTES."},
        415: {"description": "The Content-Type is not an RDF format this endpoint reads."},
        503: {"description": "SAMVERKAN_MAX_RUNNING_VALIDATIONS are being worked on (Retry-After)."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media_type: {"schema": {"type": "string"}} for media_type in BODY_FORMATS},
        }
    },
)
async def validate(
    request: Request,
    validator: Annotated[Validator, Depends(get_validator)],
    settings: Annotated[Settings, Depends(get_settings)],
    lang: Annotated[str, Query(description="Language of labels and messages: sv or en.")] = "sv",
) -> Response:
    """Validate a Turtle, TriG, N-Triples, N-Quads or JSON-LD body together with the ontology."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    rdf_format = BODY_FORMATS.get(content_type)
    if rdf_format is None:
        raise HTTPException(415, f"send one of {', '.join(BODY_FORMATS)}")
    media_type = choose(request.headers.get("accept", ""), REPORT_TYPES)
    if media_type is None:
        raise HTTPException(406, f"the report is available as {', '.join(REPORT_TYPES)}")
    validations: Slots = request.app.state.validations
    with validations.slot():
        try:
            quads = await run_in_threadpool(_read_document, await request.body(), rdf_format, settings)
        except QuerySyntaxError as error:
            detail = {"message": error.message, "line": error.line, "column": error.column}
            raise HTTPException(400, detail) from error
        report = await run_in_threadpool(validator.validate_quads, quads, lang)
    if media_type == "text/turtle":
        return Response(validation_turtle(report), media_type="text/turtle; charset=utf-8")
    if media_type == "text/html":
        return render(request, "validation_report.html", lang, {"report": report})
    return Response(report.model_dump_json(), media_type="application/json")


def _read_document(data: bytes, rdf_format: ox.RdfFormat, settings: Settings) -> list[ox.Quad]:
    check_rdf_document(data, rdf_format, settings)
    return parse_quads(data, rdf_format)
