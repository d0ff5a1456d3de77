"""SHACL validation on the store: shapes read as rules, Core compiled to SPARQL, SHACL-SPARQL, incremental focus, messages, the validator. Imports knowledge and below."""
