"""SPARQL Updates on the embedded store worked out in a child killed at the deadline: whole or nothing (#18)."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import psutil
import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from samverkan.knowledge.loading import load_project
from samverkan.server.app import create_app
from samverkan.server.killable_update import _Target, update_by_child
from samverkan.settings import Settings
from samverkan.sparql.collected import QueryTimeout
from samverkan.store import QuerySyntaxError, UpdateRefused
from samverkan.store.embedded import EmbeddedStore

TOKEN = "s3cret-token"
EX = "http://example.org/"
ENDLESS = (
    f"INSERT {{ GRAPH <{EX}count> {{ <{EX}all> <{EX}count> ?n }} }} "
    "WHERE { SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } }"
)
"""An update whose WHERE is a single engine step of hours on the curated graph."""
SEED = f"""INSERT DATA {{
    GRAPH <{EX}one> {{ <{EX}a> <{EX}p> "1" , "2" . <{EX}a> <{EX}q> _:x . _:x <{EX}p> "3" }}
    GRAPH <{EX}two> {{ <{EX}b> <{EX}p> <{EX}a> }}
}}"""
CHANGE = f"""DELETE DATA {{ GRAPH <{EX}one> {{ <{EX}a> <{EX}p> "1" }} }} ;
DELETE WHERE {{ GRAPH <{EX}one> {{ ?s <{EX}q> ?b . ?b ?p ?o }} }} ;
INSERT DATA {{ GRAPH <{EX}one> {{ <{EX}a> <{EX}q> _:y . _:y <{EX}p> "4" }} GRAPH <{EX}three> {{ <{EX}c> <{EX}p> "5"@sv }} }} ;
DROP GRAPH <{EX}two>"""


@pytest.fixture(params=["memory", "disk"])
def seeded(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], EmbeddedStore]:
    """Stores holding SEED, in memory or each in a directory of its own on disk."""

    def store(name: str) -> EmbeddedStore:
        made = EmbeddedStore(tmp_path / name if request.param == "disk" else None)
        made.update(SEED)
        return made

    return store


def shape(store: EmbeddedStore) -> list[str]:
    """Every quad as text, blank nodes written alike (the change's blank nodes get new identities)."""
    answer = store.query("SELECT ?g ?s ?p ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }")
    assert isinstance(answer, ox.QuerySolutions)
    return sorted(
        " ".join("_:b" if isinstance(term, ox.BlankNode) else str(term) for term in row) for row in answer
    )


def test_a_change_is_applied_as_the_update_would_apply_it(seeded: Callable[[str], EmbeddedStore]) -> None:
    direct, by_child = seeded("direct"), seeded("by-child")
    direct.update(CHANGE)
    update_by_child(by_child, CHANGE, None, timeout=30)
    assert shape(by_child) == shape(direct)
    assert by_child.writes == direct.writes


def test_a_syntax_error_keeps_its_position_and_changes_nothing(
    seeded: Callable[[str], EmbeddedStore],
) -> None:
    store = seeded("store")
    before = shape(store)
    with pytest.raises(QuerySyntaxError) as error:
        update_by_child(store, "INSERT DATA {\n <a> }", None, timeout=30)
    assert error.value.line == 2
    assert shape(store) == before


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "disk"])
def test_an_update_past_its_deadline_is_stopped_and_changes_nothing(
    settings: Settings, tmp_path: Path, on_disk: bool
) -> None:
    store = EmbeddedStore(tmp_path / "store" if on_disk else None)
    load_project(store, settings)
    before = store.triple_count()
    children = {child.pid for child in psutil.Process().children()}
    with pytest.raises(QueryTimeout):
        update_by_child(store, ENDLESS, None, timeout=0.5)
    assert store.triple_count() == before
    assert {child.pid for child in psutil.Process().children()} <= children
    assert [entry.name for entry in tmp_path.iterdir()] == (["store"] if on_disk else []), "no copy is left"


def test_an_endless_update_is_503_and_the_service_answers(
    settings: Settings, serve_app: Callable[[FastAPI], AbstractContextManager[str]]
) -> None:
    store = EmbeddedStore()
    load_project(store, settings)
    configured = settings.model_copy(update={"update_token": SecretStr(TOKEN), "update_timeout": 0.5})
    with serve_app(create_app(configured, store)) as base, httpx.Client(base_url=base, timeout=30) as client:
        stopped = client.post(
            "/sparql",
            content=ENDLESS,
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        )
        assert stopped.status_code == 503
        assert "SAMVERKAN_UPDATE_TIMEOUT" in stopped.json()["detail"]
        asked = client.get("/sparql", params={"query": f"ASK {{ GRAPH <{EX}count> {{ ?s ?p ?o }} }}"})
        assert asked.status_code == 200 and asked.json()["boolean"] is False


def test_a_child_that_cannot_open_the_copy_is_replaced(
    seeded: Callable[[str], EmbeddedStore], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first child's open never ends, as when it was forked while one of the engine's threads held a lock:
    it is killed after `READY_SECONDS` and the update is made by the next one."""
    store, expected = seeded("store"), seeded("expected")
    expected.update(CHANGE)
    tries = tmp_path / "tries"
    opened = _Target.open

    def stuck_the_first_time(target: _Target) -> None:
        with tries.open("a") as record:
            record.write("x")
        if tries.read_text() == "x":
            time.sleep(3600)
        opened(target)

    monkeypatch.setattr(_Target, "open", stuck_the_first_time)
    update_by_child(store, CHANGE, None, timeout=60)
    assert tries.read_text() == "xx"
    assert shape(store) == shape(expected)


def test_a_graph_dropped_by_a_child_no_longer_exists(seeded: Callable[[str], EmbeddedStore]) -> None:
    """Emptied, the engine would still hold the graph: `CREATE GRAPH` of it would be refused after its drop."""
    store = seeded("store")
    update_by_child(store, f"DROP GRAPH <{EX}two>", None, timeout=30)
    update_by_child(store, f"CREATE GRAPH <{EX}two>", None, timeout=30)
    update_by_child(store, f'INSERT DATA {{ GRAPH <{EX}two> {{ <{EX}b> <{EX}p> "6" }} }}', None, timeout=30)
    with pytest.raises(UpdateRefused, match="already exists"):
        update_by_child(store, f"CREATE GRAPH <{EX}two>", None, timeout=30)
