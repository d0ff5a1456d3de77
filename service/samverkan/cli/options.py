"""Options shared by the analysis commands (validate, gaps)."""

from __future__ import annotations

from typing import Annotated

import typer

from samverkan.settings import Settings

StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="memory, a directory, or a SPARQL endpoint URL (default: SAMVERKAN_STORE)."),
]
LangOption = Annotated[str, typer.Option("--lang", help="Language of labels and messages: sv or en.")]


def settings_for(store: str | None) -> Settings:
    return Settings(store=store) if store else Settings()
