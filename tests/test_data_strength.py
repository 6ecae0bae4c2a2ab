"""Data-layer behaviours that mutation testing found unpinned (issue 12), tested in-process.

Messages for failures that the YAML library rarely produces are checked on stand-ins for its
exceptions and nodes: the wording must hold whichever parser (C or Python) is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from digivisio_cli.data.yaml_strict import Entries, _unreadable, _yaml_message, parse_yaml
from digivisio_cli.errors import DataFileError


@dataclass
class _Node:
    tag: str
    value: str


@dataclass
class _MarkedError:
    problem: str | None = None
    context: str | None = None
    problem_mark: object = None
    context_mark: object = None


def test_a_value_that_cannot_be_read_is_quoted_with_the_reason() -> None:
    node = _Node("tag:yaml.org,2002:str", "x" * 70)
    assert _unreadable(node, ValueError("odd")) == (
        "p_unreadable",
        {"value": f"'{'x' * 64}…'", "detail": "odd"},
    )


def test_a_number_too_large_names_its_length() -> None:
    node = _Node("tag:yaml.org,2002:int", "9" * 70)
    assert _unreadable(node, ValueError("big")) == (
        "p_number_too_large",
        {"value": f"'{'9' * 64}…'", "length": 70},
    )


def test_only_digits_make_a_number_too_large_and_a_word_tagged_as_a_number_is_unreadable() -> None:
    for value in ("+" + "9" * 70, "-1_000" + "0" * 70):
        assert _unreadable(_Node("tag:yaml.org,2002:int", value), ValueError("big"))[0] == (
            "p_number_too_large"
        )
    for tag, value in (("int", "one"), ("int", "9x"), ("float", "9" * 70)):
        key, params = _unreadable(_Node(f"tag:yaml.org,2002:{tag}", value), ValueError("no"))
        assert (key, params["detail"]) == ("p_unreadable", "no"), (tag, value)


@dataclass
class _Mark:
    line: int
    column: int


def test_a_tab_inside_a_line_is_reported_as_a_tab_by_the_python_parser() -> None:
    # Pure-Python PyYAML refuses "a: b<TAB>c" with a tab outside the indentation.
    error = _MarkedError(
        problem="found character '\\t' that cannot start any token", problem_mark=_Mark(0, 4)
    )
    assert _yaml_message(error, "a: b\tc\n") == ("p_tab", {})


def test_a_yaml_error_without_a_description_is_still_said() -> None:
    assert _yaml_message(_MarkedError(), "") == ("p_yaml", {"detail": "not valid YAML"})
    assert _yaml_message(_MarkedError(context="while x"), "") == ("p_yaml", {"detail": "while x"})


def _parser_raising(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    import yaml

    def fail(self: object) -> None:
        raise error

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    monkeypatch.setattr(base, "get_single_data", fail)


def test_a_yaml_error_of_no_known_kind_is_a_problem_of_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import yaml

    _parser_raising(monkeypatch, yaml.YAMLError("the parser gave up"))
    with pytest.raises(DataFileError) as caught:
        parse_yaml("a: 1\n", "f.yaml", Entries("measures", "id"))
    assert caught.value.path == "f.yaml"
    assert [(p.file, p.line, p.key, p.message) for p in caught.value.problems] == [
        ("f.yaml", None, "p_yaml", "not valid YAML: the parser gave up")
    ]


def test_a_yaml_error_without_a_place_has_no_line_and_keeps_the_problems_found_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import yaml

    from digivisio_cli.data.problems import problem

    def fail(self: Any) -> None:
        self.lines.problems.append(problem("f.yaml", 3, "p_key_not_plain"))
        raise yaml.MarkedYAMLError(problem="something odd")

    monkeypatch.setattr(getattr(yaml, "CSafeLoader", yaml.SafeLoader), "get_single_data", fail)
    text = "measures:\n  - id: 3.1.1.1\n    ? [a]\n    : 1\n"
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text, "f.yaml", Entries("measures", "id"))
    assert [(p.line, p.measure, p.message) for p in caught.value.problems] == [
        (3, "3.1.1.1", "a mapping key must be a plain value"),
        (None, None, "not valid YAML: something odd"),
    ]


def test_standard_input_closed_under_python_is_said_plainly() -> None:
    import io

    import pytest

    from digivisio_cli.data.source import read_standard_input
    from digivisio_cli.errors import DataFileError

    closed = io.BytesIO(b"schema_version: 1\n")
    closed.close()
    for stream in (None, closed):
        with pytest.raises(DataFileError) as caught:
            read_standard_input(stream, "-")
        assert [str(p) for p in caught.value.problems] == [
            "-: standard input is closed; nothing to read"
        ]
        assert caught.value.path == "-"
    assert read_standard_input(io.BytesIO(b"abc"), "-") == b"abc"


def test_the_cache_lives_in_the_home_folder_when_it_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from digivisio_cli.data.cache import cache_dir

    if sys.platform in ("win32", "darwin"):
        pytest.skip("the XDG layout is Linux's")
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("DIGIVISIO_CACHE", "DIGIVISIO_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    assert cache_dir() == tmp_path / ".cache" / "digivisio"
    monkeypatch.setenv("HOME", str(tmp_path / "gone"))
    assert cache_dir() is None
    monkeypatch.setenv("HOME", "relative/home")
    assert cache_dir() is None


def test_a_document_kind_made_at_run_time_loads_through_the_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The kinds of the package are made at import; a fresh one shows that the store uses the
    # kind's own name, model and parser.
    from conftest import SMALL
    from digivisio_cli.data.matrix import parse
    from digivisio_cli.data.store import DocumentKind, load
    from digivisio_cli.domain.model import Dataset

    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", str(tmp_path / "cache"))
    kind = DocumentKind("measures-test", Dataset, lambda content, name: parse(content, name))
    assert (kind.name, kind.model) == ("measures-test", Dataset)
    first = load(kind, SMALL)
    assert isinstance(first, Dataset) and len(first.measures) == 6
    assert load(kind, SMALL) == first  # the second time from the cache, by the kind's name


# --- how a Pydantic error becomes a message (data.schema) ------------------------------------


def _err(loc: tuple[object, ...], kind: str, msg: str = "some detail") -> dict[str, object]:
    return {"loc": loc, "type": kind, "msg": msg}


RAW = {"measures": [{"id": "3.1.1.1", "partners": "OPH", "stamp": {1, 2}}], "extra": 1}


@pytest.mark.parametrize(
    ("err", "expected"),
    [
        # Pydantic's models word an unknown key either way; both are the same mistake.
        (
            _err(("measures", 0, "colour"), "extra_forbidden"),
            ("p_unknown_key", {"key": "'colour'"}),
        ),
        (_err(("extra",), "unexpected_keyword_argument"), ("p_unknown_key", {"key": "'extra'"})),
        # A list, whether the model keeps it as a tuple or as a list.
        (
            _err(("measures", 0, "partners"), "list_type"),
            ("p_expected_list", {"field": "partners", "got": "type_text"}),
        ),
        (
            _err(("measures", 0, "partners"), "tuple_type"),
            ("p_expected_list", {"field": "partners", "got": "type_text"}),
        ),
        # A value of a type YAML has no word for is named by Python's name for it.
        (
            _err(("measures", 0, "stamp"), "bool_parsing"),
            ("p_expected_bool", {"field": "stamp", "got": "set"}),
        ),
        # Anything else: Pydantic's own words, at the field; at the top, the file itself.
        (
            _err(("measures", 0, "id"), "value_error", "odd"),
            ("p_schema", {"field": "id", "detail": "odd"}),
        ),
        (
            (_err((), "model_type", "not a mapping")),
            ("p_schema", {"field": "file", "detail": "not a mapping"}),
        ),
    ],
)
def test_each_kind_of_schema_error_gets_its_message(
    err: dict[str, object], expected: tuple[str, dict[str, object]]
) -> None:
    from digivisio_cli.data.schema import _schema_message

    key, params = _schema_message(err, RAW)
    assert (key, {k: str(v) for k, v in params.items()}) == expected


# --- reading files and the collector (data.source, data.rules, data.store) ---------------------


def test_a_hidden_character_is_found_and_plain_text_has_none() -> None:
    from digivisio_cli.data.rules import hidden_character

    assert hidden_character("näkymätön\u200bväli") == "\u200b"
    assert hidden_character("tavallinen teksti") is None


def test_the_bundled_data_is_the_packaged_file_or_else_the_checkouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digivisio_cli.data import source

    module = tmp_path / "checkout" / "src" / "digivisio_cli" / "data" / "source.py"
    module.parent.mkdir(parents=True)
    monkeypatch.setattr(source, "__file__", str(module))
    # Run from a checkout: the data file beside src/.
    assert source.bundled_data_path() == tmp_path / "checkout" / "data" / "measures.yaml"
    # Installed: the copy inside the package wins.
    (module.parent / "measures.yaml").write_text("x", encoding="utf-8")
    assert source.bundled_data_path() == module.parent / "measures.yaml"


def test_a_stream_is_read_up_to_the_limit_and_refused_one_byte_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from digivisio_cli.data import source
    from digivisio_cli.errors import DataFileError

    monkeypatch.setattr(source, "MAX_BYTES", 10)
    assert source.read_stream(io.BytesIO(b"x" * 10), "-") == b"x" * 10
    with pytest.raises(DataFileError) as caught:
        source.read_stream(io.BytesIO(b"x" * 11), "-")
    assert [p.key for p in caught.value.problems] == ["p_too_large_over"]


def test_the_collector_is_frozen_for_a_command_and_thawed_after_unless_the_program_froze_it() -> (
    None
):
    import gc

    from digivisio_cli.data import store

    gc.unfreeze()
    store.keep_out_of_collector()
    assert gc.get_freeze_count() > 0
    store.release()
    assert gc.get_freeze_count() == 0
    gc.freeze()  # frozen by somebody else: left as it was
    try:
        store.keep_out_of_collector()
        store.release()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_name_the_system_cannot_look_up_is_refused_by_name() -> None:
    from digivisio_cli.data.source import read_bytes
    from digivisio_cli.errors import DataFileError

    with pytest.raises(DataFileError) as caught:
        read_bytes(Path("bad\0name.yaml"))
    assert caught.value.path == "bad\0name.yaml"
    assert [(p.file, p.key) for p in caught.value.problems] == [("bad\0name.yaml", "p_bad_name")]


def test_the_size_limit_is_said_in_bytes_just_over_and_in_mib_from_twice_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digivisio_cli.data import source
    from digivisio_cli.errors import DataFileError

    monkeypatch.setattr(source, "MAX_BYTES", 10)
    said = {}
    for size in (10, 11, 19, 20, 30):
        path = tmp_path / f"{size}.yaml"
        path.write_bytes(b"x" * size)
        try:
            said[size] = len(source.read_bytes(path))
        except DataFileError as exc:
            said[size] = exc.problems[0].key
    assert said == {
        10: 10,
        11: "p_too_large_bytes",
        19: "p_too_large_bytes",
        20: "p_too_large_mib",
        30: "p_too_large_mib",
    }


def test_a_file_swapped_for_a_fifo_after_the_look_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    from digivisio_cli.data import source
    from digivisio_cli.errors import DataFileError

    path = tmp_path / "data.yaml"
    path.write_bytes(b"schema_version: 1\n")
    fifo = os.stat_result((stat.S_IFIFO | 0o644, 0, 0, 1, 0, 0, 0, 0, 0, 0))
    monkeypatch.setattr(source.os, "fstat", lambda fd: fifo)
    with pytest.raises(DataFileError) as caught:
        source.read_bytes(path)
    assert [(p.file, p.key) for p in caught.value.problems] == [(str(path), "p_fifo")]


def test_an_os_error_without_a_description_is_said_in_its_own_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from digivisio_cli.data import source
    from digivisio_cli.errors import DataFileError

    def odd(*_: object) -> None:
        raise OSError("the disk went away")

    monkeypatch.setattr(source.os, "stat", odd)
    with pytest.raises(DataFileError) as caught:
        source.read_bytes(Path("x.yaml"))
    (p,) = caught.value.problems
    assert (p.key, dict(p.params)["reason"]) == ("p_os_error", "the disk went away")


def test_a_path_comes_from_the_option_then_the_variable_then_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from digivisio_cli.data.source import resolve_path

    default = Path("default.yaml")
    monkeypatch.setenv("DIGIVISIO_TEST_PATH", "from-env.yaml")
    assert resolve_path("given.yaml", "--x", "DIGIVISIO_TEST_PATH", lambda: default) == Path(
        "given.yaml"
    )
    assert resolve_path(None, "--x", "DIGIVISIO_TEST_PATH", lambda: default) == Path(
        "from-env.yaml"
    )
    monkeypatch.delenv("DIGIVISIO_TEST_PATH")
    assert resolve_path(None, "--x", "DIGIVISIO_TEST_PATH", lambda: default) == default


def test_the_store_keeps_kinds_apart_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digivisio_cli.data.store import DocumentKind, load

    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "same.yaml"
    path.write_bytes(b"the same bytes")
    one = DocumentKind("one", str, lambda content, name: "read as one")
    two = DocumentKind("two", str, lambda content, name: "read as two")
    assert load(one, path) == "read as one"
    assert load(two, path) == "read as two"
    assert load(one, path) == "read as one"


def test_bytes_parsed_without_a_name_are_called_data_in_messages() -> None:
    from digivisio_cli.data.matrix import parse

    with pytest.raises(DataFileError) as caught:
        parse(b"schema_version: 1\n")
    assert caught.value.path == "<data>"
    assert {p.file for p in caught.value.problems} == {"<data>"}


def test_a_file_that_grew_past_the_limit_after_the_look_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from digivisio_cli.data import source

    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 20)
    real_stat = os.stat

    def looked_at_when_empty(p: object, *args: Any, **kwargs: Any) -> os.stat_result:
        st = real_stat(p, *args, **kwargs)  # type: ignore[arg-type]
        return os.stat_result((st.st_mode, *st[1:6], 0, *st[7:]))

    monkeypatch.setattr(source, "MAX_BYTES", 10)
    monkeypatch.setattr(source.os, "stat", looked_at_when_empty)
    with pytest.raises(DataFileError) as caught:
        source.read_bytes(path)
    assert caught.value.path == str(path)
    assert [(p.file, p.key) for p in caught.value.problems] == [(str(path), "p_too_large_over")]


def test_the_code_fingerprint_survives_a_package_folder_that_cannot_be_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from digivisio_cli.data import cache

    def refuse(self: Path, pattern: str) -> list[Path]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "glob", refuse)
    fingerprint = cache._code_fingerprint()
    assert fingerprint.startswith("yaml=") and ",pydantic=" in fingerprint


def test_the_pure_python_reader_reads_a_file_and_refuses_a_control_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # PyYAML without libyaml has no CSafeLoader; its own reader checks the characters as the
    # loader is made, which must happen where the problem is caught.
    import yaml

    from conftest import SMALL

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    entries = Entries("measures", "id")
    text = SMALL.read_text(encoding="utf-8")
    raw, _ = parse_yaml(text, "f.yaml", entries)
    assert raw["schema_version"] == 1 and len(raw["measures"]) == 6
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text.replace("Passive sentence.", "Passive\x07 sentence."), "f.yaml", entries)
    assert [(p.line, p.measure, p.key) for p in caught.value.problems] == [
        (63, "3.1.1.4", "p_control_char")
    ]
