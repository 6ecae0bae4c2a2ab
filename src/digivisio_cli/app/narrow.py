"""Narrowing the app to the command a run names, so that Typer builds only that one.

Typer builds a Click command from the signature of every registered function on each run, and
that costs more than a cached answer itself. ``tests/test_architecture.py`` checks that every
command's help is the same built alone as built with all.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import typer


def group_name(group: typer.models.TyperInfo) -> str | None:
    # add_typer() without a name leaves a placeholder; the sub-app's own name is the one used.
    if isinstance(group.name, str):
        return group.name
    info = group.typer_instance.info if group.typer_instance else None
    return info.name if info and isinstance(info.name, str) else None


def only(app: typer.Typer, name: str | None, rest: Sequence[str] = ("--help",)) -> typer.Typer:
    """The app with only the command ``name`` registered, or the whole app.

    Typer builds a Click command from the signature of every registered function on each run,
    which costs more than the answer itself; a run needs only the command it names (and, for a
    group such as ``status``, only the subcommands named in ``rest``, the arguments after it).
    Help, an unknown name (Typer suggests the near ones) and shell completion get the whole app.
    """
    if name is None:
        return app
    commands = [
        c
        for c in app.registered_commands
        if (c.name or (c.callback and typer.main.get_command_name(c.callback.__name__))) == name
    ]
    groups = [g for g in app.registered_groups if group_name(g) == name]
    if not commands and not groups:
        return app
    if not {"--help", "-h"} & set(rest):
        groups = [group_only(g, rest) for g in groups]
    only = copy.copy(app)
    only.registered_commands = commands
    only.registered_groups = groups
    return only


def group_only(group: typer.models.TyperInfo, rest: Sequence[str]) -> typer.models.TyperInfo:
    """``group`` with only the subcommands that ``rest`` names (none: its own callback runs).

    A first word that is no option and names no subcommand is a mistyped subcommand
    (``status sett``): the group is kept whole, so that Click can suggest the near ones.
    """
    inner = group.typer_instance
    if inner is None:
        return group
    named = [c for c in inner.registered_commands if c.name in set(rest)]
    if not named and rest and not rest[0].startswith("-"):
        return group
    narrowed = copy.copy(inner)
    narrowed.registered_commands = named
    narrowed.registered_groups = []
    copied = copy.copy(group)
    copied.typer_instance = narrowed
    return copied
