"""Where a document's bytes come from: a path, an environment variable or the bundled file.

Reading is bounded (a wrong path to a disk image is refused before it is read) and every failure
is a :class:`~digivisio_cli.errors.DataFileError` that says plainly why the bytes cannot be had.
"""

from __future__ import annotations

import os
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
    return Path(env) if env else default()


def resolve_data_path(path: str | os.PathLike[str] | None) -> Path:
    """The data file to load: ``path``, else ``$DIGIVISIO_DATA``, else the bundled data."""
    found = resolve_path(path, "--data", ENV_DATA, bundled_data_path)
    assert found is not None  # the bundled data is always there
    return found


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a DataFileError that says plainly why they cannot be had."""
    name = str(path)
    try:
        if path.is_dir():
            raise DataFileError(name, [problem(name, None, "p_folder")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            # Far over: in MiB; just over: in bytes, so that the two numbers differ visibly.
            if size >= 2 * MAX_BYTES:
                raise _too_large(name, "p_too_large_mib", f"{size / 2**20:.0f}")
            raise _too_large(name, "p_too_large_bytes", f"{size:,}")
        with path.open("rb") as handle:
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
