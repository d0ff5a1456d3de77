"""The `samverkan impact` and `samverkan rankings` commands (network analysis in a terminal)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, NoReturn

import networkx as nx
import typer

from samverkan.knowledge.loading import ensure_loaded
from samverkan.network import Impact, Rankings, Step, UnknownNodeError, build_network, impact, rankings
from samverkan.network import resolve_actor as find_actor
from samverkan.reports.tables import render_rows
from samverkan.settings import Settings
from samverkan.store import StoreError, open_store

FORMATS = ("table", "json", "md")
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or md.")]
LangOption = Annotated[str, typer.Option("--lang", help="Language of labels: sv or en.")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Answer as the landscape stood on this date (YYYY-MM-DD).")
]
StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="memory, a directory, or a SPARQL endpoint URL (default: SAMVERKAN_STORE)."),
]


def impact_command(
    actor: Annotated[str, typer.Argument(help="Actor slug (digg, skr, ...) or full IRI.")],
    output: FormatOption = "table",
    lang: LangOption = "sv",
    as_of: AsOfOption = None,
    store: StoreOption = None,
) -> None:
    """What is at risk if ACTOR fails or loses its mandate, and the path that explains each item."""
    graph = _network(store, as_of, output)
    try:
        answer = impact(graph, find_actor(graph, actor), lang=lang)
    except UnknownNodeError as error:
        _fail(str(error))
    if output == "json":
        typer.echo(answer.model_dump_json(indent=2))
        return
    typer.echo(_impact_heading(answer, output))
    rows = [[str(i.depth), i.node.category or "", i.node.label, path_text(i.path)] for i in answer.items]
    typer.echo(render_rows(["depth", "category", "at risk", "because"], rows, output), nl=False)


def rankings_command(
    top: Annotated[int, typer.Option("--top", "-n", help="How many actors to list.")] = 10,
    output: FormatOption = "table",
    lang: LangOption = "sv",
    as_of: AsOfOption = None,
    store: StoreOption = None,
) -> None:
    """Actors most relied on; single points of failure (articulation points, bridges); cycles."""
    answer = rankings(_network(store, as_of, output), lang=lang, top=top)
    if output == "json":
        typer.echo(answer.model_dump_json(indent=2))
        return
    typer.echo(_rankings_text(answer, output), nl=False)


def path_text(path: list[Step]) -> str:
    """`DIGG -[responsibleFor (responsible)]-> Ena: Identitet <-[dependsOn]- Goal`: statement arrows."""
    parts = [path[0].node.label]
    for step in path[1:]:
        relation = f"{step.relation} ({step.role})" if step.role else str(step.relation)
        arrow = f" -[{relation}]-> " if step.against else f" <-[{relation}]- "
        parts.append(arrow + step.node.label)
    return "".join(parts)


def _impact_heading(answer: Impact, output: str) -> str:
    prefix = "## " if output == "md" else ""
    when = f" as of {answer.as_of}" if answer.as_of else ""
    return f"{prefix}If {answer.actor.label} fails{when}: {len(answer.items)} at risk\n"


def _rankings_text(answer: Rankings, output: str) -> str:
    prefix = "## " if output == "md" else ""
    actor_rows = [
        [r.actor.label, str(r.dependants), str(r.in_degree), f"{r.betweenness:.4f}"] for r in answer.actors
    ]
    estimated = answer.betweenness_sources
    betweenness = f"betweenness (estimated from {estimated} sources)" if estimated else "betweenness"
    sections = [
        (
            "Actors most relied on",
            ["actor", "dependants", "in-degree", betweenness],
            actor_rows,
        ),
        (
            "Single points of failure (articulation points)",
            ["node", "category"],
            [[n.label, n.category or ""] for n in answer.articulation_points],
        ),
        ("Bridges", ["end", "end"], [[b.ends[0].label, b.ends[1].label] for b in answer.bridges]),
        (
            "Cycles" + (" (more not shown)" if answer.cycles_truncated else ""),
            ["cycle"],
            [[" -> ".join(n.label for n in cycle)] for cycle in answer.cycles],
        ),
    ]
    return "\n".join(
        f"{prefix}{title}\n" + render_rows(columns, rows, output) for title, columns, rows in sections
    )


def _network(store: str | None, as_of: str | None, output: str) -> nx.MultiDiGraph:
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    try:
        when = date.fromisoformat(as_of) if as_of else None
    except ValueError as error:
        raise typer.BadParameter("give the date as YYYY-MM-DD", param_hint="--as-of") from error
    settings = Settings(store=store) if store else Settings()
    try:
        target = open_store(settings)
        try:
            ensure_loaded(target, settings)
            return build_network(target, when)
        finally:
            target.close()
    except StoreError as error:
        _fail(str(error))


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)
