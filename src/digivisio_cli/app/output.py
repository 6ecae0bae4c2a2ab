"""Writing files safely: a new file appears whole or not at all, and nothing is overwritten by
accident.

Two ways to write, and nothing else:

- :func:`create_exclusive` makes a new file and refuses if *anything* is at the name already
  (a file, a folder, a symbolic link even if it points nowhere), also when another process
  creates it at the same moment: the bytes go to a temporary file beside the target, which is
  then hard-linked to the final name (``link(2)`` never replaces), so the check and the creation
  are one step.
- :func:`replace_file` replaces a regular file or a symbolic link (``--force``) in one rename,
  keeping the replaced file's permission bits. It never replaces a folder, a device, a FIFO or a
  socket.

A folder export (:func:`write_folder_atomic`) is written the same way: a temporary folder beside
the target, filled and flushed, then renamed to the target's name.

In both file writers, the temporary file has a short name (``.dv-`` and 8 hex digits), so a target name of
255 bytes still works, and it is removed on any error, on Ctrl-C, and on SIGTERM or SIGHUP.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from digivisio_cli.errors import OutputError

_TEMP_PREFIX = ".dv-"
_TEMP_SUFFIX = ".tmp"
#: Signals that end a process without a Python exception; the temporary file is removed first.
_FATAL = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def target_path(raw: str) -> Path:
    """The path named by ``-o``; a name ending in '/' must be an existing folder (then refused)."""
    path = Path(raw)
    if raw.endswith(("/", os.sep)) and not path.is_dir():
        raise OutputError("write_no_folder", path=raw)
    return path


def create_exclusive(path: Path, data: bytes) -> None:
    """Write ``data`` as the new file ``path``; OutputError ``file_exists`` if anything is there."""
    _refuse_folder(path)
    with _temporary_beside(path, data) as tmp:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise OutputError("file_exists", path=path) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            # A file system without hard links (FAT, some network shares): O_EXCL on the final
            # name is the same guarantee, written in place, removed again if writing fails.
            _write_new(path, data)


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` over ``path`` (``--force``): only a regular file or a link is replaced."""
    mode = None
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError("write_failed", path=path, reason=exc.strerror or str(exc)) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError("write_failed", path=path, reason="it is a folder")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
            raise OutputError("write_not_regular", path=path)
        if stat.S_ISREG(st.st_mode):
            mode = stat.S_IMODE(st.st_mode)
    write_over(path, data, mode)


def write_over(path: Path, data: bytes, mode: int | None = None) -> None:
    """Put ``data`` at ``path`` whole or not at all: written beside it, renamed over it, and the
    folder synced so that the rename survives a crash. ``mode``: the new file's permission bits
    (None: an ordinary new file's). The temporary file is removed on failure and on SIGTERM."""
    with _temporary_beside(path, data, mode) as tmp:
        os.replace(tmp, path)
    _sync_folder(path.parent if str(path.parent) else Path("."))


def _sync_folder(folder: Path) -> None:
    # The rename is durable once the folder's entry is on disk (POSIX; Windows has no such call).
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _refuse_folder(path: Path) -> None:
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # a name too long for the file system, a loop of links…
        raise OutputError("write_failed", path=path, reason=exc.strerror or str(exc)) from None
    if is_dir:
        raise OutputError("write_failed", path=path, reason="it is a folder")


@contextlib.contextmanager
def _temporary_beside(path: Path, data: bytes, mode: int | None = None) -> Iterator[str]:
    """A temporary file holding ``data`` in ``path``'s folder, removed when the block ends."""
    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    with _removed_on_signal() as cleanup:
        try:
            fd, tmp = _open_temporary(folder)
            cleanup.append(tmp)
            with os.fdopen(fd, "wb") as handle:
                if mode is not None:
                    os.fchmod(handle.fileno(), mode)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            yield tmp
        except OSError as exc:
            raise OutputError("write_failed", path=path, reason=exc.strerror or str(exc)) from None
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _open_temporary(folder: Path) -> tuple[int, str]:
    # 0o666 before the umask: an export is an ordinary file, not a private one.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        name = str(folder / f"{_TEMP_PREFIX}{secrets.token_hex(4)}{_TEMP_SUFFIX}")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue


def _write_new(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        raise OutputError("file_exists", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


@contextlib.contextmanager
def _removed_on_signal() -> Iterator[list[str]]:
    """Paths added to the yielded list are removed if SIGTERM or SIGHUP arrives meanwhile.

    SIGINT needs nothing: it is a KeyboardInterrupt, and the ``finally`` blocks run. The other
    two would end the process at once, leaving the temporary file; the handler removes it, puts
    the previous handler back and sends the signal again, so the process still ends as it
    would have (killed by that signal).
    """
    paths: list[str] = []
    if threading.current_thread() is not threading.main_thread():
        yield paths  # signal handlers can only be set from the main thread
        return

    def handler(signum: int, frame: object) -> None:
        for name in paths:
            with contextlib.suppress(OSError):
                os.unlink(name)
        old = previous.get(signum)
        signal.signal(signum, old if old is not None else signal.SIG_DFL)
        signal.raise_signal(signum)

    previous = {sig: signal.signal(sig, handler) for sig in _FATAL}
    try:
        yield paths
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


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
