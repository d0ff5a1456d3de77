"""IRIs and readable terms: Samverkan's namespaces, prefixes and compact names. Imports nothing else of the package."""
