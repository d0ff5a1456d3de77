"""A rule's query about one node: pinned in every group that mentions it, and the same rows as the full report."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from samverkan.bench.synthetic import CEASED_HUB, generate
from samverkan.gaps.catalogue import gap_report
from samverkan.gaps.pinning import pinned
from samverkan.knowledge.loading import load_project
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

NODE = ox.NamedNode("https://w3id.org/samverkan/id/goal/g")


@pytest.fixture(scope="module")
def synthetic(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = EmbeddedStore()
    load_project(store, settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("none")}))
    store.load("".join(generate(10_000)), ox.RdfFormat.N_QUADS)
    return store


def test_every_group_that_mentions_the_variable_is_pinned() -> None:
    query = """SELECT $this WHERE { $this a ?kind . OPTIONAL { ?x ?p $this } OPTIONAL { ?x ?q "?this" }
        FILTER NOT EXISTS { ?this ?r ?y } }  # $this"""
    block = f"VALUES ?this {{ {NODE} }}"
    assert pinned(query, "this", NODE).count(block) == 3
    assert '{ ?x ?q "?this" }' in pinned(query, "this", NODE)
    assert pinned(query, "value", NODE) == query
    with pytest.raises(ValueError, match="VALUES"):
        pinned("SELECT ?this WHERE { VALUES ?this { <x> } }", "this", NODE)


def test_an_entitys_rows_are_the_full_reports_rows_naming_it(synthetic: Store) -> None:
    report = gap_report(synthetic, lang="en")
    by_rule = {result.rule.short_id: result.rows for result in report}
    picks = {
        "https://w3id.org/samverkan/id/actor/syn-agency-001",
        f"https://w3id.org/samverkan/id/actor/syn-agency-{CEASED_HUB:03d}",
    }
    for rows in by_rule.values():
        picks |= {rows[0].thing.iri or "", rows[-1].thing.iri or ""} if rows else set()
    assert len(picks) > 10
    for iri in sorted(picks):
        expected = {
            name: [row for row in rows if iri in {row.thing.iri, row.value.iri if row.value else None}]
            for name, rows in by_rule.items()
        }
        assert {r.rule.short_id: r.rows for r in gap_report(synthetic, lang="en", about=iri)} == expected, iri
