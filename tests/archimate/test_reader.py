"""Reading exchange files: safe (no DTD, no entities) and clear about where a file is broken."""

from __future__ import annotations

import pytest

from samverkan.archimate.model import Model
from samverkan.archimate.reader import ExchangeFormatError, read_exchange
from samverkan.archimate.vocabulary import IRI


def test_round_trip_gives_the_same_elements_and_relations(whole_exchange: bytes, whole_model: Model) -> None:
    read = read_exchange(whole_exchange)
    by_id = {e.identifier: e for e in read.elements.values()}
    assert {(e.first(IRI), e.concept) for e in read.elements.values()} == {
        (e.iri, e.concept) for e in whole_model.elements.values()
    }
    relations = {
        (by_id[r.source].first(IRI), r.concept, by_id[r.target].first(IRI))
        for r in read.relationships.values()
    }
    assert relations == {(r.source, r.concept, r.target) for r in whole_model.relationships.values()}


def test_malformed_file_names_line_and_column() -> None:
    with pytest.raises(ExchangeFormatError) as caught:
        read_exchange(
            b'<?xml version="1.0"?>\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/">\n  <elements>\n</model>\n'
        )
    assert caught.value.line == 4 and caught.value.column is not None
    assert "line 4, column" in str(caught.value)


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE model [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE model [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
        b'<!DOCTYPE model SYSTEM "http://127.0.0.1:9/model.dtd">',
    ],
)
def test_dtds_and_entities_are_refused(doctype: bytes) -> None:
    data = (
        b'<?xml version="1.0"?>\n'
        + doctype
        + b'\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"/>'
    )
    with pytest.raises(ExchangeFormatError, match="DOCTYPE") as caught:
        read_exchange(data)
    assert caught.value.line == 2


def test_other_xml_is_not_a_model() -> None:
    with pytest.raises(ExchangeFormatError, match="root element"):
        read_exchange(b"<model/>")
