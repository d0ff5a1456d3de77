"""The HTTP service: SPARQL endpoint and pages over one store."""
