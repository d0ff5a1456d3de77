"""An actor's neighbourhood in the curated network: responsibilities, dependencies, the rest."""

from __future__ import annotations

from samverkan.network import build_network
from samverkan.network.neighbourhood import neighbourhood
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
