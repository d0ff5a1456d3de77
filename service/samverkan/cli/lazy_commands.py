"""Commands imported when they are used: a group names each such command's module, and imports it only when
that command runs, is completed or is listed in help. So `samverkan serve` starts without loading what the
other commands need (networkx, rdflib, the ArchiMate reader, the views)."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import Any, ClassVar

import typer
import typer.main
from typer._click import Command  # typer vendors click: its commands are of this class
from typer.core import TyperGroup


def load_command(name: str, target: str) -> Command:
    """The command `name` from `"module:attribute"`: a command function, or a `typer.Typer` run as a group."""
    module, attribute = target.split(":")
    found = getattr(import_module(module), attribute)
    if isinstance(found, typer.Typer):
        group = typer.main.get_group(found)
        group.name = name
        return group
    single = typer.Typer(add_completion=False)
    single.command(name)(found)
    return typer.main.get_command(single)


class LazyCommands(MutableMapping[str, Command]):
    """A group's commands: those it was built with, then those named by module, each loaded on first use."""

    def __init__(self, built: MutableMapping[str, Command], named: dict[str, str]) -> None:
        self._built = dict(built)
        self._named = dict(named)
        self._loaded: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name in self._built:
            return self._built[name]
        if name not in self._loaded:
            self._loaded[name] = load_command(name, self._named[name])
        return self._loaded[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        for table in (self._built, self._named, self._loaded):
            table.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._built
        yield from (name for name in self._named if name not in self._built)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, name: object) -> bool:
        return name in self._built or name in self._named


class LazyGroup(TyperGroup):
    """A typer group that also holds the commands `lazy` names (`{"name": "module:attribute"}`)."""

    lazy: ClassVar[dict[str, str]] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.commands, self.lazy)
