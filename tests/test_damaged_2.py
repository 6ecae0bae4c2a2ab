"""The second catalogue of bad input (issue 12): nothing ambiguous, nothing hangs, nothing lost.

Each case names what is wrong, runs through the real command line (in-process, so that mutation
testing sees it) and must end within :data:`TIME_LIMIT` with its exit code and exactly the lines
listed on stderr. ``{path}`` stands for the data file's path. The first catalogue,
``tests/test_damaged.py``, covers broken YAML; this one covers files that *validate* but would
answer wrongly, special files, empty values, echoes and exports.
"""

from __future__ import annotations

import os
import socket
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import SMALL, Invoke

VALID = SMALL.read_text(encoding="utf-8")

#: A hang guard, not a benchmark: each case answers in well under a second.
TIME_LIMIT = 5.0

SUMMARY_1 = "{path}: 1 problem; nothing was loaded."


class Hung(Exception):
    """A case ran past the time limit: it would have hung."""


@pytest.fixture(autouse=True)
def hang_guard(request: pytest.FixtureRequest) -> Iterator[None]:
    """Interrupt any in-process case of this module that runs past :data:`TIME_LIMIT` (POSIX:
    SIGALRM). The real-process cases have their own timeouts."""
    import signal

    if not hasattr(signal, "setitimer") or request.node.get_closest_marker("subprocess"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise Hung(f"still running after {TIME_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def edited(*pairs: tuple[str, str]) -> str:
    """The small fixture with each ``old`` replaced once by ``new`` (``old`` must be there)."""
    text = VALID
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def agency(code: str, fi: str = "a", sv: str = "b", en: str = "c") -> str:
    """An extra agency entry (two lines), inserted before Karvi (so Karvi moves down by two)."""
    return f"  - code: {code}\n    names: {{fi: {fi}, sv: {sv}, en: {en}}}\n"


KARVI = "  - code: Karvi\n"

#: A goal id of 100 characters as a message echoes it: its first 64 and an ellipsis.
LONG_GOAL = ("3.1.1" * 20)[:64] + "…"


@dataclass(frozen=True)
class DataCase:
    """A data file that must not validate: its text, and ``validate``'s stderr line by line."""

    name: str
    text: str
    stderr: tuple[str, ...]
    exit_code: int = 1


def _summary(n: int) -> str:
    return f"{{path}}: {n} problem{'' if n == 1 else 's'}; nothing was loaded."


DATA_CASES = [
    # --- 1. identities are unambiguous -----------------------------------------------------
    DataCase(
        "an abbreviation that is another agency's code",
        edited(("abbreviations: [UKM]", "abbreviations: [OPH]")),
        (
            "{path}:14: agencies 'OKM' and 'OPH' both answer to --actor 'OPH': 'OKM' as its "
            "abbreviation 'OPH' (line 13), 'OPH' as its code 'OPH' (line 14)",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "two codes that differ only by case",
        edited((KARVI, agency("OKm") + KARVI)),
        (
            "{path}:17: agencies 'OKM' and 'OKm' both answer to --actor 'OKm': 'OKM' as its "
            "code 'OKM' (line 11), 'OKm' as its code 'OKm' (line 17)",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "two codes that differ only by Unicode normalisation (NFC, NFD)",
        edited((KARVI, agency('"\\u00c4"') + agency('"A\\u0308"', "d", "e", "f") + KARVI)),
        (
            # The same letter twice: precomposed U+00C4, then A and a combining diaeresis.
            "{path}:19: agencies '\u00c4' and 'A\u0308' both answer to --actor 'A\u0308': "
            "'\u00c4' as its code '\u00c4' (line 17), 'A\u0308' as its code 'A\u0308' "
            "(line 19)",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "a name shared by two agencies",
        edited(("fi: Opetushallitus,", "fi: Opetus- ja kulttuuriministeriö,")),
        (
            "{path}:15: agencies 'OKM' and 'OPH' both answer to --actor 'Opetus- ja "
            "kulttuuriministeriö': 'OKM' as its name 'Opetus- ja kulttuuriministeriö' (line 12), "
            "'OPH' as its name 'Opetus- ja kulttuuriministeriö' (line 15)",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "a code with spaces around it",
        edited((KARVI, agency('" X "') + KARVI)),
        (
            "{path}:17: agency ' X ': code ' X ' has spaces at its ends or two in a row; "
            "--actor could never reach it",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "an id with a leading zero",
        edited(('id: "3.1.1.4"', 'id: "3.1.1.04"')),
        (
            "{path}:57: measure 3.1.1.04: id '3.1.1.04' is not a dotted number such as 3.1.2 "
            "(whole numbers from 1, no leading zeros)",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "an id with a zero component",
        edited(('id: "3.1.1.4"', 'id: "3.1.1.0"')),
        (
            "{path}:57: measure 3.1.1.0: id '3.1.1.0' is not a dotted number such as 3.1.2 "
            "(whole numbers from 1, no leading zeros)",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "an id with a trailing newline",
        edited(('- id: "3.10"\n', '- id: "3.10\\n"\n')),
        (
            "{path}:25: id '3.10\\u000a' is not a dotted number such as 3.1.2 "
            "(whole numbers from 1, no leading zeros)",
            "{path}:39: theme '3.10' does not exist",
            _summary(2),
        ),
    ),
    # --- 2. invisible characters are refused -----------------------------------------------
    *(
        DataCase(
            f"{what} in a text",
            edited(("Kehitetään tilastopalveluita.", f"Kehitetään {escape}tilastopalveluita.")),
            (
                f"{{path}}:59: measure 3.1.1.4: text: holds the invisible control character "
                f"U+{escape[2:].upper()}; delete it",
                SUMMARY_1,
            ),
        )
        for what, escape in [
            ("a zero-width space", "\\u200b"),
            ("a zero-width joiner", "\\u200d"),
            ("a zero-width non-joiner", "\\u200c"),
            ("a word joiner", "\\u2060"),
            ("a byte-order mark", "\\ufeff"),
            ("a soft hyphen", "\\u00ad"),
        ]
    ),
    DataCase(
        "a zero-width space in an agency code",
        edited(
            ("  - code: Karvi\n", '  - code: "Kar\\u200bvi"\n'), ("[Karvi]", '["Kar\\u200bvi"]')
        ),
        (
            "{path}:17: code: holds the invisible control character U+200B; delete it",
            "{path}:67: measure 3.1.2.1: responsible: holds the invisible control character "
            "U+200B; delete it",
            _summary(2),
        ),
    ),
    DataCase(
        "a zero-width space in an id",
        edited(('id: "3.1.1.4"', 'id: "3.1.1.4\\u200b"')),
        (
            "{path}:57: measure 3.1.1.4\\u200b: id '3.1.1.4\\u200b' is not a dotted number "
            "such as 3.1.2 (whole numbers from 1, no leading zeros)",
            "{path}:57: measure 3.1.1.4\\u200b: id: holds the invisible control character "
            "U+200B; delete it",
            _summary(2),
        ),
    ),
    # --- YAML details ---------------------------------------------------------------------------
    DataCase(
        "a reserved character at the very start of the file",
        "@x: 1\n",
        (
            "{path}:1: not valid YAML: a value cannot start with '@'; put the value in quotes",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "a tab inside a line, not in its indentation",
        "a: [1,\t@2]\n",
        (
            "{path}:1: not valid YAML: a value cannot start with '@'; put the value in quotes",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "a custom tag ending in X",
        edited(("schema_version: 1", "schema_version: !foX 1")),
        (
            "{path}:2: the YAML tag '!foX' is not allowed in a data file (only plain values)",
            SUMMARY_1,
        ),
    ),
    *(
        DataCase(
            f"broken YAML in a measure after {what}",
            text,
            (
                f"{{path}}:{line}: measure 9.1: not valid YAML: while parsing a flow sequence, "
                f"did not find expected ',' or ']' (it began at line {line - 1})",
                SUMMARY_1,
            ),
        )
        for what, text, line in [
            ("an unindented list entry", 'measures:\n- id: "9.1"\n  text: [unclosed\n', 4),
            ("a comment at the margin", 'measures:\n  - id: "9.1"\n# c\n    text: [unclosed\n', 5),
            ("a blank line", 'measures:\n  - id: "9.1"\n\n    text: [unclosed\n', 5),
        ]
    ),
    # --- shapes the schema refuses -----------------------------------------------------------
    DataCase(
        "an agency's names as one text",
        edited(
            (
                "names: {fi: Opetushallitus, sv: Utbildningsstyrelsen, en: Finnish National "
                "Agency for Education}",
                'names: "Opetushallitus"',
            )
        ),
        ("{path}:15: names: expected a mapping of keys, got text", SUMMARY_1),
    ),
    DataCase(
        "translations as one text",
        edited(
            (
                '{en: {text: "The ministry is responsible for architecture."}}',
                '"The ministry is responsible for architecture."',
            )
        ),
        (
            "{path}:49: measure 3.1.1.1: unofficial_translations: expected a mapping of keys, "
            "got text",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "a document title as a list",
        edited(('  title: {fi: "Testiasiakirja", en: "Test document"}', "  title: [a]")),
        ("{path}:4: document.title: expected a mapping of keys, got a list", SUMMARY_1),
    ),
    DataCase(
        "a translation into a language the tool does not speak",
        edited(
            (
                '{en: {text: "The ministry is responsible for architecture."}}',
                '{de: {text: "Das Ministerium."}}',
            )
        ),
        (
            "{path}:49: measure 3.1.1.1: unofficial_translations.de: must be 'sv' or 'en'",
            SUMMARY_1,
        ),
    ),
    # --- blank where a text is required -------------------------------------------------------
    DataCase(
        "a blank theme title and a blank goal description",
        edited(
            ('title: "Ensimmäinen teema"', 'title: "  "'),
            ('description: "Kuvaus kaksi."', 'description: " "'),
        ),
        (
            "{path}:22: title: must not be blank",
            "{path}:37: description: must not be blank",
            _summary(2),
        ),
    ),
    DataCase(
        "a blank theme description and a blank goal title",
        edited(
            ('description: "Teeman kuvaus."', 'description: "\t"'),
            ('title: "Tavoite yksi"', 'title: " "'),
        ),
        (
            "{path}:23: description: must not be blank",
            "{path}:31: title: must not be blank",
            _summary(2),
        ),
    ),
    # --- a field on a later line of its entry: the problem names the field's own line ----------
    DataCase(
        "an agency code declared twice, on its entry's second line",
        edited((KARVI, "  - names: {fi: a, sv: b, en: c}\n    code: OPH\n" + KARVI)),
        (
            "{path}:18: agency code 'OPH' is declared twice (first at line 14)",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "a goal id used twice, on its entry's second line",
        edited(
            (
                "measures:\n",
                '  - theme: "3.10"\n    id: "3.10.1"\n    title: "x"\n    description: "y"\n'
                "measures:\n",
            )
        ),
        ("{path}:43: duplicate id '3.10.1' (first at line 38)", SUMMARY_1),
    ),
    DataCase(
        "a blank measure text",
        edited(('text: "Opetushallitus ylläpitää palveluja | putkella."', 'text: "  "')),
        ("{path}:52: measure 3.1.1.2: text: must not be blank", SUMMARY_1),
    ),
    DataCase(
        "a schema version after everything else",
        edited(("schema_version: 1\n", "")) + "schema_version: 2\n",
        ("{path}:81: schema_version: must be 1", SUMMARY_1),
    ),
    DataCase(
        "a long pending value, cut short",
        edited(
            (
                '    pending: false\n  - id: "3.1.1.4"',
                f'    pending: "{"y" * 100}"\n  - id: "3.1.1.4"',
            )
        ),
        (
            f"{{path}}:56: measure 3.1.1.2: pending: expected true or false, got '{'y' * 63}…",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "a long goal that does not exist, cut short where it is echoed",
        edited(
            (
                '    goal: "3.1.1"\n    text: "Kehitetään',
                f'    goal: "{"3.1.1" * 20}"\n    text: "Kehitetään',
            )
        ),
        (
            f"{{path}}:57: measure 3.1.1.4: id '3.1.1.4' does not match its goal '{LONG_GOAL}' "
            f"(expected '{LONG_GOAL}.<n>')",
            f"{{path}}:58: measure 3.1.1.4: goal '{LONG_GOAL}' does not exist",
            _summary(2),
        ),
    ),
    DataCase(
        "an agency listed again in a later role",
        edited(
            (
                "    responsible: [OKM, OPH]\n    partners: []",
                "    responsible: [OKM, OPH]\n    partners: [OKM]\n    mentioned: [OPH, XYZ]",
            )
        ),
        (
            "{path}:74: measure 3.1.2.2: partners: agency 'OKM' is already listed in responsible",
            "{path}:75: measure 3.1.2.2: mentioned: agency 'OPH' is already listed in responsible",
            "{path}:75: measure 3.1.2.2: mentioned: unknown agency 'XYZ' (declared: OKM, OPH, "
            "Karvi)",
            _summary(3),
        ),
    ),
    DataCase(
        "a role that is no list, then roles with unknown agencies",
        edited(
            (
                "    responsible: [OPH]\n    partners: []\n    other",
                "    responsible: OPH\n    partners: [1, XYZ]\n    mentioned: [ABC]\n    other",
            )
        ),
        (
            "{path}:53: measure 3.1.1.2: responsible: expected a list such as [OKM], got text",
            "{path}:54: measure 3.1.1.2: partners: expected text, got a number (put it in "
            'quotes, e.g. "3.1")',
            "{path}:54: measure 3.1.1.2: partners: unknown agency 'XYZ' (declared: OKM, OPH, "
            "Karvi)",
            "{path}:55: measure 3.1.1.2: mentioned: unknown agency 'ABC' (declared: OKM, OPH, "
            "Karvi)",
            _summary(4),
        ),
    ),
    DataCase(
        "an abbreviation with two spaces, then one that is another agency's code",
        edited(("abbreviations: [NCU, FINEEC]", 'abbreviations: ["N  CU", OPH]')),
        (
            "{path}:19: agency 'Karvi': abbreviation 'N  CU' has spaces at its ends or two in a "
            "row; --actor could never reach it",
            "{path}:19: agencies 'OPH' and 'Karvi' both answer to --actor 'OPH': 'OPH' as its "
            "code 'OPH' (line 14), 'Karvi' as its abbreviation 'OPH' (line 19)",
            _summary(2),
        ),
    ),
    DataCase(
        "a zero-width space in the document's title, named by its whole path",
        edited(('title: {fi: "Testiasiakirja"', 'title: {fi: "Testi\\u200basiakirja"')),
        (
            "{path}:4: document.title.fi: holds the invisible control character U+200B; delete it",
            SUMMARY_1,
        ),
    ),
    DataCase(
        "a zero-width space in a list under an unknown key",
        edited(("document:\n", 'extra: ["a\\u200bb"]\ndocument:\n')),
        (
            "{path}:3: unknown key 'extra'",
            "{path}:3: extra: holds the invisible control character U+200B; delete it",
            _summary(2),
        ),
    ),
    DataCase(
        "no agencies declared at all",
        VALID[: VALID.index("agencies:\n")] + "agencies: []\n" + VALID[VALID.index("themes:\n") :],
        (
            "{path}:5: publisher: unknown agency 'OKM' (declared: none)",
            "{path}:37: measure 3.1.1.1: responsible: unknown agency 'OKM' (declared: none)",
            "{path}:38: measure 3.1.1.1: partners: unknown agency 'OPH' (declared: none)",
            "{path}:44: measure 3.1.1.2: responsible: unknown agency 'OPH' (declared: none)",
            "{path}:58: measure 3.1.2.1: responsible: unknown agency 'Karvi' (declared: none)",
            "{path}:64: measure 3.1.2.2: responsible: unknown agency 'OKM' (declared: none)",
            "{path}:64: measure 3.1.2.2: responsible: unknown agency 'OPH' (declared: none)",
            "{path}:70: measure 3.10.1.1: responsible: unknown agency 'OPH' (declared: none)",
            "{path}:71: measure 3.10.1.1: partners: unknown agency 'OKM' (declared: none)",
            _summary(9),
        ),
    ),
    DataCase(
        "an agency code declared twice, its name another agency's",
        edited((KARVI, "  - code: OKM\n    names: {fi: Opetushallitus, sv: x, en: y}\n" + KARVI)),
        (
            "{path}:17: agency code 'OKM' is declared twice (first at line 11)",
            "{path}:18: agencies 'OPH' and 'OKM' both answer to --actor 'Opetushallitus': 'OPH' "
            "as its name 'Opetushallitus' (line 15), 'OKM' as its name 'Opetushallitus' (line 18)",
            _summary(2),
        ),
    ),
    DataCase(
        "a goal id used twice, the first on its entry's second line",
        edited(
            ('  - id: "3.10.1"\n    theme: "3.10"\n', '  - theme: "3.10"\n    id: "3.10.1"\n'),
            (
                "measures:\n",
                '  - id: "3.10.1"\n    theme: "3.10"\n    title: "x"\n    description: "y"\n'
                "measures:\n",
            ),
        ),
        ("{path}:42: duplicate id '3.10.1' (first at line 39)", SUMMARY_1),
    ),
    # --- 4. types are strict -----------------------------------------------------------------
    DataCase(
        "schema version true",
        edited(("schema_version: 1", "schema_version: true")),
        ("{path}:2: schema_version: must be 1", SUMMARY_1),
    ),
    DataCase(
        "schema version 1.0",
        edited(("schema_version: 1", "schema_version: 1.0")),
        ("{path}:2: schema_version: must be 1", SUMMARY_1),
    ),
    *(
        DataCase(
            f"schema version {spelled}",
            edited(("schema_version: 1", f"schema_version: {spelled}")),
            (
                f"{{path}}:2: '{spelled}' is read by YAML as the number {value}; write whole "
                "numbers plainly, or put text in quotes",
                *(() if value == 1 else ("{path}:2: schema_version: must be 1",)),
                _summary(1 if value == 1 else 2),
            ),
        )
        for spelled, value in [("0x1", 1), ("+1", 1), ("01", 1), ("1_0", 10), ("010", 8)]
    ),
    DataCase(
        "a Unix timestamp as the publication date",
        edited(("published: 2023-04-14", "published: 1681430400")),
        ("{path}:6: document.published: expected a date such as 2023-04-14", SUMMARY_1),
    ),
    DataCase(
        "a quoted publication date",
        edited(("published: 2023-04-14", 'published: "2023-04-14"')),
        ("{path}:6: document.published: expected a date such as 2023-04-14", SUMMARY_1),
    ),
    *(
        DataCase(
            f"a footnote number {spelled}",
            edited(
                (
                    '  translation_note: "Test translations."\n',
                    '  translation_note: "Test translations."\n'
                    f'  footnotes: [{{number: {spelled}, text: "x"}}]\n',
                )
            ),
            (
                f"{{path}}:10: document.footnotes.number: expected a whole number, got {got}",
                SUMMARY_1,
            ),
        )
        for spelled, got in [
            ('"3"', "text"),
            ("true", "true/false"),
            ("3.0", "the decimal number 3.0"),
        ]
    ),
]


@pytest.mark.parametrize("case", DATA_CASES, ids=[c.name for c in DATA_CASES])
def test_ambiguous_or_loosely_typed_file_is_refused(
    cli: Invoke, tmp_path: Path, case: DataCase
) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(case.text, encoding="utf-8")
    started = time.monotonic()
    result = cli(["validate", str(path)])
    assert time.monotonic() - started < TIME_LIMIT
    assert (result.exit_code, result.stdout) == (case.exit_code, ""), result
    assert result.stderr.splitlines() == [line.format(path=path) for line in case.stderr]


def test_the_invisible_characters_are_every_format_character() -> None:
    import sys
    import unicodedata

    from digivisio_cli.data.rules import _HIDDEN

    def refused(ch: str) -> bool:
        return bool(_HIDDEN.fullmatch(ch))

    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        category = unicodedata.category(ch)
        if category in ("Cf", "Zl", "Zp") or (category == "Cc" and ch not in "\t\n"):
            assert refused(ch), f"U+{code:04X} ({category})"
        elif refused(ch):
            # Format characters of a newer Unicode than this Python's are unassigned here.
            assert category == "Cn", f"U+{code:04X} ({category})"


def test_every_rule_says_what_it_checks() -> None:
    from digivisio_cli.data.rules import RULES

    docs = [rule.__doc__ for _, rules in RULES for rule in rules]
    assert all(docs), docs
    assert "The title and description of a theme are not blank." in docs
    assert "The title and description of a goal are not blank." in docs


def test_catalogue_names_are_unique() -> None:
    assert len({c.name for c in DATA_CASES}) == len(DATA_CASES)
    assert len({c.name for c in CLI_CASES}) == len(CLI_CASES)


# --- command-line values: empty, long, hostile ----------------------------------------------


@dataclass(frozen=True)
class CliCase:
    """A command line, its environment, and stderr by language (``en`` always present)."""

    name: str
    args: list[str]
    exit_code: int
    stderr: dict[str, tuple[str, ...]]
    env: dict[str, str] = field(default_factory=dict)


LONG = "x" * 200 + "\u202e"
CUT = "x" * 64 + "…"

CLI_CASES = [
    # --- 6. empty is an error, not "everything" --------------------------------------------
    CliCase(
        "--actor empty",
        ["measures", "--actor", ""],
        2,
        {
            "en": ("digivisio: --actor is empty; give a value, or leave the option out.",),
            "fi": ("digivisio: --actor on tyhjä; anna arvo tai jätä valitsin pois.",),
            "sv": ("digivisio: --actor är tomt; ange ett värde eller utelämna flaggan.",),
        },
    ),
    CliCase(
        "--actor only spaces",
        ["measures", "--actor", "  "],
        2,
        {"en": ("digivisio: --actor is empty; give a value, or leave the option out.",)},
    ),
    CliCase(
        "--search empty",
        ["measures", "--search", ""],
        2,
        {"en": ("digivisio: --search is empty; give a value, or leave the option out.",)},
    ),
    CliCase(
        "--goal empty",
        ["export", "--goal", ""],
        2,
        {"en": ("digivisio: --goal is empty; give a value, or leave the option out.",)},
    ),
    CliCase(
        "-o empty",
        ["export", "-o", ""],
        2,
        {
            "en": ("digivisio: --output is empty; give a value, or leave the option out.",),
            "fi": ("digivisio: --output on tyhjä; anna arvo tai jätä valitsin pois.",),
        },
    ),
    CliCase(
        "DIGIVISIO_DATA empty",
        ["goals"],
        1,
        {
            "en": (
                "DIGIVISIO_DATA: is empty; give the path of a data file, or unset it",
                "DIGIVISIO_DATA: 1 problem; nothing was loaded.",
            )
        },
        env={"DIGIVISIO_DATA": ""},
    ),
    CliCase(
        "diff with an empty OLD",
        ["diff", "", "bundled"],
        2,
        {
            "en": (
                "OLD: is empty; give the path of a data file, 'bundled' or '-'",
                "OLD: 1 problem; nothing was loaded.",
            )
        },
    ),
    CliCase(
        "diff with an empty NEW",
        ["diff", "bundled", ""],
        2,
        {
            "en": (
                "NEW: is empty; give the path of a data file, 'bundled' or '-'",
                "NEW: 1 problem; nothing was loaded.",
            )
        },
    ),
    # --- 3. every echo is escaped and cut short --------------------------------------------
    CliCase(
        "a 200-character --actor",
        ["measures", "--actor", LONG],
        2,
        {
            "en": (
                f"digivisio: No agency is called '{CUT}'.",
                "Valid: OKM (Opetus- ja kulttuuriministeriö), OPH (Opetushallitus), "
                "Karvi (Kansallinen koulutuksen arviointikeskus)",
            )
        },
    ),
    CliCase(
        "a 200-character --data path",
        ["--data", "/nonexistent/" + LONG, "goals"],
        1,
        {
            "en": (
                f"/nonexistent/{CUT}: no such file",
                f"/nonexistent/{CUT}: 1 problem; nothing was loaded.",
            )
        },
    ),
    CliCase(
        "a 200-character -o path",
        ["export", "-o", "/nonexistent/" + LONG],
        1,
        {
            "en": (
                f"digivisio: Could not write /nonexistent/{CUT}: No such file or directory. "
                "Nothing was written.",
            )
        },
    ),
    CliCase(
        "10,000 extra arguments",
        ["goals", *(f"a{i}" for i in range(10_000))],
        2,
        {
            "en": (
                "Usage: digivisio goals [OPTIONS]",
                "Try 'digivisio goals -h' for help.",
                "",
                "Error: Got unexpected extra argument(s) (a0 a1 a2 a3 a4 …)",
            )
        },
    ),
]


CLI_RUNS = [(case, lang) for case in CLI_CASES for lang in case.stderr]


@pytest.mark.parametrize(
    ("case", "lang"), CLI_RUNS, ids=[f"{case.name} ({lang})" for case, lang in CLI_RUNS]
)
def test_odd_command_line_gets_its_exact_message(cli: Invoke, case: CliCase, lang: str) -> None:
    started = time.monotonic()
    result = cli(case.args, env={**case.env, "DIGIVISIO_LANG": lang})
    assert time.monotonic() - started < TIME_LIMIT
    assert (result.exit_code, result.stdout) == (case.exit_code, ""), result
    assert result.stderr.splitlines() == list(case.stderr[lang])


def test_unknown_agency_among_10000_lists_a_few(cli: Invoke, tmp_path: Path) -> None:
    many = "".join(agency(f"A{i}", f"f{i}", f"s{i}", f"e{i}") for i in range(10_000))
    path = tmp_path / "many.yaml"
    path.write_text(edited(("agencies:\n", "agencies:\n" + many)), encoding="utf-8")
    result = cli(["--data", str(path), "measures", "--actor", "A99999"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "digivisio: No agency is called 'A99999'.",
        "Did you mean: A9999, A999?",
        "Valid: A0 (f0), A1 (f1), A2 (f2), A3 (f3), A4 (f4), A5 (f5), A6 (f6), A7 (f7), "
        "A8 (f8), A9 (f9) and 9993 more",
    ]


def test_suggestions_are_cut_short(cli: Invoke, tmp_path: Path) -> None:
    # An agency whose code is 100 characters long: suggested, but shown cut to 64.
    code = "K" * 100
    path = tmp_path / "long.yaml"
    path.write_text(edited((KARVI, agency(code, "n" * 100) + KARVI)), encoding="utf-8")
    result = cli(["--data", str(path), "measures", "--actor", "K" * 99])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[1] == f"Did you mean: {'K' * 64}…?"
    assert f"{'K' * 64}… ({'n' * 64}…)" in lines[2]


# --- 5. nothing hangs -------------------------------------------------------------------------


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


def _socket(folder: Path) -> Path:
    path = folder / "s.yaml"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()
    return path


SPECIAL = [
    ("a FIFO", _fifo, "is a named pipe (FIFO), not a data file"),
    ("a socket", _socket, "is a socket, not a data file"),
    ("a character device", lambda _: Path("/dev/null"), "is a device, not a data file"),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize(("what", "make", "said"), SPECIAL, ids=[s[0] for s in SPECIAL])
def test_special_file_as_data_is_refused_at_once(
    cli: Invoke, tmp_path: Path, what: str, make: Callable[[Path], Path], said: str
) -> None:
    path = make(tmp_path)
    started = time.monotonic()
    result = cli(["--data", str(path), "goals"])
    assert time.monotonic() - started < TIME_LIMIT
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{path}: {said}", SUMMARY_1.format(path=path)]


def test_diff_with_standard_input_closed_is_trouble(cli: Invoke) -> None:
    # CliRunner cannot close stdin; conftest's invoke_cli passes stdin=None through, and the
    # command must cope with sys.stdin being None, as after ``0<&-``.
    result = cli(["diff", "-", "bundled"], stdin_closed=True)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "-: standard input is closed; nothing to read",
        "-: 1 problem; nothing was loaded.",
    ]


# --- 7. an export never overwrites without --force --------------------------------------------


def test_dangling_symlink_counts_as_an_existing_file(cli: Invoke, tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "nowhere")
    result = cli(["export", "-o", str(link)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"digivisio: {link} exists; not overwritten (use --force to replace it)."
    ]
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_a_file_created_while_exporting_is_not_overwritten(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    real_fsync = os.fsync

    def other_export_wins(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", other_export_wins)
    result = cli(["export", "-o", str(target)])
    assert result.exit_code == 1
    assert "exists; not overwritten" in result.stderr
    assert target.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_force_keeps_the_permission_bits(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert cli(["export", "-o", str(target), "--force"]).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") != "old"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("make", [_fifo, _socket], ids=["FIFO", "socket"])
def test_force_never_replaces_a_special_file(
    cli: Invoke, tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path)
    before = os.lstat(path).st_mode
    started = time.monotonic()
    result = cli(["export", "-o", str(path), "--force"])
    assert time.monotonic() - started < TIME_LIMIT
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"digivisio: Will not write {path}: it is not a regular file (a device, a pipe or a "
        "socket). Nothing was written."
    ]
    assert os.lstat(path).st_mode == before


def test_force_never_replaces_a_device(cli: Invoke, tmp_path: Path) -> None:
    # A device node of its own in the test's folder (never a real /dev entry: were the refusal
    # broken, a test run as root would replace it).
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (AttributeError, OSError):
        pytest.skip("cannot make a device node here (needs root on Linux)")
    result = cli(["export", "-o", str(device), "--force"])
    assert result.exit_code == 1
    assert "it is not a regular file" in result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_name_ending_in_a_slash_is_not_a_file(cli: Invoke, tmp_path: Path) -> None:
    target = f"{tmp_path}/newname/"
    result = cli(["export", "-o", target])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"digivisio: Could not write {target}: no folder of that name exists, and a file name "
        "cannot end in '/'. Nothing was written."
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_255_byte_file_name_can_be_written(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / ("n" * 251 + ".csv")
    result = cli(["export", "-o", str(target)])
    assert result.exit_code == 0, result
    assert target.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_an_overlong_cell_is_cut_with_a_warning_naming_the_measure(
    cli: Invoke, tmp_path: Path
) -> None:
    data = tmp_path / "long.yaml"
    data.write_text(edited(("Kehitetään tilastopalveluita.", "a" * 40_000)), encoding="utf-8")
    target = tmp_path / "out.xlsx"
    result = cli(["--data", str(data), "export", "-f", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result
    assert (
        "digivisio: Warning: measure 3.1.1.4: the text is 40000 characters long, more than a "
        "spreadsheet cell holds (32767); it was cut short in the xlsx file."
    ) in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("code", "sheet"),
    [
        ("'OKM'", "OKM"),
        ("A[1]:*?/\\\\", "A_1______"),
        ("X" * 40, "X" * 31),
        ("History", "History_"),
    ],
)
def test_every_agency_code_makes_a_valid_sheet_name(
    cli: Invoke, tmp_path: Path, code: str, sheet: str
) -> None:
    import openpyxl

    data = tmp_path / "codes.yaml"
    data.write_text(
        edited(
            ("  - code: OKM\n", f'  - code: "{code}"\n'),
            ("publisher: OKM", f'publisher: "{code}"'),
            ("responsible: [OKM]", f'responsible: ["{code}"]'),
            ("[OKM, OPH]", f'["{code}", OPH]'),
            ("partners: [OKM]", f'partners: ["{code}"]'),
        ),
        encoding="utf-8",
    )
    target = tmp_path / "out.xlsx"
    result = cli(["--data", str(data), "export", "-f", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result
    assert sheet in openpyxl.load_workbook(target).sheetnames


# --- 8. interrupts and odd homes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "Interrupted."), ("fi", "Keskeytetty."), ("sv", "Avbrutet.")]
)
def test_ctrl_c_says_interrupted_and_exits_130(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    import json

    def pressed(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(json, "dumps", pressed)
    result = cli(["goals", "-f", "json"], env={"DIGIVISIO_LANG": lang})
    assert (result.exit_code, result.stdout) == (130, "")
    assert result.stderr.splitlines() == [said]


def test_a_home_that_does_not_exist_gets_no_cache_folder(cli: Invoke, tmp_path: Path) -> None:
    home = tmp_path / "nohome"
    env = {"DIGIVISIO_CACHE": None, "DIGIVISIO_CACHE_DIR": None, "XDG_CACHE_HOME": None}
    result = cli(["goals"], env={**env, "HOME": str(home)})
    assert result.exit_code == 0, result
    assert not home.exists()


@pytest.mark.parametrize("folder", ["relative/cache", "~/cache", "~"])
def test_a_relative_or_tilde_cache_folder_is_not_created(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(["goals"], env={"DIGIVISIO_CACHE": None, "DIGIVISIO_CACHE_DIR": folder})
    assert result.exit_code == 0, result
    assert list(tmp_path.iterdir()) == []


def _cached_entry(cli: Invoke, folder: Path) -> Path:
    """Run once so that the cache holds the bundled data's entry; that entry's path."""
    folder.mkdir(mode=0o700)
    env = {"DIGIVISIO_CACHE": None, "DIGIVISIO_CACHE_DIR": str(folder)}
    assert cli(["goals"], env=env).exit_code == 0
    (entry,) = folder.iterdir()
    entry.unlink()
    return entry


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("kind", ["FIFO", "folder", "socket"])
def test_a_cache_entry_that_is_no_file_is_a_miss(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    folder = tmp_path / "cache"
    entry = _cached_entry(cli, folder)
    if kind == "FIFO":
        os.mkfifo(entry)
    elif kind == "folder":
        entry.mkdir()
    else:
        monkeypatch.chdir(folder)  # a socket's path must be short: bind it by its own name
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(entry.name)
        sock.close()
    started = time.monotonic()
    result = cli(["goals"], env={"DIGIVISIO_CACHE": None, "DIGIVISIO_CACHE_DIR": str(folder)})
    assert time.monotonic() - started < TIME_LIMIT
    assert (result.exit_code, result.stderr) == (0, ""), result
    assert result.stdout.startswith("3.1\ttheme\t")


# --- 9. the tests keep to themselves ------------------------------------------------------------


def test_the_test_session_never_touches_the_real_cache() -> None:
    import tempfile

    switched_off = os.environ.get("DIGIVISIO_CACHE") == "off"
    folder = os.environ.get("DIGIVISIO_CACHE_DIR", "")
    assert switched_off or folder.startswith(tempfile.gettempdir())


# --- signals, in a real process (they cannot be sent to an in-process run) ----------------------

_SLOW_EXPORT = """
import os, sys, time
from pathlib import Path
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    Path(sys.argv[1]).write_text("writing")
    time.sleep(30)
os.fsync = slow_fsync
from digivisio_cli.__main__ import main
sys.exit(main(["export", "-o", sys.argv[2]]))
"""


def _env() -> dict[str, str]:
    import digivisio_cli

    src = str(Path(digivisio_cli.__file__).resolve().parents[1])
    return {**os.environ, "DIGIVISIO_LANG": "en", "DIGIVISIO_CACHE": "off", "PYTHONPATH": src}


@pytest.mark.subprocess
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_during_an_export_leaves_no_temporary_file(tmp_path: Path, signame: str) -> None:
    import signal
    import subprocess
    import sys

    signum = getattr(signal, signame, None)
    if signum is None:
        pytest.skip(f"no {signame} here")
    marker, out = tmp_path / "marker", tmp_path / "out" / "export.csv"
    out.parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_EXPORT, str(marker), str(out)],
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), proc.communicate(timeout=5)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=TIME_LIMIT)
    finally:
        proc.kill()
    assert proc.returncode in (-signum, 128 + signum), err
    assert list(out.parent.iterdir()) == []
    assert b"Traceback" not in err


@pytest.mark.subprocess
def test_ctrl_c_while_waiting_for_standard_input(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "digivisio_cli", "diff", "-", "bundled"],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        time.sleep(2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=TIME_LIMIT)
    finally:
        proc.kill()
    assert (proc.returncode, out, err.decode().splitlines()) == (130, b"", ["Interrupted."])
