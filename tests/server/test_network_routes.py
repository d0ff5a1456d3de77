"""The /network routes through FastAPI's test client: a fixture graph with known answers, and the curated one."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store
from samverkan.store.embedded import EmbeddedStore

FIXTURES = Path(__file__).parents[1] / "fixtures" / "network"
ID = "https://w3id.org/samverkan/id/"


def client_for(settings: Settings, *fixtures: str) -> TestClient:
    store = EmbeddedStore()
    for name in fixtures:
        store.load((FIXTURES / f"{name}.trig").read_bytes(), ox.RdfFormat.TRIG)
    return TestClient(create_app(settings, store))


@pytest.fixture
def chain(settings: Settings) -> TestClient:
    return client_for(settings, "chain", "cut", "temporal")


def test_impact_by_slug_lists_what_is_at_risk_with_paths(chain: TestClient) -> None:
    response = chain.get("/network/impact/a", params={"lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert body["actor"]["label"] == "Agency A"
    items = {item["node"]["iri"].removeprefix(ID): item for item in body["items"]}
    assert sorted(items) == [
        "actor/b",
        "actor/u",
        "goal/g",
        "goal/h",
        "recommendation/r",
        "shared-component/c",
    ]
    assert [step["node"]["label"] for step in items["goal/h"]["path"]] == [
        "Agency A",
        "Component C",
        "Agency B",
        "Goal H",
    ]
    assert items["goal/h"]["also_carried_by"][0]["label"] == "Association Z"


def test_impact_by_full_iri_and_as_of(chain: TestClient) -> None:
    by_iri = chain.get("/network/impact/-", params={"iri": f"{ID}actor/old"})
    assert [i["node"]["iri"] for i in by_iri.json()["items"]] == [f"{ID}goal/t"]
    later = chain.get("/network/impact/old", params={"as_of": "2020-01-01"})
    assert later.status_code == 404


def test_unknown_actor_is_404_with_a_hint(chain: TestClient) -> None:
    response = chain.get("/network/impact/hubb")
    assert response.status_code == 404
    assert "did you mean hub" in response.json()["detail"]


def test_bad_parameters_are_422(chain: TestClient) -> None:
    assert chain.get("/network/impact/a", params={"as_of": "yesterday"}).status_code == 422
    assert chain.get("/network/rankings", params={"lang": "fi"}).status_code == 422


def test_rankings(chain: TestClient) -> None:
    body = chain.get("/network/rankings", params={"top": 2}).json()
    assert [(r["actor"]["iri"], r["dependants"]) for r in body["actors"]] == [
        (f"{ID}actor/a", 6),
        (f"{ID}actor/hub", 4),
    ]
    assert f"{ID}actor/a1" in {n["iri"] for n in body["articulation_points"]}
    assert body["cycles"] == [] and body["cycles_truncated"] is False


def test_graph_is_node_link_json_networkx_reads_back(chain: TestClient) -> None:
    body = chain.get("/network/graph", params={"lang": "en"}).json()
    graph = nx.node_link_graph(body, edges="links")
    assert graph.has_edge(f"{ID}goal/g", f"{ID}shared-component/c", "dependsOn")
    assert graph.nodes[f"{ID}goal/g"]["label"] == "Goal G"
    assert [n["id"] for n in body["nodes"]] == sorted(n["id"] for n in body["nodes"])


def test_openapi_documents_the_network_routes(chain: TestClient) -> None:
    spec = chain.get("/openapi.json").json()
    for path in ("/network/impact/{actor}", "/network/rankings", "/network/graph"):
        assert "200" in spec["paths"][path]["get"]["responses"]
    assert {"Impact", "Rankings", "NodeLinkGraph"} <= set(spec["components"]["schemas"])


def test_curated_impact_of_digg(settings: Settings, backend_store: Store) -> None:
    client = TestClient(create_app(settings, backend_store))
    body = client.get("/network/impact/digg").json()
    assert body["items"], "nothing relies on DIGG in the curated data"
    assert all(item["path"][0]["node"]["iri"] == f"{ID}actor/digg" for item in body["items"])


def test_impact_and_rankings_are_pages_for_browsers(chain: TestClient) -> None:
    html = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    page = chain.get("/network/impact/a?lang=en", headers=html)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    table = page.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    for slug in ("actor/b", "goal/g", "goal/h", "recommendation/r", "shared-component/c"):
        assert f'href="/id/{slug}"' in table
    assert "Association Z" in table, "who else carries goal H"
    as_data = chain.get("/network/impact/a?lang=en&format=json", headers=html)
    assert as_data.json()["actor"]["label"] == "Agency A"
    rankings = chain.get("/network/rankings?lang=en", headers=html)
    assert rankings.status_code == 200 and 'href="/network/impact/a?lang=en"' in rankings.text
    as_json = chain.get("/network/rankings")
    assert as_json.headers["content-type"].startswith("application/json")
    assert "Accept" in as_json.headers["vary"], "one address, two answers: caches must know"
