"""Finnish and Swedish output holds no English: every command and format, scanned word by word.

The words looked for are those of every English source string (labels, messages, problem
lines) and of the English notes, less the few that are words of Finnish or Swedish too. Machine
formats keep their stable keys and codes (json keys, the csv header, ``true``/``false``,
``"kind": "goal"``), and the English translation a Finnish reader gets as a labelled field
(``translation`` with ``translation_lang: en``); those are not prose and are not scanned.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import FIXTURES, SMALL, Invoke
from digivisio_cli.data.matrix import load
from digivisio_cli.domain import model
from digivisio_cli.i18n import label
from digivisio_cli.strings import LABELS, MESSAGES, Plural

DATA = load(None)
#: The keys of a data file, which problem lines name as the file spells them.
DATA_KEYS = {
    f.name
    for cls in (model.Dataset, model.Document, model.Agency, model.Theme, model.Goal, model.Measure)
    for f in dataclasses.fields(cls)
}
# Words shared with Finnish or Swedish, or names and codes: not evidence of English.
SHARED = {
    "id",
    "text",
    "vision",
    "original",
    "partner",
    "fi",
    "sv",
    "en",
    "in",
    "i",
    "mib",
    "yaml",
    "utf",
    "json",
    "csv",
    "okm",
    "oph",
    "karvi",
    "true",
    "false",
    "null",
    "ncu",
    "ukm",
    "edufi",
    "fineec",
    "he",
    "vp",
    "aoe",
    "e",
    "g",
}


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _finnish_and_swedish_words() -> set[str]:
    """Every word of the data's Finnish and Swedish texts and of the catalogs' translations."""
    texts: list[str] = [DATA.document.vision.fi, DATA.document.vision.sv or ""]
    for item in [*DATA.themes, *DATA.goals]:
        texts += [item.title, item.description]
        tr = item.unofficial_translations.get("sv")
        texts += [tr.title, tr.description or ""] if tr else []
    for m in DATA.measures:
        texts += [m.text, m.translation("sv") or "", *m.other_parties]
        if m.note:
            texts += [m.note.fi or "", m.note.sv or ""]
    # The checkout's catalogs: an installed package carries only the compiled ones.
    for po in (Path(__file__).resolve().parents[1] / "src" / "digivisio_cli" / "locale").glob(
        "*/LC_MESSAGES/*.po"
    ):
        found = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', po.read_text(encoding="utf-8"), re.M)
        texts += [re.sub(r"\{[a-z_]+\}", " ", t) for t in found]  # not the placeholders' names
    return set().union(*(_words(t) for t in texts))


def _english_words() -> set[str]:
    texts: list[str] = []
    for entry in [*LABELS.values(), *MESSAGES.values()]:
        if isinstance(entry, Plural):
            texts += [entry.one, entry.other]
        elif isinstance(entry, str):
            texts.append(entry)
    for m in DATA.measures:
        if m.note:
            texts.append(m.note.en)
    found = set().union(*(_words(re.sub(r"\{[a-z_]+\}", " ", t)) for t in texts))
    return found - SHARED - _words(_allowed_text()) - _finnish_and_swedish_words()


def _allowed_text() -> str:
    """Official names and titles that are English by being the English ones, shown as such."""
    names = [a.names.en for a in DATA.agencies] + [DATA.document.title.en]
    return " ".join(names)


ENGLISH = _english_words()


def _leaks(text: str) -> set[str]:
    # Paths and file names are the user's, not the tool's words.
    text = re.sub(r"\S*/\S*|\S+\.(yaml|csv|xlsx|html)\b", " ", text)
    for name in _allowed_text().split("  "):
        text = text.replace(name, " ")
    for a in DATA.agencies:
        text = text.replace(a.names.en, " ")
    text = text.replace(DATA.document.title.en, " ")
    return _words(text) & ENGLISH


MACHINE_KEYS = {"kind", "change", "translation_lang", "op", "field", "agency", "role"}


def _json_strings(value: Any, lang: str) -> Iterator[str]:
    if isinstance(value, dict):
        # A Finnish reader's json carries the English translation in its own field.
        english = value.get("translation_lang") == "en" or lang == "fi"
        for key, inner in value.items():
            if key in MACHINE_KEYS or (english and key == "translation"):
                continue
            if key in ("old", "new") and isinstance(inner, dict):
                continue  # diff: the data record as it is in the file, in all its languages
            yield from _json_strings(inner, lang)
    elif isinstance(value, list):
        for inner in value:
            yield from _json_strings(inner, lang)
    elif isinstance(value, str):
        yield value


LISTINGS = [
    ["measures"],
    ["measures", "--pending"],
    ["who-owns", "3.3"],
    ["who-owns", "3.1.2.4"],
    ["show", "3.3.2.3"],
    ["show", "3.1.2"],
    ["show", "3.2"],
    ["show", "3.2.3.4"],
    ["goals"],
    ["matrix"],
    ["actors"],
    ["diff", str(SMALL), str(FIXTURES / "small-v2.yaml")],
    ["--as-of", "2026-06-01", "measures", "--actor", "OPH"],
    ["--as-of", "2026-06-01", "show", "3.1.2.4"],
    ["--as-of", "2026-06-01", "who-owns", "3.1.2"],
    ["--as-of", "2026-06-01", "actors"],
    ["--as-of", "2026-06-01", "matrix"],
]
FORMATS = ["table", "plain", "csv", "json", "md"]


def _csv_cells(text: str) -> Iterator[str]:
    """The cells of a csv listing, without its header (stable keys) and machine columns."""
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0] if rows else []
    for row in rows[1:]:
        record = dict(zip(header, row, strict=False))
        for key, value in record.items():
            english = key == "translation" and record.get("translation_lang") == "en"
            if key not in MACHINE_KEYS and not english and value not in ("true", "false"):
                yield value


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a[:4]))
def test_listings_speak_only_the_readers_language(
    cli: Invoke, args: list[str], fmt: str, lang: str
) -> None:
    result = cli(["--lang", lang, *args, "--format", fmt])
    assert result.exit_code in (0, 1), result.stderr
    out = result.stdout
    if fmt == "json":
        out = "\n".join(_json_strings(json.loads(out), lang))
    elif fmt == "csv":
        out = "\n".join(_csv_cells(out))
    assert _leaks(out + "\n" + result.stderr) == set()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_exports_speak_only_the_readers_language(cli: Invoke, tmp_path: Path, lang: str) -> None:
    page = tmp_path / "page.html"
    assert cli(["--lang", lang, "export", "-f", "html", "-o", str(page)]).exit_code == 0
    html = re.sub(r"<[^>]+>|&[a-z]+;", " ", page.read_text(encoding="utf-8"))
    html = re.sub(r"(?s)<style.*?</style>", " ", page.read_text(encoding="utf-8"))
    html = re.sub(r"<[^>]+>|&[a-z]+;", " ", html)
    assert _leaks(html) == set()
    book = tmp_path / "book.xlsx"
    assert cli(["--lang", lang, "export", "-f", "xlsx", "-o", str(book)]).exit_code == 0
    cells = []
    # The sheets' headers are labels in the reader's language (or stable keys, as before).
    tr_keys = {"translation", label("translation", lang)}
    tr_lang_keys = {"translation_lang", label("translation_lang", lang)}
    for sheet in load_workbook(book).worksheets:
        if sheet.sheet_state != "visible":
            continue  # the tracking sheet's snapshot: for `status import`, never shown
        rows = list(sheet.iter_rows(values_only=True))
        header = [str(c) for c in rows[0]] if rows else []
        machine = all(re.fullmatch(r"[A-Za-z_]+", key) for key in header)
        for row in rows[1:] if machine else rows:  # a machine sheet's header: stable keys
            record = dict(zip(header, row, strict=False))
            english = any(record.get(k) == "en" for k in tr_lang_keys)
            for key, value in record.items():
                if key in MACHINE_KEYS or key in tr_lang_keys or (english and key in tr_keys):
                    continue
                if isinstance(value, str) and value not in ("true", "false"):
                    cells.append(value)
    assert _leaks("\n".join(cells)) == set()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_messages_and_problem_lines_speak_only_the_readers_language(
    cli: Invoke, tmp_path: Path, lang: str
) -> None:
    broken = tmp_path / "broken.yaml"
    text = SMALL.read_text(encoding="utf-8")
    broken.write_text(
        text.replace("responsible: [OKM]", "responsible: [KARVI, OKM, OKM]", 1).replace(
            "pending: false", "pending: 1", 1
        )
        + "extra_key: 1\n",
        encoding="utf-8",
    )
    runs = [
        cli(["--lang", lang, "validate"]),
        cli(["--lang", lang, "validate", str(broken)]),
        cli(["--lang", lang, "validate", str(tmp_path / "missing.yaml")]),
        cli(["--lang", lang, "who-owns", "3.2.9"]),
        cli(["--lang", lang, "measures", "--actor", "nobody"]),
        cli(["--lang", lang, "measures", "--search", "zzzz"]),
        cli(["--lang", lang, "export", "-f", "csv", "-o", str(tmp_path / "out.csv")]),
    ]
    assert [r.exit_code for r in runs] == [0, 1, 1, 2, 2, 0, 0]
    # A problem names the file's own keys (responsible:, 'extra_key') as the file spells them.
    text = re.sub(r"'[^']*'", " ", "\n".join(r.stdout + r.stderr for r in runs))
    assert _leaks(text) - DATA_KEYS == set()


def test_the_scan_finds_english_when_there_is_some(cli: Invoke) -> None:
    # The scan itself can fail: English output is full of the words it looks for.
    result = cli(["--lang", "en", "show", "3.3.2.3"])
    assert {"translation", "unofficial", "responsible"} <= _leaks(result.stdout)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_status_log_answers_and_problems_speak_only_the_readers_language(
    cli: Invoke, tmp_path: Path, lang: str
) -> None:
    log = tmp_path / "log.yaml"
    runs = [
        cli(
            [
                "--lang",
                lang,
                "--status",
                str(log),
                "status",
                "set",
                "3.2.2.1",
                "in-progress",
                "--health",
                "at-risk",
                "--date",
                "2026-11-02",
                "--owner",
                "OKM/KTPO",
            ]
        ),
        cli(
            [
                "--lang",
                lang,
                "--status",
                str(log),
                "status",
                "set",
                "3.2.2.1",
                "done",
                "--date",
                "2026-11-20",
            ]
        ),
        cli(["--lang", lang, "--status", str(log), "status", "-f", "plain"]),
        cli(["--lang", lang, "--status", str(log), "status", "log", "-f", "plain"]),
        cli(["--lang", lang, "--status", str(log), "status", "since", "2026-11-10", "-f", "plain"]),
        cli(["--lang", lang, "--status", str(log), "show", "3.2.2.1", "-f", "plain"]),
    ]
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "schema_version: 1\nentries:\n"
        "  - {measure: 3.2.2.9, date: 2026-11-02}\n"
        "  - {measure: 3.2.2.1, date: 2026-11-02, state: donne, health: bad}\n"
        "  - {measure: '3.2', date: 2026-11-02}\n"
        "  - {measure: 9.9.9.9, date: 2999-01-01}\n",
        encoding="utf-8",
    )
    runs.append(cli(["--lang", lang, "--status", str(broken), "status"]))
    assert [r.exit_code for r in runs] == [0, 0, 0, 0, 0, 0, 1]
    assert runs[-1].stderr.count("\n") == 7  # six problems and the summary
    # Problems name the file's own keys (measure:, state:) and codes as the file spells them.
    text = re.sub(r"'[^']*'", " ", "\n".join(r.stdout + r.stderr for r in runs))
    codes = {
        "measure",
        "state",
        "health",
        "date",
        "not",
        "started",
        "in",
        "progress",
        "done",
        "on",
        "hold",
        "dropped",
        "track",
        "at",
        "risk",
        "off",
    }
    assert _leaks(text) - DATA_KEYS - codes == set()
