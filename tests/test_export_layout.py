"""What the exports must hold for spreadsheets, printers and screen readers (issue 13).

These tests read the files themselves (csv, openpyxl, html.parser); the same exports are opened
in the real programs by the ``realclient`` tests.
"""

from __future__ import annotations

import csv
import io
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from conftest import SMALL, Invoke
from digivisio_cli.domain.model import Dataset
from digivisio_cli.render.xlsx import wrapped_lines

#: Text a spreadsheet would read as a number, a date or a time rather than as text.
NUMBER_LIKE = re.compile(r"\s*[0-9][0-9 .,:/-]*\s*")
#: The matrix's count columns, the only CSV fields that are numbers.
COUNT = re.compile(r".*_(responsible|partner)|no_agency|total")


def _raw_fields(line: str, delimiter: str) -> list[str]:
    """The fields of one CSV record exactly as written, quotes included (no newlines inside)."""
    return re.findall(rf'(?:"(?:[^"]|"")*"|[^{delimiter}"]*)(?={delimiter}|$)', line)[::2]


@pytest.mark.parametrize("extra", [[], ["--excel"], ["--what", "matrix"]])
def test_csv_quotes_every_text_field_and_no_count(cli: Invoke, extra: list[str]) -> None:
    result = cli(["--data", str(SMALL), "export", "-f", "csv", *extra])
    assert result.exit_code == 0
    delimiter = ";" if "--excel" in extra else ","
    lines = result.stdout.lstrip("\ufeff").split("\r\n")[:-1]
    header = next(csv.reader([lines[0]], delimiter=delimiter))
    for line in lines:
        fields = _raw_fields(line, delimiter)
        assert len(fields) == len(header), line
        for key, field in zip(header, fields, strict=True):
            if line is lines[0]:
                assert field == key  # the keys are identifiers: no quotes needed
            elif COUNT.fullmatch(key):
                assert field.isdigit(), (key, field)
            else:
                assert field.startswith('"') and field.endswith('"'), (key, field)


@pytest.mark.parametrize("what", ["measures", "matrix"])
def test_excel_csv_has_no_text_a_spreadsheet_would_read_as_a_number(cli: Invoke, what: str) -> None:
    text = cli(["export", "-f", "csv", "--excel", "--what", what]).stdout
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    number_like = [
        (key, value)
        for row in rows
        for key, value in row.items()
        if not COUNT.fullmatch(key) and NUMBER_LIKE.fullmatch(value)
    ]
    assert not number_like, number_like[:5]


@pytest.fixture
def fi_book(cli: Invoke, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "fi.xlsx"
    assert cli(["--lang", "fi", "export", "-f", "xlsx", "-o", str(path)]).exit_code == 0
    return openpyxl.load_workbook(path)


def test_every_sheet_prints_landscape_a4_one_page_wide_with_repeated_header(
    fi_book: openpyxl.Workbook,
) -> None:
    for sheet in fi_book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert int(setup.paperSize) == 9, sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        # Excel's defaults may be left out: fitToWidth 1, and openpyxl reads fitToHeight 0 (as
        # many pages tall as it takes) as None.
        assert int(setup.fitToWidth or 1) == 1 and not setup.fitToHeight, sheet.title
        assert sheet.print_title_rows.replace("$", "") == "1:1", sheet.title
        assert sheet.oddHeader.center.text or sheet.oddHeader.left.text, sheet.title


def _lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes at least in a column ``width`` characters wide."""
    per_line = max(1, int(width * 1.2))  # generous: proportional fonts fit more than width
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def test_every_wrapped_row_has_a_height_that_fits_its_text(fi_book: openpyxl.Workbook) -> None:
    short = []
    for sheet in fi_book.worksheets:
        # A dimension covers the columns min..max (openpyxl keys it by the first one's letter).
        widths = {
            get_column_letter(n): dim.width
            for dim in sheet.column_dimensions.values()
            if dim.width
            for n in range(dim.min, dim.max + 1)
        }
        for row in sheet.iter_rows():
            lines = 1
            for cell in row:
                if isinstance(cell.value, str) and cell.value:
                    width = widths.get(cell.column_letter, 8.43)
                    lines = max(lines, _lines_needed(cell.value, width))
            if lines > 1:
                height = sheet.row_dimensions[row[0].row].height
                if height is None or height < lines * 11:
                    short.append((sheet.title, row[0].row, lines, height))
    assert not short, short[:10]


def test_workbook_headers_and_yes_no_are_in_the_chosen_language(
    fi_book: openpyxl.Workbook,
) -> None:
    for sheet in fi_book.worksheets:
        header = [c.value for c in sheet[1]]
        assert not {"goal_title", "pending", "translation_lang", "id"} & set(header), sheet.title
        cells = {c for row in sheet.iter_rows(min_row=2, values_only=True) for c in row}
        assert not {"true", "false"} & cells, sheet.title
    measures = [c.value for c in fi_book.worksheets[0][1]]
    assert "Tavoitteen otsikko" in measures and "Täsmentyy" in measures
    pending = {
        row[measures.index("Täsmentyy")]
        for row in fi_book.worksheets[0].iter_rows(min_row=2, values_only=True)
    }
    assert pending == {"kyllä", "ei"}


def test_formula_like_text_is_stored_as_written_with_a_quote_prefix(
    cli: Invoke, tmp_path: Path
) -> None:
    data = tmp_path / "evil.yaml"
    data.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            '"Kehitetään tilastopalveluita."', '"=HYPERLINK(\\"http://x\\",\\"click\\")"'
        ),
        encoding="utf-8",
    )
    book = tmp_path / "evil.xlsx"
    assert cli(["--data", str(data), "export", "-f", "xlsx", "-o", str(book)]).exit_code == 0
    cells = [
        cell
        for sheet in openpyxl.load_workbook(book).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert cells
    for cell in cells:
        assert cell.value == '=HYPERLINK("http://x","click")'
        assert cell.data_type == "s"  # a string, never a formula
        assert cell.quotePrefix


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "xlsx", "html"])
def test_what_matrix_is_honoured_or_refused_by_every_format(
    cli: Invoke, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"matrix.{fmt}"
    result = cli(["export", "-f", fmt, "--what", "matrix", "-o", str(out)])
    if result.exit_code == 2:
        assert result.stderr.strip() and not out.exists()
        return
    assert result.exit_code == 0
    if fmt == "xlsx":
        book = openpyxl.load_workbook(out)
        text = " ".join(
            str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r
        )
    else:
        text = out.read_text(encoding="utf-8")
    assert "3.2.2" in text  # a goal of the matrix
    assert "3.2.2.1" not in text  # but no measure


class _LangTree(HTMLParser):
    """The page's text as (language, text) runs, and the tags that matter to a reader."""

    VOID: ClassVar[set[str]] = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.runs: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.empty_th = 0
        self._th_text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        self.tags.append((tag, attr))
        if tag in self.VOID:
            if tag == "br":
                self._text("\n")
            return
        lang = attr.get("lang") or (self.stack[-1][1] if self.stack else "")
        self.stack.append((tag, lang or ""))
        if tag == "th":
            self._th_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._th_text is not None:
            self.empty_th += not "".join(self._th_text).strip()
            self._th_text = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, data: str) -> None:
        if self._th_text is not None:
            self._th_text.append(data)
        if not self.stack or self.stack[-1][0] in ("style", "title", "head"):
            return
        lang = self.stack[-1][1]
        if self.runs and self.runs[-1][0] == lang:
            self.runs[-1] = (lang, self.runs[-1][1] + data)
        else:
            self.runs.append((lang, data))


def _page(cli: Invoke, tmp_path: Path, lang: str, *extra: str) -> _LangTree:
    out = tmp_path / f"{lang}.html"
    assert cli(["--lang", lang, "export", "-f", "html", *extra, "-o", str(out)]).exit_code == 0
    tree = _LangTree()
    tree.feed(out.read_text(encoding="utf-8"))
    return tree


def _known_texts(bundled: Dataset) -> list[tuple[str, str]]:
    """(language, text) of every long text of the data whose language is certain."""
    doc = bundled.document
    texts = [("fi", doc.title.fi), ("en", doc.title.en), ("sv", doc.title.sv)]
    note = doc.translation_note  # digivisio's own note: English, with fi and sv versions
    texts += [("en", note.en), ("fi", doc.vision.fi)]
    texts += [(lang, text) for lang, text in (("fi", note.fi), ("sv", note.sv)) if text]
    texts += [
        (lang, doc.vision.get(lang))
        for lang in ("sv", "en")
        if doc.vision.get(lang) != doc.vision.fi
    ]  # type: ignore[arg-type]
    for m in bundled.measures:
        texts.append(("fi", m.text))
        for lang in ("en", "sv"):
            tr = m.translation(lang)
            if tr:
                texts.append((lang, tr))
    for g in bundled.goals:
        texts.append(("fi", g.title))
        for lang in ("en", "sv"):
            title = g.title_in(lang)
            if title != g.title:
                texts.append((lang, title))
    return [(lang, t) for lang, t in texts if len(t) >= 12]


@pytest.mark.parametrize(
    ("lang", "extra"), [("fi", []), ("sv", []), ("en", []), ("en", ["--original"])]
)
def test_every_passage_is_marked_with_its_language(
    cli: Invoke, tmp_path: Path, bundled: Dataset, lang: str, extra: list[str]
) -> None:
    tree = _page(cli, tmp_path, lang, *extra)
    wrong = []
    for text_lang, text in _known_texts(bundled):
        for run_lang, run in tree.runs:
            if text in run and run_lang.split("-")[0] != text_lang:
                wrong.append((text_lang, run_lang, text[:50]))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_page_has_one_main_and_no_empty_header_cell(cli: Invoke, tmp_path: Path, lang: str) -> None:
    tree = _page(cli, tmp_path, lang)
    assert [t for t, _ in tree.tags].count("main") == 1
    assert tree.empty_th == 0


def test_page_keeps_the_line_breaks_of_a_text(cli: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "lines.yaml"
    data.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            '"Kehitetään tilastopalveluita."', '"Ensimmäinen rivi.\\nToinen rivi."'
        ),
        encoding="utf-8",
    )
    out = tmp_path / "lines.html"
    assert cli(["--data", str(data), "export", "-f", "html", "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    # A line break survives as <br>, or as the newline itself where the cell's style keeps it.
    assert "Ensimmäinen rivi.<br>Toinen rivi." in html or (
        "Ensimmäinen rivi.\nToinen rivi." in html
        and re.search(r"white-space:\s*pre-(line|wrap)", html)
    )


def test_suspended_hyphens_are_kept_with_their_word(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "fi.html"
    assert cli(["--lang", "fi", "export", "-f", "html", "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    body = html.split("<body", 1)[1]
    assert "ja -ympäristöjen" not in body.replace("<", "\0<")  # never plain text with a break
    assert (
        re.search(r"ja <span[^>]*>-ympäristöjen</span>", body) or "ja -\u2060ympäristöjen" in body
    )


@pytest.mark.parametrize(
    ("text", "capacity", "lines"),
    [
        ("", 10, 1),
        ("short", 10, 1),
        ("aaaa bbbb cccc", 9, 2),  # "aaaa bbbb" fits 9 exactly, "cccc" wraps
        ("aaaa bbbb cccc", 8, 3),
        ("one\ntwo", 40, 2),  # a line break is a line of its own
        ("x" * 25, 10, 3),  # a word longer than a line takes the lines it needs
        ("ab " + "x" * 25 + " cd", 10, 4),  # "ab", 10 + 10 x, then "xxxxx cd"
    ],
)
def test_wrapped_lines_counts_lines_as_a_spreadsheet_wraps_words(
    text: str, capacity: int, lines: int
) -> None:
    assert wrapped_lines(text, capacity) == lines
