"""`samverkan validate`: SHACL validation of the store or of files, and the check before serving."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan.cli.options import LangOption, StoreOption, loaded_store, settings_for
from samverkan.reports.tables import TABLE_FORMATS, render_rows
from samverkan.reports.text import VALIDATION_FORMATS, validation_text
from samverkan.store import Store, StoreError
from samverkan.store.embedded import EmbeddedStore
from samverkan.validation.documents import read_file_quads
from samverkan.validation.focus import replace_graphs
from samverkan.validation.validator import ValidationReport, Validator

EXPLAIN_COLUMNS = ("shape", "source shape", "constraint", "runs as")


def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="RDF files to validate (default: the whole store).")
    ] = None,
    output: Annotated[str, typer.Option("--format", "-f", help=", ".join(VALIDATION_FORMATS))] = "table",
    changed: Annotated[
        bool,
        typer.Option(
            "--changed",
            help="FILES are new versions of graphs of the in-memory store: validate the store with them, "
            "checking only the nodes the change touches.",
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Instead of validating, list where each constraint runs: SPARQL on the store, or pySHACL.",
        ),
    ] = False,
    lang: LangOption = "sv",
    store: StoreOption = None,
) -> None:
    """Validate against the SHACL shapes; exit 1 on a Violation, 2 on unreadable input."""
    if output not in VALIDATION_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(VALIDATION_FORMATS)}", param_hint="--format")
    settings = settings_for(store)
    try:
        target = loaded_store(settings)
        validator = Validator(target)
        if explain:
            table = render_rows(
                EXPLAIN_COLUMNS, validator.explain(), output if output in TABLE_FORMATS else "table"
            )
            typer.echo(table, nl=False)
            raise typer.Exit(0)
        if changed:
            if not isinstance(target, EmbeddedStore) or target.path is not None:
                raise StoreError("--changed replaces graphs: it works on the in-memory store only")
            quads = [quad for path in files or [] for quad in read_file_quads(path)]
            report = validator.validate_change(target, replace_graphs(target, quads), lang)
        elif files:
            quads = [quad for path in files for quad in read_file_quads(path)]
            report = validator.validate_quads(quads, lang)
        else:
            report = validator.validate_store(target, lang)
    except (StoreError, OSError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(validation_text(report, output), nl=False)
    raise typer.Exit(0 if report.conforms else 1)


def refuse_violations(store: Store, lang: str = "en", *, refuse: bool = True) -> ValidationReport:
    """Validate the store before serving; print the Violations and, with `refuse`, stop if there are any.

    `serve` refuses on the project files it has just loaded, and only reports on a store that already
    held the data (a bad write followed by a restart is then no outage: writes are checked as they come)."""
    report = Validator(store).validate_store(store, lang)
    if not report.conforms:
        violations = report.model_copy(
            update={"results": [r for r in report.results if r.severity == "Violation"]}
        )
        typer.echo(validation_text(violations, "table"), err=True)
        if refuse:
            typer.echo("error: the data has Violations; fix them or start with --force", err=True)
            raise typer.Exit(1)
        typer.echo(
            f"warning: the store has {len(violations.results)} Violations; serving it anyway", err=True
        )
    return report
