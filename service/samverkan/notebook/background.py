"""The service in a background thread on loopback, for notebooks and tests that need a live endpoint.

A notebook cannot hold a `with` block open across cells, so `BackgroundServer` has explicit
`start` and `stop`; `serving` is the same as a context manager.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

import uvicorn
from fastapi import FastAPI

from samverkan.knowledge.loading import ensure_loaded
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import open_store

LOOPBACK = "127.0.0.1"


class BackgroundServer:
    """uvicorn serving an application on a free loopback port, in a daemon thread."""

    def __init__(self, app: FastAPI, host: str = LOOPBACK) -> None:
        self._server = uvicorn.Server(uvicorn.Config(app, host=host, port=0, log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, name="samverkan-service", daemon=True)
        self._host = host
        self.url: str | None = None
        """Base URL once started (`http://127.0.0.1:PORT`), `None` before and after."""

    def start(self, timeout: float = 30.0) -> str:
        """Start serving and return the base URL once the socket listens."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the service stopped while starting")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the service did not start within {timeout} s")
            time.sleep(0.05)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://{self._host}:{port}"
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        """Ask uvicorn to finish (running the app's shutdown) and wait for the thread."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=timeout)
        self.url = None

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve an application on loopback for the duration of a block; yields its base URL."""
    with BackgroundServer(app) as url:
        yield url


def serve_in_background(settings: Settings) -> BackgroundServer:
    """Open the store the settings name, load the project into it if empty, and serve it on loopback.

    The port is free and chosen by the system (not `settings.port`), so a notebook's private
    service never collides with `make serve`. Stop it with `stop()`; that also closes the store.
    """
    store = open_store(settings)
    try:
        ensure_loaded(store, settings)
        server = BackgroundServer(create_app(settings, store))
        server.start()
    except BaseException:
        store.close()
        raise
    return server
