"""What the commands share: the --store and --lang options, and the store they open with the project loaded."""

from __future__ import annotations

from typing import Annotated

import typer

from samverkan.knowledge.loading import ensure_loaded
from samverkan.settings import Settings
from samverkan.store import Store, open_store

StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="memory, a directory, or a SPARQL endpoint URL (default: SAMVERKAN_STORE)."),
]
LangOption = Annotated[str, typer.Option("--lang", help="Language of labels and messages: sv or en.")]


def settings_for(store: str | None) -> Settings:
    return Settings(store=store) if store else Settings()


def loaded_store(settings: Settings) -> Store:
    """The store the settings name, with the project loaded unless it already holds it."""
    target = open_store(settings)
    ensure_loaded(target, settings)
    return target
