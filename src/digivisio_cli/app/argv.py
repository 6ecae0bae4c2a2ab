"""The command line before Click sees it: global options hoisted, the language found early."""

from __future__ import annotations

from typing import Any

from digivisio_cli.i18n import as_lang, detect_lang
from digivisio_cli.settings import Lang, option_names

_WITH_VALUE = option_names(takes_value=True, hoisted_only=True)
_FLAGS = option_names(takes_value=False, hoisted_only=True)
_LONG_WITH_VALUE = tuple(name for name in _WITH_VALUE if name.startswith("--"))


def hoist_global_options(
    args: list[str], command_options: frozenset[str] = frozenset()
) -> list[str]:
    """Move global options typed after the command to the front.

    People write ``digivisio who-owns 3.2.2 --lang fi``; Click only accepts group options before
    the command. Anything after ``--`` is left alone, and so is the value of a command's own
    option that takes one (``command_options``): ``--search --no-color`` searches for that text.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    seen_command = False
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if not arg.startswith("-"):
            seen_command = True
        if seen_command and arg in command_options and i + 1 < len(args):
            rest.extend(args[i : i + 2])
            i += 2
            continue
        if seen_command and arg in _WITH_VALUE and i + 1 < len(args):
            front.extend(args[i : i + 2])
            i += 2
            continue
        if seen_command and (
            (arg.split("=", 1)[0] in _LONG_WITH_VALUE and "=" in arg) or arg in _FLAGS
        ):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def valued_options(command: Any) -> frozenset[str]:
    """The names of a Click command's (or its subcommands') options that take a value.

    Read by duck typing: Typer brings its own copy of Click, whose classes are not ``click``'s.
    """
    commands = getattr(command, "commands", None)
    found = list(commands.values()) if commands else [command]
    return (
        frozenset(
            name
            for cmd in found
            for param in getattr(cmd, "params", ())
            if getattr(param, "param_type_name", "") == "option"
            and not getattr(param, "is_flag", True)
            and not getattr(param, "count", False)
            for name in param.opts
        )
        - _WITH_VALUE
    )


def lang_from_argv(args: list[str]) -> Lang:
    """The language asked for on the command line, else $DIGIVISIO_LANG or the locale: the one
    that words every error, Click's usage errors too (some come before ``--lang`` is parsed)."""
    for i, arg in enumerate(args):
        if arg in ("--lang", "-l") and i + 1 < len(args) and (lang := as_lang(args[i + 1])):
            return lang
        if arg.startswith("--lang=") and (lang := as_lang(arg[7:])):
            return lang
        if arg.startswith("-l") and (lang := as_lang(arg[2:])):
            return lang  # -lfi, as Click reads a short option with its value attached
    return detect_lang()


#: Every global option that takes a value, hoisted or not.
GLOBAL_WITH_VALUE = option_names(takes_value=True)


def command_name(args: list[str]) -> str | None:
    """The command that ``args`` (global options first, as hoisted) ask for, if any."""
    at = command_position(args)
    return None if at is None else args[at]


def command_position(args: list[str]) -> int | None:
    """Where in ``args`` the command stands (after the global options and their values)."""
    expecting_value = False
    for i, arg in enumerate(args):
        if expecting_value:
            expecting_value = False
        elif arg in GLOBAL_WITH_VALUE:
            expecting_value = True
        elif not arg.startswith("-"):
            return i
        elif arg == "--":
            return None
    return None
