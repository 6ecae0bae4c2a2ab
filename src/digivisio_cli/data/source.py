"""Where a document's bytes come from: a path, an environment variable or the bundled file.

Reading is bounded (a wrong path to a disk image is refused before it is read) and every failure
is a :class:`~digivisio_cli.errors.DataFileError` that says plainly why the bytes cannot be had.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from digivisio_cli.data.problems import problem
from digivisio_cli.errors import DataFileError
from digivisio_cli.settings import ENV_DATA

#: The real data file is about 65 KiB, and 100,000 synthetic measures with translations take
#: 94 MiB (issue 5: the data may grow by orders of magnitude). A file over this limit — a wrong
#: path, a disk image, a log — is refused before it is parsed. A file under it is parsed, which for
#: a file near the limit takes minutes: PyYAML builds a Python object per value.
MAX_BYTES = 256 * 1024 * 1024


def bundled_data_path() -> Path:
    """The data file shipped inside the package (a checkout's ``data/`` when run from source)."""
    packaged = Path(__file__).parent / "measures.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "measures.yaml"


def resolve_path(
    path: str | os.PathLike[str] | None,
    option: str,
    env_var: str,
    default: Callable[[], Path | None],
) -> Path | None:
    """The file to read: ``path`` if given, else ``$env_var``, else ``default()``.

    An empty ``path`` (``--data "$UNSET"``) is an error, not a silent switch to the default.
    """
    if path is not None and not os.fspath(path):
        raise DataFileError(
            option,
            [problem(option, None, "p_option_empty")],
        )
    if path:
        return Path(path)
    env = os.environ.get(env_var)
    if env is not None and not env:
        # DIGIVISIO_DATA= (set, but to nothing) is as empty as --data "": never "the default".
        raise DataFileError(env_var, [problem(env_var, None, "p_env_empty")])
    return Path(env) if env else default()


def resolve_data_path(path: str | os.PathLike[str] | None) -> Path:
    """The data file to load: ``path``, else ``$DIGIVISIO_DATA``, else the bundled data."""
    found = resolve_path(path, "--data", ENV_DATA, bundled_data_path)
    assert found is not None  # the bundled data is always there
    return found


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a DataFileError that says plainly why they cannot be had.

    Only a regular file is read. What the path names is looked at first, and the file is opened
    without blocking, so that a FIFO, a socket or a terminal given as a data file is refused at
    once instead of waiting forever for a writer (or for someone to type).
    """
    name = str(path)
    try:
        st = os.stat(path)
        _refuse_special(name, st.st_mode)
        size = st.st_size
        if size > MAX_BYTES:
            # Far over: in MiB; just over: in bytes, so that the two numbers differ visibly.
            if size >= 2 * MAX_BYTES:
                raise _too_large(name, "p_too_large_mib", f"{size / 2**20:.0f}")
            raise _too_large(name, "p_too_large_bytes", f"{size:,}")
        fd = os.open(path, _READ_FLAGS)
        with os.fdopen(fd, "rb") as handle:
            # Swapped for something else between the look and the open: look again.
            _refuse_special(name, os.fstat(fd).st_mode)
            return read_stream(handle, name)
    except FileNotFoundError:
        raise DataFileError(name, [problem(name, None, "p_no_such_file")]) from None
    except PermissionError:
        raise DataFileError(name, [problem(name, None, "p_permission")]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataFileError(name, [problem(name, None, "p_os_error", reason=reason)]) from None
    except ValueError:
        # The operating system cannot even look the name up (a NUL character in it).
        raise DataFileError(name, [problem(name, None, "p_bad_name")]) from None


#: Open for reading without blocking: on a FIFO, open() would wait for a writer. A regular file
#: ignores the flag.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _refuse_special(name: str, mode: int) -> None:
    """A DataFileError unless ``mode`` is a regular file's."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        key = "p_folder"
    elif stat.S_ISFIFO(mode):
        key = "p_fifo"
    elif stat.S_ISSOCK(mode):
        key = "p_socket"
    else:  # a character or block device
        key = "p_device"
    raise DataFileError(name, [problem(name, None, key)])


def read_standard_input(stream: BinaryIO | None, name: str) -> bytes:
    """The bytes of standard input (``diff -``); closed standard input (``0<&-``) is a problem."""
    if stream is None:
        raise DataFileError(name, [problem(name, None, "p_stdin_closed")])
    try:
        return read_stream(stream, name)
    except (OSError, ValueError):  # a descriptor that was closed, or is not readable
        raise DataFileError(name, [problem(name, None, "p_stdin_closed")]) from None


def read_stream(stream: BinaryIO, name: str) -> bytes:
    """All of ``stream`` (a file, a pipe, standard input), unless it is over the size limit."""
    content = stream.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        # A pipe or a device reports no size: its length is known only once read.
        raise _too_large(name, "p_too_large_over")
    return content


def _too_large(name: str, key: str, size: str | None = None) -> DataFileError:
    limit = MAX_BYTES // 2**20
    return DataFileError(name, [problem(name, None, key, size=size, limit=limit)])
