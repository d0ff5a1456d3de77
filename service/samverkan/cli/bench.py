"""The `samverkan bench` commands: the synthetic national-scale graph and the benchmark suite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from samverkan.bench import synthetic

app = typer.Typer(
    name="bench", help="Benchmarks: a synthetic national-scale graph and the suite against peers."
)


@app.command()
def generate(
    output: Annotated[Path, typer.Option("--output", "-o", help="The N-Quads file to write.")],
    triples: Annotated[int, typer.Option("--triples", "-n", help="About this many quads.")] = 100_000,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same bytes.")] = 0,
) -> None:
    """Write a synthetic graph shaped like the curated data (one named graph per source)."""
    count = synthetic.write(output, triples, seed)
    typer.echo(f"{count} quads in {output}")


@app.command()
def run(
    scales: Annotated[str, typer.Option(help="Comma-separated numbers of quads.")] = "10000,100000,1000000",
    requests: Annotated[int, typer.Option(help="Requests per query and client count.")] = 100,
    budget: Annotated[float, typer.Option(help="Seconds one load run may take.")] = 20.0,
    bound: Annotated[
        float, typer.Option(help="Seconds before a step is stopped (and a peer skipped).")
    ] = 120.0,
    large: Annotated[
        str,
        typer.Option(
            help="Comma-separated scales run in part after the others (load, a few queries, start-up)."
        ),
    ] = "",
    large_bound: Annotated[float, typer.Option(help="Seconds one step of a large scale may take.")] = 900.0,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic graph.")] = 0,
    curated: Annotated[bool, typer.Option(help="Also validate the curated graph.")] = True,
    skip: Annotated[
        list[str] | None,
        typer.Option(help="Not to run: pyshacl, rdflib-endpoint, gaps, validate, network, views."),
    ] = None,
    results_dir: Annotated[
        Path, typer.Option("--results", help="Where latest.json and latest.md go.")
    ] = Path("bench/results"),
    work_dir: Annotated[Path, typer.Option(help="Scratch space for data and stores.")] = Path(
        "/tmp/samverkan-bench"
    ),
) -> None:
    """Run the suite against oxigraph serve, rdflib-endpoint and pySHACL; print and save the tables."""
    from samverkan.bench.report import markdown
    from samverkan.bench.suite import Options, run_suite

    options = Options(
        scales=_numbers(scales),
        large=_numbers(large),
        large_bound=large_bound,
        seed=seed,
        requests=requests,
        budget=budget,
        bound=bound,
        curated=curated,
        work_dir=work_dir,
        skip=tuple(skip or ()),
    )
    command = (
        f"samverkan bench run --scales {scales} --requests {requests} --budget {budget:g} --bound {bound:g}"
        + (f" --large {large} --large-bound {large_bound:g}" if large else "")
        + "".join(f" --skip {peer}" for peer in options.skip)
    )

    def save(results: dict[str, Any]) -> None:
        results["command"] = command
        _save(results_dir / "latest.json", json.dumps(results, indent=2) + "\n")
        _save(results_dir / "latest.md", markdown(results))

    results = run_suite(options, after_scale=save)
    save(results)
    typer.echo(markdown(results))


@app.command()
def report(
    results_file: Annotated[Path, typer.Argument(help="A results file of `bench run`.")] = Path(
        "bench/results/latest.json"
    ),
    readme: Annotated[
        Path | None,
        typer.Option(help="Also rewrite the generated block of this README's Performance section."),
    ] = None,
) -> None:
    """Render the tables of a results file again, into the Markdown file next to it."""
    from samverkan.bench.report import markdown, with_readme_block

    results = json.loads(results_file.read_text(encoding="utf-8"))
    document = markdown(results)
    _save(results_file.with_suffix(".md"), document)
    if readme:
        _save(readme, with_readme_block(readme.read_text(encoding="utf-8"), results))
    typer.echo(document)


def _numbers(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def _save(path: Path, text: str) -> None:
    """Write through a `.tmp` file, so an interrupted run leaves the previous results whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
