"""What every command shares while it runs: the global options, the process edge, the documents.

Kept apart from :mod:`digivisio_cli.app.cli` so that command groups in modules of their own
(``status``) use the same plumbing without importing the module that registers them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

import typer

from digivisio_cli.app.terminal import Environment
from digivisio_cli.i18n import detect_lang, message
from digivisio_cli.settings import ENV_STATUS, Lang

if TYPE_CHECKING:
    from digivisio_cli.domain.model import Dataset
    from digivisio_cli.domain.status import MeasureStatus, StatusLog
    from digivisio_cli.render.tabular import Tabular


@dataclass
class Options:
    """The global options, shared by every command, and the process edge they act on."""

    data: str | None
    lang: Lang
    no_color: bool
    env: Environment = field(default_factory=Environment.from_process)
    #: ``--as-of``: answer with the agencies as they are on this date; None: as published.
    as_of: dt.date | None = None
    #: ``--status``: the status log to use (else ``$DIGIVISIO_STATUS``, else none).
    status: str | None = None


def opts(ctx: typer.Context) -> Options:
    """The global options of the running command (defaults when there is no root context)."""
    obj = ctx.find_root().obj
    if isinstance(obj, Options):
        return obj
    return Options(None, detect_lang(), False, current_env())


def dataset(options: Options) -> Dataset:
    """The data file in use, validated (from the cache when it is unchanged)."""
    from digivisio_cli.data.matrix import load
    from digivisio_cli.data.store import keep_out_of_collector

    loaded = load(options.data)
    keep_out_of_collector()  # run() releases it when the command ends
    return loaded


def status_log(options: Options, data: Dataset) -> StatusLog | None:
    """The status log in use (``--status``, ``$DIGIVISIO_STATUS``), checked against ``data``."""
    if options.status is None and not os.environ.get(ENV_STATUS):
        return None  # no log: not even the log's modules are imported
    from digivisio_cli.data.status import load, resolve_status_path

    path = resolve_status_path(options.status)
    if path is None:
        return None
    log = load(path, data)
    from digivisio_cli.data.store import keep_out_of_collector

    keep_out_of_collector()
    return log


def current_status(options: Options, data: Dataset) -> dict[str, MeasureStatus] | None:
    """Each measure's current status under the log in use, or None without a log."""
    log = status_log(options, data)
    if log is None:
        return None
    return log.current()


def emit(options: Options, view: Tabular, fmt: Enum | None) -> None:
    """Render ``view`` in the chosen format to stdout; notes go to stderr when not shown inline."""
    from digivisio_cli.render.registry import FORMATS, RenderContext

    env = options.env
    spec = FORMATS[fmt.value if fmt else env.default_format()]
    ctx = RenderContext(lang=options.lang, color=env.color(options.no_color), width=env.width())
    out = spec.render([view], ctx)
    env.write(out)
    if not spec.notes_inline:
        for note in view.notes:
            env.note(note)


def say_no_match(options: Options, rows: list[object]) -> None:
    """Say on stderr that a filter matched nothing."""
    if not rows:
        options.env.note(message("no_match", options.lang))


def current_env() -> Environment:
    """The process edge of the command running now."""
    return _env if _env is not None else Environment.from_process()


def begin(env: Environment | None) -> Environment:
    """Make ``env`` (or the real process edge) the one the running command uses."""
    global _env
    _env = env or Environment.from_process()
    return _env


def end() -> None:
    """Forget the running command's process edge."""
    global _env
    _env = None


#: The process edge of the command running now (set by :func:`begin`).
_env: Environment | None = None
