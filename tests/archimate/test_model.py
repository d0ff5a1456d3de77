"""Scopes: which elements and relationships an actor's, strategy's or framework's model holds."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from samverkan.archimate.model import Model, Scope, UnknownScopeError, build_model, scope_iri
from samverkan.archimate.queries import select
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAM, SAMID


def test_whole_graph_has_views_per_strategy_and_framework(whole_model: Model) -> None:
    strategies = [e for e in whole_model.elements.values() if e.cls == f"{SAM}Strategy"]
    frameworks = [e for e in whole_model.elements.values() if e.cls == f"{SAM}Framework"]
    assert strategies and frameworks
    assert {s.focus for s in whole_model.views} == {e.iri for e in strategies + frameworks}
    assert all(
        r.source in whole_model.elements and r.target in whole_model.elements
        for r in whole_model.relationships.values()
    )


def test_strategy_scope_holds_its_goals(project_store: Store, strategy_scope: Scope) -> None:
    model = build_model(project_store, strategy_scope)
    goals = {iri for iri, e in model.elements.items() if e.concept == "Goal"}
    assert f"{SAMID}goal/digitaliseringsstrategin-2017-digital-ledning" in goals and len(goals) == 6
    assert {r.concept for r in model.relationships.values()} >= {"Realization", "Aggregation"}


def test_actor_scope_names_roles(project_store: Store) -> None:
    model = build_model(project_store, Scope("actor", scope_iri("actor", "digg")))
    assert f"{SAMID}actor/digg" in model.elements
    reified = [r for r in model.relationships.values() if r.iri and r.term == f"{SAM}Responsibility"]
    assert any(r.source == f"{SAMID}actor/digg" for r in reified)
    assert all(
        r.names.get("en") in {"accountable", "responsible", "contributes", "consulted", "informed"}
        for r in reified
    )
    assert all(r.concept in {"Assignment", "Association"} for r in reified)


def test_framework_scope_holds_its_principles(project_store: Store) -> None:
    model = build_model(project_store, Scope("framework", scope_iri("framework", "svenskt-ramverk")))
    principles = {iri for iri, e in model.elements.items() if e.concept == "Principle"}
    assert {f"{SAMID}principle/se-{n}" for n in range(1, 14)} <= principles


def test_shortcut_beside_its_qualified_node_is_exported_once(whole_model: Model) -> None:
    # Two qualified statements may link the same pair (a responsibility and a dependency, or two periods of one
    # responsibility); a shortcut beside any of them must not add a relationship of its own.
    relationships = whole_model.relationships.values()
    qualified = {frozenset((r.source, r.target)) for r in relationships if r.iri}
    shortcuts = [frozenset((r.source, r.target)) for r in relationships if not r.iri]
    assert qualified
    assert not [pair for pair in shortcuts if pair in qualified]


@pytest.mark.parametrize(
    "ident",
    [
        "no-such-actor",
        "digg> } UNION { ?s ?p ?o } #",
        'digg" . ?node ?p ?o . #',
        f"{SAMID}actor/digg> <x",
    ],
)
def test_hostile_or_unknown_scope_ids_find_nothing(project_store: Store, ident: str) -> None:
    with pytest.raises((UnknownScopeError, ValueError)):
        build_model(project_store, Scope("actor", scope_iri("actor", ident)))


def test_scope_query_takes_the_id_as_one_term(project_store: Store) -> None:
    with pytest.raises(ValueError):
        ox.NamedNode(f"{SAMID}actor/digg> }} UNION {{ ?node ?p ?o }} #")
    assert list(select(project_store, "scope-actor", focus=ox.NamedNode(f"{SAMID}actor/nobody"))) == []
    assert list(select(project_store, "scope-actor", focus=ox.NamedNode(f"{SAMID}actor/digg")))
