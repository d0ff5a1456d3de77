"""Browsing the graph as people do: one entity at a time, lists by class, search by name. Imports gaps and below.

The analysis behind the HTML pages of `samverkan.server.entity_routes`; the SPARQL lives in
`samverkan/queries/browse/*.rq`, every parameter bound as a term.
"""
