"""The service in a background thread: it answers while running, and is gone once stopped."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from fastapi import FastAPI

from samverkan.notebook.background import BackgroundServer, serve_in_background
from samverkan.settings import Settings


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return bytes(response.read())


def test_start_answers_and_stop_frees_the_port() -> None:
    app = FastAPI()

    @app.get("/ping")
    def ping() -> str:
        return "pong"

    server = BackgroundServer(app)
    url = server.start()
    assert url.startswith("http://127.0.0.1:")
    assert json.loads(_get(f"{url}/ping")) == "pong"
    server.stop()
    assert not server.running and server.url is None
    with pytest.raises(urllib.error.URLError):
        _get(f"{url}/ping")


def test_the_project_service_in_the_background(settings: Settings) -> None:
    service = serve_in_background(settings)
    try:
        assert service.url is not None
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        answer = json.loads(_get(f"{service.url}/sparql?{query}&format=json"))
        assert int(answer["results"]["bindings"][0]["n"]["value"]) > 1000
    finally:
        service.stop()
    assert not service.running
