"""Locating problems in a parsed document, and validating it against its model with Pydantic.

Generic over the document kind: the :class:`Locator` turns a path into the raw data
(``('measures', 3, 'text')``) into a line and an entry, and :func:`validate` runs a kind's
Pydantic ``TypeAdapter`` (built on first use, so that a cached answer never imports Pydantic) and
words each of its errors as a user would want to read it.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from digivisio_cli.data.problems import problem
from digivisio_cli.data.yaml_strict import YAML_TYPES, Entries, Lines
from digivisio_cli.errors import Problem
from digivisio_cli.text import quoted as _q

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Locator:
    """Turns a path into the raw data (``('measures', 3, 'text')``) into a line and a measure.

    The raw data must come from :func:`~digivisio_cli.data.yaml_strict.parse_yaml` with the
    ``lines`` it recorded: every mapping and list is looked up there.
    """

    def __init__(self, raw: Any, lines: Lines, name: str, entries: Entries) -> None:
        self.raw = raw
        self.lines = lines
        self.name = name
        self.entries = entries
        self._measure_starts: list[int] = []
        self._measure_ids: list[str | None] = []
        items = raw.get(entries.section) if isinstance(raw, dict) else None
        if isinstance(items, list):
            self._measure_starts = lines.seqs[id(items)]
            self._measure_ids = [
                m.get(entries.key)
                if isinstance(m, dict) and isinstance(m.get(entries.key), str)
                else None
                for m in items
            ]

    def line(self, loc: tuple[Any, ...]) -> int:
        """The line of the deepest value along ``loc`` that exists in the file."""
        # Every mapping and list of the raw data was built by the YAML reader, which recorded
        # the line of each key and item: the lookups below cannot miss.
        obj = self.raw
        line = 1
        for part in loc:
            if isinstance(obj, dict):
                start, keys = self.lines.maps[id(obj)]
                if part not in obj:
                    return max(line, start)
                line = keys[part]
            elif isinstance(obj, list) and isinstance(part, int) and 0 <= part < len(obj):
                line = self.lines.seqs[id(obj)][part]
            else:
                break
            obj = obj[part]
        return line

    def measure_at(self, line: int | None) -> str | None:
        """The id of the measure (the entry) whose lines hold ``line``, if any."""
        if line is None or not self._measure_starts or line < self._measure_starts[0]:
            return None
        index = bisect.bisect_right(self._measure_starts, line) - 1
        return self._measure_ids[index]

    def in_entries(self, problems: list[Problem]) -> list[Problem]:
        """``problems`` found while reading the file, each naming the entry its line lies in."""
        return [dataclasses.replace(p, measure=self.measure_at(p.line)) for p in problems]

    def problem(self, loc: tuple[Any, ...], key: str, /, **params: object) -> Problem:
        """The problem ``key`` (with ``params``) at ``loc``, naming the measure it lies in."""
        in_entry = len(loc) >= 2 and loc[0] == self.entries.section and isinstance(loc[1], int)
        # The entry is named by the id read at its first line, or by its place in the list.
        measure = (self.measure_at(self.line(loc[:2])) or f"#{loc[1] + 1}") if in_entry else None
        return problem(self.name, self.line(loc), key, measure, **params)


class LazyAdapter(Generic[T_co]):
    """A kind's Pydantic TypeAdapter, built on first use: only validating commands pay for it."""

    def __init__(self, model: type[T_co]) -> None:
        self._model = model
        self._adapter: Any = None

    def get(self) -> Any:
        """The adapter (Pydantic is imported here, the first time)."""
        if self._adapter is None:
            from pydantic import TypeAdapter

            self._adapter = TypeAdapter(self._model)
        return self._adapter


#: Decides that a Pydantic error is left to a kind's own rules, which word it better.
Waiver = Callable[[Any], bool]


def validate(
    adapter: LazyAdapter[T], raw: dict[str, Any], locate: Locator, waived: Waiver | None = None
) -> tuple[T | None, list[Problem]]:
    """The validated document, or None and a located problem for every schema error."""
    from pydantic import ValidationError

    try:
        value: T = adapter.get().validate_python(raw)
        return value, []
    except ValidationError as exc:
        found = []
        for err in exc.errors():
            if not (waived and waived(err)):
                key, params = _schema_message(err, raw)
                found.append(locate.problem(_clean_loc(err["loc"]), key, **params))
        return None, found


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Pydantic adds '[key]' after a dict key that failed; the key itself is what the file has.
    return tuple(part for part in loc if part != "[key]")


def _follow(raw: Any, loc: tuple[Any, ...]) -> Any:
    obj = raw
    for part in loc:
        try:
            obj = obj[part]
        except (KeyError, IndexError, TypeError):
            return None
    return obj


def _schema_message(err: Any, raw: Any) -> tuple[str, dict[str, object]]:
    loc = _clean_loc(err["loc"])
    # Within a list entry (a measure, a goal…) the entry is named separately: show the key path
    # inside it.
    inner = loc[2:] if len(loc) > 2 and isinstance(loc[1], int) else loc
    field = ".".join(str(p) for p in inner if not isinstance(p, int)) or "file"
    kind = err["type"]
    value = _follow(raw, loc)
    got = YAML_TYPES.get(type(value), type(value).__name__)
    if kind == "missing":
        return "p_missing_key", {"key": loc[-1]}
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return "p_unknown_key", {"key": _q(loc[-1])}
    if kind == "string_type":
        quote = isinstance(value, (int, float))
        return ("p_expected_text_quote" if quote else "p_expected_text"), {
            "field": field,
            "got": got,
        }
    if kind in ("tuple_type", "list_type"):
        return "p_expected_list", {"field": field, "got": got}
    if kind in ("string_too_short",):
        return "p_must_not_be_empty", {"field": field}
    if kind.startswith("dataclass") or kind == "dict_type":
        return "p_expected_mapping", {"field": field, "got": got}
    if kind == "literal_error":
        return "p_must_be", {"field": field, "expected": err["ctx"]["expected"]}
    if kind.startswith("bool"):
        return "p_expected_bool", {"field": field, "got": got}
    if kind.startswith("date"):
        return "p_expected_date", {"field": field}
    if kind.startswith("int"):
        if isinstance(value, float):
            return "p_expected_int_decimal", {"field": field, "number": value}
        return "p_expected_int", {"field": field, "got": got}
    return "p_schema", {"field": field, "detail": err["msg"]}
