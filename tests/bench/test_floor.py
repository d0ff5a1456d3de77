"""The ASGI floor answers every request with a SPARQL answer the load generator reads."""

from __future__ import annotations

import asyncio

from starlette.types import Message

from samverkan.bench.floor import app
from samverkan.bench.load import answer_rows


def test_the_floor_answers_any_request_with_a_boolean_result() -> None:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/sparql", "query_string": b"query=ASK", "headers": []}
    asyncio.run(app(scope, receive, send))
    start, body = sent
    assert start["status"] == 200
    headers = dict(start["headers"])
    assert int(headers[b"content-length"]) == len(body["body"])
    assert headers[b"content-type"].startswith(b"application/sparql-results+json")
    assert answer_rows(body["body"]) == 1
