"""Every shape of `shapes/` has a fixture that triggers it and one that passes (data-driven).

Fixtures are `fixtures/{ShapeLocalName}.fail.*` and `fixtures/{ShapeLocalName}.pass.*`. Each is
validated with the ontology; only the results of the shape under test count. SHACL-SPARQL shapes
are also run under pySHACL, which must find the same focus nodes as the store's SPARQL engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import RDF, Graph, Namespace, URIRef

from samverkan.store import Store
from samverkan.validation.documents import read_file_quads
from samverkan.validation.validator import Validator
from samverkan.vocabulary.namespaces import SAMSH

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SH = Namespace("http://www.w3.org/ns/shacl#")


def shape_ids() -> list[str]:
    shapes = Graph()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return sorted(
        str(s).removeprefix(SAMSH) for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)
    )


@pytest.fixture(scope="module")
def validator(project_store: Store) -> Validator:
    return Validator(project_store)


def fixture(shape_id: str, outcome: str) -> Path:
    found = sorted(FIXTURES.glob(f"{shape_id}.{outcome}.*"))
    assert len(found) == 1, f"expected one fixture {shape_id}.{outcome}.* in {FIXTURES}"
    return found[0]


@pytest.mark.parametrize("outcome", ["fail", "pass"])
@pytest.mark.parametrize("shape_id", shape_ids())
def test_shape_fires_only_on_its_failing_fixture(shape_id: str, outcome: str, validator: Validator) -> None:
    quads = read_file_quads(fixture(shape_id, outcome))
    report = validator.validate_quads(quads, "en")
    fired = {r.focus for r in report.results if r.rule_id == shape_id}
    assert bool(fired) == (outcome == "fail"), [r.message for r in report.results if r.rule_id == shape_id]
    rule = validator.rules[SAMSH + shape_id]
    assert rule.names.keys() >= {"sv", "en"} and rule.descriptions.keys() >= {"sv", "en"}
    if rule.query is not None:
        _, results, _ = pyshacl_validate(
            validator.data_graph(quads),
            shacl_graph=validator.shapes,
            advanced=True,
            allow_warnings=True,
            use_shapes=[rule.iri],
        )
        assert isinstance(results, Graph)
        assert {str(f) for f in results.objects(None, SH.focusNode)} == fired


def test_every_fixture_belongs_to_a_shape() -> None:
    known = set(shape_ids())
    strays = [p.name for p in FIXTURES.iterdir() if p.name.split(".")[0] not in known]
    assert not strays
