"""The neighbourhood picture fits what it draws: no empty margins, whether an actor has two neighbours or many."""

from __future__ import annotations

from samverkan.network import build_network
from samverkan.network.neighbourhood import neighbourhood
from samverkan.server.network_picture import HEIGHT, MARGIN, WIDTH, picture
from samverkan.server.page_text import page_text
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAMID


def test_the_view_box_hugs_the_drawing(project_store: Store) -> None:
    graph = build_network(project_store)
    degrees = sorted(
        (len(neighbourhood(graph, iri, "en").all), iri)
        for iri, data in graph.nodes(data=True)
        if data.get("category") == "actor" and iri.startswith(SAMID + "actor/")
    )
    few = next(iri for degree, iri in degrees if degree == 2)
    small = picture(neighbourhood(graph, few, "en"), page_text("en"))
    assert small is not None and small.width * small.height < 0.5 * WIDTH * HEIGHT, "a fixed canvas no more"
    for iri in (few, degrees[-1][1]):
        drawn = picture(neighbourhood(graph, iri, "en"), page_text("en"))
        assert drawn is not None
        xs = [n.x for n in drawn.nodes]
        ys = [n.y for n in drawn.nodes]
        assert drawn.left <= min(xs) - MARGIN and drawn.top <= min(ys) - MARGIN
        assert drawn.left + drawn.width >= max(xs) + MARGIN and drawn.top + drawn.height >= max(ys) + MARGIN
