"""Writing exports: atomically, never over an existing file without ``force``.

The bytes go to a temporary file in the target folder, are flushed to disk, and are renamed over
the target in one step; on any error the temporary file is removed, so no half-written export is
ever left behind. A folder export is written the same way: a temporary folder beside the target,
filled and flushed, then renamed to the target's name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
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


def write_folder_atomic(path: Path, files: Mapping[str, bytes], force: bool = False) -> None:
    """Write ``files`` (by name) as the folder ``path``, whole or not at all.

    A new or empty folder is written without ``force``. An occupied one is replaced only with
    ``force``, and only when it looks like an earlier export of the same kind: regular files
    alone, with the suffixes of ``files``, one of them by name. So ``-o ~ --force`` can never
    delete a home folder.
    """
    try:
        is_link, exists, is_dir = path.is_symlink(), path.exists(), path.is_dir()
        occupied = is_dir and not is_link and any(path.iterdir())
        replaceable = occupied and _looks_like(path, files)
    except OSError as exc:
        raise OutputError("write_failed", path=path, reason=exc.strerror or str(exc)) from None
    if is_link or (exists and not is_dir):
        raise OutputError("not_a_folder", path=path)
    if occupied and not force:
        raise OutputError("folder_not_empty", path=path)
    if occupied and not replaceable:
        raise OutputError("folder_not_export", path=path)
    target = Path(os.path.abspath(path))
    tmp: str | None = None
    try:
        tmp = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        # mkdtemp makes the folder private (0700); an export is an ordinary folder.
        os.chmod(tmp, 0o777 & ~_umask())
        for name, data in files.items():
            with open(os.path.join(tmp, name), "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        if occupied:
            _swap(tmp, target)
        else:
            # Replaces an empty folder; fails if one with content appeared meanwhile.
            os.rename(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError("write_failed", path=path, reason=exc.strerror or str(exc)) from None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _looks_like(folder: Path, files: Mapping[str, bytes]) -> bool:
    suffixes = {Path(name).suffix for name in files}
    entries = list(os.scandir(folder))
    return any(e.name in files for e in entries) and all(
        e.is_file(follow_symlinks=False) and Path(e.name).suffix in suffixes for e in entries
    )


def _swap(new: str, target: Path) -> None:
    # POSIX has no portable exchange of two folders: the old one steps aside under a temporary
    # name, the new one takes its place, and the old one is put back if that fails.
    old = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
