"""Start-up: what the service makes is frozen for the garbage collector, which runs as before afterwards; the page
templates are not loaded yet."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest

from samverkan.server.run import starting


@pytest.fixture
def thawed() -> Iterator[None]:
    """The test session's objects, frozen by a test, made collectable again after it."""
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("thawed")
def test_what_starting_made_is_frozen_and_the_collector_on_again() -> None:
    before = gc.get_freeze_count()
    with starting():
        assert not gc.isenabled()
        made = [[index] for index in range(10_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)
    assert gc.get_count()[0] < len(made), "the next collection does not walk them"


@pytest.mark.usefixtures("thawed")
def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        with starting():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("module", ["jinja2", "rdflib.plugins.sparql"])
def test_the_service_is_made_without_what_only_some_requests_need(module: str) -> None:
    """Jinja is loaded by the first page, rdflib's SPARQL parser by the first gap query about one node, not at
    start-up (the SPARQL endpoint answers without them)."""
    code = f"import sys, samverkan.server.app; print({module!r} in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"
