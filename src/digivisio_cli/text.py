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


def quoted(value: object) -> str:
    """A value from a file, in quotes for a message, escaped and cut short if it is long."""
    return f"'{printable(str(value), MAX_ECHO)}'"
