"""Search by name on the curated graph: accents and case do not matter, both languages count."""

from __future__ import annotations

import pyoxigraph as ox

from samverkan.browse.search import fold, search, sort_key
from samverkan.store import Store

ID = "https://w3id.org/samverkan/id/"


def test_fold_drops_accents_and_case() -> None:
    assert fold("Malmö") == fold("MALMO") == "malmo"
    assert fold("Ängelholms kommun") == "angelholms kommun"


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_last() -> None:
    names = ["Örebro", "Ale", "Åre", "Ängelholm", "Zeta"]
    assert sorted(names, key=lambda n: sort_key(n, "sv")) == ["Ale", "Zeta", "Åre", "Ängelholm", "Örebro"]
    assert sorted(names, key=lambda n: sort_key(n, "en"))[:2] == ["Ale", "Ängelholm"]


def test_malmo_finds_malmo_with_its_label_in_the_asked_language(project_store: Store) -> None:
    hits = search(project_store, "Malmo", "sv")
    assert hits[0].iri == f"{ID}municipality/1280"
    assert hits[0].label == "Malmö kommun"
    assert search(project_store, "malmö", "en")[0].label == "Malmö Municipality"


def test_english_names_and_several_words(project_store: Store) -> None:
    hits = search(project_store, "agency digital government", "en")
    assert f"{ID}actor/digg" in [hit.iri for hit in hits]
    assert search(project_store, "SKR", "sv")[0].iri == f"{ID}actor/skr"


def test_hostile_or_empty_text_is_only_text(project_store: Store) -> None:
    assert search(project_store, "   ", "sv") == []
    assert search(project_store, '"} } DROP ALL ; #', "sv") == []
    assert search(project_store, "kommun", "sv", limit=5).__len__() == 5


def test_codes_and_identifiers_find_their_resource_first(project_store: Store) -> None:
    for code, iri in (
        ("2584", f"{ID}municipality/2584"),
        ("202100-6883", f"{ID}actor/digg"),
        ("2021006883", f"{ID}actor/digg"),
        ("Q56302089", f"{ID}actor/digg"),
        ("SFS 2018:1486", f"{ID}instruction/sfs-2018-1486"),
        ("12", f"{ID}county/12"),
    ):
        hit = search(project_store, code, "sv")[0]
        assert (hit.iri, hit.field) == (iri, "code"), code


def test_a_diary_number_finds_the_assignment(project_store: Store) -> None:
    answer = project_store.query(
        "PREFIX sam: <https://w3id.org/samverkan/ontology#> SELECT ?a ?n WHERE { ?a a sam:Assignment ; sam:caseNumber ?n } LIMIT 1"
    )
    assert isinstance(answer, ox.QuerySolutions)
    row = next(answer)
    hit = search(project_store, row["n"].value, "en")[0]
    assert hit.iri == row["a"].value and hit.field == "code" and hit.kinds


def test_names_rank_before_descriptions_and_shorter_names_first(project_store: Store) -> None:
    hits = search(project_store, "digital förvaltning", "sv")
    assert hits[0].field == "name"
    fields = [hit.field for hit in hits]
    assert "description" not in fields[: fields.index("name") + 1]
    assert f"{ID}actor/digg" in [hit.iri for hit in hits[:5]]
