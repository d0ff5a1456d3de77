"""A rule's query about one node: pinned or substituted, and the same rows as the full report."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from samverkan.bench.synthetic import CEASED_HUB
from samverkan.gaps import pinning
from samverkan.gaps.catalogue import gap_report
from samverkan.gaps.pinning import MOST_CANDIDATES, VALUE_SLOT, pinned, skeleton, substituted
from samverkan.store import Store

NODE = ox.NamedNode("https://w3id.org/samverkan/id/goal/g")
OTHER = ox.NamedNode("https://w3id.org/samverkan/id/goal/h")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_every_group_that_mentions_the_variable_is_pinned_but_an_exists() -> None:
    query = """SELECT $this WHERE { VALUES ?p { <p> } $this a ?kind . OPTIONAL { ?x ?p $this }
        OPTIONAL { ?x ?q "?this" } FILTER NOT EXISTS { ?this ?r ?y } }  # $this"""
    block = f"VALUES ?this {{ {NODE} }}"
    assert pinned(query, "this", NODE).count(block) == 2
    assert '{ ?x ?q "?this" }' in pinned(query, "this", NODE)
    assert "VALUES ?p { <p> }" in pinned(query, "this", NODE)
    assert pinned(query, "this", NODE, OTHER).count(f"VALUES ?this {{ {NODE} {OTHER} }}") == 2
    assert pinned(query, "value", NODE) == query


def test_a_substituted_variable_is_the_term_everywhere() -> None:
    query = """SELECT $this ?value WHERE { $this ?p ?value . FILTER("?value" != ?value) }  # ?value
        GROUP BY $this ?value HAVING(COUNT(?value) > 0)"""
    assert substituted(query, "value", NODE) == (
        f"""SELECT $this ({NODE} AS ?value) WHERE {{ $this ?p {NODE} . FILTER("?value" != {NODE}) }}  # ?value
        GROUP BY $this ({NODE}) HAVING(COUNT({NODE}) > 0)"""
    )


def test_a_skeleton_holds_the_required_patterns_only() -> None:
    query = """SELECT $this ?value WHERE { $this a ?kind ; <p>|^<q>/<r> ?value .
        OPTIONAL { $this <s> ?x } FILTER NOT EXISTS { ?value <t> ?y } { $this <u> ?z } UNION { ?z <u> $this } }"""
    assert set((skeleton(query) or "").split(" .\n")) == {
        f"?this <{RDF_TYPE}> ?kind",
        f"?this (<p>|(^<q>/<r>)) {VALUE_SLOT}",
    }
    assert skeleton("SELECT $this ?value WHERE { $this a ?kind OPTIONAL { $this <p> ?value } }") is None


@pytest.mark.parametrize("most_candidates", [MOST_CANDIDATES, 0])
def test_an_entitys_rows_are_the_full_reports_rows_naming_it(
    synthetic_project: Store, most_candidates: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the focus nodes pinned (the hub's too) and, above the limit, the value only substituted."""
    monkeypatch.setattr(pinning, "MOST_CANDIDATES", most_candidates)
    report = gap_report(synthetic_project, lang="en")
    by_rule = {result.rule.short_id: result.rows for result in report}
    picks = {
        "https://w3id.org/samverkan/id/actor/syn-agency-001",
        f"https://w3id.org/samverkan/id/actor/syn-agency-{CEASED_HUB:03d}",
    }
    for rows in by_rule.values():
        for row in rows[:1] + rows[-1:]:
            picks |= {row.thing.iri or ""} | ({row.value.iri} if row.value and row.value.iri else set())
    things = sorted({row.thing.iri or "" for rows in by_rule.values() for row in rows})
    picks |= set(random.Random(7).sample(things, 20))
    assert len(picks) > 30
    for iri in sorted(picks):
        expected = {
            name: [row for row in rows if iri in {row.thing.iri, row.value.iri if row.value else None}]
            for name, rows in by_rule.items()
        }
        assert {r.rule.short_id: r.rows for r in gap_report(synthetic_project, lang="en", about=iri)} == expected, iri
