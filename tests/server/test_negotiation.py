"""Content negotiation: the client's preferred format, `format=` first, 406 when nothing fits; choices are
remembered, refusals are not."""

from __future__ import annotations

import sys
from contextlib import suppress

import pytest
from fastapi import HTTPException

from samverkan.server.negotiation import negotiate
from samverkan.sparql.formats import GRAPH_FORMATS, SOLUTION_FORMATS


def test_the_preferred_offer_wins_and_format_overrides_accept() -> None:
    accept = "text/csv;q=0.5, application/sparql-results+xml"
    assert negotiate(SOLUTION_FORMATS, None, accept).name == "xml"
    assert negotiate(SOLUTION_FORMATS, None, accept).name == "xml"  # remembered: the same answer
    assert negotiate(SOLUTION_FORMATS, "csv", accept).name == "csv"
    assert negotiate(GRAPH_FORMATS, None, "text/turtle;q=0.5, application/n-triples").name == "ntriples"


@pytest.mark.parametrize(("requested", "accept"), [(None, "image/png"), ("png", "*/*")])
def test_a_refusal_is_given_every_time(requested: str | None, accept: str) -> None:
    for _ in range(2):
        with pytest.raises(HTTPException) as refused:
            negotiate(SOLUTION_FORMATS, requested, accept)
        assert refused.value.status_code == 406


def test_a_long_format_or_accept_is_not_remembered() -> None:
    """A form's `format=` may be as long as the body cap: 256 remembered would hold gigabytes."""
    accept = "application/sparql-results+json, " + "x/y;q=0.1, " * 10_000
    requested = "f" * 1_000_000
    held = sys.getrefcount(accept), sys.getrefcount(requested)
    assert negotiate(SOLUTION_FORMATS, None, accept).name == "json"
    with suppress(HTTPException):
        negotiate(SOLUTION_FORMATS, requested, "*/*")
    assert (sys.getrefcount(accept), sys.getrefcount(requested)) == held
