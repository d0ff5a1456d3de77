"""Names in Swedish and English for the terms Samverkan reuses from other vocabularies, for pages and reports.

The English names are the vocabularies' own labels; the Swedish ones are Samverkan's translations. The
graph's own labels win where it has them (`samverkan.knowledge.labels`).
"""

from __future__ import annotations

from samverkan.vocabulary.namespaces import PREFIXES

_NAMES: dict[str, tuple[str, str]] = {
    # term (prefixed): (sv, en)
    "rdf:type": ("typ", "type"),
    "rdfs:label": ("namn", "label"),
    "rdfs:comment": ("kommentar", "comment"),
    "rdfs:seeAlso": ("se även", "see also"),
    "rdfs:subClassOf": ("underklass till", "subclass of"),
    "skos:prefLabel": ("föredraget namn", "preferred label"),
    "skos:altLabel": ("alternativt namn", "alternative label"),
    "skos:definition": ("definition", "definition"),
    "skos:note": ("anmärkning", "note"),
    "skos:scopeNote": ("tillämpningsanmärkning", "scope note"),
    "skos:editorialNote": ("redaktionell anmärkning", "editorial note"),
    "skos:notation": ("beteckning", "notation"),
    "skos:inScheme": ("ingår i begreppsschema", "in scheme"),
    "skos:topConceptOf": ("toppbegrepp i", "top concept of"),
    "skos:hasTopConcept": ("har toppbegrepp", "has top concept"),
    "skos:broaderTransitive": ("har överordnat (transitivt)", "has broader transitive"),
    "skos:closeMatch": ("motsvarar nära", "close match"),
    "skos:broadMatch": ("motsvarar bredare", "broad match"),
    "skos:relatedMatch": ("motsvarar besläktat", "related match"),
    "skos:Concept": ("begrepp", "concept"),
    "skos:ConceptScheme": ("begreppsschema", "concept scheme"),
    "dcterms:title": ("titel", "title"),
    "dcterms:description": ("beskrivning", "description"),
    "dcterms:identifier": ("identifierare", "identifier"),
    "dcterms:publisher": ("utgivare", "publisher"),
    "dcterms:creator": ("upphovsman", "creator"),
    "dcterms:date": ("datum", "date"),
    "dcterms:issued": ("utgivningsdatum", "date issued"),
    "dcterms:created": ("skapad", "date created"),
    "dcterms:modified": ("ändrad", "date modified"),
    "dcterms:language": ("språk", "language"),
    "dcterms:license": ("licens", "license"),
    "dcterms:source": ("källa", "source"),
    "dcterms:references": ("hänvisar till", "references"),
    "dcterms:relation": ("relation", "relation"),
    "dcterms:isPartOf": ("ingår i", "is part of"),
    "dcterms:replaces": ("ersätter", "replaces"),
    "dcterms:isReplacedBy": ("ersätts av", "is replaced by"),
    "dcterms:temporal": ("tidsomfång", "temporal coverage"),
    "dcterms:type": ("typ", "type"),
    "prov:wasDerivedFrom": ("härledd ur", "was derived from"),
    "foaf:Document": ("dokument", "document"),
    "foaf:homepage": ("webbplats", "homepage"),
    "org:Organization": ("organisation", "organization"),
    "org:FormalOrganization": ("formell organisation", "formal organization"),
    "org:memberOf": ("medlem i", "member of"),
    "org:subOrganizationOf": ("del av organisationen", "suborganization of"),
    "org:purpose": ("syfte", "purpose"),
    "org:originalOrganization": ("ursprunglig organisation", "original organization"),
    "org:resultingOrganization": ("resulterande organisation", "resulting organization"),
    "cv:PublicOrganisation": ("offentlig organisation", "public organisation"),
    "eli:LegalResource": ("rättslig resurs", "legal resource"),
    "eli:LegalResourceSubdivision": ("del av rättslig resurs", "legal resource subdivision"),
    "eli:id_local": ("lokal identifierare (SFS-nummer)", "local identifier (SFS number)"),
    "eli:amended_by": ("ändrad genom", "amended by"),
    "eli:is_part_of": ("ingår i", "is part of"),
}

REUSED_TERM_NAMES: dict[str, dict[str, str]] = {
    PREFIXES[term.split(":")[0]] + term.split(":")[1]: {"sv": sv, "en": en} for term, (sv, en) in _NAMES.items()
}
"""Full IRI → {language: name} for each reused term above."""
