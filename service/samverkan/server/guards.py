"""Request guards: write authorisation, limits on SPARQL text, and the federation allow-list."""

from __future__ import annotations

import secrets
import threading
from typing import Annotated

import pyoxigraph as ox
from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from samverkan.server.dependencies import get_settings
from samverkan.server.nesting import AmbiguousText, SparqlScan, scan_sparql
from samverkan.settings import Settings
from samverkan.sparql.remembered import remembered
from samverkan.store import QueryDataset

SCAN_ON_LOOP_BYTES = 64 * 1024
"""Texts up to this size are scanned on the event loop (a thread hop costs more); larger ones on a worker."""
CHECKED_FETCH_BYTES = 64 * 1024
"""Longest query or update with SERVICE or LOAD: its targets are read by rdflib's parser (about 2 s here)."""
FETCH_CHECKS = threading.BoundedSemaphore(2)
"""Parses of such texts at once; more are refused (503) rather than queued on the shared thread pool."""
REMEMBERED_SCANS = 256
"""Distinct texts whose scan is remembered: a client sends the same few queries again and again."""
REMEMBERED_LENGTH = 4096
"""The longest text (in characters) whose scan is remembered, so 256 of them hold at most 4 MiB; longer
ones are scanned anew."""


def require_writer(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """Writes need a configured token and `Authorization: Bearer <token>`."""
    if settings.update_token is None:
        raise HTTPException(403, "writes are disabled on this service (no SAMVERKAN_UPDATE_TOKEN is set)")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(
            401, "writes need 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(token.strip(), settings.update_token.get_secret_value()):
        raise HTTPException(403, "the bearer token is not valid for writes")


async def check_sparql(text: str, settings: Settings, *, update: bool, base_iri: str | None = None) -> None:
    """Refuse a query or update before the engine parses it: too large or too deeply nested (400),
    or fetching from an endpoint that is not allow-listed (403)."""
    what = "update" if update else "query"
    size = len(text.encode())
    limit, setting = (
        (settings.max_body_bytes, "SAMVERKAN_MAX_BODY_BYTES")
        if update
        else (settings.max_query_bytes, "SAMVERKAN_MAX_QUERY_BYTES")
    )
    if size > limit:
        raise HTTPException(400, f"the {what} is {size} bytes long; {setting} allows {limit}")
    if size <= SCAN_ON_LOOP_BYTES:
        external = check_nesting(text, what, settings)
    else:
        external = await run_in_threadpool(check_nesting, text, what, settings)
    if external:
        await run_in_threadpool(refuse_external_fetches, text, external, settings, update, base_iri)


def check_nesting(text: str, what: str, settings: Settings) -> int:
    """400 when the text nests deeper than allowed; the number of SERVICE/LOAD keywords in it."""
    try:
        scan = _scanned(text)
    except AmbiguousText as error:
        raise HTTPException(400, f"the {what} cannot be checked safely: {error}") from error
    if scan.depth > settings.max_nesting_depth:
        raise HTTPException(
            400,
            f"the {what} nests {scan.depth} levels of brackets, braces or parentheses deep; "
            f"SAMVERKAN_MAX_NESTING_DEPTH allows {settings.max_nesting_depth}",
        )
    return scan.external_keywords


@remembered(REMEMBERED_SCANS, REMEMBERED_LENGTH)
def _scanned(text: str) -> SparqlScan:
    return scan_sparql(text)


def refuse_external_fetches(
    text: str, keywords: int, settings: Settings, update: bool, base_iri: str | None
) -> None:
    """SERVICE and LOAD may reach only allow-listed endpoints: the service is no proxy.

    The targets come from the parse tree. `keywords` is how many SERVICE/LOAD keywords the scan saw;
    a parse that finds fewer (the parser and the engine would read the text differently) is refused."""
    what = "update" if update else "query"
    if len(text.encode()) > CHECKED_FETCH_BYTES:
        raise HTTPException(
            400, f"with SERVICE or LOAD, the {what} may be at most {CHECKED_FETCH_BYTES} bytes long"
        )
    if not FETCH_CHECKS.acquire(blocking=False):
        raise HTTPException(
            503,
            "other queries with SERVICE or LOAD are being checked; try again shortly",
            headers={"Retry-After": "1"},
        )
    from samverkan.server.fetch_targets import UncheckableText, fetch_targets  # rdflib: not at start-up

    try:
        targets = fetch_targets(text, update=update, base_iri=base_iri)
    except UncheckableText as error:
        raise HTTPException(
            400, f"the {what} uses SERVICE or LOAD and could not be checked: {error}"
        ) from error
    finally:
        FETCH_CHECKS.release()
    if len(targets) < keywords:
        raise HTTPException(400, f"the {what} uses SERVICE or LOAD in a way that could not be checked")
    for keyword, target in targets:
        if target not in settings.federation_allowlist:
            raise HTTPException(
                403,
                f"{keyword} <{target}> is refused: the endpoint is not in SAMVERKAN_FEDERATION_ALLOWLIST",
            )


def check_dataset(dataset: QueryDataset) -> None:
    """400 unless every `default-graph-uri` and `named-graph-uri` is an absolute IRI."""
    for iri in (*dataset.default_graphs, *dataset.named_graphs):
        try:
            ox.NamedNode(iri)
        except ValueError as error:
            raise HTTPException(
                400, f"not an absolute IRI: {iri!r} (default-graph-uri or named-graph-uri)"
            ) from error
