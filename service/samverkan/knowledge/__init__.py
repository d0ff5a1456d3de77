"""The graph's files: loading them, labels, coverage, the ontology's documentation, and the generators of data/ files. Imports store, sparql, vocabulary, settings."""
