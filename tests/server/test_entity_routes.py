"""`/id/...` through FastAPI's test client: negotiation, status codes, the 404 page, listings, the language cookie."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from samverkan.server import entity_routes
from samverkan.server.app import create_app
from samverkan.server.pages import LANG_COOKIE
from samverkan.settings import Settings
from samverkan.store import Store

ID = "https://w3id.org/samverkan/id/"
SKR = ox.NamedNode(f"{ID}actor/skr")
MALMO = ox.NamedNode(f"{ID}municipality/1280")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
MEMBER_OF = ox.NamedNode("http://www.w3.org/ns/org#memberOf")


@pytest.fixture(scope="module")
def client(settings: Settings, backend_store: Store) -> TestClient:
    return TestClient(create_app(settings, backend_store))


def parsed(body: bytes, rdf_format: ox.RdfFormat) -> set[tuple[object, object, object]]:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(body, rdf_format)}


@pytest.mark.parametrize(
    ("accept", "media_type", "rdf_format"),
    [
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", "application/trig", ox.RdfFormat.TRIG),
        ("text/html;q=0.5, text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ],
)
def test_rdf_by_accept(client: TestClient, accept: str, media_type: str, rdf_format: ox.RdfFormat) -> None:
    response = client.get("/id/actor/skr", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    triples = parsed(response.content, rdf_format)
    assert (SKR, LABEL, ox.Literal("Sveriges Kommuner och Regioner", language="sv")) in triples
    assert (MALMO, MEMBER_OF, SKR) in triples, "incoming statements belong to the description"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("turtle", "text/turtle"), ("jsonld", "application/ld+json"), ("ntriples", "application/n-triples"),
     ("rdfxml", "application/rdf+xml"), ("nquads", "application/n-quads"), ("ttl", "text/turtle")],
)  # fmt: skip
def test_format_parameter_overrides_accept(client: TestClient, name: str, media_type: str) -> None:
    response = client.get(f"/id/municipality/1280?format={name}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)


def test_quads_keep_the_source_of_each_statement(client: TestClient) -> None:
    body = client.get("/id/municipality/1280?format=nquads").content
    graphs = {q.graph_name for q in ox.parse(body, ox.RdfFormat.N_QUADS) if q.predicate == MEMBER_OF}
    assert graphs == {ox.NamedNode(f"{ID}source/skr-medlemmar")}


def test_unknown_format_is_406(client: TestClient) -> None:
    assert client.get("/id/actor/skr?format=docx").status_code == 406
    assert client.get("/id/actor/skr", headers={"Accept": "image/png"}).status_code == 406


def test_browsers_get_the_page(client: TestClient) -> None:
    page = client.get("/id/municipality/1280?lang=sv", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Malmö kommun</h1>" in page.text
    assert 'href="/id/actor/skr"' in page.text, "linked by label to the local page"
    assert "Sveriges Kommuner och Regioner" in page.text
    assert "swedish_municipalities.csv line 118" in page.text, "the source's locator"
    assert (
        client.get("/id/municipality/1280?format=html", headers={"Accept": "text/turtle"}).status_code == 200
    )


def test_an_actor_page_shows_responsibilities_gaps_and_a_picture(client: TestClient) -> None:
    page = client.get("/id/actor/digg?lang=en").text
    assert "Swedish framework for digital cooperation" in page
    assert "<svg" in page and 'href="/id/framework/svenskt-ramverk"' in page
    assert 'href="/gaps/' in page, "gaps from the catalogue"
    assert "/network/impact/digg" in page


def test_a_hub_lists_its_first_neighbours_and_counts_the_rest(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = client.get("/id/actor/digg?lang=en").text
    monkeypatch.setattr(entity_routes, "SHOWN_NEIGHBOURS", 3)
    page = client.get("/id/actor/digg?lang=en").text
    listed = whole.split('<section aria-labelledby="network-heading">')[1].split("</ul>")[0].count("<li>")
    assert listed > 3 and "more (shown" not in whole
    section = page.split('<section aria-labelledby="network-heading">')[1].split("<svg")[0]
    assert section.split("</ul>")[0].count("<li>") == 3
    matrix = "/views/matrix?actor=https%3A//w3id.org/samverkan/id/actor/digg"
    assert f'<a href="{matrix}">… and {listed - 3} more (shown: the first by role and identifier).</a>' in section, (
        "the rest counted, all in the matrix"
    )


def test_unknown_ids_are_404_with_help(client: TestClient) -> None:
    page = client.get("/id/actor/skr-nope", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "https://w3id.org/samverkan/id/actor/skr-nope" in page.text
    assert 'href="/id/actor/">' in page.text.split("<main")[1], "the list of the kind"
    assert 'href="/id/actor/skr"' in page.text, "a guess from the words of the slug"
    plain = client.get("/id/actor/skr-nope", headers={"Accept": "text/turtle"})
    assert plain.status_code == 404 and plain.headers["content-type"].startswith("text/plain")
    assert client.get("/id/nothing-here/at-all").status_code == 404


def test_a_kind_without_slash_goes_to_its_list(client: TestClient) -> None:
    response = client.get("/id/actor", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/id/actor/"


def test_listing_pages_and_filters(client: TestClient, project_store: Store) -> None:
    actors = project_store.query(
        "PREFIX sam: <https://w3id.org/samverkan/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
        " SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a/rdfs:subClassOf* sam:Actor"
        ' FILTER(STRSTARTS(STR(?a), "https://w3id.org/samverkan/id/")) }'
    )
    assert isinstance(actors, ox.QuerySolutions)
    pages = -(-int(next(actors)["n"].value) // 50)
    first = client.get("/id/actor/?lang=sv")
    assert first.status_code == 200 and f"Sida 1 av {pages}" in first.text and 'rel="next"' in first.text
    skane = client.get("/id/actor/", params={"kind": "Municipality", "county": "12", "lang": "en"})
    assert "33 members" in skane.text and "Malmö Municipality" in skane.text
    assert "Stockholm Municipality" not in skane.text
    data = client.get(
        "/id/actor/", params={"kind": "sam:Region", "page": 2}, headers={"Accept": "application/json"}
    )
    assert data.json()["total"] == 21 and data.json()["page"] == 1 and len(data.json()["members"]) == 21
    assert client.get("/id/no-such-kind/").status_code == 404


def test_language_is_remembered_in_a_cookie(client: TestClient) -> None:
    fresh = TestClient(client.app)
    assert '<html lang="sv">' in fresh.get("/id/actor/skr").text
    english = fresh.get("/id/actor/skr?lang=en")
    assert english.cookies.get(LANG_COOKIE) == "en"
    later = fresh.get("/id/municipality/1280")
    assert '<html lang="en">' in later.text and "<h1>Malmö Municipality</h1>" in later.text
    assert 'href="/id/municipality/1280?lang=sv"' in later.text, "the switch back"


def test_a_source_page_lists_what_the_source_states(client: TestClient) -> None:
    page = client.get("/id/source/sfs-2018-1486?lang=en")
    assert page.status_code == 200
    contents = page.text.split("What this source states", 1)[1].split("</section>", 1)[0]
    assert 'href="/id/instruction/sfs-2018-1486"' in contents
    assert 'href="/id/actor/digg"' in contents
    register = client.get("/id/source/scb-kommunkoder?lang=en").text
    assert "municipality" in register.split("What this source states", 1)[1].lower()
    assert "more (all are in the TriG download)" in register
    assert "What this source states" not in client.get("/id/actor/digg?lang=en").text
    assert "What this source states" in client.get("/id/source/sou-2017-114?lang=en").text, "a report too"


def test_each_type_once_and_reused_terms_named_in_the_pages_language(client: TestClient) -> None:
    page = client.get("/id/actor/digg?lang=sv").text
    types = page.split("<p>Typ:", 1)[1].split("</p>", 1)[0]
    assert types.count('href="/ontology#StateAgency"') == 1
    assert "offentlig organisation" in types and "cv:PublicOrganisation" not in types


def test_an_entity_page_lists_its_first_gaps_and_counts_the_rest(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = client.get("/id/actor/digg?lang=en").text
    rows = whole.split('<section aria-labelledby="gaps-heading">')[1].split("</tbody>")[0].count("<tr>") - 1
    assert rows > 2 and "more (all are in the gap report)" not in whole
    monkeypatch.setattr(entity_routes, "SHOWN_GAPS", 2)
    section = client.get("/id/actor/digg?lang=en").text.split('<section aria-labelledby="gaps-heading">')[1]
    assert section.split("</tbody>")[0].count("<tr>") - 1 == 2
    assert f'<a href="/gaps/report?lang=en">… and {rows - 2} more (all are in the gap report).</a>' in section
