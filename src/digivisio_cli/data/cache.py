"""A cache of validated documents: after the first run, a command skips YAML and Pydantic.

An entry is keyed on the file's *content* (not its path or modification time), the document kind,
the package version, every module that shapes a cached value (all of ``data/`` and ``domain/``)
and the installed PyYAML and Pydantic, so an edited file, an upgrade or an edited loader can
never be answered from a stale entry. Entries live in the user's cache folder
(``$DIGIVISIO_CACHE_DIR``, else the platform's cache folder + ``digivisio``) and are written
atomically, so concurrent runs at worst compute the same entry twice. Anything wrong with the
cache — a corrupt or truncated entry, a folder that cannot be created or written — only costs
speed: :func:`get` misses and :func:`put` does nothing. ``DIGIVISIO_CACHE=off`` turns it off.

Entries are pickles, so (on POSIX) one is read only from a folder that is the user's own and
writable by nobody else, only if it is a regular file of the user's, and never through a
symbolic link.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import stat
import sys
from pathlib import Path
from typing import TypeVar

from digivisio_cli.settings import ENV_CACHE as ENV_SWITCH
from digivisio_cli.settings import ENV_CACHE_DIR as ENV_DIR
from digivisio_cli.settings import VERSION

T = TypeVar("T")
#: Entries kept; older ones are removed when a new one is written.
KEEP = 8
_SUFFIX = ".pickle"
_TMP_PREFIX = ".tmp-"
_MAGIC = "digivisio-cache-1"
_ENTRY = re.compile(r"[0-9a-f]{40}\.pickle")
_OURS = re.compile(r"[0-9a-f]{40}\.pickle|\.tmp-\w+\.pickle")


def cache_dir() -> Path | None:
    """The folder of the cache, or None when the cache is turned off."""
    if os.environ.get(ENV_SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        # Only an absolute path: a relative one (or a "~" the shell did not expand) would put
        # the cache wherever the command happens to run. The cache only costs speed: no cache.
        return Path(explicit) if os.path.isabs(explicit) else None
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA") or str(_home() / "AppData" / "Local")
        elif sys.platform == "darwin":
            base = str(_home() / "Library" / "Caches")
        else:
            xdg = os.environ.get("XDG_CACHE_HOME", "")
            # The XDG spec says a relative value is invalid and must be ignored.
            base = xdg if os.path.isabs(xdg) else str(_home() / ".cache")
    except (RuntimeError, KeyError, OSError):  # no home folder (a bare service account)
        return None
    return Path(base) / "digivisio"


def _home() -> Path:
    """The user's home folder, which must exist: a ``HOME`` pointing nowhere (a service, a
    container) must not make the cache build that path."""
    home = Path.home()
    if not home.is_absolute() or not home.is_dir():
        # cache_dir() turns this into "no cache"; nobody reads a message, so it has none.
        raise FileNotFoundError
    return home


#: The files that carry the versions of the libraries that validate (found on sys.path, the way
#: the import system would find them, without importing them).
_LIBRARY_FILES = (("yaml", "__init__.py"), ("pydantic", "version.py"))


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "?"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _code_fingerprint() -> str:
    # The code that decides what a valid document is: every module of data/ and domain/ (a
    # module added to either is covered without a list to keep), and PyYAML and Pydantic as
    # installed. In a released package the version would suffice for our own code; in a
    # checkout these files change without a version bump, and an entry made by older code must
    # not be trusted.
    package = Path(__file__).resolve().parent.parent
    try:
        modules = sorted((package / "data").glob("*.py")) + sorted(
            (package / "domain").glob("*.py")
        )
    except OSError:
        modules = []
    parts = [f"{p.parent.name}/{p.name}={_stamp(p)}" for p in modules]
    for top, name in _LIBRARY_FILES:
        found = next(
            (Path(base) / top / name for base in sys.path if (Path(base) / top / name).is_file()),
            None,
        )
        parts.append(f"{top}={_stamp(found) if found else '-'}")
    return ",".join(parts)


def key(content: bytes, kind: str = "measures") -> str:
    """The cache key of a file's bytes, as a document of ``kind``, under this code."""
    digest = hashlib.blake2b(content, digest_size=20)
    digest.update(f"\0{kind}\0{VERSION}\0{_code_fingerprint()}\0{sys.version_info[:2]}".encode())
    return digest.hexdigest()


def _private(folder: Path) -> bool:
    """Whether ``folder`` is a real folder that only this user can write to.

    Unpickling runs the entry's instructions, so an entry must be the user's own and must sit
    where nobody else could have put it (or a symlink to a file of the user's that somebody
    else chose). On systems without POSIX owners (Windows) the per-user cache folder is trusted.
    """
    if not hasattr(os, "getuid"):
        return True
    try:
        st = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


#: An entry is opened without following a link and without blocking: the look before (lstat)
#: could be raced by a swap for a link or a FIFO.
_ENTRY_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)


def _read_entry(entry: Path) -> bytes | None:
    """The bytes of a cache entry, or None for anything that is not the user's regular file.

    Looked at before opening, and opened without blocking: a FIFO, a socket or a folder in the
    cache folder is a miss at once, never a wait or a traceback.
    """
    try:
        if not stat.S_ISREG(entry.lstat().st_mode):
            return None
    except OSError:
        return None
    try:
        fd = os.open(entry, _ENTRY_FLAGS)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (
            hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_nlink != 1)
        ):
            return None
        try:
            return handle.read()
        except OSError:
            return None


def get(content: bytes, kind: str = "measures") -> object | None:
    """The document validated earlier from exactly these bytes, or None (see :func:`lookup`)."""
    return lookup(key(content, kind), object)


def put(content: bytes, value: object, kind: str = "measures") -> None:
    """Remember ``value`` as the validation of ``content`` (silently skipped on any error)."""
    store(key(content, kind), value)


def lookup(k: str, model: type[T]) -> T | None:
    """The entry under key ``k`` if it holds a ``model``, or None."""
    folder = cache_dir()
    if folder is None or not _private(folder):
        return None
    entry = folder / (k + _SUFFIX)
    blob = _read_entry(entry)
    if blob is None:
        return None
    try:
        magic, stored_key, value = pickle.loads(blob)
    except Exception:  # a truncated or corrupt entry is a miss, whatever pickle says
        _remove(entry)
        return None
    if magic != _MAGIC or stored_key != k or not isinstance(value, model):
        _remove(entry)
        return None
    return value


def store(k: str, value: object) -> None:
    """Remember ``value`` under key ``k`` (silently skipped on any error)."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        blob = pickle.dumps((_MAGIC, k, value))  # the default protocol reads back the same
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=_TMP_PREFIX, suffix=_SUFFIX)
    except Exception:  # a cache that cannot be written only costs speed, whatever went wrong
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        # Atomic: a concurrent reader sees the old entry, or none, or the whole new one.
        os.replace(tmp, folder / (k + _SUFFIX))
    except OSError:
        _remove(Path(tmp))
        return
    _prune(folder, keep=k + _SUFFIX)


def _prune(folder: Path, keep: str) -> None:
    """Remove all but the newest entries, and temporary files of runs killed mid-write.

    Only files named as this module names them are touched: ``DIGIVISIO_CACHE_DIR`` may point
    at a folder that holds other things too.
    """
    import time

    try:
        found = [(p, p.stat().st_mtime) for p in folder.iterdir() if _OURS.fullmatch(p.name)]
    except OSError:  # the folder, or an entry, vanished under a concurrent run
        return
    entries = sorted(
        ((p, mtime) for p, mtime in found if _ENTRY.fullmatch(p.name) and p.name != keep),
        key=lambda item: item[1],
        reverse=True,
    )
    # A temporary file older than an hour belongs to a run that was killed mid-write.
    abandoned = [
        p for p, mtime in found if p.name.startswith(_TMP_PREFIX) and mtime < time.time() - 3600
    ]
    for stale in [p for p, _ in entries[KEEP - 1 :]] + abandoned:
        _remove(stale)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
