"""The `samverkan bench` commands: the synthetic national-scale graph and the benchmark suite."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
