"""Queries run in a forked child while abandoned queries hold the engine: killed at the deadline (#18)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import psutil
import pytest
from fastapi.testclient import TestClient

from samverkan.server.app import create_app
from samverkan.server.forked import run_in_child
from samverkan.settings import Settings
from samverkan.sparql.collected import QueryTimeout
from samverkan.sparql.formats import GRAPH_FORMATS, SOLUTION_FORMATS, AnswerFormat
from samverkan.store import QuerySyntaxError, Store

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A single engine step of hours on the curated graph."""


def json_or_turtle(is_graph: bool) -> AnswerFormat:
    return GRAPH_FORMATS[0] if is_graph else SOLUTION_FORMATS[0]


@pytest.fixture
def no_new_children() -> Callable[[], bool]:
    """True when the process has no child it did not have when the test began (servers other tests
    started for the session stay; a query's child must be gone, zombies included)."""
    before = {child.pid for child in psutil.Process().children(recursive=True)}

    def check() -> bool:
        return {child.pid for child in psutil.Process().children(recursive=True)} <= before

    return check


def test_a_child_answers(no_new_children: Callable[[], bool], project_store: Store) -> None:
    answer = run_in_child(
        partial(project_store.query, "ASK { ?s ?p ?o }"), json_or_turtle, timeout=30, limit=10
    )
    assert answer.media_type.startswith("application/sparql-results+json")
    assert b'"boolean": true' in answer.body or b'"boolean":true' in answer.body
    assert no_new_children()


def test_a_childs_syntax_error_keeps_its_position(project_store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as error:
        run_in_child(
            partial(project_store.query, "SELECT * WHERE {\n ?s ?p }"), json_or_turtle, timeout=30, limit=10
        )
    assert error.value.line == 2


def test_a_child_past_its_deadline_is_killed(
    no_new_children: Callable[[], bool], project_store: Store
) -> None:
    with pytest.raises(QueryTimeout):
        run_in_child(partial(project_store.query, ENDLESS), json_or_turtle, timeout=0.5, limit=10)
    assert no_new_children(), "the child no longer runs (nor lingers as a zombie)"


def test_while_a_query_is_abandoned_queries_run_in_children(
    no_new_children: Callable[[], bool], settings: Settings, project_store: Store
) -> None:
    app = create_app(settings.model_copy(update={"query_timeout": 0.5}), project_store)
    client = TestClient(app)
    abandoned = app.state.admission.admit()
    abandoned.abandon()  # as if an engine step ran on past its deadline
    try:
        slow = client.get("/sparql", params={"query": ENDLESS})
        assert slow.status_code == 503
        assert no_new_children()
        small = client.get(
            "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"}
        )
        assert small.status_code == 200 and small.json()["boolean"] is True
        health = client.get("/health").json()
        assert (health["running_queries"], health["abandoned_queries"]) == (0, 1)
    finally:
        abandoned.finish()
