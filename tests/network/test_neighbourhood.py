"""An actor's neighbourhood in the curated network: responsibilities, dependencies, the rest."""

from __future__ import annotations

from samverkan.network import build_network
from samverkan.network.neighbourhood import GROUPS, neighbourhood, neighbourhood_around
from samverkan.store import Store

ID = "https://w3id.org/samverkan/id/"


def test_digg_answers_for_the_framework_and_is_depended_on(project_store: Store) -> None:
    hood = neighbourhood(build_network(project_store), f"{ID}actor/digg", "en")
    assert hood.centre.label == "Agency for Digital Government"
    accountable = [n.node.iri for n in hood.responsible_for if n.role == "accountable"]
    assert f"{ID}framework/svenskt-ramverk" in accountable
    assert all(n.outgoing and n.relation == "responsibleFor" for n in hood.responsible_for)
    assert hood.dependents and all(not n.outgoing for n in hood.dependents)
    assert len(hood.all) == len(hood.responsible_for) + len(hood.depends_on) + len(hood.dependents) + len(
        hood.other
    )


def test_ownership_is_among_the_other_links(project_store: Store) -> None:
    hood = neighbourhood(build_network(project_store), f"{ID}actor/inera", "sv")
    assert [(n.relation, n.outgoing) for n in hood.other] == [("ownedBy", True)]


def test_around_lists_the_same_neighbours_when_no_group_is_cut(project_store: Store) -> None:
    digg = f"{ID}actor/digg"
    assert neighbourhood_around(project_store, digg, "en", 200) == neighbourhood(build_network(project_store), digg, "en")
    assert neighbourhood_around(project_store, f"{ID}framework/svenskt-ramverk", "en", 200) is None, "no actor"


def test_a_hub_keeps_its_first_neighbours_by_role_and_iri_and_counts_the_rest(synthetic_project: Store) -> None:
    hub = f"{ID}actor/syn-agency-001"
    whole = neighbourhood(build_network(synthetic_project), hub, "sv")
    cut = neighbourhood_around(synthetic_project, hub, "sv", 5)
    assert cut is not None
    for group in GROUPS:
        every, shown = getattr(whole, group), getattr(cut, group)
        first = sorted((n.role or "", n.node.iri) for n in every)[:5]
        assert sorted((n.role or "", n.node.iri) for n in shown) == first
        assert shown == sorted(shown, key=lambda n: (n.role or "", n.node.label.casefold(), n.node.iri))
        assert cut.more.get(group, 0) == len(every) - len(shown)
    assert sum(cut.more.values()) > 0
