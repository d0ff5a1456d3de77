"""The floor of a Python ASGI server: uvicorn answering every request with a fixed SPARQL answer.

Served the way Samverkan is (uvicorn with its default loop and HTTP parser, access log on), it does no
work of its own, so its latency is what the HTTP layer alone costs: the part of Samverkan's /sparql
latency that any Python ASGI service pays before FastAPI, the guards or the query run.
"""

from __future__ import annotations

from starlette.types import Receive, Scope, Send

ANSWER = b'{"head":{},"boolean":true}'
HEADERS = [
    (b"content-type", b"application/sparql-results+json; charset=utf-8"),
    (b"content-length", str(len(ANSWER)).encode()),
]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    """Answer an HTTP request with `ANSWER` (the body of a request, if any, is not read)."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": ANSWER})
