"""Incremental validation: checking the touched nodes gives the full result restricted to them, and
results elsewhere do not change (curated graphs thinned, shape fixtures added)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from samverkan.cli.main import app
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.documents import read_file_quads
from samverkan.validation.focus import replace_graphs, touched_nodes
from samverkan.validation.validator import ValidationResult, Validator
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH

FIXTURES = Path(__file__).resolve().parents[1] / "shapes" / "fixtures"


@pytest.fixture(scope="module")
def project_quads(project_store: Store) -> list[ox.Quad]:
    """Every quad of the project, to fill a fresh store for each change."""
    quads = project_store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(quads, ox.QuerySolutions)
    return [ox.Quad(q["s"], q["p"], q["o"], q["g"]) for q in quads]


def copy_of(quads: list[ox.Quad]) -> EmbeddedStore:
    store = EmbeddedStore()
    store.bulk_add(quads)
    return store


@pytest.fixture(scope="module")
def validator(project_store: Store) -> Validator:
    return Validator(project_store)


def changes(project_store: Store) -> Iterator[tuple[str, list[ox.Quad]]]:
    """Every eighth data graph with every third triple left out, and every failing shape fixture
    (`test_incremental` draws random changes of the whole graph)."""
    for graph in project_store.graphs()[::8]:
        if graph not in (ONTOLOGY_GRAPH, SHAPES_GRAPH):
            triples = project_store.graph_triples(graph)
            name = ox.NamedNode(graph)
            kept = [ox.Quad(t.subject, t.predicate, t.object, name) for i, t in enumerate(triples) if i % 3]
            yield graph.rsplit("/", 1)[-1], kept
    for path in sorted(FIXTURES.glob("*.fail.trig")):
        yield path.name, read_file_quads(path)


def keyed(results: list[ValidationResult]) -> list[tuple[str, ...]]:
    return sorted((r.rule, r.focus, r.path or "", r.value or "", r.message) for r in results)


def test_incremental_validation_equals_the_full_result_on_touched_nodes(
    project_quads: list[ox.Quad], validator: Validator, project_store: Store
) -> None:
    checked = 0
    before = validator.validate_store(copy_of(project_quads), "en").results  # the same before every change
    for name, quads in changes(project_store):
        store = copy_of(project_quads)
        changed = replace_graphs(store, quads)
        scope = validator.change_scope(store, changed)
        after = validator.validate_store(store, "en").results
        incremental = validator.validate_change(store, changed, "en").results
        if scope.focus is None:  # blank nodes involved: everything is checked
            assert keyed(incremental) == keyed(after), name
            continue
        focus = {node.value for node in scope.focus}
        full = scope.full_rules
        assert keyed(incremental) == keyed([r for r in after if r.focus in focus or r.rule in full]), name
        untouched = [r for r in after if r.focus not in focus and r.rule not in full]
        assert keyed(untouched) == keyed(
            [r for r in before if r.focus not in focus and r.rule not in full]
        ), name
        checked += bool(changed)
    assert checked > 30


def test_a_change_to_the_class_hierarchy_touches_everything(project_store: Store) -> None:
    subclass = ox.Quad(
        ox.NamedNode("https://w3id.org/samverkan/id/test/a"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
        ox.NamedNode("https://w3id.org/samverkan/id/test/b"),
        ox.NamedNode("https://w3id.org/samverkan/id/test/source"),
    )
    assert touched_nodes(project_store, [subclass]) is None


def test_cli_validates_what_a_file_changes(tmp_path: Path) -> None:
    runner = CliRunner()
    fixture = FIXTURES / "GoalPlacement.fail.trig"
    changed = runner.invoke(app, ["validate", "--changed", str(fixture), "--format", "json", "--lang", "en"])
    assert changed.exit_code == 1 and '"GoalPlacement"' in changed.output, changed.output
    on_disk = runner.invoke(app, ["validate", "--changed", str(fixture), "--store", str(tmp_path / "store")])
    assert on_disk.exit_code == 2
