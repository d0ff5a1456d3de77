"""Reports as text: rows as tables, CSV, JSON, Markdown; validation and gap reports in those forms. Imports gaps, validation and below."""
