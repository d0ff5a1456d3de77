"""Request guards: write authorisation and the federation allow-list."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from samverkan.server.dependencies import get_settings
from samverkan.settings import Settings
from samverkan.sparql.text import external_targets


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


def refuse_external_fetches(sparql: str, settings: Settings) -> None:
    """SERVICE and LOAD may reach only allow-listed endpoints: the service is no proxy."""
    for keyword, target in external_targets(sparql):
        if target not in settings.federation_allowlist:
            raise HTTPException(
                403,
                f"{keyword} <{target}> is refused: the endpoint is not in SAMVERKAN_FEDERATION_ALLOWLIST",
            )
