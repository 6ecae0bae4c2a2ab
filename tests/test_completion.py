"""Shell completion: the fast path answers exactly as Typer would, and knows the CLI's options."""

from __future__ import annotations

import pytest
import typer

from conftest import SMALL, invoke_cli
from digivisio_cli.app.cli import app
from digivisio_cli.app.completion import (
    ACTOR_OPTIONS,
    FLAGS,
    GLOBAL_FLAGS,
    GLOBAL_VALUE_OPTIONS,
    ID_ARGUMENT_COMMANDS,
    ID_OPTIONS,
    VALUE_OPTIONS,
    fast_complete,
)
from digivisio_cli.app.options import complete_actors, complete_ids

SHELLS = ["bash", "zsh", "fish", "powershell"]
# Command lines as typed up to the cursor; a trailing space means a new word is begun.
LINES = [
    "digivisio who-owns 3.2.",
    "digivisio who-owns ",
    "digivisio show 3.1.1.",
    "digivisio --lang fi show 3.3",
    "digivisio who-owns x",
    "digivisio measures --actor O",
    "digivisio measures -a K",
    "digivisio measures --goal 3.3.2",
    "digivisio measures --format json -g ",
    "digivisio export -f csv --actor ",
    f"digivisio --data {SMALL} who-owns 3.1",
    f"digivisio --data={SMALL} show 3.10",
    "digivisio measures --goal =",
    "digivisio export --force -o out.csv --actor =",
    "digivisio who-owns --original 3.3.",
    "digivisio -l sv --no-color who-owns -f json 3.1.",
    "digivisio --as-of 2026-06-01 who-owns 3.1.",
    "digivisio --as-of=today measures --actor O",
    "digivisio measures --as-of 2026-06-01 --actor K",
]
# Requests the fast path leaves to Typer: command and option names, other option values.
DEFERRED = [
    "digivisio show 3.2.2 ",
    "digivisio --foo who-owns 3.2.",
    "digivisio -g 3.",
    "digivisio who-owns -fjson 3.",
    "digivisio who-owns -- 3.",
    # Options the command does not have: an error when run, so no ids or agencies to offer.
    "digivisio who-owns --actor O",
    "digivisio goals -g 3.",
    "digivisio diff -g 3.",
    "digivisio wh",
    "digivisio ",
    "digivisio measures --ac",
    "digivisio measures --format ",
    "digivisio measures --role r",
    "digivisio --lang ",
    "digivisio --as-of ",
]


def _environ(shell: str, line: str) -> dict[str, str]:
    words = line.split()
    incomplete = "" if line.endswith(" ") else words[-1]
    cword = len(words) if line.endswith(" ") else len(words) - 1
    return {
        "_DIGIVISIO_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": line,
        "COMP_CWORD": str(cword),
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": incomplete,
    }


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("line", LINES)
def test_fast_completion_answers_exactly_as_typer_does(shell: str, line: str) -> None:
    environ = _environ(shell, line)
    fast = fast_complete(environ)
    assert fast is not None, "the fast path should answer this itself"
    typer_answer = invoke_cli([], env=environ)
    assert fast == (typer_answer.stdout, typer_answer.exit_code)


@pytest.mark.parametrize("line", ["digivisio who-owns 3.2.", "digivisio who-owns 9"])
def test_fish_is_args_answers_with_the_exit_code_alone(line: str) -> None:
    environ = {**_environ("fish", line), "_TYPER_COMPLETE_FISH_ACTION": "is-args"}
    typer_answer = invoke_cli([], env=environ)
    assert fast_complete(environ) == (typer_answer.stdout, typer_answer.exit_code)


def test_fast_completion_lists_the_ids_under_what_was_typed() -> None:
    answer = fast_complete(_environ("bash", "digivisio who-owns 3.2.2"))
    assert answer is not None
    assert answer[0].split() == ["3.2.2", *(f"3.2.2.{n}" for n in range(1, 7))]


@pytest.mark.parametrize(
    "line",
    [f"digivisio --data {SMALL} who-owns 3.1", f"digivisio who-owns --data {SMALL} 3.1"],
    ids=["before the command", "after the command"],
)
def test_completion_reads_the_data_named_on_the_command_line(line: str) -> None:
    # After the command too, as when the command runs (Typer's own completion ignores it there).
    answer = fast_complete(_environ("bash", line))
    assert answer is not None
    assert "3.10" in answer[0].split()


@pytest.mark.parametrize("line", DEFERRED)
def test_names_and_other_values_are_left_to_typer(line: str) -> None:
    assert fast_complete(_environ("bash", line)) is None


def test_script_requests_are_left_to_typer() -> None:
    assert fast_complete({"_DIGIVISIO_COMPLETE": "source_bash"}) is None


def _options(command: object, flags: bool) -> set[str]:
    return {
        opt
        for p in getattr(command, "params", [])
        if p.param_type_name == "option" and p.is_flag == flags
        for opt in [*p.opts, *p.secondary_opts]
    }


def test_the_option_tables_match_the_cli() -> None:
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert _options(group, flags=False) == GLOBAL_VALUE_OPTIONS
    assert _options(group, flags=True) == GLOBAL_FLAGS
    assert set(commands) == set(VALUE_OPTIONS) == set(FLAGS)
    id_commands: set[str] = set()
    for name, command in commands.items():
        assert _options(command, flags=False) == VALUE_OPTIONS[name], name
        assert _options(command, flags=True) == FLAGS[name], name
        for param in command.params:
            completer = getattr(param, "_custom_shell_complete", None)
            source = getattr(completer, "__closure__", None) or ()
            # Typer wraps the completer in a closure (and may copy it): compare by name.
            callbacks = {
                getattr(cell.cell_contents, "__qualname__", None)
                for cell in source
                if callable(cell.cell_contents)
            }
            if complete_ids.__qualname__ in callbacks:
                if param.param_type_name == "argument":
                    id_commands.add(name)
                else:
                    assert set(param.opts) <= ID_OPTIONS, name
            if complete_actors.__qualname__ in callbacks:
                assert set(param.opts) <= ACTOR_OPTIONS, name
    assert id_commands == ID_ARGUMENT_COMMANDS
