"""``status set``'s write: one entry appended to the log, never a rewrite of what is there.

The log's earlier bytes stay exactly as they were: the new content is the old content plus the
new entry's lines. It is written to a temporary file beside the log, flushed to disk and renamed
over the log in one step (through a symbolic link, onto the link's target), so that a full disk
or a killed process leaves the old log, never half a new one. A lock file beside the log
(``LOG.lock``, kept: removing it would race) makes concurrent runs take turns, so that each one's
entry lands. Before anything is written the new content is read back and must hold the old
entries, unchanged, and the new one: a log that cannot be extended by appending (its entries in
``[...]``, or not the last part of the file) is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from digivisio_cli.app.output import write_over
from digivisio_cli.domain.model import Dataset
from digivisio_cli.domain.status import CARRIED, StatusEntry, StatusLog
from digivisio_cli.errors import OutputError

HEADER = (
    "# digivisio status log: dated reports on the measures of the digitalisation vision 2027.\n"
    "# Written by `digivisio status set`, and fine to edit by hand: docs/status.md describes\n"
    "# the format. A field left out of an entry keeps its earlier value; null clears it.\n"
    "schema_version: 1\n"
    "entries:\n"
)

_FIRST_ITEM = re.compile(r"^entries:[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*([ \t]*)- ", re.M)
_NUMBER_LIKE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
#: Text safe to write unquoted: a unit (OKM/KTPO) or a link reads back as the same text.
_PLAIN = re.compile(r"[A-Za-zÅÄÖåäö][\w./%&=?~+-]*(:[\w./%&=?~+#-]+)*")
#: Words YAML reads as something other than text.
_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})


def _scalar(value: object) -> str:
    """A value as a YAML scalar that reads back as exactly that value."""
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    # JSON's double-quoted strings are YAML's too; non-ASCII stays readable.
    return json.dumps(text, ensure_ascii=False)


def entry_text(entry: StatusEntry, indent: str = "  ", newline: str = "\n") -> str:
    """The YAML lines of one entry, as ``status set`` appends them."""
    measure = f'"{entry.measure}"' if _NUMBER_LIKE.match(entry.measure) else entry.measure
    lines = [f"{indent}- measure: {measure}", f"{indent}  date: {entry.date.isoformat()}"]
    for name in CARRIED:
        if name in entry.given:
            value = getattr(entry, name)
            plain = name in ("state", "health") and value is not None
            lines.append(f"{indent}  {name}: {value if plain else _scalar(value)}")
    for own in ("note", "by"):
        text = getattr(entry, own)
        if text is not None:
            lines.append(f"{indent}  {own}: {_scalar(text)}")
    return newline.join(lines) + newline


def compose(old: bytes, entry: StatusEntry) -> bytes:
    """The log's new content: ``old`` unchanged, then the entry, indented as the log's entries."""
    text = old.decode("utf-8-sig", errors="replace")
    newline = "\r\n" if "\r\n" in text else "\n"
    found = _FIRST_ITEM.search(text)
    indent = found.group(1) if found else "  "
    glue = b"" if not old or old.endswith(b"\n") else newline.encode()
    return old + glue + entry_text(entry, indent, newline).encode("utf-8")


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the lock file beside ``target`` for the duration (other runs wait)."""
    lock_path = target.with_name(target.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputError("write_failed", path=lock_path, reason=exc.strerror or str(exc)) from None
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def append(path: Path, dataset: Dataset, entry: StatusEntry, today: dt.date) -> bool:
    """Append ``entry`` to the log at ``path`` (created if missing); True when it was created.

    A damaged log raises its DataFileError and is left alone.
    """
    from digivisio_cli.data import cache
    from digivisio_cli.data.source import read_bytes
    from digivisio_cli.data.status import CachedLog, load

    target = Path(os.path.realpath(path))
    with locked(target):
        created = not target.exists()
        if created:
            old, before = HEADER.encode(), StatusLog(1, ())
        else:
            old = read_bytes(target)
            before = load(path, dataset, today)
        new = compose(old, entry)
        line = new.count(b"\n", 0, len(old) + (0 if old.endswith(b"\n") else 1)) + 1
        after = StatusLog(1, (*before.entries, replace(entry, line=line)))
        check_appended(new, before, entry, str(path))
        _replace(target, new, created)
        # What the log's parser would make of the new bytes: the next command reads it at once.
        cache.store(cache.key(new, "status"), CachedLog.of(after))
    return created


def check_appended(new: bytes, before: StatusLog, entry: StatusEntry, name: str) -> None:
    """Refuse unless ``new`` reads as ``before``'s entries, unchanged, and then ``entry``.

    A plain YAML read (libyaml's, when present) is enough: the earlier entries were validated
    when ``before`` was loaded, and the new one is made of checked values, so what remains to
    prove is that appending changed nothing in how the file reads. Pydantic is not needed.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = yaml.load(new, Loader=loader)
    except yaml.YAMLError as exc:
        raise _not_appendable(name, str(getattr(exc, "problem", None) or exc)) from None
    items = raw.get("entries") if isinstance(raw, dict) else None
    if not isinstance(items, list) or len(items) != len(before.entries) + 1:
        raise _not_appendable(
            name, "its entries are written in [ ] brackets or are not the last part of it"
        )
    for item, old in zip(items, (*before.entries, entry), strict=True):
        if not isinstance(item, dict) or _as_read(item) != _comparable(old):
            raise _not_appendable(name, "the new entry would change how the log reads")


def _not_appendable(name: str, reason: str) -> OutputError:
    return OutputError("status_not_appendable", path=name, reason=reason)


def _date(value: object) -> object:
    # A hand-written log may quote its dates; the schema reads "2024-01-15" as that date.
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    return value


def _as_read(item: dict[str, object]) -> tuple[object, ...]:
    sets = {
        name: _date(item[name]) if name == "due" else item[name] for name in CARRIED if name in item
    }
    return (item.get("measure"), _date(item.get("date")), sets, item.get("note"), item.get("by"))


def _comparable(entry: StatusEntry) -> tuple[object, ...]:
    return (entry.measure, entry.date, entry.sets(), entry.note, entry.by)


def _replace(target: Path, data: bytes, created: bool) -> None:
    """Write ``data`` over ``target`` in one step, keeping an existing log's permission bits."""
    try:
        mode = None if created else stat.S_IMODE(target.stat().st_mode)
    except OSError as exc:
        raise OutputError("write_failed", path=target, reason=exc.strerror or str(exc)) from None
    write_over(target, data, mode)
