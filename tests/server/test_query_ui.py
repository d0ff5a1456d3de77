"""The query UI's page data: JSON that cannot end its script element, and one map of local links."""

from __future__ import annotations

from samverkan.server.pages import local_href
from samverkan.server.query_ui import _json
from samverkan.vocabulary.namespaces import SAMSH


def test_json_in_a_script_element_holds_no_markup() -> None:
    text = _json({"name": "</script><!--<script>&amp;"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert text.count("\\u003c") == 3


def test_shapes_link_to_the_gap_report() -> None:
    assert local_href(SAMSH + "GoalWithoutAccountableActor") == "/gaps/report#GoalWithoutAccountableActor"
    assert local_href("javascript:alert(1)") == ""
