"""What a worker process sends back for a query (`server.workers`): a whole answer, or why there is none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from fastapi import HTTPException

from samverkan.sparql.collected import QueryTimeout
from samverkan.store import QuerySyntaxError, StoreError, UpdateRefused


@dataclass(frozen=True)
class ForkedAnswer:
    """A whole answer written by a worker: its media type, body and whether it was cut at the cap."""

    media_type: str
    body: bytes
    truncated: bool


@dataclass(frozen=True)
class Failure:
    """Why a worker gave no answer, as the service raises it again."""

    kind: str
    """`syntax`, `refused` (an update the engine cannot carry out), `timeout`, `http` (from choosing the format)
    or `store`."""
    message: str
    line: int | None = None
    column: int | None = None
    status: int = 502

    def raise_again(self) -> NoReturn:
        if self.kind == "syntax":
            raise QuerySyntaxError(self.message, self.line, self.column)
        if self.kind == "refused":
            raise UpdateRefused(self.message)
        if self.kind == "timeout":
            raise QueryTimeout(self.message)
        if self.kind == "http":
            raise HTTPException(self.status, self.message)
        raise StoreError(self.message)


def failure_of(error: Exception) -> Failure:
    """The failure that raises `error` again on the other side (any other error as a store failure)."""
    if isinstance(error, QuerySyntaxError):
        return Failure("syntax", error.message, error.line, error.column)
    if isinstance(error, UpdateRefused):
        return Failure("refused", str(error))
    if isinstance(error, QueryTimeout):
        return Failure("timeout", "the query ran past its deadline")
    if isinstance(error, HTTPException):
        return Failure("http", str(error.detail), status=error.status_code)
    return Failure("store", f"{type(error).__name__}: {error}")
