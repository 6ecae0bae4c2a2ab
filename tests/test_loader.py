"""Each validation rule, pinned down with a small damaged copy of a valid file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SMALL
from digivisio_cli.data.matrix import load, parse
from digivisio_cli.errors import DataFileError

VALID = SMALL.read_text(encoding="utf-8")


def damaged(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    assert old in VALID, old
    path = tmp_path / "damaged.yaml"
    path.write_text(VALID.replace(old, new, count), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DataFileError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def line_of(path: Path, needle: str) -> int:
    """The line of the last occurrence of ``needle``."""
    return max(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_small_fixture_is_valid(small: object) -> None:
    assert small is not None


def test_duplicate_key_is_rejected_with_line_and_measure(tmp_path: Path) -> None:
    path = damaged(
        tmp_path, "    responsible: [Karvi]\n", "    responsible: [Karvi]\n    responsible: [OKM]\n"
    )
    (msg,) = problems(path)
    assert msg.startswith(
        f"{path}:{line_of(path, 'responsible: [OKM]')}: measure 3.1.2.1: duplicate key 'responsible'"
    )


def test_unknown_agency_names_the_declared_ones(tmp_path: Path) -> None:
    path = damaged(tmp_path, "responsible: [Karvi]", "responsible: [KARVI]")
    (msg,) = problems(path)
    assert (
        f":{line_of(path, '[KARVI]')}: measure 3.1.2.1: responsible: unknown agency 'KARVI'" in msg
    )
    assert "declared: OKM, OPH, Karvi" in msg


def test_missing_field_is_named(tmp_path: Path) -> None:
    path = damaged(tmp_path, '    text: "Kehitetään tilastopalveluita."\n', "")
    (msg,) = problems(path)
    assert "measure 3.1.1.4: missing required key 'text'" in msg


def test_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    path = damaged(tmp_path, "responsible: [Karvi]", "responsible: Karvi")
    (msg,) = problems(path)
    assert "measure 3.1.2.1: responsible: expected a list such as [OKM], got text" in msg


def test_unquoted_numeric_id_suggests_quotes(tmp_path: Path) -> None:
    path = damaged(tmp_path, '- id: "3.1"', "- id: 3.1")
    found = problems(path)
    assert (
        f'{path}:{line_of(path, "- id: 3.1")}: id: expected text, got a number (put it in quotes, e.g. "3.1")'
        in found
    )


def test_pending_must_be_a_boolean(tmp_path: Path) -> None:
    path = damaged(tmp_path, "pending: true", 'pending: "yes"')
    assert any("pending: expected true or false" in m for m in problems(path))


def test_unknown_key_is_rejected(tmp_path: Path) -> None:
    path = damaged(tmp_path, '    note: "Passive sentence."', '    notes: "Passive sentence."')
    (msg,) = problems(path)
    assert "measure 3.1.1.4: unknown key 'notes'" in msg


def test_duplicate_measure_id(tmp_path: Path) -> None:
    path = damaged(tmp_path, 'id: "3.1.1.2"', 'id: "3.1.1.1"')
    assert any("duplicate id '3.1.1.1'" in m for m in problems(path))


def test_id_must_match_its_goal(tmp_path: Path) -> None:
    path = damaged(tmp_path, 'id: "3.1.2.1"', 'id: "3.1.1.9"')
    (msg,) = problems(path)
    assert "id '3.1.1.9' does not match its goal '3.1.2'" in msg


def test_gaps_in_measure_numbers_are_allowed(small: object) -> None:
    # 3.1.1.3 is missing from the fixture on purpose.
    assert small is not None


def test_goal_must_exist(tmp_path: Path) -> None:
    path = damaged(
        tmp_path,
        '    goal: "3.1.2"\n    text: "Kansallinen',
        '    goal: "3.1.9"\n    text: "Kansallinen',
    )
    assert any("goal '3.1.9' does not exist" in m for m in problems(path))


def test_blank_text_is_rejected(tmp_path: Path) -> None:
    path = damaged(tmp_path, '"Kehitetään tilastopalveluita."', '"   "')
    assert any("text: must not be blank" in m for m in problems(path))


def test_empty_text_is_rejected(tmp_path: Path) -> None:
    path = damaged(tmp_path, '"Kehitetään tilastopalveluita."', '""')
    assert any("text: must not be empty" in m for m in problems(path))


def test_agency_both_responsible_and_partner_is_rejected(tmp_path: Path) -> None:
    path = damaged(
        tmp_path,
        "responsible: [OKM]\n    partners: [OPH]",
        "responsible: [OKM]\n    partners: [OKM]",
    )
    assert any("agency 'OKM' is already listed in responsible" in m for m in problems(path))


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        VALID.replace("responsible: [Karvi]", "responsible: [KARVI]")
        .replace('id: "3.1.1.2"', 'id: "3.1.1.1"')
        .replace("pending: true", "pending: 3", 1)
    )
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    assert len(problems(path)) == 3


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = damaged(tmp_path, "measures:\n", "measures:\n  - id: [unclosed\n")
    (msg,) = problems(path)
    assert msg.startswith(f"{path}:") and "not valid YAML" in msg


def test_tabs_in_indentation_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "tabs.yaml"
    path.write_text("schema_version: 1\ndocument:\n\ttitle: x\n", encoding="utf-8")
    (msg,) = problems(path)
    assert f"{path}:3:" in msg and "tab" in msg


def test_aliases_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("a: &x [1, 2]\nb: *x\n", encoding="utf-8")
    (msg,) = problems(path)
    assert "aliases" in msg


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text("a: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    (msg,) = problems(path)
    assert "is not allowed in a data file" in msg


def test_utf8_bom_is_accepted() -> None:
    dataset = parse(b"\xef\xbb\xbf" + VALID.encode("utf-8"), "bom.yaml")
    assert len(dataset.measures) == 6


def test_missing_file(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]


def test_folder_is_not_a_data_file(tmp_path: Path) -> None:
    assert problems(tmp_path) == [f"{tmp_path}: is a folder, not a data file"]
