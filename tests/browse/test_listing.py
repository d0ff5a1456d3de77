"""Lists by class on the curated graph: the class a segment names, filters by kind and county, paging."""

from __future__ import annotations

from samverkan.browse.listing import class_for_segment, listing, segment_for_class
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAM

ID = "https://w3id.org/samverkan/id/"


def test_segments_and_classes_map_both_ways() -> None:
    assert class_for_segment("county-administrative-board") == f"{SAM}CountyAdministrativeBoard"
    assert segment_for_class(f"{SAM}GoalArea") == "goal-area"
    assert segment_for_class("http://www.w3.org/ns/org#Organization") is None


def test_actor_lists_every_kind_of_actor(project_store: Store) -> None:
    actors = listing(project_store, "actor", "sv")
    assert actors is not None and actors.of_class is not None
    kinds = {option.value: option.count for option in actors.kinds}
    assert kinds["sam:Municipality"] == 290 and kinds["sam:Region"] == 21
    assert actors.total > 290
    assert actors.pages == -(-actors.total // 50) and len(actors.members) == 50


def test_filters_by_kind_and_county(project_store: Store) -> None:
    skane = listing(project_store, "actor", "sv", kind="Municipality", county="12")
    assert skane is not None
    assert skane.total == 33 and skane.kind == "sam:Municipality" and skane.county == "12"
    assert {m.county.iri for m in skane.members if m.county} == {f"{ID}county/12"}
    assert f"{ID}municipality/1280" in [m.iri for m in skane.members]
    assert [m.label for m in skane.members][-5:] == [
        "Ystads kommun",
        "Åstorps kommun",
        "Ängelholms kommun",
        "Örkelljunga kommun",
        "Östra Göinge kommun",
    ]


def test_paging_walks_the_whole_list_once(project_store: Store) -> None:
    first = listing(project_store, "municipality", "en", page=1, page_size=100)
    assert first is not None and first.pages == 3
    seen = []
    for page in range(1, 4):
        found = listing(project_store, "municipality", "en", page=page, page_size=100)
        assert found is not None and found.page == page
        seen += [m.iri for m in found.members]
    assert len(seen) == len(set(seen)) == 290
    last = listing(project_store, "municipality", "en", page=99, page_size=100)
    assert last is not None and last.page == 3


def test_a_segment_without_a_class_lists_its_iri_prefix(project_store: Store) -> None:
    sources = listing(project_store, "source", "en")
    assert sources is not None and sources.of_class is None
    assert all(m.iri.startswith(f"{ID}source/") for m in sources.members)
    assert listing(project_store, "no-such-kind", "en") is None
    assert listing(project_store, "Bad/Segment", "en") is None
