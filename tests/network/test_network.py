"""Network analysis on small fixture graphs with known answers, and on the curated project data."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from samverkan.network import (
    UnknownNodeError,
    build_network,
    impact,
    node_label,
    node_link,
    rankings,
    reliance_graph,
    resolve_actor,
)
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

FIXTURES = Path(__file__).parents[1] / "fixtures" / "network"
ID = "https://w3id.org/samverkan/id/"


def fixture_network(name: str, as_of: date | None = None) -> nx.MultiDiGraph:
    store = EmbeddedStore()
    store.load((FIXTURES / f"{name}.trig").read_bytes(), ox.RdfFormat.TRIG)
    return build_network(store, as_of)


def short(iri: str) -> str:
    return iri.removeprefix(ID)


# building


def test_nodes_carry_kind_category_and_both_labels() -> None:
    graph = fixture_network("chain")
    node = graph.nodes[f"{ID}actor/a"]
    assert node["kind"] == "sam:StateAgency"
    assert node["category"] == "actor"
    assert (node["label_sv"], node["label_en"]) == ("Verk A", "Agency A")
    assert graph.nodes[f"{ID}shared-component/c"]["category"] == "shared-component"
    assert node_label(graph, f"{ID}goal/g", "en") == "Goal G"


def test_the_most_specific_class_and_the_preferred_label_are_chosen() -> None:
    """rdfs:label before skos:prefLabel, then the least text; rank 0 classes before sam:Actor, then the least IRI."""
    store = EmbeddedStore()
    store.load(
        """@prefix sam: <https://w3id.org/samverkan/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/samverkan/id/actor/a> a sam:Actor, sam:StateAgency, sam:Company ;
            skos:prefLabel "A"@sv ; rdfs:label "Bb"@sv, "Ba"@sv ; skos:prefLabel "Z"@en, "Y"@en .""",
        ox.RdfFormat.TURTLE,
        graph=f"{ID}source/s",
    )
    node = build_network(store).nodes[f"{ID}actor/a"]
    assert (node["kind"], node["category"]) == ("sam:Company", "actor")
    assert (node["label_sv"], node["label_en"]) == ("Ba", "Y")


def test_the_network_is_the_graph_networkx_builds_from_its_nodes_and_edges(synthetic_project: Store) -> None:
    """build.py writes the adjacency itself: it must be what `add_node` and `add_edge` make, in their order."""
    graph = build_network(synthetic_project)
    rebuilt = nx.MultiDiGraph(**graph.graph)
    rebuilt.add_nodes_from(graph.nodes(data=True))
    rebuilt.add_edges_from(graph.edges(keys=True, data=True))
    as_data = [nx.node_link_data(g, edges="links") for g in (graph, rebuilt)]
    assert as_data[0] == as_data[1]
    assert {n: dict(graph.pred[n]) for n in graph} == {n: dict(rebuilt.pred[n]) for n in rebuilt}
    assert graph.number_of_edges() > 1000


def test_qualified_statement_and_its_shortcut_give_one_edge_with_its_node_and_sources() -> None:
    graph = fixture_network("chain")
    edges = graph.get_edge_data(f"{ID}goal/g", f"{ID}shared-component/c")
    assert list(edges) == ["dependsOn"]
    assert edges["dependsOn"]["via"] == [f"{ID}dependency/g-c"]
    assert edges["dependsOn"]["sources"] == [f"{ID}source/one"]


def test_shortcut_alone_is_an_accountable_edge_with_every_stating_source() -> None:
    graph = fixture_network("chain")
    edge = graph.edges[f"{ID}actor/z", f"{ID}goal/h", "responsibleFor:accountable"]
    assert edge["role"] == "accountable"
    assert edge["sources"] == [f"{ID}source/one", f"{ID}source/two"]
    assert edge["via"] == []


def test_relations_of_the_chain() -> None:
    graph = fixture_network("chain")
    relations = sorted((short(u), d["relation"], d["role"], short(v)) for u, v, d in graph.edges(data=True))
    assert relations == [
        ("actor/a", "responsibleFor", "responsible", "shared-component/c"),
        ("actor/b", "dependsOn", None, "shared-component/c"),
        ("actor/b", "responsibleFor", "accountable", "goal/h"),
        ("actor/u", "subOrganizationOf", None, "actor/a"),
        ("actor/x", "responsibleFor", "informed", "goal/i"),
        ("actor/z", "responsibleFor", "accountable", "goal/h"),
        ("goal/g", "dependsOn", None, "shared-component/c"),
        ("recommendation/r", "dependsOn", None, "actor/b"),
    ]


def test_as_of_keeps_only_actors_and_responsibilities_in_force() -> None:
    def accountable(graph: nx.MultiDiGraph) -> list[str]:
        return sorted(short(u) for u, _, d in graph.in_edges(f"{ID}goal/t", data=True))

    before = fixture_network("temporal", date(2019, 6, 1))
    after = fixture_network("temporal", date(2020, 1, 1))
    assert accountable(before) == ["actor/old"]
    assert f"{ID}actor/new" not in before
    assert accountable(after) == ["actor/new"]
    assert f"{ID}actor/old" not in after
    assert accountable(fixture_network("temporal")) == ["actor/new", "actor/old"]
    assert before.graph["as_of"] == "2019-06-01"


# impact


def test_impact_follows_responsibility_dependency_and_sub_organisation_transitively() -> None:
    graph = fixture_network("chain")
    answer = impact(graph, f"{ID}actor/a", lang="en")
    assert [(short(i.node.iri), i.depth) for i in answer.items] == [
        ("actor/u", 1),
        ("shared-component/c", 1),
        ("actor/b", 2),
        ("goal/g", 2),
        ("goal/h", 3),
        ("recommendation/r", 3),
    ]
    assert answer.actor.label == "Agency A"


def test_impact_path_explains_each_step() -> None:
    graph = fixture_network("chain")
    item = next(i for i in impact(graph, f"{ID}actor/a").items if i.node.iri == f"{ID}goal/h")
    assert [(short(s.node.iri), s.relation, s.role, s.against) for s in item.path] == [
        ("actor/a", None, None, False),
        ("shared-component/c", "responsibleFor", "responsible", True),
        ("actor/b", "dependsOn", None, False),
        ("goal/h", "responsibleFor", "accountable", True),
    ]
    assert [s.node.label for s in item.path] == ["Verk A", "Komponent C", "Verk B", "Mål H"]
    assert [short(c.iri) for c in item.also_carried_by] == ["actor/z"]


def test_impact_ignores_informed_roles_and_unrelated_actors() -> None:
    graph = fixture_network("chain")
    assert impact(graph, f"{ID}actor/x").items == []
    reached = {i.node.iri for i in impact(graph, f"{ID}actor/a").items}
    assert f"{ID}goal/i" not in reached and f"{ID}actor/z" not in reached


def test_impact_max_depth_stops_early() -> None:
    graph = fixture_network("chain")
    assert {i.depth for i in impact(graph, f"{ID}actor/a", max_depth=1).items} == {1}


def test_impact_around_a_cycle_reaches_every_other_member_once() -> None:
    graph = fixture_network("cycle")
    answer = impact(graph, f"{ID}actor/p")
    assert [(short(i.node.iri), i.depth) for i in answer.items] == [("actor/r", 1), ("actor/q", 2)]


def test_resolve_actor_takes_slug_or_iri_and_suggests_near_misses() -> None:
    graph = fixture_network("cycle")
    assert resolve_actor(graph, "P") == f"{ID}actor/p"
    assert resolve_actor(graph, f"{ID}actor/q") == f"{ID}actor/q"
    with pytest.raises(UnknownNodeError, match="not in the network"):
        resolve_actor(graph, "nobody")


# rankings


def test_rankings_order_actors_by_dependants_then_in_degree_then_betweenness() -> None:
    answer = rankings(fixture_network("cut"))
    assert [(short(r.actor.iri), r.dependants, r.in_degree) for r in answer.actors] == [
        ("actor/hub", 4, 2),
        ("actor/a1", 2, 2),
        ("actor/a2", 2, 2),
    ]
    by_actor = {short(r.actor.iri): r.betweenness for r in answer.actors}
    assert by_actor["actor/a1"] > 0 == by_actor["actor/a2"] == by_actor["actor/hub"]
    assert len(rankings(fixture_network("cut"), top=1).actors) == 1


def test_betweenness_is_exact_on_small_networks_and_estimated_repeatably_on_large_ones() -> None:
    network = fixture_network("cut")
    assert rankings(network).betweenness_sources is None
    estimated = rankings(network, betweenness_sample=2)
    assert estimated.betweenness_sources == 2
    assert estimated == rankings(network, betweenness_sample=2)
    assert rankings(network, betweenness_sample=None).betweenness_sources is None


def test_articulation_points_and_bridges() -> None:
    answer = rankings(fixture_network("cut"))
    assert [short(n.iri) for n in answer.articulation_points] == ["actor/a1", "actor/hub"]
    assert [tuple(short(n.iri) for n in b.ends) for b in answer.bridges] == [
        ("actor/a1", "actor/hub"),
        ("actor/hub", "goal/g3"),
    ]
    assert answer.cycles == []


def test_cycles_are_found_rotated_to_their_smallest_member_and_bounded() -> None:
    graph = fixture_network("cycle")
    answer = rankings(graph)
    assert [[short(n.iri) for n in cycle] for cycle in answer.cycles] == [["actor/p", "actor/q", "actor/r"]]
    assert not answer.cycles_truncated
    assert rankings(graph, max_cycle_length=2).cycles == []
    bounded = rankings(graph, max_cycles=0)
    assert bounded.cycles == [] and bounded.cycles_truncated


def test_reliance_view_reverses_responsibility_only() -> None:
    view = reliance_graph(fixture_network("chain"))
    assert view.has_edge(f"{ID}shared-component/c", f"{ID}actor/a")
    assert view.has_edge(f"{ID}goal/g", f"{ID}shared-component/c")
    assert not view.has_edge(f"{ID}goal/i", f"{ID}actor/x")


# node-link JSON


def test_node_link_is_sorted_labelled_and_round_trips() -> None:
    graph = fixture_network("chain")
    data = node_link(graph, lang="en")
    ids = [n.id for n in data.nodes]
    assert ids == sorted(ids) and len(ids) == graph.number_of_nodes()
    assert [(link.source, link.target, link.key) for link in data.links] == sorted(
        (link.source, link.target, link.key) for link in data.links
    )
    assert next(n for n in data.nodes if n.id == f"{ID}goal/g").label == "Goal G"
    back = nx.node_link_graph(data.model_dump(), edges="links")
    assert nx.utils.edges_equal(back.edges(keys=True), graph.edges(keys=True))


def test_node_link_can_leave_out_isolated_nodes() -> None:
    store = EmbeddedStore()
    store.load((FIXTURES / "chain.trig").read_bytes(), ox.RdfFormat.TRIG)
    store.load(
        f"<{ID}actor/alone> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/samverkan/ontology#StateAgency> .",
        ox.RdfFormat.N_TRIPLES,
        f"{ID}source/three",
    )
    graph = build_network(store)
    assert f"{ID}actor/alone" in {n.id for n in node_link(graph).nodes}
    assert f"{ID}actor/alone" not in {n.id for n in node_link(graph, isolated=False).nodes}


# the curated project data


def test_curated_network_has_responsibilities_and_their_impact(project_store: Store) -> None:
    graph = build_network(project_store)
    relations = {d["relation"] for *_, d in graph.edges(data=True)}
    assert {"responsibleFor", "dependsOn"} <= relations
    for actor in ("digg", "skr"):
        answer = impact(graph, resolve_actor(graph, actor))
        assert answer.items, f"nothing relies on {actor} in the curated data"
        for item in answer.items:
            assert item.path[0].node.iri == answer.actor.iri and item.path[-1].node == item.node
            assert all(not step.node.label.startswith(("samid:", "http")) for step in item.path)
    top = rankings(graph, top=5).actors
    assert top and top[0].dependants >= top[-1].dependants


def test_the_cycles_kept_are_the_same_in_every_process() -> None:
    """More cycles than are kept: which are kept does not follow the process's string hashing."""
    program = (
        "import networkx as nx\n"
        "from samverkan.network.rankings import _cycles\n"
        "view = nx.complete_graph([f'https://example.org/{n}' for n in 'abcdefgh'], nx.DiGraph)\n"
        "print(_cycles(view, 4, 5))\n"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", program],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(1, 6)
    }
    assert len(answers) == 1
    assert "True" in answers.pop(), "more cycles than kept"
