"""Limits enforced before anything parses: a cap on request bodies, and RDF documents whose parser could be
taken down (JSON-LD nested thousands deep overflows its stack; RDF/XML entities expand without bound)."""

from __future__ import annotations

import re

import pyoxigraph as ox
from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from samverkan.server.nesting import json_depth
from samverkan.settings import Settings

_DOCUMENT_TYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def check_rdf_document(data: bytes, rdf_format: ox.RdfFormat, settings: Settings) -> None:
    """400 for JSON-LD nested deeper than SAMVERKAN_MAX_NESTING_DEPTH and for RDF/XML that is not
    UTF-8 or declares a document type (where entities are defined)."""
    if rdf_format == ox.RdfFormat.JSON_LD:
        depth = json_depth(data.decode("utf-8", errors="replace"))
        if depth > settings.max_nesting_depth:
            raise HTTPException(
                400,
                f"the JSON-LD document nests {depth} objects or arrays deep; "
                f"SAMVERKAN_MAX_NESTING_DEPTH allows {settings.max_nesting_depth}",
            )
    elif rdf_format == ox.RdfFormat.RDF_XML:
        if b"\0" in data or data.startswith((b"\xfe\xff", b"\xff\xfe")):
            raise HTTPException(400, "send RDF/XML encoded as UTF-8")
        if _DOCUMENT_TYPE.search(data):
            raise HTTPException(
                400, "RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion)"
            )


def check_graph_document(data: bytes, rdf_format: ox.RdfFormat, settings: Settings) -> None:
    """`check_rdf_document`, and 400 for JSON-LD that names graphs: a graph store write holds one graph."""
    check_rdf_document(data, rdf_format, settings)
    if rdf_format != ox.RdfFormat.JSON_LD:
        return
    try:
        named = any(not isinstance(quad.graph_name, ox.DefaultGraph) for quad in ox.parse(data, rdf_format))
    except SyntaxError:
        return  # the write reports it with its position
    if named:
        raise HTTPException(400, "the JSON-LD document names graphs; a graph store write holds one graph")


class BodySizeLimit:
    """ASGI middleware answering 413 when a body exceeds `max_bytes` (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = f'{{"detail":"request body larger than {self.max_bytes} bytes"}}'.encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """Raised inside the app when a streamed body passes the cap."""
