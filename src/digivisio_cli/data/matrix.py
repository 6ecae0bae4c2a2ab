"""The matrix document kind: ``data/measures.yaml`` and any file of its shape.

:func:`load` finds the file (``--data``, ``$DIGIVISIO_DATA`` or the bundled data) and loads it
through the store; :func:`parse` validates bytes: the strict YAML reader, the schema of
:class:`~digivisio_cli.domain.model.Dataset`, then the rules of :mod:`digivisio_cli.data.rules`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from digivisio_cli.data.problems import problem
from digivisio_cli.data.source import resolve_data_path
from digivisio_cli.data.store import DocumentKind, collector_paused
from digivisio_cli.data.store import load as _load
from digivisio_cli.domain.model import Dataset
from digivisio_cli.errors import DataFileError

if TYPE_CHECKING:
    from digivisio_cli.data.schema import LazyAdapter


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load and validate a data file (see :func:`resolve_data_path`), through the cache."""
    return _load(MATRIX, resolve_data_path(path))


def parse(content: bytes, name: str = "<data>") -> Dataset:
    """Validate a data file's bytes into a Dataset, or raise DataFileError with every problem."""
    from digivisio_cli.data.rules import matrix_problems
    from digivisio_cli.data.schema import LazyAdapter, Locator, validate
    from digivisio_cli.data.yaml_strict import Entries, decode, parse_yaml

    global _adapter
    if _adapter is None:
        _adapter = LazyAdapter(Dataset)
    adapter: LazyAdapter[Dataset] = _adapter
    entries = Entries(section="measures", key="id")
    with collector_paused():
        text = decode(content, name)
        raw, lines = parse_yaml(text, name, entries)
        locate = Locator(raw, lines, name, entries)
        # The reader's own problems (a duplicate key) name their entry, keeping their key: the
        # report words them in the reader's language.
        problems = locate.in_entries(lines.problems)
        if not isinstance(raw, dict):
            problems.append(problem(name, 1, "p_not_mapping"))
            raise DataFileError(name, problems)
        dataset, schema_problems = validate(adapter, raw, locate, _waived)
        problems.extend(schema_problems)
        problems.extend(matrix_problems(raw, locate))
        if problems or dataset is None:
            problems.sort(key=lambda p: p.line or 0)
            raise DataFileError(name, list(dict.fromkeys(problems)))
        return dataset


_adapter: LazyAdapter[Dataset] | None = None


def _waived(err: Any) -> bool:
    # Pydantic's lax bool takes 1 and "yes"; the rules demand true/false and say so.
    return bool(err["loc"] and err["loc"][-1] == "pending" and err["type"] != "missing")


#: The kind, as the store and the cache know it.
MATRIX: DocumentKind[Dataset] = DocumentKind("measures", Dataset, lambda c, n: parse(c, n))
