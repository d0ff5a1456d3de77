"""The `samverkan` command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import pyoxigraph as ox
import typer

from samverkan.cli.lazy_commands import LazyGroup
from samverkan.cli.options import LangOption, StoreOption, loaded_store, settings_for
from samverkan.knowledge.loading import ensure_loaded, load_project, loading_summary
from samverkan.reports.tables import TABLE_FORMATS, render_rows
from samverkan.settings import Settings
from samverkan.sparql.collected import collect, serialize_collected
from samverkan.sparql.formats import GRAPH_FORMATS, SOLUTION_FORMATS, find_format
from samverkan.store import QuerySyntaxError, StoreError, open_store
from samverkan.vocabulary.terms import compact_iri, term_text


class Commands(LazyGroup):
    """This module's commands, then the others, each imported when it is used."""

    lazy = {
        "validate": "samverkan.cli.validate:validate",
        "gaps": "samverkan.cli.gaps:gaps",
        "matrix": "samverkan.cli.views:matrix",
        "dashboard": "samverkan.cli.views:dashboard",
        "scoreboard": "samverkan.cli.views:scoreboard",
        "impact": "samverkan.cli.network:impact_command",
        "rankings": "samverkan.cli.network:rankings_command",
        "export": "samverkan.cli.archimate:export_app",
        "import": "samverkan.cli.archimate:import_app",
        "bench": "samverkan.cli.bench:app",
    }


app = typer.Typer(
    cls=Commands,
    help="Samverkan: who is responsible for what in Swedish digital government.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def load(store: StoreOption = None) -> None:
    """Load the ontology, shapes and data into the store (replacing their graphs)."""
    settings = settings_for(store)
    try:
        target = open_store(settings)
        loaded = load_project(target, settings)
    except StoreError as error:
        _fail(str(error))
    root = settings.ontology_dir.parent
    for item in loaded:
        typer.echo(f"{item.quads:7d} quads  {item.path.relative_to(root) if item.path.is_relative_to(root) else item.path}")
    typer.echo(f"{sum(item.quads for item in loaded)} quads from {len(loaded)} files")
    target.close()


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="A SPARQL query, a file holding one, or - for stdin.")],
    output: Annotated[
        str, typer.Option("--format", "-f", help=f"{', '.join(TABLE_FORMATS)}, or a SPARQL/RDF format.")
    ] = "table",
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over the graph and print the answer."""
    settings = settings_for(store)
    sparql = _read_query(text)
    try:
        target = loaded_store(settings)
        answer = target.query(sparql)
    except QuerySyntaxError as error:
        _fail(f"malformed query: {error.message}")
    except StoreError as error:
        _fail(str(error))
    offers = GRAPH_FORMATS if isinstance(answer, ox.QueryTriples) else SOLUTION_FORMATS
    answer_format = None if output in {"table", "md"} else find_format(output, offers)
    if answer_format is None:
        if output not in TABLE_FORMATS:
            raise typer.BadParameter(f"cannot print this answer as {output!r}", param_hint="--format")
        typer.echo(_answer_as_table(answer, output), nl=False)
        return
    collected = collect(answer, deadline=float("inf"), limit=sys.maxsize)
    sys.stdout.buffer.write(serialize_collected(collected, answer_format))


def _read_query(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    path = Path(text)
    if len(text) < 4096 and path.suffix in {".rq", ".sparql"} or path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            _fail(f"cannot read {path}: {error}")
    return text


def _answer_as_table(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, output: str) -> str:
    if isinstance(answer, ox.QueryBoolean):
        return f"{bool(answer)}\n".lower()
    if isinstance(answer, ox.QueryTriples):
        rows = [[term_text(t.subject), term_text(t.predicate), term_text(t.object)] for t in answer]
        return render_rows(["subject", "predicate", "object"], rows, output)
    columns = [variable.value for variable in answer.variables]
    rows = [[term_text(solution[c]) for c in columns] for solution in answer]
    return render_rows(columns, rows, output)


@app.command()
def stats(
    output: Annotated[str, typer.Option("--format", "-f", help=", ".join(TABLE_FORMATS))] = "table",
    by_class: Annotated[bool, typer.Option("--by-class", help="One row per source and class.")] = False,
    per_class: Annotated[
        bool, typer.Option("--per-class", help="One row per class over the whole graph.")
    ] = False,
    lang: LangOption = "en",
    store: StoreOption = None,
) -> None:
    """Coverage per source: claims, resources by class, resources lacking a sv or en label; then the state agencies
    (current and ceased) lacking a ministry or an instruction, and the assignments with an assignee, a deadline and a
    source URL."""
    from samverkan.knowledge.coverage import (
        agency_completeness,
        assignment_completeness,
        coverage,
        resources_per_class,
    )

    settings = settings_for(store)
    target = loaded_store(settings)
    if per_class:
        counts = [[compact_iri(cls), str(count)] for cls, count in resources_per_class(target).items()]
        typer.echo(render_rows(["class", "resources"], counts, output), nl=False)
        return
    report = coverage(target, lang)
    if by_class:
        rows = [
            [compact_iri(item.source), compact_iri(cls), str(count)]
            for item in report
            for cls, count in item.resources_by_class.items()
        ]
        typer.echo(render_rows(["source", "class", "resources"], rows, output), nl=False)
        return
    rows = [
        [
            compact_iri(item.source),
            item.title,
            str(item.claims),
            str(sum(item.resources_by_class.values())),
            " ".join(compact_iri(r) for r in item.missing_labels["sv"]) or "-",
            " ".join(compact_iri(r) for r in item.missing_labels["en"]) or "-",
        ]
        for item in report
    ]
    columns = ["source", "title", "claims", "typed resources", "lacking sv", "lacking en"]
    typer.echo(render_rows(columns, rows, output), nl=False)
    if output == "table":
        agencies = agency_completeness(target)
        typer.echo(
            f"\nstate agencies: {agencies.agencies} ({agencies.current} current, {agencies.ceased} ceased); "
            f"lacking a ministry: {agencies.lacking_ministry}; lacking an instruction: {agencies.lacking_instruction}"
        )
        assignments = assignment_completeness(target)
        typer.echo(
            f"assignments: {assignments.assignments}; with an assignee, a deadline and a source URL: "
            f"{assignments.complete}"
        )


@app.command()
def docs() -> None:
    """Render the ontology's HTML documentation (served at /ontology)."""
    from samverkan.knowledge.ontology_docs import build_ontology_docs

    typer.echo(f"wrote {build_ontology_docs(Settings())}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on (SAMVERKAN_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (SAMVERKAN_PORT).")] = None,
    reload_data: Annotated[
        bool, typer.Option("--reload-data", help="Reload the files into a non-empty store.")
    ] = False,
    store: StoreOption = None,
    force: Annotated[bool, typer.Option("--force", help="Serve even when the data has Violations.")] = False,
) -> None:
    """Serve the graph over HTTP: the SPARQL endpoint and pages (validated first: Violations in the files
    just loaded stop it, Violations in a store that already held the data are reported)."""
    from samverkan.server.run import run_until_stopped, starting

    with starting():
        from samverkan.server.app import create_app
    settings = settings_for(store)
    settings = settings.model_copy(update={k: v for k, v in {"host": host, "port": port}.items() if v})
    try:
        target = open_store(settings)
        loaded = ensure_loaded(target, settings, reload=reload_data)
    except StoreError as error:
        _fail(str(error))
    typer.echo(loading_summary(loaded, settings))
    if not force:
        from samverkan.cli.validate import refuse_violations

        refuse_violations(target, refuse=bool(loaded))
    typer.echo(f"Samverkan SPARQL endpoint: http://{settings.host}:{settings.port}/sparql")
    run_until_stopped(create_app(settings, target), settings)
