"""GET /export/archimate through FastAPI's test client, over the real project store."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from fastapi.testclient import TestClient

from samverkan.archimate.vocabulary import ARCHIMATE_NS
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store


@pytest.fixture(scope="module")
def client(settings: Settings, backend_store: Store) -> TestClient:
    return TestClient(create_app(settings, backend_store))


def test_exchange_file_of_a_strategy(client: TestClient) -> None:
    answer = client.get("/export/archimate?scope=strategy&id=digitaliseringsstrategin-2017")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/xml")
    assert "attachment" in answer.headers["content-disposition"]
    assert ET.fromstring(answer.content).tag == f"{{{ARCHIMATE_NS}}}model"
    assert (
        client.get("/export/archimate?scope=strategy&id=digitaliseringsstrategin-2017").content
        == answer.content
    )


def test_csv_as_zip_or_one_file(client: TestClient) -> None:
    archive = client.get("/export/archimate?scope=framework&id=eif&format=csv")
    assert archive.headers["content-type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(archive.content)).namelist() == [
        "elements.csv",
        "relations.csv",
        "properties.csv",
    ]
    one = client.get("/export/archimate?scope=framework&id=eif&format=csv&file=relations&lang=en")
    assert one.headers["content-type"].startswith("text/csv") and one.text.startswith('"ID","Type","Name"')


def test_errors(client: TestClient) -> None:
    assert client.get("/export/archimate?scope=actor").status_code == 400
    assert client.get("/export/archimate?scope=actor&id=nobody").status_code == 404
    hostile = client.get(
        "/export/archimate", params={"scope": "actor", "id": "digg> } UNION { ?node ?p ?o } #"}
    )
    assert hostile.status_code in (400, 404)
    assert client.get("/export/archimate?scope=goal&id=x").status_code == 422


def test_documented_in_openapi(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/export/archimate"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"scope", "id", "format", "file", "lang"}
