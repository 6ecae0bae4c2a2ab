"""The status log document kind: a dated record of how far along each measure is.

:func:`load` finds the log (``--status`` or ``$DIGIVISIO_STATUS``) and loads it through the
store, so that an unchanged log is answered from the cache without YAML or Pydantic;
:func:`parse` validates bytes: the strict YAML reader, the schema of the file (the dataclasses
below), then the log's rules. Whether each entry names a measure of the data file, and whether its
report date has come, depends on the data file and on today: :func:`reference_problems` checks
that on every load, cached or not, so a log can never outlive the measures it names.
"""

from __future__ import annotations

import datetime as _dt
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digivisio_cli.data.problems import problem
from digivisio_cli.data.source import resolve_path
from digivisio_cli.data.store import DocumentKind, collector_paused
from digivisio_cli.data.store import load as _load
from digivisio_cli.domain.model import Dataset
from digivisio_cli.domain.status import (
    CARRIED,
    HEALTHS,
    STATES,
    MeasureStatus,
    StatusEntry,
    StatusLog,
)
from digivisio_cli.errors import DataFileError, Problem
from digivisio_cli.settings import ENV_STATUS
from digivisio_cli.text import quoted as _q

if TYPE_CHECKING:
    from digivisio_cli.data.schema import LazyAdapter
    from digivisio_cli.data.status_schema import EntryFile, LogFile

#: Where a log keeps its entries, for naming the measure a problem lies in.
SECTION, KEY = "entries", "measure"
#: The keys an entry may have, in the order ``status set`` writes them.
ENTRY_KEYS = ("measure", "date", *CARRIED, "note", "by")


def resolve_status_path(path: str | os.PathLike[str] | None) -> Path | None:
    """The log in use: ``path``, else ``$DIGIVISIO_STATUS``, else none."""
    return resolve_path(path, "--status", ENV_STATUS, lambda: None)


@dataclass(frozen=True)
class CachedLog:
    """What the cache keeps of a validated log.

    The current status per measure (all a listing or the overview needs), a summary for the
    checks against the data file and today (each measure named, with the line of its first
    entry; the latest report date), and the entries themselves pickled apart, restored only
    when a command asks for them (the history, ``since``, an error to locate, an append).
    """

    current: dict[str, MeasureStatus]
    first_lines: dict[str, int]
    latest: _dt.date | None
    blob: bytes

    @classmethod
    def of(cls, log: StatusLog) -> CachedLog:
        """The cache's form of ``log``."""
        first: dict[str, int] = {}
        for e in log.entries:
            first.setdefault(e.measure, e.line)
        latest = max((e.date for e in log.entries), default=None)
        blob = pickle.dumps(log.entries)  # the default protocol: entries are small objects
        return cls(log.current(), first, latest, blob)

    def log(self) -> StatusLog:
        """The log, its entries restored on first use."""
        return StatusLog(1, None, restore=self._entries, current=self.current)

    def _entries(self) -> tuple[StatusEntry, ...]:
        entries: tuple[StatusEntry, ...] = pickle.loads(self.blob)
        return entries


def load(path: Path, dataset: Dataset, today: _dt.date | None = None) -> StatusLog:
    """The validated log at ``path``, its entries checked against ``dataset`` and ``today``."""
    day = today or _dt.date.today()
    kind = DocumentKind("status", CachedLog, lambda c, n: CachedLog.of(parse(c, n, dataset, day)))
    cached = _load(kind, path)
    log = cached.log()
    measures = {m.id for m in dataset.measures}
    # The summary answers the common case; only a log with a problem restores its entries.
    if not measures.issuperset(cached.first_lines) or (cached.latest and cached.latest > day):
        problems = reference_problems(
            [(e.measure, e.line, e.date) for e in log.entries], dataset, str(path), day
        )
        if problems:
            raise DataFileError(str(path), problems)
    return log


def parse(
    content: bytes, name: str, dataset: Dataset | None = None, today: _dt.date | None = None
) -> StatusLog:
    """Validate a log's bytes into a StatusLog, or raise DataFileError with every problem.

    With ``dataset`` (and ``today``) the entries' measures and dates are checked too, so that a
    first load reports every problem at once.
    """
    from digivisio_cli.data.rules import hidden_characters
    from digivisio_cli.data.schema import LazyAdapter, Locator, validate
    from digivisio_cli.data.status_schema import LogFile
    from digivisio_cli.data.yaml_strict import Entries, decode, parse_yaml

    global _adapter
    if _adapter is None:
        _adapter = LazyAdapter(LogFile)
    adapter: LazyAdapter[LogFile] = _adapter
    entries = Entries(section=SECTION, key=KEY)
    with collector_paused():
        text = decode(content, name)
        raw, lines = parse_yaml(text, name, entries)
        locate = Locator(raw, lines, name, entries)
        # The reader's own problems (a duplicate key) name their entry, keeping their key: the
        # report words them in the reader's language.
        problems = locate.in_entries(lines.problems)
        if not isinstance(raw, dict):
            problems.append(problem(name, 1, "p_log_not_mapping"))
            raise DataFileError(name, problems)
        valid, schema_problems = validate(adapter, raw, locate, _waived)
        problems.extend(schema_problems)
        items = raw.get(SECTION)
        rows = [(i, e) for i, e in enumerate(items)] if isinstance(items, list) else []
        rows = [(i, e) for i, e in rows if isinstance(e, dict)]
        problems.extend(_label_problems(rows, locate))
        if dataset is not None:
            refs = [
                (e.get(KEY), locate.line((SECTION, i)), e.get("date"))  # the entry's first line
                for i, e in rows
                if isinstance(e.get(KEY), str)
            ]
            problems.extend(reference_problems(refs, dataset, name, today or _dt.date.today()))
        problems.extend(hidden_characters(raw, locate))
        if problems or valid is None:
            problems.sort(key=lambda p: p.line or 0)
            raise DataFileError(name, list(dict.fromkeys(problems)))
        return StatusLog(
            1,
            tuple(
                _entry(e, raw_entry, locate.line((SECTION, i)))
                for (i, raw_entry), e in zip(rows, valid.entries, strict=True)
            ),
        )


_adapter: LazyAdapter[LogFile] | None = None


def _entry(valid: EntryFile, raw: dict[str, Any], line: int) -> StatusEntry:
    # The schema says what the values are; the raw mapping says which carried fields the entry
    # names at all (left out: keep; null: clear).
    return StatusEntry(
        measure=valid.measure,
        date=valid.date,
        state=valid.state,
        health=valid.health,
        due=valid.due,
        owner=valid.owner,
        link=valid.link,
        note=valid.note,
        by=valid.by,
        given=frozenset(name for name in CARRIED if name in raw),
        line=line,
    )


def _waived(err: Any) -> bool:
    # An unknown state or health is worded by _label_problems, with the code meant.
    loc = err["loc"]
    return bool(loc and loc[-1] in ("state", "health") and err["type"] == "literal_error")


def _label_problems(rows: list[tuple[int, dict[str, Any]]], locate: Any) -> list[Problem]:
    out: list[Problem] = []
    for field, codes in (("state", STATES), ("health", HEALTHS)):
        for i, item in rows:
            value = item.get(field)
            if value is None or value in codes:
                continue
            import difflib

            close = _label_of(field, codes, str(value)) or difflib.get_close_matches(
                str(value).casefold(), codes, n=2, cutoff=0.5
            )
            out.append(
                locate.problem(
                    (SECTION, i, field),
                    f"p_log_unknown_{field}" + ("_close" if close else ""),
                    value=_q(value),
                    codes=", ".join(codes),
                    close=", ".join(close),
                )
            )
    return out


def _label_of(field: str, codes: tuple[str, ...], value: str) -> list[str]:
    """The code whose label (in any language) ``value`` is: a hand-written ``käynnissä``."""
    from digivisio_cli.i18n import label
    from digivisio_cli.settings import LANGS

    wanted = value.strip().casefold()
    return [c for c in codes if any(label(f"{field}_{c}", lg) == wanted for lg in LANGS)]


def reference_problems(
    refs: list[tuple[str, int, object]], dataset: Dataset, name: str, today: _dt.date
) -> list[Problem]:
    """Entries (measure, line, date) that name no measure of ``dataset`` or are dated after today."""
    measures = {m.id for m in dataset.measures}
    goals = {g.id for g in dataset.goals}
    themes = {t.id for t in dataset.themes}
    out: list[Problem] = []
    for ident, line, date in refs:
        if isinstance(date, _dt.date) and not isinstance(date, _dt.datetime) and date > today:
            out.append(
                problem(
                    name,
                    line,
                    "p_log_future_date",
                    ident,
                    date=date.isoformat(),
                    today=today.isoformat(),
                )
            )
        if ident in measures:
            continue
        key, params = _unknown_measure(ident, dataset, measures, goals, themes)
        out.append(problem(name, line, key, **params))  # the message names the id itself
    return out


def _unknown_measure(
    ident: str, dataset: Dataset, measures: set[str], goals: set[str], themes: set[str]
) -> tuple[str, dict[str, object]]:
    """The message key and parameters for an entry's id that is no measure of the data file."""
    import difflib

    from digivisio_cli.domain.query import has_prefix

    if ident in goals or ident in themes:
        kind = "goal" if ident in goals else "theme"
        under = [m.id for m in dataset.measures if has_prefix(m.id, ident)][:2]
        key = f"p_log_{kind}_not_measure" + ("_such_as" if under else "")
        return key, {"value": _q(ident), "examples": ", ".join(under)}
    goal = ident.rpartition(".")[0]
    if goal in goals:
        have = [m.id for m in dataset.measures if m.goal == goal]
        span = f"{have[0]}–{have[-1]}" if have else "–"
        return "p_log_removed", {"value": _q(ident), "goal": goal, "span": span}
    # difflib's defaults: at most three ids, each at least 0.6 alike.
    close = difflib.get_close_matches(ident, sorted(measures))
    key = "p_log_unknown_measure" + ("_close" if close else "")
    return key, {"value": _q(ident), "close": ", ".join(close)}
