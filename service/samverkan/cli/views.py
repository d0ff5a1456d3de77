"""`samverkan matrix`, `dashboard`, `scoreboard`: the architects' views on the store, as tables or files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from samverkan.cli.options import LangOption, StoreOption, loaded_store, settings_for
from samverkan.reports.tables import TABLE_FORMATS, render_rows
from samverkan.store import Store, StoreError
from samverkan.views.dashboard import dashboard as gap_dashboard
from samverkan.views.dashboard import figures_table, rows_table
from samverkan.views.matrix import DIMENSIONS, MatrixFilters, matrix_table
from samverkan.views.matrix import matrix as responsibility_matrix
from samverkan.views.scoreboard import scoreboard as eif_scoreboard
from samverkan.views.scoreboard import scoreboard_table
from samverkan.views.workbook import matrix_workbook

Result = TypeVar("Result")
FormatOption = Annotated[str, typer.Option("--format", "-f", help=", ".join(TABLE_FORMATS))]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="A day (YYYY-MM-DD).")]


def _run(store: str | None, work: Callable[[Store], Result]) -> Result:
    """Open and fill the store, then do the work; a bad parameter or an unreachable store ends the command."""
    settings = settings_for(store)
    try:
        target = loaded_store(settings)
        return work(target)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    except StoreError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error


def _check(output: str) -> None:
    if output not in TABLE_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(TABLE_FORMATS)}", param_hint="--format")


def matrix(
    strategy: Annotated[str | None, typer.Option(help="Things within this strategy (IRI or slug).")] = None,
    framework: Annotated[str | None, typer.Option(help="Things within this framework (IRI or slug).")] = None,
    ministry: Annotated[
        str | None, typer.Option(help="Actors reporting to this ministry (IRI or slug).")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="Actors of this class (e.g. StateAgency).")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Rows where this actor holds a role (IRI or slug).")
    ] = None,
    as_of: AsOfOption = None,
    only_gaps: Annotated[
        bool, typer.Option("--only-gaps", help="Rows without exactly one accountable.")
    ] = False,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write an XLSX workbook to this file.")] = None,
    per: Annotated[str | None, typer.Option(help=f"XLSX: one sheet per {', '.join(DIMENSIONS)}.")] = None,
    output: FormatOption = "table",
    lang: LangOption = "sv",
    store: StoreOption = None,
) -> None:
    """Responsibility matrix (RACI): one line per role an actor holds for a thing, or an XLSX workbook."""
    _check(output)
    filters = MatrixFilters(strategy, framework, ministry, kind, actor, as_of, only_gaps)
    if xlsx is not None:
        xlsx.write_bytes(_run(store, lambda target: matrix_workbook(target, filters, per, lang)))
        typer.echo(f"wrote {xlsx}")
        return
    result = _run(store, lambda target: responsibility_matrix(target, filters, lang))
    typer.echo(render_rows(*matrix_table(result), output), nl=False)


def dashboard(
    as_of: AsOfOption = None,
    since: Annotated[str | None, typer.Option(help="An earlier day: the change per rule since then.")] = None,
    rows: Annotated[bool, typer.Option("--rows", help="The gap rows instead of the figures.")] = False,
    output: FormatOption = "table",
    lang: LangOption = "sv",
    store: StoreOption = None,
) -> None:
    """Gap dashboard figures: gap rows per rule, ministry, actor kind and absence, and the change since a day."""
    _check(output)
    result = _run(store, lambda target: gap_dashboard(target, as_of, since, lang=lang))
    typer.echo(render_rows(*(rows_table(result) if rows else figures_table(result)), output), nl=False)


def scoreboard(
    framework: Annotated[str, typer.Option(help="Framework IRI or slug.")] = "eif",
    kind: Annotated[str | None, typer.Option(help="principle or recommendation.")] = None,
    only_uncarried: Annotated[
        bool, typer.Option("--only-uncarried", help="Only items nothing in Sweden carries.")
    ] = False,
    output: FormatOption = "table",
    lang: LangOption = "sv",
    store: StoreOption = None,
) -> None:
    """EIF implementation scoreboard: per principle and recommendation, what in Sweden carries it."""
    _check(output)
    result = _run(store, lambda target: eif_scoreboard(target, framework, kind, only_uncarried, lang))
    typer.echo(render_rows(*scoreboard_table(result), output), nl=False)
