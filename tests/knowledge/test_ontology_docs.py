"""Anchors of the ontology documentation: every Samverkan term sits at its local name."""

from __future__ import annotations

from samverkan.knowledge.ontology_docs import anchor_terms, with_site_links

PYLODE_LIKE = """<a href="#ml">mål</a> <a href="#Person">foaf</a> <a href="#Person1">sam</a>
<div class="property entity" id="Person"><h3>person</h3><table><tr><th>IRI</th><td>
<code>http://xmlns.com/foaf/0.1/Person</code></td></tr></table></div>
<div class="property entity" id="ml"><h3>mål</h3><table><tr><th>IRI</th><td>
<code>https://w3id.org/samverkan/ontology#Goal</code></td></tr></table></div>
<div class="property entity" id="Person1"><h3>person</h3><table><tr><th>IRI</th><td>
<code>https://w3id.org/samverkan/ontology#Person</code></td></tr></table></div>
<div class="property entity" id="Concept"><h3>concept</h3><table><tr><th>IRI</th><td>
<code>http://www.w3.org/2004/02/skos/core#Concept</code></td></tr></table></div>"""


def test_samverkan_terms_take_their_local_names_and_links_follow() -> None:
    html = anchor_terms(PYLODE_LIKE)
    assert 'id="Goal"' in html and 'href="#Goal"' in html and 'id="ml"' not in html
    assert html.index('id="Person"') > html.index("foaf/0.1/Person"), "sam:Person owns #Person"
    assert 'id="foaf-Person"' in html and 'href="#foaf-Person">foaf' in html
    assert 'href="#Person">sam' in html
    assert 'id="Concept"' in html, "other terms keep their anchors when nothing clashes"


def test_the_page_links_back_to_the_service() -> None:
    html = with_site_links('<html><body class="x"><h1>Samverkan ontology</h1></body></html>')
    assert html.index('href="/vocabulary"') < html.index("<h1>")
    assert html.count('href="/vocabulary"') == 1 and "<h1>Samverkan ontology</h1>" in html
