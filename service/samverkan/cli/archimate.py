"""`samverkan export archimate` and `samverkan import archimate`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import pyoxigraph as ox
import typer

from samverkan.archimate.changeset import propose
from samverkan.archimate.export import ExportFormat, export_archimate
from samverkan.archimate.model import ScopeKind, UnknownScopeError
from samverkan.archimate.reader import ExchangeFormatError
from samverkan.cli.options import LangOption, StoreOption, loaded_store, settings_for
from samverkan.reports.text import validation_text
from samverkan.store import Store, StoreError

export_app = typer.Typer(help="Export the graph to other tools.", no_args_is_help=True)
import_app = typer.Typer(help="Import files from other tools as proposed change sets.", no_args_is_help=True)


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _store(store: str | None) -> Store:
    settings = settings_for(store)
    try:
        target = loaded_store(settings)
    except StoreError as error:
        _fail(str(error))
    return target


@export_app.command("archimate")
def export_archimate_command(
    scope: Annotated[
        tuple[str, str] | None,
        typer.Option("--scope", help="actor, strategy or framework, and a slug or IRI: --scope actor digg."),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="xml (Open Group exchange file) or csv (Archi's CSV, zipped)."),
    ] = "xml",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
    lang: LangOption = "sv",
    store: StoreOption = None,
) -> None:
    """The graph, or one actor's, strategy's or framework's part of it, as an ArchiMate model."""
    if output_format not in ("xml", "csv"):
        raise typer.BadParameter("choose xml or csv", param_hint="--format")
    kind, ident = scope if scope else (None, None)
    if kind not in (None, "actor", "strategy", "framework"):
        raise typer.BadParameter("the scope is actor, strategy or framework", param_hint="--scope")
    fmt: ExportFormat = "xml" if output_format == "xml" else "csv"
    scope_kind: ScopeKind | None = kind  # type: ignore[assignment]
    target = _store(store)
    try:
        exported = export_archimate(target, scope_kind, ident, fmt, lang)
    except (UnknownScopeError, ValueError) as error:
        _fail(str(error))
    finally:
        target.close()
    if output is None:
        sys.stdout.buffer.write(exported.content)
        return
    output.write_bytes(exported.content)
    typer.echo(f"wrote {output} ({len(exported.content)} bytes)", err=True)


@import_app.command("archimate")
def import_archimate_command(
    file: Annotated[Path, typer.Argument(help="An ArchiMate exchange file (.xml).")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Where to write the change set (TriG; default: stdout)."),
    ] = None,
    load: Annotated[
        bool, typer.Option("--load", help="Load the change set into the store once it validates.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Turn an exchange file into a proposed change set; nothing is written if it has Violations."""
    try:
        data = file.read_bytes()
    except OSError as error:
        _fail(f"cannot read {file}: {error}")
    target = _store(store)
    try:
        proposal = propose(target, data, file.resolve().as_uri())
    except ExchangeFormatError as error:
        target.close()
        _fail(f"{file}: {error}")
    for reason in proposal.skipped:
        typer.echo(f"skipped: {reason}", err=True)
    if not proposal.report.conforms:
        violations = [r for r in proposal.report.results if r.severity == "Violation"]
        typer.echo(
            validation_text(proposal.report.model_copy(update={"results": violations}), "table"), err=True
        )
        target.close()
        _fail("the change set has Violations; nothing was written", 1)
    trig = proposal.trig()
    if output is None:
        sys.stdout.buffer.write(trig)
    else:
        output.write_bytes(trig)
    typer.echo(
        f"{proposal.graph}: {proposal.matched} matched, {proposal.new_elements} new elements, "
        f"{proposal.new_statements} new statements, {len(proposal.skipped)} skipped",
        err=True,
    )
    if load:
        target.load(trig, ox.RdfFormat.TRIG)
        typer.echo(f"loaded {len(proposal.quads)} quads into {proposal.graph}", err=True)
    target.close()
