"""The HTTP service: SPARQL endpoint and pages over one store. Imports the analysis layers and below."""
