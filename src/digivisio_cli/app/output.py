"""Writing exports: atomically, never over an existing file without ``force``.

The bytes go to a temporary file in the target folder, are flushed to disk, and are renamed over
the target in one step; on any error the temporary file is removed, so no half-written export is
ever left behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from digivisio_cli.errors import OutputError


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` in one step; refuse an existing file unless ``force``."""
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:  # a name too long for the file system, a loop of links…
        raise OutputError("write_failed", path=path, reason=exc.strerror or str(exc)) from None
    if is_dir:
        raise OutputError("write_failed", path=path, reason="it is a folder")
    if exists and not force:
        raise OutputError("file_exists", path=path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        # mkstemp creates the file private (0600); an export is an ordinary file (umask applies).
        os.chmod(tmp_name, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and path.exists():
            # Someone created the file while we wrote: still never overwrite it.
            raise OutputError("file_exists", path=path)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise OutputError("write_failed", path=path, reason=exc.strerror or str(exc)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
