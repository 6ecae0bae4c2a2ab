"""The catalogue of damaged data files: each case, built from the small fixture, and its message.

Every case is run through the real command line (``digivisio validate FILE``, in-process) and
must end within a few seconds with its exit code and exactly the lines on stderr listed here, the
file's path written as ``{path}``. A few cases are run again in a real process, to prove that no
traceback ever reaches a terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SMALL, Invoke
from digivisio_cli.data import source
from digivisio_cli.data.source import MAX_BYTES

VALID = SMALL.read_text(encoding="utf-8")
#: Karvi's names in the small fixture, one line.
KARVI_NAMES = (
    "    names: {fi: Kansallinen koulutuksen arviointikeskus, sv: Nationella centret för "
    "utbildningsutvärdering, en: Finnish Education Evaluation Centre}"
)

#: A hang guard, not a benchmark: every case answers in well under a second on a laptop.
TIME_LIMIT = 5.0

Build = Callable[[Path], Path]


def edit(old: str, new: str, count: int = 1) -> Build:
    """The fixture with ``old`` replaced by ``new`` (``old`` must be there)."""
    assert old in VALID, old

    def build(folder: Path) -> Path:
        return write(VALID.replace(old, new, count).encode("utf-8"))(folder)

    return build


def write(content: bytes) -> Build:
    """A file holding exactly ``content``."""

    def build(folder: Path) -> Path:
        path = folder / "data.yaml"
        path.write_bytes(content)
        return path

    return build


def cut_after(marker: str) -> Build:
    """The fixture cut off just after ``marker``, as by an interrupted copy or save."""
    assert marker in VALID, marker
    return write(VALID[: VALID.index(marker) + len(marker)].encode("utf-8"))


def folder_itself(folder: Path) -> Path:
    return folder


def missing(folder: Path) -> Path:
    return folder / "no-such.yaml"


def under_a_file(folder: Path) -> Path:
    (folder / "plain.txt").write_text("x", encoding="utf-8")
    return folder / "plain.txt" / "data.yaml"


def sparse_huge(folder: Path) -> Path:
    # A sparse file: 4 GiB long, no disk used, refused on its size before a byte is read.
    path = folder / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(4 * 2**30)
    return path


def just_over_the_limit(folder: Path) -> Path:
    # Sparse as well: a valid start, then holes up to one byte over the limit.
    path = folder / "big.yaml"
    with path.open("wb") as handle:
        handle.write(VALID.encode("utf-8"))
        handle.truncate(MAX_BYTES + 1)
    return path


LIMIT = f"the limit is {MAX_BYTES // 2**20} MiB"

#: The last line of Karvi's entry in the fixture, after which a succession is written.
KARVI = "    abbreviations: [NCU, FINEEC]\n"


def succession(mapping: str) -> Build:
    """The fixture with Karvi succeeded as ``mapping`` (a YAML flow mapping) says."""
    return edit(KARVI, f"{KARVI}    successor: {mapping}\n")


def succession_block(*lines: str) -> Build:
    """The fixture with Karvi succeeded by a block mapping of ``lines`` (from line 21 on)."""
    block = "".join(f"      {line}\n" for line in lines)
    return edit(KARVI, f"{KARVI}    successor:\n{block}")


BILLION_LAUGHS = b"""\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""

SUMMARY_1 = "{path}: 1 problem; nothing was loaded."


@dataclass(frozen=True)
class Case:
    """One damaged input: how to make it, the exit code, and stderr line by line."""

    name: str
    build: Build
    exit_code: int
    stderr: tuple[str, ...]


CATALOGUE = [
    # --- not YAML text at all ---
    Case("empty file", write(b""), 1, ("{path}: the file is empty", SUMMARY_1)),
    Case("only blank lines", write(b"  \n\n \n"), 1, ("{path}: the file is empty", SUMMARY_1)),
    Case(
        "binary garbage",
        write(bytes(range(256)) * 8),
        1,
        ("{path}: is a binary file, not YAML text", SUMMARY_1),
    ),
    Case(
        "invalid UTF-8 (saved as Latin-1)",
        write(VALID.encode("latin-1")),
        1,
        ("{path}:8: is not valid UTF-8 text (save it as UTF-8)", SUMMARY_1),
    ),
    Case(
        "UTF-16, big-endian, with a byte-order mark",
        write(b"\xfe\xff" + VALID.encode("utf-16-be")),
        1,
        ("{path}: is UTF-16 text, not UTF-8 (save it as UTF-8)", SUMMARY_1),
    ),
    Case(
        "a NUL byte just past the first 8 KiB, where binary files are looked for",
        write(b"#" * 8191 + b"\n\x00\n" + VALID.encode("utf-8")),
        1,
        (
            "{path}:2: the control character U+0000 is not allowed in YAML text; delete it",
            SUMMARY_1,
        ),
    ),
    Case(
        "a NUL byte at the end of the first 8 KiB",
        write(b"#" * 8191 + b"\x00\n" + VALID.encode("utf-8")),
        1,
        ("{path}: is a binary file, not YAML text", SUMMARY_1),
    ),
    Case(
        "a byte that is not UTF-8 after a first empty line",
        write(b"\n\xff\n" + VALID.encode("utf-8")),
        1,
        ("{path}:2: is not valid UTF-8 text (save it as UTF-8)", SUMMARY_1),
    ),
    Case(
        "UTF-16 with a byte-order mark",
        write(VALID.encode("utf-16")),
        1,
        ("{path}: is UTF-16 text, not UTF-8 (save it as UTF-8)", SUMMARY_1),
    ),
    Case(
        "a control character in the text",
        edit('"Passive sentence."', '"Passive\x07 sentence."'),
        1,
        (
            "{path}:63: measure 3.1.1.4: the control character U+0007 is not allowed in YAML "
            "text; delete it",
            SUMMARY_1,
        ),
    ),
    # --- files that are fine after all ---
    Case(
        "a UTF-8 byte-order mark loads",
        write(b"\xef\xbb\xbf" + VALID.encode("utf-8")),
        0,
        (),
    ),
    Case(
        "Windows line ends load",
        write(VALID.replace("\n", "\r\n").encode("utf-8")),
        0,
        (),
    ),
    # --- truncated ---
    Case(
        "truncated inside a quoted text",
        cut_after('    text: "Opetushallitus ylläpitää'),
        1,
        (
            "{path}:52: measure 3.1.1.2: not valid YAML: while scanning a quoted scalar, "
            "found unexpected end of stream",
            SUMMARY_1,
        ),
    ),
    Case(
        "truncated between two keys of the last measure",
        cut_after('  - id: "3.10.1.1"\n    goal: "3.10.1"\n'),
        1,
        (
            "{path}:76: measure 3.10.1.1: missing required key 'text'",
            "{path}:76: measure 3.10.1.1: missing required key 'responsible'",
            "{path}:76: measure 3.10.1.1: missing required key 'pending'",
            "{path}: 3 problems; nothing was loaded.",
        ),
    ),
    # --- YAML syntax ---
    Case(
        "an unclosed bracket",
        edit("responsible: [Karvi]", "responsible: [Karvi"),
        1,
        (
            "{path}:68: measure 3.1.2.1: not valid YAML: while parsing a flow sequence, "
            "did not find expected ',' or ']' (it began at line 67)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a key indented too far",
        edit("    partners: []\n    pending: true", "    partners: []\n      pending: true"),
        1,
        (
            "{path}:62: measure 3.1.1.4: not valid YAML: while parsing a block mapping, "
            "did not find expected key (it began at line 57)",
            SUMMARY_1,
        ),
    ),
    Case(
        "tabs in indentation",
        edit("    responsible: [Karvi]\n", "\tresponsible: [Karvi]\n"),
        1,
        (
            "{path}:67: measure 3.1.2.1: a tab character: YAML indentation must use spaces, "
            "not tabs",
            SUMMARY_1,
        ),
    ),
    Case(
        "a value starting with a reserved character",
        edit('    note: "Passive sentence."', "    note: @ministry"),
        1,
        (
            "{path}:63: measure 3.1.1.4: not valid YAML: a value cannot start with '@'; "
            "put the value in quotes",
            SUMMARY_1,
        ),
    ),
    Case(
        "a second document",
        write(VALID.encode("utf-8") + b"---\nschema_version: 1\n"),
        1,
        (
            "{path}:82: not valid YAML: expected a single document in the stream, "
            "but found another document",
            SUMMARY_1,
        ),
    ),
    Case(
        "a list instead of a mapping",
        write(b"- 3.1.1.1\n- 3.1.1.2\n"),
        1,
        (
            "{path}:1: the file must be a mapping with the keys schema_version, document, "
            "agencies, themes, goals, measures",
            SUMMARY_1,
        ),
    ),
    Case(
        "nested too deeply",
        write(b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
        1,
        (
            "{path}:1: not valid YAML: while increasing flow level, exceeded maximum nesting depth",
            SUMMARY_1,
        ),
    ),
    *(
        Case(
            f"nested too deeply for Python's stack ({what})",
            write(b"a: " + opening * 600 + closing * 600 + b"\n"),
            1,
            ("{path}: is nested too deeply to be a data file", SUMMARY_1),
        )
        for what, opening, closing in (("lists", b"[", b"]"), ("mappings", b"{a: ", b"}"))
    ),
    Case(
        "a whole file of lists nested too deeply for Python's stack",
        write(b"[" * 600 + b"]" * 600 + b"\n"),
        1,
        ("{path}: is nested too deeply to be a data file", SUMMARY_1),
    ),
    Case(
        "a whole file that is a signed number",
        write(b"+1\n"),
        1,
        (
            "{path}:1: '+1' is read by YAML as the number 1; write whole numbers plainly, or put "
            "text in quotes",
            "{path}:1: the file must be a mapping with the keys schema_version, document, "
            "agencies, themes, goals, measures",
            "{path}: 2 problems; nothing was loaded.",
        ),
    ),
    Case(
        # A note written as plain text is read as its English version: the problem is at the
        # note's own line, though the file has no "en" key.
        "an empty note written as plain text",
        edit('    note: "Passive sentence."', '    note: ""'),
        1,
        ("{path}:63: measure 3.1.1.4: note.en: must not be empty", SUMMARY_1),
    ),
    Case(
        "an empty translation note written as plain text",
        edit('  translation_note: "Test translations."', '  translation_note: ""'),
        1,
        ("{path}:9: document.translation_note.en: must not be empty", SUMMARY_1),
    ),
    Case(
        "top-level keys missing, below comment lines",
        write(b"# a comment\n# another\nschema_version: 1\n"),
        1,
        (
            *(
                f"{{path}}:3: missing required key '{key}'"
                for key in ("document", "agencies", "themes", "goals", "measures")
            ),
            "{path}: 5 problems; nothing was loaded.",
        ),
    ),
    # --- keys ---
    Case(
        "a duplicate key",
        edit("    responsible: [Karvi]\n", "    responsible: [Karvi]\n    responsible: [OKM]\n"),
        1,
        (
            "{path}:68: measure 3.1.2.1: duplicate key 'responsible' (first at line 67); "
            "YAML would silently keep only one of them",
            SUMMARY_1,
        ),
    ),
    Case(
        "a key that is a list, then a key twice",
        edit("schema_version: 1\n", "schema_version: 1\n? [a, b]\n: 1\nschema_version: 1\n"),
        1,
        (
            "{path}:3: a mapping key must be a plain value",
            "{path}:5: duplicate key 'schema_version' (first at line 2); YAML would silently "
            "keep only one of them",
            "{path}: 2 problems; nothing was loaded.",
        ),
    ),
    Case(
        "a key that is a number, then a key twice",
        edit("schema_version: 1\n", "schema_version: 1\n0x1: x\nschema_version: 1\n"),
        1,
        (
            "{path}:3: the key '0x1' is read as a number, not a name; keys are names such as "
            "text or id",
            "{path}:4: duplicate key 'schema_version' (first at line 2); YAML would silently "
            "keep only one of them",
            "{path}: 2 problems; nothing was loaded.",
        ),
    ),
    Case(
        "a key that is a date and time",
        edit("schema_version: 1\n", "schema_version: 1\n2023-01-01 10:00:00: x\n"),
        1,
        (
            "{path}:3: the key '2023-01-01 10:00:00' is read as a date and time, not a name; "
            "keys are names such as text or id",
            SUMMARY_1,
        ),
    ),
    Case(
        "an unknown key (a typo)",
        edit('    note: "Passive sentence."', '    notes: "Passive sentence."'),
        1,
        ("{path}:63: measure 3.1.1.4: unknown key 'notes'", SUMMARY_1),
    ),
    Case(
        "a key that YAML reads as true",
        edit("    pending: false\n", "    pending: false\n    yes: true\n"),
        1,
        (
            "{path}:49: measure 3.1.1.1: the key 'yes' is read as true/false, not a name; "
            "keys are names such as text or id",
            SUMMARY_1,
        ),
    ),
    # --- wrong types and missing fields ---
    Case(
        "a text instead of a list",
        edit("responsible: [Karvi]", "responsible: Karvi"),
        1,
        (
            "{path}:67: measure 3.1.2.1: responsible: expected a list such as [OKM], got text",
            SUMMARY_1,
        ),
    ),
    Case(
        "pending as a word",
        edit("pending: true", 'pending: "yes"'),
        1,
        ("{path}:62: measure 3.1.1.4: pending: expected true or false, got 'yes'", SUMMARY_1),
    ),
    Case(
        "an unquoted id read as a number",
        edit('- id: "3.1"', "- id: 3.1"),
        1,
        # The goals' references to theme 3.1 now point at nothing: said too, all at once.
        (
            '{path}:21: id: expected text, got a number (put it in quotes, e.g. "3.1")',
            "{path}:30: theme '3.1' does not exist",
            "{path}:35: theme '3.1' does not exist",
            "{path}: 3 problems; nothing was loaded.",
        ),
    ),
    Case(
        "schema version as text",
        edit("schema_version: 1", 'schema_version: "1"'),
        1,
        ("{path}:2: schema_version: must be 1", SUMMARY_1),
    ),
    Case(
        "a date that does not exist",
        edit("published: 2023-04-14", "published: 2023-02-30"),
        1,
        (
            "{path}:6: not valid YAML: '2023-02-30' is not a valid date "
            "(day is out of range for month)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a number of 5,000 digits",
        edit("schema_version: 1", "schema_version: " + "9" * 5000),
        1,
        (
            "{path}:2: not valid YAML: the number '" + "9" * 64 + "…' is too large to be read "
            "(5000 characters)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a missing required field",
        edit('    text: "Kehitetään tilastopalveluita."\n', ""),
        1,
        ("{path}:57: measure 3.1.1.4: missing required key 'text'", SUMMARY_1),
    ),
    # --- references and ids ---
    Case(
        "an unknown agency code",
        edit("responsible: [Karvi]", "responsible: [KARVI]"),
        1,
        (
            "{path}:67: measure 3.1.2.1: responsible: unknown agency 'KARVI' "
            "(declared: OKM, OPH, Karvi)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a duplicate measure id",
        edit('id: "3.1.1.2"', 'id: "3.1.1.1"'),
        1,
        ("{path}:50: measure 3.1.1.1: duplicate id '3.1.1.1' (first at line 43)", SUMMARY_1),
    ),
    Case(
        "an id that does not match its goal",
        edit('id: "3.1.2.1"', 'id: "3.1.1.9"'),
        1,
        (
            "{path}:64: measure 3.1.1.9: id '3.1.1.9' does not match its goal '3.1.2' "
            "(expected '3.1.2.<n>')",
            SUMMARY_1,
        ),
    ),
    Case(
        "a measure under a goal that does not exist",
        edit(
            '    goal: "3.1.2"\n    text: "Kansallinen', '    goal: "3.1.9"\n    text: "Kansallinen'
        ),
        1,
        (
            "{path}:64: measure 3.1.2.1: id '3.1.2.1' does not match its goal '3.1.9' "
            "(expected '3.1.9.<n>')",
            "{path}:65: measure 3.1.2.1: goal '3.1.9' does not exist",
            "{path}: 2 problems; nothing was loaded.",
        ),
    ),
    Case(
        "every problem at once",
        lambda folder: write(
            VALID.replace("responsible: [Karvi]", "responsible: [KARVI]")
            .replace('id: "3.1.1.2"', 'id: "3.1.1.1"')
            .replace("pending: true", "pending: 3", 1)
            .replace("    partners: [OKM]\n", "    partners: [OKM]\n    partner: [OPH]\n")
            .encode("utf-8")
        )(folder),
        1,
        (
            "{path}:50: measure 3.1.1.1: duplicate id '3.1.1.1' (first at line 43)",
            "{path}:62: measure 3.1.1.4: pending: expected true or false, got 3",
            "{path}:67: measure 3.1.2.1: responsible: unknown agency 'KARVI' "
            "(declared: OKM, OPH, Karvi)",
            "{path}:81: measure 3.10.1.1: unknown key 'partner'",
            "{path}: 4 problems; nothing was loaded.",
        ),
    ),
    # --- hostile YAML ---
    Case(
        "billion laughs (aliases)",
        write(BILLION_LAUGHS),
        1,
        (
            "{path}:1: not valid YAML: YAML anchors and aliases (&name, *name) are not allowed "
            "in a data file; write the value out",
            SUMMARY_1,
        ),
    ),
    Case(
        "a Python object tag",
        edit("schema_version: 1", 'schema_version: !!python/object/apply:os.system ["true"]'),
        1,
        (
            "{path}:2: the YAML tag '!!python/object/apply:os.system' is not allowed in a "
            "data file (only plain values)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a set instead of a list (slipped past the agency check)",
        edit("responsible: [Karvi]", "responsible: !!set {KARVI}"),
        1,
        (
            "{path}:67: measure 3.1.2.1: the YAML tag '!!set' is not allowed in a data file "
            "(only plain values)",
            SUMMARY_1,
        ),
    ),
    *(
        Case(
            f"an ordered map, pairs or binary data: {tag}",
            edit("  pending_note: {fi", f"  extra: {value}\n  pending_note: {{fi"),
            1,
            (
                f"{{path}}:8: the YAML tag '{tag}' is not allowed in a data file (only plain "
                "values)",
                SUMMARY_1,
            ),
        )
        for tag, value in (
            ("!!omap", "!!omap [a: 1]"),
            ("!!pairs", "!!pairs [a: 1]"),
            ("!!binary", "!!binary aGVsbG8="),
        )
    ),
    Case(
        "a key tagged as a mapping",
        edit("schema_version: 1\n", "schema_version: 1\n!!map ab : 1\n"),
        1,
        (
            "{path}:3: not valid YAML: the value 'ab' cannot be read (!!map needs a mapping)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a word tagged as a list",
        edit("schema_version: 1\n", "schema_version: 1\nx: !!seq abc\n"),
        1,
        (
            "{path}:3: not valid YAML: the value 'abc' cannot be read (!!seq needs a list)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a mapping tagged as a list",
        edit("schema_version: 1\n", "schema_version: 1\nx: !!seq {a: 1}\n"),
        1,
        (
            "{path}:3: not valid YAML: the value '!!seq' cannot be read (!!seq needs a list)",
            SUMMARY_1,
        ),
    ),
    Case(
        "two control characters: the first is reported",
        write(
            VALID.replace('    note: "Passive sentence."', '    note: "Passive\x07 sentence."')
            .replace('"Kansallinen koulutuksen', '"Kansallinen\x07 koulutuksen')
            .encode("utf-8")
        ),
        1,
        (
            "{path}:63: measure 3.1.1.4: the control character U+0007 is not allowed in YAML "
            "text; delete it",
            SUMMARY_1,
        ),
    ),
    Case(
        "a whole file that is a word tagged as a mapping",
        write(b"!!map ab\n"),
        1,
        (
            "{path}:1: not valid YAML: the value 'ab' cannot be read (!!map needs a mapping)",
            SUMMARY_1,
        ),
    ),
    Case(
        # libyaml counts its place in bytes: 200 two-byte letters above would move it lines down.
        "a control character below many letters outside ASCII",
        write(
            VALID.replace('    note: "Passive sentence."', '    note: "' + "ä" * 200 + '"')
            .replace('"Kansallinen koulutuksen arviointikeskus arvioi', '"Kansallinen\x07 arvioi')
            .encode("utf-8")
        ),
        1,
        (
            "{path}:66: measure 3.1.2.1: the control character U+0007 is not allowed in YAML "
            "text; delete it",
            SUMMARY_1,
        ),
    ),
    Case(
        "a byte that is not UTF-8 on the second line, after a byte-order mark",
        write(b"\xef\xbb\xbfa: 1\n\xff\n"),
        1,
        ("{path}:2: is not valid UTF-8 text (save it as UTF-8)", SUMMARY_1),
    ),
    Case(
        "a custom tag whose name contains 'tab'",
        edit("    partners: [OPH]\n", "    partners: !table [OPH]\n"),
        1,
        (
            "{path}:47: measure 3.1.1.1: the YAML tag '!table' is not allowed in a data file "
            "(only plain values)",
            SUMMARY_1,
        ),
    ),
    Case(
        "terminal escapes and a right-to-left override in a value",
        edit("responsible: [Karvi]", 'responsible: ["\\e[2JKarvi\\u202e"]'),
        1,
        (
            "{path}:67: measure 3.1.2.1: responsible: unknown agency '\\u001b[2JKarvi\\u202e' "
            "(declared: OKM, OPH, Karvi)",
            "{path}:67: measure 3.1.2.1: responsible: holds the invisible control character "
            "U+001B; delete it",
            "{path}: 2 problems; nothing was loaded.",
        ),
    ),
    Case(
        "a terminal escape spelled out in a quoted text (would recolour the table)",
        edit('text: "Kehitetään tilastopalveluita."', 'text: "Kehitetään \\e[31mtilastoja."'),
        1,
        (
            "{path}:59: measure 3.1.1.4: text: holds the invisible control character U+001B; "
            "delete it",
            SUMMARY_1,
        ),
    ),
    Case(
        "a right-to-left override spelled out in a translation",
        edit(
            '{en: {text: "The ministry is responsible for architecture."}}',
            '{en: {text: "The ministry is \\u202eresponsible for architecture."}}',
        ),
        1,
        (
            "{path}:49: measure 3.1.1.1: unofficial_translations.en.text: holds the invisible "
            "control character U+202E; delete it",
            SUMMARY_1,
        ),
    ),
    Case(
        "a 10,000-character agency code",
        edit("responsible: [Karvi]", "responsible: [" + "K" * 10_000 + "]"),
        1,
        (
            "{path}:67: measure 3.1.2.1: responsible: unknown agency '" + "K" * 64 + "…' "
            "(declared: OKM, OPH, Karvi)",
            SUMMARY_1,
        ),
    ),
    # --- agency succession (docs/data.md, "Succession") ---
    Case(
        "a succession loads",
        succession("{agency: OPH, since: 2026-01-01, source: HE 31/2025 vp}"),
        0,
        (),
    ),
    Case(
        "a successor that is not a declared agency",
        succession("{agency: EDUFI, since: 2026-01-01, source: HE 31/2025 vp}"),
        1,
        (
            "{path}:20: agency 'Karvi': successor: unknown agency 'EDUFI' "
            "(declared: OKM, OPH, Karvi)",
            SUMMARY_1,
        ),
    ),
    Case(
        "an agency that succeeds itself",
        succession("{agency: Karvi, since: 2026-01-01, source: HE 31/2025 vp}"),
        1,
        ("{path}:20: agency 'Karvi': successor: an agency cannot succeed itself", SUMMARY_1),
    ),
    Case(
        "successions that form a cycle",
        lambda folder: write(
            VALID.replace(
                "    abbreviations: [EDUFI]\n",
                "    abbreviations: [EDUFI]\n"
                "    successor: {agency: Karvi, since: 2026-01-01, source: x}\n",
            )
            .replace(KARVI, KARVI + "    successor: {agency: OPH, since: 2026-01-01, source: x}\n")
            .encode("utf-8")
        )(folder),
        1,
        (
            "{path}:17: agency 'OPH': successor: the successions form a cycle "
            "('OPH' → 'Karvi' → 'OPH'), so no agency would carry their measures",
            SUMMARY_1,
        ),
    ),
    # A block mapping puts each field on its own line: the problem names the field's line.
    Case(
        "an agency that succeeds itself, the agency on the last line",
        succession_block("since: 2026-01-01", "source: x", "agency: Karvi"),
        1,
        ("{path}:23: agency 'Karvi': successor: an agency cannot succeed itself", SUMMARY_1),
    ),
    Case(
        "an undeclared successor, the agency on the last line",
        succession_block("since: 2026-01-01", "source: x", "agency: EDUFI"),
        1,
        (
            "{path}:23: agency 'Karvi': successor: unknown agency 'EDUFI' "
            "(declared: OKM, OPH, Karvi)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a succession before publication, the date on the last line",
        succession_block("agency: OPH", "source: x", "since: 2020-01-01"),
        1,
        (
            "{path}:23: agency 'Karvi': successor.since: 2020-01-01 is before the document was "
            "published (2023-04-14); a succession records a change after the document named "
            "the agency",
            SUMMARY_1,
        ),
    ),
    Case(
        "a successor succeeded by then, the date on the last line",
        lambda folder: write(
            VALID.replace(
                "    abbreviations: [EDUFI]\n",
                "    abbreviations: [EDUFI]\n"
                "    successor: {agency: OKM, since: 2025-01-01, source: x}\n",
            )
            .replace(
                KARVI,
                KARVI + "    successor:\n      agency: OPH\n      source: x\n"
                "      since: 2026-01-01\n",
            )
            .encode("utf-8")
        )(folder),
        1,
        (
            "{path}:24: agency 'Karvi': successor: 'OPH' was itself succeeded by 'OKM' on "
            "2025-01-01, by the date of this succession (2026-01-01); name 'OKM' as the successor",
            SUMMARY_1,
        ),
    ),
    Case(
        # Reported at the agency listed first (OKM), though its successor's code sorts first.
        "a cycle reported at the first agency of the file",
        lambda folder: write(
            VALID.replace(
                "    abbreviations: [UKM]\n",
                "    abbreviations: [UKM]\n    successor:\n      source: x\n      agency: OPH\n"
                "      since: 2026-01-01\n",
            )
            .replace(
                "    abbreviations: [EDUFI]\n",
                "    abbreviations: [EDUFI]\n"
                "    successor: {agency: OKM, since: 2026-01-01, source: x}\n",
            )
            .encode("utf-8")
        )(folder),
        1,
        (
            "{path}:16: agency 'OKM': successor: the successions form a cycle "
            "('OKM' → 'OPH' → 'OKM'), so no agency would carry their measures",
            SUMMARY_1,
        ),
    ),
    Case(
        "an agency entry that is no mapping, before a succession",
        lambda folder: write(
            VALID.replace("  - code: Karvi\n", "  - just text\n  - code: Karvi\n", 1)
            .replace(
                KARVI, KARVI + "    successor: {agency: Karvi, since: 2026-01-01, source: x}\n"
            )
            .encode("utf-8")
        )(folder),
        1,
        (
            "{path}:17: agencies: expected a mapping of keys, got text",
            "{path}:21: agency 'Karvi': successor: an agency cannot succeed itself",
            "{path}: 2 problems; nothing was loaded.",
        ),
    ),
    Case(
        "a successor that was itself succeeded by then",
        lambda folder: write(
            VALID.replace(
                "    abbreviations: [EDUFI]\n",
                "    abbreviations: [EDUFI]\n"
                "    successor: {agency: OKM, since: 2025-01-01, source: x}\n",
            )
            .replace(KARVI, KARVI + "    successor: {agency: OPH, since: 2026-01-01, source: x}\n")
            .encode("utf-8")
        )(folder),
        1,
        (
            "{path}:21: agency 'Karvi': successor: 'OPH' was itself succeeded by 'OKM' on "
            "2025-01-01, by the date of this succession (2026-01-01); name 'OKM' as the successor",
            SUMMARY_1,
        ),
    ),
    Case(
        "a successor succeeded on the very day of the succession",
        lambda folder: write(
            VALID.replace(
                "    abbreviations: [EDUFI]\n",
                "    abbreviations: [EDUFI]\n"
                "    successor: {agency: OKM, since: 2026-01-01, source: x}\n",
            )
            .replace(KARVI, KARVI + "    successor: {agency: OPH, since: 2026-01-01, source: x}\n")
            .encode("utf-8")
        )(folder),
        1,
        (
            "{path}:21: agency 'Karvi': successor: 'OPH' was itself succeeded by 'OKM' on "
            "2026-01-01, by the date of this succession (2026-01-01); name 'OKM' as the successor",
            SUMMARY_1,
        ),
    ),
    Case(
        # The day after is fine: by then the successor was still there.
        "a successor succeeded only after the succession",
        lambda folder: write(
            VALID.replace(
                "    abbreviations: [EDUFI]\n",
                "    abbreviations: [EDUFI]\n"
                "    successor: {agency: OKM, since: 2026-01-02, source: x}\n",
            )
            .replace(KARVI, KARVI + "    successor: {agency: OPH, since: 2026-01-01, source: x}\n")
            .encode("utf-8")
        )(folder),
        0,
        (),
    ),
    Case(
        "a succession on the day the document was published",
        succession("{agency: OPH, since: 2023-04-14, source: HE 31/2025 vp}"),
        0,
        (),
    ),
    Case(
        "a succession dated on a day that does not exist",
        succession("{agency: OPH, since: 2026-02-30, source: HE 31/2025 vp}"),
        1,
        (
            "{path}:20: not valid YAML: '2026-02-30' is not a valid date "
            "(day is out of range for month)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a succession dated in words",
        succession("{agency: OPH, since: soon, source: HE 31/2025 vp}"),
        1,
        ("{path}:20: successor.since: expected a date such as 2023-04-14", SUMMARY_1),
    ),
    Case(
        "a succession before the document was published",
        succession("{agency: OPH, since: 2020-01-01, source: HE 31/2025 vp}"),
        1,
        (
            "{path}:20: agency 'Karvi': successor.since: 2020-01-01 is before the document was "
            "published (2023-04-14); a succession records a change after the document named "
            "the agency",
            SUMMARY_1,
        ),
    ),
    Case(
        "a succession without its source",
        succession("{agency: OPH, since: 2026-01-01}"),
        1,
        ("{path}:20: missing required key 'source'", SUMMARY_1),
    ),
    # --- the path itself ---
    Case("a folder", folder_itself, 1, ("{path}: is a folder, not a data file", SUMMARY_1)),
    Case("a path that does not exist", missing, 1, ("{path}: no such file", SUMMARY_1)),
    Case("a path through a file", under_a_file, 1, ("{path}: Not a directory", SUMMARY_1)),
    Case(
        "a file far larger than any real one",
        sparse_huge,
        1,
        (
            f"{{path}}: is 4096 MiB, larger than any data file could be ({LIMIT}); not read",
            SUMMARY_1,
        ),
    ),
    Case(
        "an explicit integer tag on a word",
        edit("schema_version: 1", "schema_version: !!int one"),
        1,
        (
            "{path}:2: not valid YAML: the value 'one' cannot be read "
            "(invalid literal for int() with base 10: 'one')",
            SUMMARY_1,
        ),
    ),
    Case(
        "an explicit float tag on a word",
        edit("    pending: false\n", "    pending: !!float many\n"),
        1,
        (
            "{path}:48: measure 3.1.1.1: not valid YAML: the value 'many' cannot be read "
            "(could not convert string to float: 'many')",
            SUMMARY_1,
        ),
    ),
    Case(
        "a signed number of 5,000 digits",
        edit("schema_version: 1", "schema_version: +" + "9" * 5000),
        1,
        (
            "{path}:2: not valid YAML: the number '+" + "9" * 63 + "…' is too large to be read "
            "(5001 characters)",
            SUMMARY_1,
        ),
    ),
    Case(
        # Only entries under the top-level "measures:" are measures: a list at the top is not.
        "a broken list at the top level names no measure",
        write(b'- id: "3.1.1.1"\n  text: [broken\n'),
        1,
        (
            "{path}:3: not valid YAML: while parsing a flow sequence, did not find expected ',' "
            "or ']' (it began at line 2)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a flag written as text",
        edit("    pending: false\n", '    pending: "no"\n'),
        1,
        ("{path}:48: measure 3.1.1.1: pending: expected true or false, got 'no'", SUMMARY_1),
    ),
    Case(
        "a flag written as a number",
        edit("    pending: false\n", "    pending: 1\n"),
        1,
        ("{path}:48: measure 3.1.1.1: pending: expected true or false, got 1", SUMMARY_1),
    ),
    Case(
        "a measure that is only a text",
        edit(
            '  - id: "3.1.2.1"\n    goal: "3.1.2"\n    text: "Kansallinen koulutuksen arviointikeskus arvioi osaamista."\n    responsible: [Karvi]\n    partners: []\n    pending: false\n',
            '  - "just text"\n',
        ),
        1,
        ("{path}:64: measure #4: measures: expected a mapping of keys, got text", SUMMARY_1),
    ),
    Case(
        "an agency code declared twice",
        edit(
            "  - code: Karvi\n",
            "  - code: OKM\n    names: {fi: Toinen, sv: Annan, en: Other}\n  - code: Karvi\n",
        ),
        1,
        (
            "{path}:17: agency code 'OKM' is declared twice (first at line 11)",
            SUMMARY_1,
        ),
    ),
    Case(
        "two agencies with the same Swedish name",
        edit(
            KARVI_NAMES,
            KARVI_NAMES.replace(
                "sv: Nationella centret för utbildningsutvärdering", "sv: Utbildningsstyrelsen"
            ),
        ),
        1,
        (
            "{path}:18: agencies 'OPH' and 'Karvi' both answer to --actor 'Utbildningsstyrelsen': "
            "'OPH' as its name 'Utbildningsstyrelsen' (line 15), 'Karvi' as its name "
            "'Utbildningsstyrelsen' (line 18)",
            SUMMARY_1,
        ),
    ),
    Case(
        "two agencies with the same English name",
        edit(
            KARVI_NAMES,
            KARVI_NAMES.replace(
                "en: Finnish Education Evaluation Centre",
                "en: Finnish National Agency for Education",
            ),
        ),
        1,
        (
            "{path}:18: agencies 'OPH' and 'Karvi' both answer to --actor 'Finnish National Agency "
            "for Education': 'OPH' as its name 'Finnish National Agency for Education' (line 15), "
            "'Karvi' as its name 'Finnish National Agency for Education' (line 18)",
            SUMMARY_1,
        ),
    ),
    Case(
        "a measure id given twice",
        edit('  - id: "3.1.1.4"\n', '  - id: "3.1.1.2"\n'),
        1,
        ("{path}:57: measure 3.1.1.2: duplicate id '3.1.1.2' (first at line 50)", SUMMARY_1),
    ),
    Case(
        # The id on the entry's second line: the problem is at the id, not at the entry.
        "a goal under the wrong theme",
        edit('  - id: "3.10.1"\n    theme: "3.10"\n', '  - theme: "3.10"\n    id: "3.1.3"\n'),
        1,
        (
            "{path}:39: id '3.1.3' does not match its theme '3.10' (expected '3.10.<n>')",
            "{path}:77: measure 3.10.1.1: goal '3.10.1' does not exist",
            "{path}: 2 problems; nothing was loaded.",
        ),
    ),
    Case(
        "a goal id that is no dotted number",
        edit('  - id: "3.10.1"\n    theme: "3.10"\n', '  - theme: "3.10"\n    id: "3.10.x"\n'),
        1,
        (
            "{path}:39: id '3.10.x' is not a dotted number such as 3.1.2 (whole numbers from 1, "
            "no leading zeros)",
            "{path}:77: measure 3.10.1.1: goal '3.10.1' does not exist",
            "{path}: 2 problems; nothing was loaded.",
        ),
    ),
    Case(
        # The publisher is named by its code, as responsible agencies are.
        "a publisher named by an abbreviation",
        edit("  publisher: OKM\n", "  publisher: UKM\n"),
        1,
        ("{path}:5: publisher: unknown agency 'UKM' (declared: OKM, OPH, Karvi)", SUMMARY_1),
    ),
    Case(
        "a file one byte over the limit",
        just_over_the_limit,
        1,
        (
            f"{{path}}: is {MAX_BYTES + 1:,} bytes, larger than any data file could be ({LIMIT}); "
            "not read",
            SUMMARY_1,
        ),
    ),
]


@pytest.mark.parametrize("case", CATALOGUE, ids=[c.name for c in CATALOGUE])
def test_damaged_file_gets_its_exact_message(cli: Invoke, tmp_path: Path, case: Case) -> None:
    path = case.build(tmp_path)
    started = time.monotonic()
    result = cli(["validate", str(path)])
    assert time.monotonic() - started < TIME_LIMIT
    assert result.exit_code == case.exit_code, result
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [line.format(path=path) for line in case.stderr]
    if case.exit_code:
        assert result.stdout == ""
    else:
        assert "valid: 2 themes, 3 goals, 6 measures" in result.stdout


def test_catalogue_names_are_unique() -> None:
    assert len({c.name for c in CATALOGUE}) == len(CATALOGUE)


def test_every_command_reports_a_damaged_file_the_same_way(cli: Invoke, tmp_path: Path) -> None:
    path = edit("responsible: [Karvi]", "responsible: [KARVI]")(tmp_path)
    expected = cli(["validate", str(path)]).stderr
    for command in (["measures"], ["who-owns", "3.1"], ["goals"], ["export", "-f", "csv"]):
        result = cli(["--data", str(path), *command])
        assert (result.exit_code, result.stderr, result.stdout) == (1, expected, ""), command


@pytest.mark.parametrize(
    "args", [["--data", "", "goals"], ["validate", ""]], ids=["--data", "validate"]
)
def test_empty_data_path_is_an_error_not_the_bundled_data(cli: Invoke, args: list[str]) -> None:
    # --data "$FILE" or validate "$FILE" with FILE unset must not quietly use the bundled data.
    result = cli(args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "--data: is empty; give the path of a data file, or leave it out",
        "--data: 1 problem; nothing was loaded.",
    ]


def test_unreadable_file_says_permission_denied(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(VALID.encode("utf-8"))(tmp_path)

    real_open = os.open

    def deny(name: object, *args: object, **kwargs: object) -> object:
        if os.fspath(name) == str(path):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    # Tests often run as root, for whom chmod 000 denies nothing: the refusal is simulated.
    monkeypatch.setattr(os, "open", deny)
    result = cli(["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{path}: permission denied", SUMMARY_1.format(path=path)]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="chmod 000 does not stop root (or this system) from reading a file",
)
def test_unreadable_file_for_real(cli: Invoke, tmp_path: Path) -> None:
    path = write(VALID.encode("utf-8"))(tmp_path)
    path.chmod(0)
    try:
        result = cli(["validate", str(path)])
    finally:
        path.chmod(0o644)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{path}: permission denied"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_cut_off_at_the_limit(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A device or a pipe reports no size: the limit holds while reading, too. (A smaller limit
    # for the test: reading the real one from /dev/zero would only cost time and memory.) Given
    # as a data file, a device is refused before it is opened (tests/test_damaged_2.py); as
    # standard input (``diff - bundled < /dev/zero``) it is read, up to the limit.
    monkeypatch.setattr(source, "MAX_BYTES", 2**20)
    started = time.monotonic()
    with open("/dev/zero", "rb") as zeros:
        result = cli(["diff", "-", "bundled"], stdin=zeros)
    assert time.monotonic() - started < TIME_LIMIT
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "-: is over 1 MiB, larger than any data file could be (the limit is 1 MiB); not read"
    )


SUBPROCESS_CASES = [
    c
    for c in CATALOGUE
    if c.name
    in {
        "a date that does not exist",
        "billion laughs (aliases)",
        "a path through a file",
    }
]


@pytest.mark.subprocess
@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=[c.name for c in SUBPROCESS_CASES])
def test_damaged_file_in_a_real_process_shows_no_traceback(tmp_path: Path, case: Case) -> None:
    path = case.build(tmp_path)
    env = {**os.environ, "DIGIVISIO_LANG": "en", "DIGIVISIO_CACHE": "off"}
    proc = subprocess.run(
        [sys.executable, "-m", "digivisio_cli", "validate", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == case.exit_code
    assert proc.stderr.splitlines() == [line.format(path=path) for line in case.stderr]
