"""The one store every document kind is loaded through: read, hash once, ask the cache, parse, put.

A kind (:class:`DocumentKind`) brings its model and its parser; the store brings the rest, the
same for all: the bounded read, the cache-aside keyed on the content, and the garbage-collector
policy (paused while a document is built, and what was loaded exempted from it afterwards).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class DocumentKind(Generic[T]):
    """A kind of data file: its name (part of the cache key), its model and its parser.

    ``parse`` turns a file's bytes into a validated ``model`` or raises DataFileError with every
    problem; the store calls it only on a cache miss.
    """

    def __init__(self, name: str, model: type[T], parse: Callable[[bytes, str], T]) -> None:
        self.name = name
        self.model = model
        self.parse = parse


def load(kind: DocumentKind[T], path: Path) -> T:
    """The validated document at ``path``: from the cache when these bytes were seen before."""
    # Imported here: run() imports this module for release(), which even --help reaches.
    from digivisio_cli.data import cache
    from digivisio_cli.data.source import read_bytes

    content = read_bytes(path)
    with collector_paused():
        key = cache.key(content, kind.name)
        cached = cache.lookup(key, kind.model)
        if cached is not None:
            return cached
        value = kind.parse(content, str(path))
        cache.store(key, value)
    return value


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is built.

    Parsing creates millions of objects and no reference cycles; the cyclic collector would walk
    the growing heap again and again (half the time at 10,000 measures, and worse than linear
    growth beyond). Reference counting still frees everything it would.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: Whether :func:`keep_out_of_collector` froze the collector's view of the heap.
_froze = False


def keep_out_of_collector() -> None:
    """Exempt everything loaded so far from the cyclic collector, until :func:`release`.

    The data lives until the command ends and holds no cycles; the collector would otherwise walk
    100,000 measures again and again while rows are built. A program that froze objects itself is
    left alone.
    """
    global _froze
    if gc.get_freeze_count() == 0:
        gc.freeze()
        _froze = True


def release() -> None:
    """Undo :func:`keep_out_of_collector` (when the command ends)."""
    global _froze
    if _froze:
        gc.unfreeze()
        _froze = False
