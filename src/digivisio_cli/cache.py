"""A cache of validated datasets: after the first run, a command skips YAML and Pydantic.

An entry is keyed on the data file's *content* (not its path or modification time), the package
version and the code that validates, so an edited file, an upgrade or an edited loader can never
be answered from a stale entry. Entries live in the user's cache folder
(``$DIGIVISIO_CACHE_DIR``, else the platform's cache folder + ``digivisio``) and are written
atomically, so concurrent runs at worst compute the same entry twice. Anything wrong with the
cache — a corrupt or truncated entry, a folder that cannot be created or written — only costs
speed: :func:`get` misses and :func:`put` does nothing. ``DIGIVISIO_CACHE=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path

from digivisio_cli import __version__
from digivisio_cli.model import Dataset

ENV_SWITCH = "DIGIVISIO_CACHE"
ENV_DIR = "DIGIVISIO_CACHE_DIR"
#: Entries kept; older ones are removed when a new one is written.
KEEP = 8
_SUFFIX = ".pickle"
_MAGIC = "digivisio-cache-1"


def cache_dir() -> Path | None:
    """The folder of the cache, or None when the cache is turned off."""
    if os.environ.get(ENV_SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # The XDG spec says a relative value is invalid and must be ignored.
        base = xdg if os.path.isabs(xdg) else str(Path.home() / ".cache")
    return Path(base) / "digivisio"


def _code_fingerprint() -> str:
    # The code that decides what a valid dataset is. In a released package the version would
    # suffice; in a checkout these files change without a version bump, and an entry made by
    # older code must not be trusted.
    here = Path(__file__).parent
    parts = []
    for name in ("model.py", "loader.py"):
        try:
            st = (here / name).stat()
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("?")
    return ",".join(parts)


def key(content: bytes) -> str:
    """The cache key of a data file's bytes under this version of the code."""
    digest = hashlib.blake2b(content, digest_size=20)
    digest.update(f"\0{__version__}\0{_code_fingerprint()}\0{sys.version_info[:2]}".encode())
    return digest.hexdigest()


def get(content: bytes) -> Dataset | None:
    """The dataset validated earlier from exactly these bytes, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    k = key(content)
    entry = folder / (k + _SUFFIX)
    try:
        with entry.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                # Only trust entries this user wrote: unpickling runs the file's instructions.
                return None
            blob = handle.read()
    except OSError:
        return None
    try:
        magic, stored_key, dataset = pickle.loads(blob)
    except Exception:  # a truncated or corrupt entry is a miss, whatever pickle says
        _remove(entry)
        return None
    if magic != _MAGIC or stored_key != k or not isinstance(dataset, Dataset):
        _remove(entry)
        return None
    return dataset


def put(content: bytes, dataset: Dataset) -> None:
    """Remember ``dataset`` as the validation of ``content`` (silently skipped on any error)."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile

    k = key(content)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        blob = pickle.dumps((_MAGIC, k, dataset), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
    except (OSError, pickle.PicklingError, RecursionError):
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        # Atomic: a concurrent reader sees the old entry, or none, or the whole new one.
        os.replace(tmp, folder / (k + _SUFFIX))
    except OSError:
        _remove(Path(tmp))
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    import time

    try:
        found = [(p, p.stat().st_mtime) for p in folder.iterdir() if p.suffix == _SUFFIX]
    except OSError:  # the folder, or an entry, vanished under a concurrent run
        return
    entries = sorted(
        ((p, mtime) for p, mtime in found if not p.name.startswith(".")),
        key=lambda item: item[1],
        reverse=True,
    )
    # A temporary file older than an hour belongs to a run that was killed mid-write.
    abandoned = [p for p, mtime in found if p.name.startswith(".") and mtime < time.time() - 3600]
    for stale in [p for p, _ in entries[KEEP:]] + abandoned:
        _remove(stale)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
