"""Click's own usage errors in the reader's language: the usage line, the help hint, the error.

Each kind of usage error Typer's Click raises for the commands is worded again from what the
exception holds (``app/usage.py``) and pinned here line by line in Finnish, Swedish and English;
the English is Click's own, as it was before the errors were translated.
"""

from __future__ import annotations

import io
from enum import Enum
from typing import Annotated

import pytest
import typer

from conftest import Invoke
from digivisio_cli.app.usage import tidy
from digivisio_cli.settings import Lang

#: (the lines of the usage frame, with {path} and {pieces}), the prefix of the error line.
FRAME = {
    "en": ("Usage: digivisio {path}{pieces}", "Try 'digivisio {path}-h' for help.", "Error: "),
    "fi": (
        "Käyttö: digivisio {path}{pieces}",
        "Ohjeen saat komennolla 'digivisio {path}-h'.",
        "Virhe: ",
    ),
    "sv": (
        "Användning: digivisio {path}{pieces}",
        "Skriv 'digivisio {path}-h' för att få hjälp.",
        "Fel: ",
    ),
}
PIECES = {
    "en": ("[OPTIONS]", "COMMAND [ARGS]..."),
    "fi": ("[VALITSIMET]", "KOMENTO [ARGUMENTIT]..."),
    "sv": ("[FLAGGOR]", "KOMMANDO [ARGUMENT]..."),
}


def framed(
    lang: str, command: str, error: str, *, group: bool = False, args: str = ""
) -> list[str]:
    """What Click prints for a usage error of ``command`` ("" for the program), in ``lang``."""
    usage, hint, prefix = FRAME[lang]
    options, commands = PIECES[lang]
    path = f"{command} " if command else ""
    pieces = options + (f" {commands}" if group else "") + (f" {args}" if args else "")
    return [usage.format(path=path, pieces=pieces), hint.format(path=path), "", prefix + error]


#: (name, args, {lang: the error's message}, the command, a group?, its arguments' metavars)
CASES: list[tuple[str, list[str], dict[str, str], str, bool, str]] = [
    (
        "an unknown option",
        ["measures", "--bogus"],
        {
            "en": "No such option: --bogus",
            "fi": "Tuntematon valitsin: --bogus",
            "sv": "Okänd flagga: --bogus",
        },
        "measures",
        False,
        "",
    ),
    (
        "an unknown option with a near one",
        ["measures", "--formt", "csv"],
        {
            "en": "No such option: --formt (Possible options: --format)",
            "fi": "Tuntematon valitsin: --formt (Tarkoititko valitsinta --format?)",
            "sv": "Okänd flagga: --formt (Menade du flaggan --format?)",
        },
        "measures",
        False,
        "",
    ),
    (
        "an unknown short option",
        ["goals", "-z"],
        {"en": "No such option: -z", "fi": "Tuntematon valitsin: -z", "sv": "Okänd flagga: -z"},
        "goals",
        False,
        "",
    ),
    (
        "an unknown global option",
        ["--bogus", "goals"],
        {
            "en": "No such option: --bogus",
            "fi": "Tuntematon valitsin: --bogus",
            "sv": "Okänd flagga: --bogus",
        },
        "",
        True,
        "",
    ),
    (
        "an unknown command with a near one",
        ["measurs"],
        {
            "en": "No such command 'measurs'. Did you mean 'measures'?",
            "fi": "Komentoa 'measurs' ei ole. Tarkoititko komentoa 'measures'?",
            "sv": "Kommandot 'measurs' finns inte. Menade du kommandot 'measures'?",
        },
        "",
        True,
        "",
    ),
    (
        "an unknown command near two",
        ["shows"],
        {
            "en": "No such command 'shows'. Did you mean 'show', 'who-owns'?",
            "fi": "Komentoa 'shows' ei ole. Tarkoititko jotakin näistä: 'show', 'who-owns'?",
            "sv": "Kommandot 'shows' finns inte. Menade du något av dessa: 'show', 'who-owns'?",
        },
        "",
        True,
        "",
    ),
    (
        "an unknown command",
        ["nosuch"],
        {
            "en": "No such command 'nosuch'.",
            "fi": "Komentoa 'nosuch' ei ole.",
            "sv": "Kommandot 'nosuch' finns inte.",
        },
        "",
        True,
        "",
    ),
    (
        "an unknown status subcommand",
        ["status", "bogus"],
        {
            "en": "No such command 'bogus'.",
            "fi": "Komentoa 'bogus' ei ole.",
            "sv": "Kommandot 'bogus' finns inte.",
        },
        "status",
        True,
        "",
    ),
    (
        "no command",
        ["--no-color"],
        {"en": "Missing command.", "fi": "Komento puuttuu.", "sv": "Kommando saknas."},
        "",
        True,
        "",
    ),
    (
        "a missing argument",
        ["who-owns"],
        {
            "en": "Missing argument 'ID'.",
            "fi": "Argumentti 'ID' puuttuu.",
            "sv": "Argumentet 'ID' saknas.",
        },
        "who-owns",
        False,
        "{ID}",
    ),
    (
        "the second argument missing",
        ["diff", "bundled"],
        {
            "en": "Missing argument 'NEW'.",
            "fi": "Argumentti 'NEW' puuttuu.",
            "sv": "Argumentet 'NEW' saknas.",
        },
        "diff",
        False,
        "{OLD} {NEW}",
    ),
    (
        "a value not among the choices",
        ["measures", "--format", "xx"],
        {
            "en": "Invalid value for '--format' / '-f': 'xx' is not one of "
            "'table', 'plain', 'csv', 'json', 'md'.",
            "fi": "Valitsimen '--format' / '-f' arvo ei kelpaa: 'xx' ei ole mikään vaihtoehdoista "
            "'table', 'plain', 'csv', 'json', 'md'.",
            "sv": "Ogiltigt värde för flaggan '--format' / '-f': 'xx' är inte något av "
            "alternativen 'table', 'plain', 'csv', 'json', 'md'.",
        },
        "measures",
        False,
        "",
    ),
    (
        "an unknown language",
        ["goals", "--lang", "de"],
        {
            "en": "Invalid value for '--lang' / '-l': 'de' is not one of 'fi', 'sv', 'en'.",
            "fi": "Valitsimen '--lang' / '-l' arvo ei kelpaa: 'de' ei ole mikään vaihtoehdoista "
            "'fi', 'sv', 'en'.",
            "sv": "Ogiltigt värde för flaggan '--lang' / '-l': 'de' är inte något av "
            "alternativen 'fi', 'sv', 'en'.",
        },
        "",
        True,
        "",
    ),
    (
        "not a number",
        ["status", "--stale-after", "soon"],
        {
            "en": "Invalid value for '--stale-after': 'soon' is not a valid int range.",
            "fi": "Valitsimen '--stale-after' arvo ei kelpaa: 'soon' ei ole kelvollinen "
            "kokonaisluku.",
            "sv": "Ogiltigt värde för flaggan '--stale-after': 'soon' är inte ett giltigt heltal.",
        },
        "status",
        True,
        "",
    ),
    (
        "a number out of range",
        ["status", "--stale-after", "-3"],
        {
            "en": "Invalid value for '--stale-after': -3 is not in the range x>=0.",
            "fi": "Valitsimen '--stale-after' arvo ei kelpaa: -3 ei ole sallitulla välillä x>=0.",
            "sv": "Ogiltigt värde för flaggan '--stale-after': -3 ligger utanför intervallet x>=0.",
        },
        "status",
        True,
        "",
    ),
    (
        "one extra argument",
        ["goals", "a"],
        {
            "en": "Got unexpected extra argument(s) (a)",
            "fi": "Ylimääräinen argumentti (a)",
            "sv": "Oväntat extra argument (a)",
        },
        "goals",
        False,
        "",
    ),
    (
        "two extra arguments",
        ["goals", "a", "b"],
        {
            "en": "Got unexpected extra argument(s) (a b)",
            "fi": "Ylimääräisiä argumentteja (a b)",
            "sv": "Oväntade extra argument (a b)",
        },
        "goals",
        False,
        "",
    ),
    (
        "many extra arguments, cut to five",
        ["goals", *(f"a{i}" for i in range(12))],
        {
            "en": "Got unexpected extra argument(s) (a0 a1 a2 a3 a4 …)",
            "fi": "Ylimääräisiä argumentteja (a0 a1 a2 a3 a4 …)",
            "sv": "Oväntade extra argument (a0 a1 a2 a3 a4 …)",
        },
        "goals",
        False,
        "",
    ),
]


RUNS = [(case, lang) for case in CASES for lang in ("en", "fi", "sv")]


@pytest.mark.parametrize(("case", "lang"), RUNS, ids=[f"{c[0]} ({lang})" for c, lang in RUNS])
def test_usage_error_in_the_readers_language(
    cli: Invoke, case: tuple[str, list[str], dict[str, str], str, bool, str], lang: str
) -> None:
    _, args, errors, command, group, metavars = case
    result = cli(args, env={"DIGIVISIO_LANG": lang})
    assert (result.exit_code, result.stdout) == (2, ""), result
    assert result.stderr.splitlines() == framed(
        lang, command, errors[lang], group=group, args=metavars
    )


#: Errors found while parsing an option, before its command's usage is known: no usage lines.
BARE = [
    (
        ["measures", "-f"],
        {
            "en": "Error: Option '-f' requires an argument.",
            "fi": "Virhe: Valitsin '-f' tarvitsee arvon.",
            "sv": "Fel: Flaggan '-f' kräver ett värde.",
        },
    ),
    (
        ["measures", "--pending=yes"],
        {
            "en": "Error: Option '--pending' does not take a value.",
            "fi": "Virhe: Valitsin '--pending' ei ota arvoa.",
            "sv": "Fel: Flaggan '--pending' tar inget värde.",
        },
    ),
    (
        ["--as-of"],
        {
            "en": "Error: Option '--as-of' requires an argument.",
            "fi": "Virhe: Valitsin '--as-of' tarvitsee arvon.",
            "sv": "Fel: Flaggan '--as-of' kräver ett värde.",
        },
    ),
]
BARE_RUNS = [(args, lines, lang) for args, lines in BARE for lang in ("en", "fi", "sv")]


@pytest.mark.parametrize(("args", "lines", "lang"), BARE_RUNS)
def test_option_usage_error_in_the_readers_language(
    cli: Invoke, args: list[str], lines: dict[str, str], lang: str
) -> None:
    result = cli(args, env={"DIGIVISIO_LANG": lang})
    assert (result.exit_code, result.stdout) == (2, ""), result
    assert result.stderr.splitlines() == [lines[lang]]


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        # Said after the command, hoisted: the language of the error is the one asked for.
        (["measures", "--bogus", "--lang", "fi"], "fi"),
        (["measures", "--bogus", "--lang=sv"], "sv"),
        (["-lsv", "measures", "--bogus"], "sv"),
        # An error in the global options themselves, before --lang is parsed.
        (["--lang", "fi", "--bogus", "goals"], "fi"),
        # --lang not valid: the environment's language.
        (["--lang", "xx", "--bogus", "goals"], "en"),
    ],
)
def test_the_language_asked_for_words_the_error(cli: Invoke, args: list[str], lang: str) -> None:
    result = cli(args, env={"DIGIVISIO_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(FRAME[lang][2])


def test_the_locale_chooses_the_language_without_lang(cli: Invoke) -> None:
    result = cli(["who-owns"], env={"DIGIVISIO_LANG": None, "LC_ALL": "sv_FI.UTF-8"})
    assert result.stderr.splitlines()[-1] == "Fel: Argumentet 'ID' saknas."


def test_a_long_hostile_value_is_still_cut_and_escaped_in_finnish(cli: Invoke) -> None:
    result = cli(["measures", "--format", "\x1b[31m" + "x" * 10_000], env={"DIGIVISIO_LANG": "fi"})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Virhe: Valitsimen '--format' / '-f' arvo ei kelpaa: '\\x1b[31m"
        + "x" * 55
        + "… ei ole mikään vaihtoehdoista 'table', 'plain', 'csv', 'json', 'md'."
    )
    assert "\x1b" not in result.stderr


def test_hostile_extra_arguments_are_cut_and_escaped_in_finnish(cli: Invoke) -> None:
    args = ["goals", "y" * 10_000, "\x1b[2J", "\u202eb", *(f"a{i}" for i in range(10_000))]
    result = cli(args, env={"DIGIVISIO_LANG": "fi"})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Virhe: Ylimääräisiä argumentteja (" + "y" * 63 + "… \\x1b[2J \\u202eb a0 a1 …)"
    )


def test_a_long_hostile_command_is_cut_and_escaped_in_swedish(cli: Invoke) -> None:
    # The name comes back as repr() writes it (\\u202e already escaped), then cut at 64.
    result = cli(["\u202e" + "z" * 10_000], env={"DIGIVISIO_LANG": "sv"})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Fel: Kommandot '\\u202e" + "z" * 57 + "… finns inte."
    )


def test_an_unknown_option_with_a_terminal_escape_in_finnish(cli: Invoke) -> None:
    result = cli(["goals", "--co\x1b]0;x\x07lour"], env={"DIGIVISIO_LANG": "fi"})
    assert result.stderr.splitlines()[-1] == "Virhe: Tuntematon valitsin: --co\\x1b]0;x\\x07lour"


# --- kinds no command of ours raises today, worded all the same --------------------------------


class Colour(str, Enum):
    """A choice of one."""

    red = "red"


def _error_of(args: list[str], lang: Lang) -> str:
    """What a small command with a required choice option prints for ``args``, in ``lang``."""
    small = typer.Typer()

    @small.command()
    def pick(colour: Annotated[Colour, typer.Option("--colour")]) -> None:
        """Pick a colour."""

    command = typer.main.get_command(small)
    try:
        command.make_context("pick", args)
    except typer.TyperException as exc:
        shown = io.StringIO()
        tidy(exc, lang).show(shown)  # type: ignore[attr-defined]
        return shown.getvalue()
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Error: Missing option '--colour'. Choose from:\n\tred\n"),
        ("fi", "Virhe: Valitsin '--colour' puuttuu. Valitse jokin näistä:\n\tred\n"),
        ("sv", "Fel: Flaggan '--colour' saknas. Välj bland:\n\tred\n"),
    ],
)
def test_a_missing_option_with_its_choices(lang: Lang, expected: str) -> None:
    assert _error_of([], lang).endswith("\n\n" + expected)
