"""Odd arguments: pasted, mistyped or hostile ids, names, searches, formats and languages.

Each gets exit 0 with an answer or exit 2 with a message; no message repeats more than a short
piece of what was typed, and none passes a control or right-to-left character to the terminal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SMALL, Invoke

LONG = "3" * 10_000

ANSWERED_IDS = [
    ("fullwidth digits", "３.２.２"),
    ("a trailing dot", "3.2.2."),
    ("spaces around", " 3.2.2 "),
    ("a no-break space", "\u00a03.2.2"),
    ("a zero-width space", "3.2\u200b.2"),
    ("a trailing newline", "3.2.2\n"),
]


@pytest.mark.parametrize(("case", "ident"), ANSWERED_IDS, ids=[c for c, _ in ANSWERED_IDS])
def test_pasted_id_is_understood(cli: Invoke, case: str, ident: str) -> None:
    result = cli(["who-owns", "-f", "json", "--", ident])
    assert result.exit_code == 0, result
    answer = json.loads(result.stdout)
    assert answer["id"] == "3.2.2"
    assert [m["id"] for m in answer["measures"]] == [f"3.2.2.{n}" for n in range(1, 7)]


REFUSED_IDS = [
    ("a path", "../../etc/passwd", "'../../etc/passwd'"),
    ("an absolute path", "/etc/passwd", "'/etc/passwd'"),
    ("10,000 characters", LONG, "'" + "3" * 64 + "…'"),
    ("a terminal escape", "3.2\x1b[2J.9", "'3.2\\u001b[2J.9'"),
    ("a right-to-left override", "\u202e3.2.9", "'\\u202e3.2.9'"),
    ("a bell", "3.2.9\x07", "'3.2.9\\u0007'"),
    ("nothing", "", "''"),
    ("a leading dash", "-3.2", "'-3.2'"),
    ("a wildcard", "3.*", "'3.*'"),
]


@pytest.mark.parametrize(
    ("case", "ident", "shown"), REFUSED_IDS, ids=[c for c, _, _ in REFUSED_IDS]
)
def test_odd_id_is_an_unknown_id(cli: Invoke, case: str, ident: str, shown: str) -> None:
    result = cli(["show", "--", ident])
    assert result.exit_code == 2, result
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first == f"digivisio: No theme, goal or measure has the id {shown}."
    assert_safe(result.stderr)


def assert_safe(stderr: str) -> None:
    """No traceback, nothing long, no raw control or bidi characters."""
    assert "Traceback" not in stderr
    assert len(stderr) < 1000
    assert not any(ch in stderr for ch in "\x1b\x07\u202e\u200b")


ODD_ACTORS = [
    ("lower case", "oph", 0),
    ("the Swedish name", "utbildningsstyrelsen", 0),
    ("spaces inside the name", "  Finnish   National Agency for Education ", 0),
    ("a typo", "OPX", 2),
    ("10,000 characters", "x" * 10_000, 2),
    ("a terminal escape", "O\x1b[2JPH", 2),
    ("a right-to-left override", "\u202eOPH", 2),
    ("regex characters", "OP.", 2),
]


@pytest.mark.parametrize(("case", "name", "code"), ODD_ACTORS, ids=[c for c, _, _ in ODD_ACTORS])
def test_odd_agency_name(cli: Invoke, case: str, name: str, code: int) -> None:
    result = cli(["--data", str(SMALL), "measures", "-f", "json", "--actor", name])
    assert result.exit_code == code, result
    if code == 0:
        assert {m["id"] for m in json.loads(result.stdout)} >= {"3.1.1.2", "3.10.1.1"}
    else:
        assert result.stderr.startswith("digivisio: No agency is called '")
    assert_safe(result.stderr)


SEARCHES = [
    ("a pipe, literally", "|", ["3.1.1.2"]),
    ("a regex that would match all", ".*", []),
    ("an unbalanced bracket", "[", []),
    ("an inline flag", "(?i)", []),
    ("a backslash", "\\", []),
    ("case and accents folded", "YLLAPITAA", ["3.1.1.2"]),
    ("10,000 characters", "a" * 10_000, []),
    ("a control character", "\x1b[2J", []),
]


@pytest.mark.parametrize(("case", "needle", "ids"), SEARCHES, ids=[c for c, _, _ in SEARCHES])
def test_search_is_literal_text(cli: Invoke, case: str, needle: str, ids: list[str]) -> None:
    result = cli(["--data", str(SMALL), "measures", "-f", "json", "--search", needle])
    assert result.exit_code == 0, result
    assert [m["id"] for m in json.loads(result.stdout)] == ids
    if not ids:
        assert result.stderr == "No measure matches these filters.\n"


def test_odd_goal_filter_matches_nothing(cli: Invoke) -> None:
    result = cli(["measures", "-f", "json", "--goal", "../" + LONG])
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


USAGE_ERRORS = [
    (
        "an unknown format",
        ["measures", "--format", "docx"],
        "Error: Invalid value for '--format' / '-f': 'docx' is not one of "
        "'table', 'plain', 'csv', 'json', 'md'.",
    ),
    (
        "a format only export has",
        ["measures", "--format", "xlsx"],
        "Error: Invalid value for '--format' / '-f': 'xlsx' is not one of "
        "'table', 'plain', 'csv', 'json', 'md'.",
    ),
    (
        "an unknown language",
        ["--lang", "de", "goals"],
        "Error: Invalid value for '--lang' / '-l': 'de' is not one of 'fi', 'sv', 'en'.",
    ),
    (
        "an unknown language after the command",
        ["goals", "--lang", "FI"],
        "Error: Invalid value for '--lang' / '-l': 'FI' is not one of 'fi', 'sv', 'en'.",
    ),
    (
        "a 10,000-character format",
        ["measures", "--format", "x" * 10_000],
        "Error: Invalid value for '--format' / '-f': '"
        + "x" * 63
        + "… is not one of 'table', 'plain', 'csv', 'json', 'md'.",
    ),
    (
        "a 10,000-character command",
        ["y" * 10_000],
        "Error: No such command '" + "y" * 63 + "…",
    ),
    (
        "a command with a terminal escape",
        ["\x1b[2Jgoals"],
        "Error: No such command '\\x1b[2Jgoals'. Did you mean 'goals'?",
    ),
    (
        "an extra argument with a right-to-left override",
        ["who-owns", "3.2.2", "\u202eextra"],
        "Error: Got unexpected extra argument(s) (\\u202eextra)",
    ),
    ("a missing id", ["who-owns"], "Error: Missing argument 'ID'."),
    ("an unknown option", ["goals", "--colour"], "Error: No such option: --colour"),
]


@pytest.mark.parametrize(
    ("case", "args", "last_line"), USAGE_ERRORS, ids=[c for c, _, _ in USAGE_ERRORS]
)
def test_usage_error_exits_2_with_clicks_message(
    cli: Invoke, case: str, args: list[str], last_line: str
) -> None:
    result = cli(args)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Usage: digivisio")
    # Depending on what else the process has loaded, the value's message may come wrapped in a
    # "Value error, " prefix; the words that matter are the same.
    assert lines[-1].replace("Value error, ", "") == last_line
    assert_safe(result.stderr)


def test_data_path_with_a_terminal_escape_is_shown_escaped(cli: Invoke) -> None:
    result = cli(["--data", "/nonexistent/\x1b[2Jx.yaml", "goals"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "/nonexistent/\\u001b[2Jx.yaml: no such file",
        "/nonexistent/\\u001b[2Jx.yaml: 1 problem; nothing was loaded.",
    ]


def test_export_to_a_name_too_long_for_the_file_system(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300 + ".csv")
    result = cli(["export", "-o", str(target)])
    assert result.exit_code == 1
    # Issue 12: every name in an echoed path is cut at 64 characters.
    assert result.stderr == (
        f"digivisio: Could not write {tmp_path}/{'x' * 64}…: File name too long. "
        "Nothing was written.\n"
    )


def test_export_and_validate_show_an_odd_path_escaped(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "\x1b[2Jx.csv"
    result = cli(["export", "-o", str(target)])
    assert result.exit_code == 0 and target.exists()
    assert result.stderr == f"Wrote {tmp_path}/\\u001b[2Jx.csv.\n"
    data = tmp_path / "\u202es.yaml"
    data.write_bytes(SMALL.read_bytes())
    result = cli(["validate", str(data)])
    assert result.stdout.startswith(f"{tmp_path}/\\u202es.yaml: valid: ")


def test_a_command_option_value_that_looks_like_a_global_flag_stays_its_value(
    cli: Invoke,
) -> None:
    # Found by Hypothesis: `--search --no-color` looked for nothing, as --no-color was hoisted.
    result = cli(["--data", str(SMALL), "measures", "-f", "json", "--search", "--no-color"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "[]"
