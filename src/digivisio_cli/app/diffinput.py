"""The two data files ``diff`` compares: a path, ``bundled`` or ``-`` (standard input)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from digivisio_cli.errors import DataFileError

if TYPE_CHECKING:
    from digivisio_cli.domain.model import Dataset

#: The argument of ``diff`` that names the bundled data file (a file called so: ``./bundled``).
BUNDLED = "bundled"
#: The argument of ``diff`` that reads a data file from standard input.
STDIN = "-"


def diff_input(arg: str, which: str) -> Dataset:
    """The data file ``arg`` (the argument ``which``: OLD or NEW), loaded and validated.

    The loader's error is re-raised as :class:`DiffInputError`: the same report, but exit 2, as
    ``diff`` keeps 1 for "the files differ". An empty argument is said to be empty, not read as
    the current folder.
    """
    from pathlib import Path

    from digivisio_cli.data.matrix import load, parse
    from digivisio_cli.data.source import bundled_data_path, read_standard_input
    from digivisio_cli.errors import DiffInputError, Problem

    try:
        if not arg:
            empty = "is empty; give the path of a data file, 'bundled' or '-'"
            raise DataFileError(which, [Problem(which, None, empty)])
        if arg == STDIN:
            # None when started with standard input closed (0<&-).
            stdin = getattr(sys.stdin, "buffer", None)
            return parse(read_standard_input(stdin, STDIN), STDIN)
        return load(bundled_data_path() if arg == BUNDLED else Path(arg))
    except DataFileError as exc:
        raise DiffInputError(exc) from exc
