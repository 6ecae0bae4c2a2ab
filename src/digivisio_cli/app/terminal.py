"""The process edge as one object: the streams, whether they are terminals, colour and width.

Commands never touch ``sys.stdout`` or ``os.environ`` themselves: they ask the
:class:`Environment`, which writes data to stdout (replacing what the terminal's encoding cannot
show), notes to stderr, and turns a reader that went away into :class:`ReaderGone`. Tests build
one around their own streams instead of patching globals.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import TextIO

from digivisio_cli.errors import OutputError, ReaderGone


class Environment:
    """Where output goes and what that place can show."""

    # A plain class, not a dataclass: it is built on every run, and a dataclass costs start-up.
    def __init__(
        self, stdout: TextIO | None, stderr: TextIO, environ: Mapping[str, str] | None = None
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.environ: Mapping[str, str] = {} if environ is None else environ

    @classmethod
    def from_process(cls) -> Environment:
        """The streams and environment of this process as they are now."""
        stderr = sys.stderr
        if stderr is None:
            # Started with stderr closed (2>&-): print() would send messages to stdout, into the
            # data. They go nowhere instead.
            stderr = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        return cls(sys.stdout, stderr, os.environ)

    @property
    def stdout_isatty(self) -> bool:
        """Whether stdout is a terminal (None when started with stdout closed, ``>&-``)."""
        return self.stdout is not None and self.stdout.isatty()

    def color(self, refused: bool = False) -> bool:
        """Whether to colour output: on a terminal, unless ``--no-color``, NO_COLOR or TERM=dumb."""
        if refused or "NO_COLOR" in self.environ or self.environ.get("TERM") == "dumb":
            return False
        return self.stdout_isatty

    def width(self) -> int:
        """The width to lay tables out in: the terminal's (or $COLUMNS), within 40–240."""
        return max(40, min(shutil.get_terminal_size((100, 24)).columns, 240))

    def default_format(self) -> str:
        """A table on a terminal, plain lines when piped."""
        return "table" if self.stdout_isatty else "plain"

    def write(self, text: str | bytes) -> None:
        """Write data to stdout, replacing what the terminal's encoding cannot show.

        Bytes (an export) are written as they are. Output that cannot be written (stdout closed,
        a full disk) is an OutputError; a reader that went away is ReaderGone.
        """
        stream = self.stdout
        if stream is None:
            raise OutputError("output_failed", reason="standard output is closed")
        try:
            if isinstance(text, bytes):
                stream.buffer.write(text)
            else:
                try:
                    stream.write(text)
                except UnicodeEncodeError:
                    encoding = getattr(stream, "encoding", None) or "utf-8"
                    stream.write(text.encode(encoding, "replace").decode(encoding))
            stream.flush()
        except BrokenPipeError:
            raise ReaderGone from None
        except OSError as exc:
            raise OutputError("output_failed", reason=exc.strerror or str(exc)) from None

    def note(self, line: str) -> None:
        """A message for the user, on stderr (never in the data)."""
        print(line, file=self.stderr)

    def quiet_broken_pipe(self) -> None:
        """Point stdout at devnull: the reader went away (``| head``), and the interpreter's final
        flush must not complain."""
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
