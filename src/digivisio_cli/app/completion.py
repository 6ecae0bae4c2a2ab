"""Shell completion: ids and agency codes from the data in use, answered without Typer.

A shell asks for completions at every Tab, so the common requests — an id after ``who-owns`` or
``show``, an id after ``--goal``, an agency code after ``--actor`` — are answered here, before
Typer, Click or Pydantic are imported (``__main__`` calls :func:`fast_complete`). The answer is
written exactly as Typer's own completion classes would write it, for the scripts that
``--install-completion`` installs. Anything else (command and option names, other option values,
the scripts themselves) returns None and is left to Typer. ``tests/test_completion.py`` checks
both paths give the same answers and that the option tables below match the CLI's. One
difference is deliberate: ``--data``, ``--lang`` and ``--no-color`` typed after the command
count, as they do when the command runs (``app.argv.hoist_global_options``); Typer ignores them.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import TYPE_CHECKING

from digivisio_cli.settings import ENV_COMPLETE, ENV_DATA, option_names

if TYPE_CHECKING:
    from digivisio_cli.domain.model import Dataset

#: The environment variable through which the installed scripts ask (Click's convention).
COMPLETE_VAR = ENV_COMPLETE
#: Commands whose one argument is a theme, goal or measure id.
ID_ARGUMENT_COMMANDS = frozenset({"who-owns", "show"})
#: Options whose value is an id, and options whose value is an agency (where a command has them).
ID_OPTIONS = frozenset({"--goal", "-g"})
ACTOR_OPTIONS = frozenset({"--actor", "-a"})

# The options of the program and of each command: those that take a value, and flags.
# tests/test_completion.py checks these tables against the CLI itself.
GLOBAL_VALUE_OPTIONS = option_names(takes_value=True)
GLOBAL_FLAGS = option_names(takes_value=False)
#: The global options that may also follow the command (app.argv.hoist_global_options moves them).
HOISTED_VALUE_OPTIONS = option_names(takes_value=True, hoisted_only=True)
HOISTED_FLAGS = option_names(takes_value=False, hoisted_only=True)
HELP = frozenset({"-h", "--help"})
_FORMAT = frozenset({"--format", "-f"})
_FILTERS = ID_OPTIONS | ACTOR_OPTIONS | {"--role", "--search", "-s", "--state", "--health"}
_PENDING = frozenset({"--pending", "--no-pending", "--original"})
VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "validate": frozenset(),
    "measures": _FORMAT | _FILTERS,
    "who-owns": _FORMAT,
    "show": _FORMAT,
    "goals": _FORMAT,
    "matrix": _FORMAT,
    "actors": _FORMAT,
    "export": _FORMAT | _FILTERS | {"--output", "-o", "--what"},
    "diff": _FORMAT,
    "schema": frozenset({"--what"}),
    # The group's own options (the overview); its subcommands are left to Typer.
    "status": _FORMAT | {"--by", "--stale-after"},
}
FLAGS: dict[str, frozenset[str]] = {
    "validate": frozenset(),
    "measures": _PENDING,
    "who-owns": frozenset({"--original"}),
    "show": frozenset(),
    "goals": frozenset(),
    "matrix": frozenset(),
    "actors": frozenset(),
    "export": _PENDING | {"--excel", "--force"},
    "diff": frozenset(),
    "schema": frozenset(),
    "status": frozenset(),
}


def _dataset_or_none(data: str | None) -> Dataset | None:
    from digivisio_cli.data.matrix import load
    from digivisio_cli.errors import DigivisioError

    try:
        return load(data or None)
    except DigivisioError:
        return None


def ids(data: str | None = None) -> list[str]:
    """Every theme, goal and measure id (none when the data cannot be loaded)."""
    from digivisio_cli.domain.query import all_ids

    dataset = _dataset_or_none(data)
    return all_ids(dataset) if dataset else []


def agency_codes(data: str | None = None) -> list[str]:
    """Every declared agency code."""
    dataset = _dataset_or_none(data)
    return [a.code for a in dataset.agencies] if dataset else []


def matching_ids(incomplete: str, data: str | None = None) -> list[str]:
    """Ids that start with what was typed."""
    return [i for i in ids(data) if i.startswith(incomplete.strip())]


def matching_actors(incomplete: str, data: str | None = None) -> list[str]:
    """Agency codes that start with what was typed, in any case."""
    return [c for c in agency_codes(data) if c.lower().startswith(incomplete.lower())]


def _words(environ: Mapping[str, str], shell: str) -> tuple[list[str], str] | None:
    """The words before the cursor (without the program name) and the word being typed."""
    try:
        if shell == "bash":
            words = shlex.split(environ["COMP_WORDS"])
            cword = int(environ["COMP_CWORD"])
            return words[1:cword], (words[cword] if cword < len(words) else "")
        line = environ.get("_TYPER_COMPLETE_ARGS", "")
        words = shlex.split(line)
    except (KeyError, ValueError):  # an unclosed quote, say: Typer copes with those
        return None
    args = words[1:]
    if shell == "powershell":
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return (args[:-1] if incomplete else args), incomplete
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def _candidates(args: list[str], incomplete: str, data: str | None) -> list[str] | None:
    """What completes ``incomplete`` after ``args``, or None when this module does not know."""
    command: str | None = None
    positionals = 0
    expecting: str | None = None
    for arg in args:
        if expecting is not None:
            if expecting == "--data":
                data = arg
            expecting = None
            continue
        if arg == "--":
            return None
        if not arg.startswith("-") or arg == "-":
            if command is None:
                if arg not in VALUE_OPTIONS:
                    return None  # not a command (yet): Typer knows what to say
                command = arg
            else:
                positionals += 1
            continue
        name, has_value, value = arg.partition("=")
        if command is None:
            takes_value, is_flag = name in GLOBAL_VALUE_OPTIONS, name in GLOBAL_FLAGS | HELP
        else:
            takes_value = name in VALUE_OPTIONS[command] | HOISTED_VALUE_OPTIONS
            is_flag = name in FLAGS[command] | HOISTED_FLAGS | HELP
        if takes_value and has_value and name.startswith("--"):
            if name == "--data":
                data = value
        elif takes_value and not has_value:
            expecting = name
        elif not (is_flag and not has_value):
            return None  # an unknown option, or -fjson: short options glued together
    # Click reads a lone "=" (bash splits --goal=<Tab> there) as nothing typed yet.
    typed = "" if incomplete == "=" else incomplete
    if expecting in ID_OPTIONS:
        found = matching_ids(typed, data)
    elif expecting in ACTOR_OPTIONS:
        found = matching_actors(typed, data)
    elif expecting is not None or typed.startswith("-") or command is None:
        return None
    elif command in ID_ARGUMENT_COMMANDS and positionals == 0:
        found = matching_ids(typed, data)
    else:
        return None
    # Typer keeps only what starts with the typed text as typed; so do we, to answer alike.
    return [value for value in found if value.startswith(typed)]


def _zsh_escape(value: str) -> str:
    for old, new in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
        value = value.replace(old, new)
    return value


def fast_complete(environ: Mapping[str, str]) -> tuple[str, int] | None:
    """The shell's answer and exit code, or None to let Typer answer."""
    instruction = environ.get(COMPLETE_VAR, "")
    shell = instruction.removeprefix("complete_")
    if not instruction.startswith("complete_") or shell not in (
        "bash",
        "zsh",
        "fish",
        "powershell",
        "pwsh",
    ):
        return None
    shell = "powershell" if shell == "pwsh" else shell
    words = _words(environ, shell)
    if words is None:
        return None
    args, incomplete = words
    found = _candidates(args, incomplete, environ.get(ENV_DATA))
    if found is None:
        return None
    # Each answer ends with a newline, as Typer's echo writes it.
    if shell == "bash":
        return "\n".join(found) + "\n", 0
    if shell == "zsh":
        if not found:
            return "_files\n", 0
        quoted = "\n".join(f'"{_zsh_escape(v)}"' for v in found)
        return f"_arguments '*: :(({quoted}))'\n", 0
    if shell == "fish":
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":  # an exit code only: are there completions (no files)?
            return "", 0 if found else 1
        return ("\n".join(found) if action == "get-args" and found else "") + "\n", 0
    return "\n".join(f"{v}::: " for v in found) + "\n", 0
