"""Start the service with the garbage collector paused, run it under uvicorn until SIGTERM or SIGINT, and then
really stop."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from samverkan.settings import Settings
from samverkan.store.heap import collector_paused

if TYPE_CHECKING:
    from fastapi import FastAPI


@contextmanager
def starting() -> Iterator[None]:
    """The block that imports the service's modules (their routes are made as they are imported) with the cyclic
    garbage collector paused, and what it made frozen after (`gc.freeze`), then the collector as it was.

    They are some 190,000 objects that live as long as the service and hold few cycles (about 1,400 garbage);
    collections triggered while they were made walked them again and again (measured: a seventh of
    start-up's CPU time), and once frozen no later collection walks them, nor writes to their pages, which
    the forked query workers share."""
    with collector_paused():
        try:
            yield
        finally:
            gc.freeze()


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
