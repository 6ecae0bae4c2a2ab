"""``digivisio schema``: a draft 2020-12 JSON Schema that agrees with the loader on structure."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, Invoke
from digivisio_cli.data.source import bundled_data_path


def _as_an_editor_reads_it(text: str) -> Any:
    """The YAML as a YAML 1.2 editor sees it: an unquoted date is text, not a date object."""

    def plain(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: plain(v) for k, v in node.items()}
        if isinstance(node, list):
            return [plain(v) for v in node]
        return node.isoformat() if isinstance(node, dt.date) else node

    return plain(yaml.safe_load(text))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator built from what ``digivisio schema`` prints."""
    from conftest import invoke_cli

    result = invoke_cli(["schema"])
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_schema_is_draft_2020_12_and_accepts_the_bundled_data(
    validator: jsonschema.Draft202012Validator,
) -> None:
    assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    data = _as_an_editor_reads_it(bundled_data_path().read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []


#: Structural damage to one measure (3.1.2.4, Karvi's): what the loader refuses, by schema alone.
DAMAGES = {
    "a wrong type: an agency, not a list": ("responsible: [Karvi]", "responsible: Karvi"),
    "a wrong type: a flag as text": ("pending: false", 'pending: "no"'),
    "an unknown key": ("pending: false", "pending: false\n    colour: red"),
    "a missing field": ("pending: false\n", "\n"),
    # The old text is left behind as a comment, so that the line stays valid YAML.
    "an empty text": ('text: "Kansallinen', 'text: ""  # "Kansallinen'),
}


def _damaged(how: tuple[str, str]) -> str:
    text = bundled_data_path().read_text(encoding="utf-8")
    start = text.index('- id: "3.1.2.4"')
    end = text.index("- id:", start + 1)
    old, new = how
    entry = text[start:end]
    assert old in entry, old
    return text[:start] + entry.replace(old, new, 1) + text[end:]


@pytest.mark.parametrize("case", sorted(DAMAGES))
def test_the_schema_rejects_what_the_loader_rejects(
    case: str, validator: jsonschema.Draft202012Validator, cli: Invoke, tmp_path: Path
) -> None:
    text = _damaged(DAMAGES[case])
    errors = list(validator.iter_errors(_as_an_editor_reads_it(text)))
    assert errors, case
    damaged = tmp_path / "damaged.yaml"
    damaged.write_text(text, encoding="utf-8")
    result = cli(["validate", str(damaged)])
    assert result.exit_code == 1
    assert "measure 3.1.2.4" in result.stderr


def test_the_error_names_the_unknown_key(validator: jsonschema.Draft202012Validator) -> None:
    text = _damaged(DAMAGES["an unknown key"])
    (error,) = validator.iter_errors(_as_an_editor_reads_it(text))
    assert "'colour' was unexpected" in error.message
    assert next(iter(error.absolute_path)) == "measures"


def test_titles_follow_the_language_and_field_names_stay(cli: Invoke) -> None:
    schema = json.loads(cli(["--lang", "sv", "schema"]).stdout)
    assert schema["title"] == "digivisios datafil (measures.yaml)"
    goal = schema["$defs"]["Goal"]
    # The fields called title and description are kept; Python's docstrings are not.
    assert {"title", "description"} <= set(goal["properties"])
    assert "description" not in goal
    assert goal["additionalProperties"] is False


def test_the_status_schema_accepts_a_log_and_rejects_what_the_loader_rejects(
    cli: Invoke, tmp_path: Path
) -> None:
    schema = json.loads(cli(["schema", "--what", "status"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    check = jsonschema.Draft202012Validator(schema)
    text = (FIXTURES / "status.yaml").read_text(encoding="utf-8")
    assert list(check.iter_errors(_as_an_editor_reads_it(text))) == []
    for old, new in [
        ("state: done", "state: finished"),
        ("by: A. K.", "by: A. K.\n    colour: red"),
        ("due: 2026-12-31", "due: [2026]"),
    ]:
        damaged = text.replace(old, new)
        assert list(check.iter_errors(_as_an_editor_reads_it(damaged))), new
        log = tmp_path / "log.yaml"
        log.write_text(damaged, encoding="utf-8")
        result = cli(["--status", str(log), "measures", "-f", "json"])
        assert result.exit_code == 1, new


def test_the_schema_is_described_in_the_readers_language_as_readable_indented_json(
    cli: Invoke,
) -> None:
    from digivisio_cli.i18n import message

    out = cli(["--lang", "fi", "schema", "--what", "status"]).stdout
    schema = json.loads(out)
    assert schema["description"] == message("schema_status_description", "fi")
    # Finnish letters as they are (not \u00e4), two spaces a level, one newline at the end.
    assert "ä" in out and "\\u00e4" not in out
    assert out.splitlines()[1] == '  "$schema": "https://json-schema.org/draft/2020-12/schema",'
    assert out.endswith("}\n") and not out.endswith("\n\n")


def test_only_keywords_lose_their_titles_not_names_under_properties_or_defs() -> None:
    from digivisio_cli.data.json_schema import _without_python_docs

    node = {
        "title": "Python's",
        "description": "docstring",
        "properties": {"title": {"type": "string", "title": "Title"}},
        "$defs": {"description": {"type": "object", "description": "docstring"}},
        "items": [{"title": "X", "type": "integer"}],
    }
    assert _without_python_docs(node) == {
        "properties": {"title": {"type": "string"}},
        "$defs": {"description": {"type": "object"}},
        "items": [{"type": "integer"}],
    }
