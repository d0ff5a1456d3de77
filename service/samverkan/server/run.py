"""Run the service under uvicorn until SIGTERM or SIGINT, and then really stop."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from fastapi import FastAPI

from samverkan.settings import Settings


def run_until_stopped(app: FastAPI, settings: Settings) -> NoReturn:
    """Serve; on SIGTERM or SIGINT wait `shutdown_grace` seconds for open requests, close the store, and exit.

    The exit does not wait for engine threads still inside a step (queries that ran past their
    deadline cannot be interrupted): the store has been flushed by then, and a write is atomic."""
    import uvicorn

    try:
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level="info",
            timeout_graceful_shutdown=max(1, round(settings.shutdown_grace)),
        )
    finally:  # uvicorn ends a SIGTERM by raising it again once shut down; a SIGINT ends here
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
