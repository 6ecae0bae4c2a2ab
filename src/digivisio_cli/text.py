"""Terminal-safe echoing of values from files and command lines: a leaf, importing nothing of ours.

Every value a message repeats back (an id, a path, a key, an agency code, an OS error) passes
through :func:`printable`, so that it can neither recolour the terminal nor reorder or split the
line it is shown in, and long values are cut at :data:`MAX_ECHO` characters.
"""

from __future__ import annotations

import unicodedata

#: The longest value (an id, a key, an agency code, a path) a message repeats back in full.
MAX_ECHO = 64

# Unicode categories never shown raw: controls, formats (bidi overrides), surrogates, private
# use, unassigned, and the line and paragraph separators.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def printable(text: str, limit: int | None = None) -> str:
    """``text`` made safe to show in a terminal message.

    Control, format (right-to-left overrides, zero-width marks) and line-separator characters are
    shown as ``\\uXXXX`` escapes. With ``limit``, a longer text is cut there and ends in ``…``.
    """
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _UNSAFE else ch for ch in text
    )


#: The longest path a message repeats back; each file or folder name in it is cut at MAX_ECHO.
MAX_PATH_ECHO = 4 * MAX_ECHO


def printable_path(path: str) -> str:
    """A path made safe to show: every name in it cut at :data:`MAX_ECHO` characters, the whole
    at :data:`MAX_PATH_ECHO` (keeping its end, where the file's own name is), then escaped.

    Cutting names rather than the whole path keeps an ordinary long path readable
    (``/home/…/exports/measures.xlsx``) while a pasted 10,000-character one comes back short.
    """
    names = [name if len(name) <= MAX_ECHO else name[:MAX_ECHO] + "…" for name in path.split("/")]
    shown = "/".join(names)
    if len(shown) > MAX_PATH_ECHO:
        shown = "…" + shown[-(MAX_PATH_ECHO - 1) :]
    return printable(shown)


def quoted(value: object) -> str:
    """A value from a file, in quotes for a message, escaped and cut short if it is long."""
    return f"'{printable(str(value), MAX_ECHO)}'"
