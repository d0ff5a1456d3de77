"""The synthetic graph: deterministic, national proportions, and shaped so that every gap rule fires."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from samverkan.bench.synthetic import generate, luhn_number
from samverkan.cli.main import app
from samverkan.gaps.catalogue import gap_report, gap_rules
from samverkan.knowledge.loading import load_project
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.vocabulary.namespaces import SAM

SIZE = 10_000


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return list(generate(SIZE, seed=7))


@pytest.fixture(scope="module")
def synthetic_store(lines: list[str], tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Ontology and shapes from the project, data from the generator only."""
    store = EmbeddedStore()
    load_project(store, Settings(data_dir=tmp_path_factory.mktemp("no-data")))
    store.load("".join(lines), ox.RdfFormat.N_QUADS)
    return store


def test_same_seed_same_bytes_other_seed_other_bytes(lines: list[str]) -> None:
    assert list(generate(SIZE, seed=7)) == lines
    assert list(generate(SIZE, seed=8)) != lines


def test_size_is_reached_at_a_document_boundary(lines: list[str]) -> None:
    assert SIZE <= len(lines) < SIZE * 1.1
    assert len(set(lines)) == len(lines)


def test_every_quad_is_in_a_source_graph(lines: list[str]) -> None:
    quads = list(ox.parse("".join(lines), ox.RdfFormat.N_QUADS))
    graphs = Counter(q.graph_name for q in quads)
    assert all(isinstance(g, ox.NamedNode) and "/source/syn-" in g.value for g in graphs)
    assert len(graphs) > 5


def test_actor_kinds_have_national_proportions(synthetic_store: Store) -> None:
    answer = synthetic_store.query(
        f"SELECT ?kind (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a ?kind FILTER(STRSTARTS(STR(?kind), '{SAM}')) }}"
        " GROUP BY ?kind"
    )
    assert isinstance(answer, ox.QuerySolutions)
    counts = {s["kind"].value.removeprefix(SAM): int(s["n"].value) for s in answer}
    assert counts["Municipality"] == 290
    assert counts["Region"] == 21
    assert counts["CountyAdministrativeBoard"] == 21
    assert counts["StateAgency"] == 350
    assert counts["Company"] > 0
    assert counts["Goal"] > counts["Strategy"] > 0
    assert counts["Responsibility"] > counts["Goal"]


def test_every_gap_rule_has_rows(synthetic_store: Store) -> None:
    report = gap_report(synthetic_store)
    assert len(report) == len(gap_rules(synthetic_store))
    empty = [result.rule.short_id for result in report if not result.rows]
    assert empty == []


def test_dependencies_have_hubs(lines: list[str]) -> None:
    targets = Counter(
        line.split()[2] for line in lines if f"<{SAM}dependsOnActor>" in line or f"<{SAM}dependsOn>" in line
    )
    (_, most), *_ = targets.most_common(1)
    assert most >= 5 * (sum(targets.values()) / len(targets))


def test_organisation_numbers_pass_the_luhn_check() -> None:
    for serial in range(1, 200):
        digits = luhn_number(serial).replace("-", "")
        total = sum(int(d) * (2 - i % 2) - 9 * (int(d) * (2 - i % 2) > 9) for i, d in enumerate(digits))
        assert total % 10 == 0


def test_generate_command_writes_the_file(tmp_path: Path) -> None:
    output = tmp_path / "graph.nq"
    result = CliRunner().invoke(
        app, ["bench", "generate", "--triples", "3000", "--seed", "7", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8") == "".join(generate(3000, seed=7))
