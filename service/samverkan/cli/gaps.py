"""`samverkan gaps`: the gap catalogue's answers on the store."""

from __future__ import annotations

from typing import Annotated

import typer

from samverkan.cli.options import LangOption, StoreOption, loaded_store, settings_for
from samverkan.gaps.catalogue import UnknownGap, gap_report, run_gap
from samverkan.reports.text import GAP_FORMATS, gaps_text
from samverkan.store import StoreError


def gaps(
    gap_id: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="A gap rule (e.g. GoalWithoutAccountableActor); default: all."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge the landscape as it stood on this date (YYYY-MM-DD).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Only gaps concerning this actor (IRI or slug, e.g. digg).")
    ] = None,
    framework: Annotated[
        str | None, typer.Option(help="Only principles of this framework (IRI or slug, e.g. eif).")
    ] = None,
    goal_area: Annotated[
        str | None, typer.Option("--goal-area", help="Only goals in this goal area (IRI or slug).")
    ] = None,
    output: Annotated[str, typer.Option("--format", "-f", help=", ".join(GAP_FORMATS))] = "table",
    lang: LangOption = "sv",
    store: StoreOption = None,
) -> None:
    """List governance gaps: who is missing, doubled, unfunded or without a mandate.

    A gap about something missing says whether the absence is established (every source that covers the
    thing was read in full and names none) or only not recorded (the graph may simply not have been told).
    """
    if output not in GAP_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(GAP_FORMATS)}", param_hint="--format")
    settings = settings_for(store)
    try:
        target = loaded_store(settings)
        if gap_id:
            results = [run_gap(target, gap_id, as_of, actor, framework, goal_area, lang)]
        else:
            results = gap_report(target, as_of, actor, framework, goal_area, lang)
    except (UnknownGap, ValueError) as error:
        raise typer.BadParameter(str(error)) from error
    except StoreError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(gaps_text(results, output, lang), nl=False)
