"""Validation of the curated data, of documents, the report's renderings, and the CLI's exit codes."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pyoxigraph as ox
import pytest
import typer
from typer.testing import CliRunner

from samverkan.cli.main import app
from samverkan.cli.validate import refuse_violations
from samverkan.knowledge.loading import load_project
from samverkan.reports.text import validation_text
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.documents import parse_quads
from samverkan.validation.validator import Validator
from samverkan.vocabulary.namespaces import SHAPES_GRAPH

PREFIXES = """@prefix sam: <https://w3id.org/samverkan/ontology#> .
@prefix t: <https://w3id.org/samverkan/id/test/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
GOOD = (
    PREFIXES
    + """t:source {
  t:source a sam:SourceDocument ; rdfs:label "Källa"@sv , "Source"@en ;
    sam:readingDepth <https://w3id.org/samverkan/id/reading-depth/full-text> .
  t:area a sam:GoalArea ; rdfs:label "Område"@sv , "Area"@en .
  t:goal a sam:Goal ; rdfs:label "Ett mål"@sv , "A goal"@en ; sam:inGoalArea t:area .
}
"""
)
BAD = PREFIXES + 't:source { t:goal a sam:Goal ; rdfs:label "Ett mål"@sv , "A goal"@en . }\n'


@pytest.fixture(scope="module")
def validator(project_store: Store) -> Validator:
    return Validator(project_store)


def test_curated_data_has_no_violation(validator: Validator, project_store: Store) -> None:
    report = validator.validate_store(project_store, "en")
    violations = [f"{r.rule_id} {r.focus}: {r.message}" for r in report.results if r.severity == "Violation"]
    assert report.conforms, "\n".join(violations)
    assert report.count("Warning") > 0


def test_warnings_of_curated_data_are_labelled(validator: Validator, project_store: Store) -> None:
    report = validator.validate_store(project_store, "sv")
    for result in report.results:
        assert result.rule_name and result.message and result.focus_label != result.focus


def test_a_document_is_judged_with_labels_from_its_data(validator: Validator) -> None:
    report = validator.validate_quads(parse_quads(BAD.encode(), ox.RdfFormat.TRIG), "en")
    assert not report.conforms
    placement = [r for r in report.results if r.rule_id == "GoalPlacement"]
    assert [r.focus_label for r in placement] == ["A goal"]
    assert "A goal" in placement[0].message
    unsourced = [r for r in report.results if r.rule_id == "ClaimHasSource"]
    # stated in a graph that is no described source ("test" is no kind, so the IRI is shown whole)
    assert [r.value for r in unsourced] == ["https://w3id.org/samverkan/id/test/source"]
    good = validator.validate_quads(parse_quads(GOOD.encode(), ox.RdfFormat.TRIG), "en")
    assert good.conforms, [r.message for r in good.results]


def test_renderings_group_by_severity_and_rule(validator: Validator) -> None:
    report = validator.validate_quads(parse_quads(BAD.encode(), ox.RdfFormat.TRIG), "en")
    table = validation_text(report, "table")
    assert "Violation: Goal belongs to a goal area or strategy (GoalPlacement), 1" in table
    assert "## Violation: Goal belongs to a goal area or strategy" in validation_text(report, "md")
    turtle = list(ox.parse(validation_text(report, "turtle").encode(), ox.RdfFormat.TURTLE))
    conforms = [t.object.value for t in turtle if t.predicate.value.endswith("#conforms")]
    assert conforms == ["false"]


def test_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    files = {"good.trig": GOOD, "bad.trig": BAD, "broken.ttl": "this is not turtle ."}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    good = runner.invoke(app, ["validate", str(tmp_path / "good.trig"), "--lang", "en"])
    assert good.exit_code == 0, good.output
    bad = runner.invoke(app, ["validate", str(tmp_path / "bad.trig"), "--format", "json"])
    assert bad.exit_code == 1 and '"GoalPlacement"' in bad.output
    broken = runner.invoke(app, ["validate", str(tmp_path / "broken.ttl")])
    assert broken.exit_code == 2


def test_serving_is_refused_on_violations(settings: Settings) -> None:
    store = EmbeddedStore()
    load_project(store, settings)
    refuse_violations(store)
    store.load(BAD.encode(), ox.RdfFormat.TRIG)
    with pytest.raises(typer.Exit) as stopped:
        refuse_violations(store)
    assert stopped.value.exit_code == 1


def test_explain_lists_where_every_constraint_runs(validator: Validator) -> None:
    result = CliRunner().invoke(app, ["validate", "--explain", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == len({(q.rule, str(q.source), str(q.component)) for q in validator.queries})
    assert {row["runs as"] for row in rows} == {"SPARQL on the store"}
    assert any(row["constraint"] == "sh:SPARQLConstraintComponent" for row in rows)


RECURSIVE = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
ex:Tree a sh:NodeShape ; sh:targetClass ex:Tree ; sh:property [ sh:path ex:child ; sh:node ex:Tree ] ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] .
"""


def test_a_shape_beyond_the_compiler_is_delegated_listed_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    store = EmbeddedStore()
    store.load(RECURSIVE, ox.RdfFormat.TURTLE, SHAPES_GRAPH)
    store.load(
        "<https://example.org/t> a <https://example.org/Tree> .", ox.RdfFormat.TURTLE, "https://example.org/g"
    )
    validator = Validator(store)
    assert list(validator.delegated) == ["https://example.org/Tree"]
    assert [row[3] for row in validator.explain()] == ["pySHACL"]
    with caplog.at_level(logging.INFO, logger="samverkan.validation.validator"):
        findings = validator.findings(store)
    assert "pySHACL validates https://example.org/Tree" in caplog.text
    assert [(str(f.focus), str(f.component)) for f in findings] == [
        ("https://example.org/t", "http://www.w3.org/ns/shacl#MinCountConstraintComponent")
    ]


def test_a_shape_without_severity_reports_violations() -> None:
    store = EmbeddedStore()
    store.load(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .\n"
        "ex:Named a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .",
        ox.RdfFormat.TURTLE,
        SHAPES_GRAPH,
    )
    store.load(
        "<https://example.org/t> a <https://example.org/Thing> .",
        ox.RdfFormat.TURTLE,
        "https://example.org/g",
    )
    validator = Validator(store)
    assert validator.rules["https://example.org/Named"].severity == "Violation"
    report = validator.validate_store(store, "en")
    assert not report.conforms and [r.severity for r in report.results] == ["Violation"]
