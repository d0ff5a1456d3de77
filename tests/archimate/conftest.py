"""Fixtures for the ArchiMate tests: models and exchange files of the real curated graph."""

from __future__ import annotations

import pytest

from samverkan.archimate.exchange import write_exchange
from samverkan.archimate.model import Model, Scope, build_model, names_of, scope_iri
from samverkan.store import Store


@pytest.fixture(scope="session")
def whole_model(project_store: Store) -> Model:
    return build_model(project_store)


@pytest.fixture(scope="session")
def whole_exchange(project_store: Store, whole_model: Model) -> bytes:
    return write_exchange(whole_model, names_of(project_store))


@pytest.fixture(scope="session")
def strategy_scope() -> Scope:
    return Scope("strategy", scope_iri("strategy", "digitaliseringsstrategin-2017"))
