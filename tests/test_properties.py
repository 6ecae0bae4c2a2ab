"""Property tests: whatever people type or save, the answer is data or a clean error, never a traceback."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL, invoke_cli
from digivisio_cli.app.report import error_lines
from digivisio_cli.data.matrix import parse
from digivisio_cli.domain.model import Dataset
from digivisio_cli.errors import MAX_SHOWN, DataFileError

TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ident=st.one_of(TEXT, st.from_regex(r"\A[0-9０-９. ]{0,12}\Z")))
def test_any_id_gets_an_answer_or_a_usage_error(ident: str) -> None:
    result = invoke_cli(["--data", str(SMALL), "who-owns", "--", ident])
    assert result.exit_code in (0, 2), result
    assert "Traceback" not in result.stderr


@SETTINGS
@given(name=TEXT)
def test_any_agency_name_gets_an_answer_or_a_usage_error(name: str) -> None:
    result = invoke_cli(["--data", str(SMALL), "measures", "-f", "json", "--actor", name])
    assert result.exit_code in (0, 2), result
    assert "Traceback" not in result.stderr


@SETTINGS
@given(needle=TEXT)
def test_any_search_text_is_an_answer(needle: str) -> None:
    result = invoke_cli(["--data", str(SMALL), "measures", "-f", "json", "--search", needle])
    # Issue 12: a blank search is a mistake ("$UNSET"), not "everything": a usage error.
    assert result.exit_code == (0 if needle.strip() else 2), result


# --- generated data files ---------------------------------------------------------------------

VALID_LINES = SMALL.read_text(encoding="utf-8").splitlines(keepends=True)

#: Replacement values as people mistype them: other types, odd scalars, YAML syntax, hostility.
ODD_VALUES = st.sampled_from(
    [
        "",
        "~",
        "null",
        "yes",
        "no",
        "1",
        "-1",
        "3.1",
        "1e999",
        "2023-02-30",
        "9" * 40,
        "[]",
        "{}",
        "[OKM",
        "{a: 1",
        '"unclosed',
        "'",
        "&anchor x",
        "*alias",
        "!!python/object/apply:os.system [true]",
        "!!set {OKM}",
        "!!binary aGk=",
        "!custom x",
        "@x",
        "`x",
        "%x",
        "|",
        ">",
        "- a",
        "? a",
        "<<: {a: 1}",
        "\t",
        "\x07",
        "\u202e",
        "\ufeff",
        "KARVI",
        "[OKM, OKM]",
        "[Karvi, KARVI, okm]",
    ]
)


@st.composite
def damaged_documents(draw: st.DrawFn) -> bytes:
    """The small fixture after a few edits a hurried hand or a broken copy could make."""
    lines = list(VALID_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "duplicate", "value", "key", "text", "indent"]))
        line = lines[i]
        if kind == "drop":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "value" and ":" in line:
            head = line.split(":", 1)[0]
            lines[i] = f"{head}: {draw(ODD_VALUES)}\n"
        elif kind == "key" and ":" in line:
            indent = line[: len(line) - len(line.lstrip(" -"))]
            key = draw(st.sampled_from(["id", "goal", "text", "pendin", "yes", "1", "<<", "?"]))
            lines[i] = f"{indent}{key}:{line.split(':', 1)[1]}"
        elif kind == "text":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(TEXT) + line[at:]
        elif kind == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", ""])) + line.lstrip(" ")
        if not lines:
            break
    content = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(content)))
        content = content[:cut] if draw(st.booleans()) else content
    return content


def assert_answer_or_clean_error(content: bytes, name: str = "gen.yaml") -> None:
    """parse() returns a Dataset or raises DataFileError whose every problem is located."""
    # YAML also breaks lines at NEL and the Unicode line and paragraph separators.
    line_count = (
        len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", content.decode("utf-8", "replace"))) + 2
    )
    try:
        dataset = parse(content, name)
    except DataFileError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == name
            assert problem.message.strip()
            assert problem.line is None or 1 <= problem.line <= line_count
            shown = str(problem)
            assert shown.startswith(name) and "\n" not in shown and "\x1b" not in shown
        rendered = error_lines(exc)
        assert len(rendered) <= MAX_SHOWN + 2
    else:
        assert isinstance(dataset, Dataset)


DATA_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@DATA_SETTINGS
@given(content=damaged_documents())
def test_damaged_document_is_loaded_or_cleanly_refused(content: bytes) -> None:
    assert_answer_or_clean_error(content)


@DATA_SETTINGS
@given(content=st.binary(max_size=400))
def test_random_bytes_are_cleanly_refused(content: bytes) -> None:
    assert_answer_or_clean_error(content)


@DATA_SETTINGS
@given(content=st.text(max_size=300))
def test_random_text_is_cleanly_refused(content: str) -> None:
    assert_answer_or_clean_error(content.encode("utf-8", "surrogatepass"))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=damaged_documents())
def test_damaged_document_through_the_cli_is_an_answer_or_exit_1(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.yaml"
        path.write_bytes(content)
        result = invoke_cli(["--data", str(path), "measures", "-f", "json"])
    assert result.exit_code in (0, 1), result
    assert "Traceback" not in result.stderr
    if result.exit_code == 1:
        assert result.stdout == ""
        assert result.stderr.splitlines()[-1].endswith("nothing was loaded.")
