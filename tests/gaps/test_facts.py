"""The set-based reads of what gap rows cite: sources, coverage and links to source documents."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from samverkan.bench.synthetic import generate
from samverkan.gaps import facts
from samverkan.gaps.facts import described_in, linked_sources, named_in, reading_depths
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SAM, SAMID

RECOMMENDATION = f"{SAM}Recommendation"


@pytest.fixture(scope="module")
def synthetic() -> Store:
    store = EmbeddedStore()
    store.load("".join(generate(10_000)), ox.RdfFormat.N_QUADS)
    return store


def things_of(store: Store, kind: str) -> set[str]:
    answer = store.query(f"SELECT ?s WHERE {{ ?s a {ox.NamedNode(kind)} }}")
    assert isinstance(answer, ox.QuerySolutions)
    return {row["s"].value for row in answer}


def test_links_read_whole_or_per_thing_agree(synthetic: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the threshold the links of every document are read and the asked things kept: the same map."""
    recommendations = things_of(synthetic, RECOMMENDATION)
    assert len(recommendations) < facts.LINKS_READ_WHOLE
    per_thing = linked_sources(synthetic, recommendations)
    monkeypatch.setattr(facts, "LINKS_READ_WHOLE", 1)
    assert linked_sources(synthetic, recommendations) == per_thing
    assert per_thing.keys() == recommendations, "every synthetic recommendation links to its report"


def test_ontology_and_shapes_are_no_sources(project_store: Store) -> None:
    goal, digg = f"{SAM}Goal", f"{SAMID}actor/digg"
    described = described_in(project_store, {goal, digg})
    assert goal not in described, "a class is described only in the ontology graph"
    assert described[digg] and ONTOLOGY_GRAPH not in described[digg]
    assert ONTOLOGY_GRAPH not in named_in(project_store, {goal}).get(goal, set())


def test_reading_depths_of_the_sources(project_store: Store) -> None:
    sources = described_in(project_store, {f"{SAMID}actor/digg"})[f"{SAMID}actor/digg"]
    depths = reading_depths(project_store, sources)
    assert depths and all(
        value.startswith(f"{SAMID}reading-depth/") for found in depths.values() for value in found
    )
    assert described_in(project_store, set()) == {} and reading_depths(project_store, []) == {}
