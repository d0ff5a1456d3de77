"""The reliance views of the curated and the 10k synthetic graphs, built once for the network tests."""

from __future__ import annotations

import networkx as nx
import pytest

from samverkan.network import build_network, reliance_graph
from samverkan.store import Store


@pytest.fixture(scope="session")
def reliance_views(project_store: Store, synthetic_project: Store) -> list[nx.DiGraph]:
    return [reliance_graph(build_network(store)) for store in (project_store, synthetic_project)]
