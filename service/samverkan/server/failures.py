"""Failures of the store, or of an endpoint it called, as HTTP errors that do not echo what came back."""

from __future__ import annotations

import logging

from fastapi import HTTPException

logger = logging.getLogger("samverkan.server")


def store_failure(error: BaseException, what: str = "the store failed") -> HTTPException:
    """A 502 naming only the kind of failure: a remote reply may carry data from an internal address."""
    logger.warning("%s: %s", what, error)
    return HTTPException(502, f"{what} ({type(error).__name__}); the service log has the details")
