"""Rows of text rendered for a terminal or a document: aligned table, CSV, JSON, Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

TABLE_FORMATS = ("table", "csv", "json", "md")


def render_rows(columns: Sequence[str], rows: Sequence[Sequence[str]], table_format: str) -> str:
    """Render rows in one of `TABLE_FORMATS`."""
    if table_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()
    if table_format == "json":
        return (
            json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2)
            + "\n"
        )
    if table_format == "md":
        header = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n"
        return header + "".join(
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |\n" for row in rows
        )
    if table_format == "table":
        return _aligned(columns, rows)
    raise ValueError(f"unknown table format {table_format!r}; choose one of {', '.join(TABLE_FORMATS)}")


def _aligned(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [len(c) for c in columns]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(columns), rule, *(line(row) for row in rows)]) + "\n"
