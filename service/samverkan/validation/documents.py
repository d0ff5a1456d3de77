"""RDF documents to validate: files or request bodies parsed to quads, syntax errors with position."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from samverkan.store import QuerySyntaxError, StoreError


def parse_quads(data: bytes, rdf_format: ox.RdfFormat) -> list[ox.Quad]:
    """Every quad of a document; a syntax error is a QuerySyntaxError naming line and column."""
    try:
        return list(ox.parse(data, rdf_format))
    except SyntaxError as error:
        parsed = QuerySyntaxError.from_parser_message(str(error))
        line, column = error.lineno or parsed.line, error.offset or parsed.column
        raise QuerySyntaxError(str(error), line, column) from error


def read_file_quads(path: Path) -> list[ox.Quad]:
    """The quads of an RDF file, its format chosen by extension."""
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if rdf_format is None:
        raise StoreError(f"{path}: unknown RDF file extension")
    try:
        return parse_quads(path.read_bytes(), rdf_format)
    except QuerySyntaxError as error:
        raise QuerySyntaxError(f"{path}: {error.message}", error.line, error.column) from error
