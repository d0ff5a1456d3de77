"""Generators of data/ files from the registers in ../shared/reference (run as `python -m samverkan.knowledge.generate.<name>`). Imports knowledge and below."""
