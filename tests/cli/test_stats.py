"""`samverkan stats` on an on-disk store: per-source coverage, per-class counts and the agencies lacking a ministry
or an instruction."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest

from samverkan.store.embedded import EmbeddedStore
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH

DiskStore = Callable[[str, Callable[[EmbeddedStore], object]], str]

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
def store_dir(disk_store: DiskStore) -> str:
    # with a (tiny) ontology graph the store holds a project, so `stats` counts it instead of loading data/
    ontology = f"<{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> a <http://www.w3.org/2002/07/owl#Ontology> . }}"
    return disk_store("stats-store", lambda store: store.load((DATA + ontology).encode(), ox.RdfFormat.TRIG))


def test_table_ends_with_the_agencies_lacking_ministry_or_instruction_and_the_complete_assignments(
    run: Callable[..., str],
    store_dir: str,
) -> None:
    output = run("stats", "--store", store_dir)
    assert "source:s " in output
    assert "\nstate agencies: 2 (2 current, 0 ceased); lacking a ministry: 0; lacking an instruction: 1\n" in output
    assert output.rstrip().endswith("assignments: 0; with an assignee, a deadline and a source URL: 0")


def test_per_class_counts_over_the_whole_graph(run: Callable[..., str], store_dir: str) -> None:
    output = run("stats", "--per-class", "--format", "csv", "--store", store_dir)
    assert "sam:StateAgency,2" in output
    assert "sam:SourceDocument,1" in output
