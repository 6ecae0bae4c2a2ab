"""Click's own usage errors, made safe to show in a terminal.

Click repeats the offending argument in its messages ("No such command 'x'", "'x' is not one of
…"). A pasted 10,000-character argument would come back whole; :class:`SafeGroup` cuts any such
word short and escapes control and right-to-left characters before Click prints the message.
"""

from __future__ import annotations

import re
from typing import Any

from typer.core import TyperGroup
from typer.exceptions import TyperException

from digivisio_cli.errors import Interrupted
from digivisio_cli.text import MAX_ECHO, printable

_LONG_WORD = re.compile(rf"\S{{{MAX_ECHO + 1},}}")


class SafeGroup(TyperGroup):
    """Typer's command group, whose usage errors pass through :func:`tidy` on their way out."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the group's own options (``--lang``, ``--data``…)."""
        try:
            return super().make_context(*args, **kwargs)
        except TyperException as exc:
            raise tidy(exc) from exc.__cause__
        except KeyboardInterrupt:
            raise Interrupted from None

    def invoke(self, ctx: Any) -> Any:
        """Find the command, parse its arguments and run it."""
        try:
            return super().invoke(ctx)
        except TyperException as exc:
            raise tidy(exc) from exc.__cause__
        except KeyboardInterrupt:
            # Typer's main() would turn Ctrl-C into a silent exit 130, before run() could say
            # "Interrupted.": it leaves the command as an exception Typer does not catch.
            raise Interrupted from None


#: Click's list of extra arguments: "Got unexpected extra argument(s) (a b c …)".
_EXTRA = re.compile(r"(unexpected extra arguments?(?:\(s\))? \()(.*)(\))", re.DOTALL)
#: How many extra arguments the message repeats before it cuts the list short.
MAX_EXTRA = 5


def _fewer(match: re.Match[str]) -> str:
    words = match.group(2).split(" ")
    shown = " ".join(words[:MAX_EXTRA]) + (" …" if len(words) > MAX_EXTRA else "")
    return match.group(1) + shown + match.group(3)


def tidy(exc: TyperException) -> TyperException:
    """``exc`` with every overlong word of its message cut short, a long list of extra arguments
    cut to its first few, and control marks escaped."""
    text = _EXTRA.sub(_fewer, exc.message)
    exc.message = printable(_LONG_WORD.sub(lambda m: m.group()[:MAX_ECHO] + "…", text))
    return exc
