"""The JSON Schema (draft 2020-12) of a document kind, generated from its model.

Generated, never written by hand, so that it cannot drift from what the loader accepts: Pydantic
derives it from the same frozen dataclasses and hooks that validate a file (``extra="forbid"``
becomes ``additionalProperties: false``, a non-empty text ``minLength: 1``, a language key
``propertyNames``). What is removed afterwards is only what speaks to Python programmers rather
than to the people editing a file: the models' docstrings and the titles made from field names.
Rules a schema cannot express (ids that match their goal, agencies that are declared, no
control characters) stay with ``digivisio validate``.
"""

from __future__ import annotations

from typing import Any

from digivisio_cli.i18n import message
from digivisio_cli.settings import Lang

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(model: type[Any], title: str, description: str) -> dict[str, Any]:
    """The schema of files of ``model``'s shape, with ``title`` and ``description`` for editors.

    ``model`` is the class a document kind validates the file into (for the matrix, the
    domain's :class:`~digivisio_cli.domain.model.Dataset` itself).
    """
    from pydantic import TypeAdapter

    generated = TypeAdapter(model).json_schema(mode="validation")
    cleaned = _without_python_docs(generated)
    return {"$schema": DIALECT, "title": title, "description": description, **cleaned}


def document_schema(what: str, lang: Lang) -> str:
    """As JSON text, the schema of a kind of file by its ``schema --what`` name, titled in
    ``lang``."""
    import json

    from digivisio_cli.data.matrix import MATRIX
    from digivisio_cli.data.status_schema import LogFile

    models: dict[str, type[Any]] = {"data": MATRIX.model, "status": LogFile}
    schema = json_schema(
        models[what],
        message(f"schema_{what}_title", lang),
        message(f"schema_{what}_description", lang),
    )
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _without_python_docs(node: Any, in_properties: bool = False) -> Any:
    """``node`` without the docstring descriptions and field-name titles Pydantic adds.

    Inside ``properties`` the keys are field names, not keywords: a field called ``title`` (a
    goal has one) is kept.
    """
    if isinstance(node, list):
        return [_without_python_docs(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: _without_python_docs(value, in_properties=key in ("properties", "$defs"))
        for key, value in node.items()
        if in_properties or key not in ("title", "description")
    }
