"""`samverkan stats` on an on-disk store: per-source coverage, per-class counts and the agencies lacking a ministry
or an instruction."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from samverkan.cli.main import app
from samverkan.store.embedded import EmbeddedStore

ID = "https://w3id.org/samverkan/id/"
DATA = f"""@prefix sam: <https://w3id.org/samverkan/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ID}source/s> {{
  <{ID}source/s> a sam:SourceDocument ; rdfs:label "Källan"@sv , "The source"@en .
  <{ID}actor/a> a sam:StateAgency ; rdfs:label "A"@sv , "A"@en ;
      sam:reportsTo <{ID}actor/m> ; sam:hasInstruction <{ID}instruction/i> .
  <{ID}actor/b> a sam:StateAgency ; rdfs:label "B"@sv , "B"@en ; sam:reportsTo <{ID}actor/m> .
}}"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    location = tmp_path_factory.mktemp("stats-store")
    store = EmbeddedStore(location)
    store.load(DATA.encode(), ox.RdfFormat.TRIG)
    store.close()
    return str(location)


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_table_ends_with_the_agencies_lacking_ministry_or_instruction_and_the_complete_assignments(
    store_dir: str,
) -> None:
    output = run("stats", "--store", store_dir)
    assert "source:s " in output
    assert "\nstate agencies: 2; lacking a ministry: 0; lacking an instruction: 1\n" in output
    assert output.rstrip().endswith("assignments: 0; with an assignee, a deadline and a source URL: 0")


def test_per_class_counts_over_the_whole_graph(store_dir: str) -> None:
    output = run("stats", "--per-class", "--format", "csv", "--store", store_dir)
    assert "sam:StateAgency,2" in output
    assert "sam:SourceDocument,1" in output
