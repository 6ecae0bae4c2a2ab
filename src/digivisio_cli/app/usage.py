"""Click's own usage errors, in the reader's language and made safe to show in a terminal.

Click (Typer's copy of it) words its usage errors in English: the ``Usage:`` line, ``Try '…'
for help.``, ``Error:`` and the message. :class:`SafeGroup` catches each one on its way out and
words it again from what the exception holds (the option typed, its suggestions, the parameter
and its choices), through :mod:`digivisio_cli.i18n`, in the language :func:`lang_from_argv`
finds: the one that words every other error too. A kind of error not known here keeps Click's
message inside the reader's frame.

Click repeats the offending argument in its messages ("No such command 'x'", "'x' is not one of
…"). A pasted 10,000-character argument would come back whole; every such word is cut short,
a long list of extra arguments is cut to its first few, and control and right-to-left
characters are escaped before the message is shown.
"""

from __future__ import annotations

import re
from typing import IO, Any

import typer
from typer._click import exceptions as click_errors
from typer._click.core import Context
from typer.core import TyperGroup
from typer.exceptions import TyperException

from digivisio_cli.app.argv import lang_from_argv
from digivisio_cli.errors import Interrupted
from digivisio_cli.i18n import label, message
from digivisio_cli.settings import Lang
from digivisio_cli.strings import Ref
from digivisio_cli.text import MAX_ECHO, printable

_LONG_WORD = re.compile(rf"\S{{{MAX_ECHO + 1},}}")
#: Where the root context keeps the arguments it was given, for the language of a later error.
_ARGV = "digivisio.argv"


class NoSuchCommand(click_errors.UsageError):
    """Click's "No such command 'x'." (a plain UsageError), with the name typed and the names
    Typer suggests for it kept, so that the message can be worded in another language."""

    def __init__(self, text: str, ctx: Context | None, name: str, possibilities: list[str]):
        super().__init__(text, ctx)
        self.command_name = name
        self.possibilities = possibilities


class CommandGroup(TyperGroup):
    """Typer's command group, whose unknown command is a :class:`NoSuchCommand`."""

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        """The command ``args`` name; an unknown one raises :class:`NoSuchCommand`."""
        try:
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as exc:
            if type(exc) is not click_errors.UsageError or not args:
                raise
            if self.get_command(ctx, args[0]) is not None:
                raise
            from difflib import get_close_matches

            near = get_close_matches(args[0], list(self.commands)) if self.suggest_commands else []
            raise NoSuchCommand(exc.message, exc.ctx, args[0], near) from exc.__cause__


class SafeGroup(CommandGroup):
    """The program's group, whose usage errors pass through :func:`tidy` on their way out."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Context | None = None,
        **extra: Any,
    ) -> Context:
        """Parse the group's own options (``--lang``, ``--data``…)."""
        given = list(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except TyperException as exc:
            raise tidy(exc, lang_from_argv(given)) from exc.__cause__
        except KeyboardInterrupt:
            raise Interrupted from None
        ctx.meta[_ARGV] = given
        return ctx

    def invoke(self, ctx: Context) -> Any:
        """Find the command, parse its arguments and run it."""
        try:
            return super().invoke(ctx)
        except TyperException as exc:
            raise tidy(exc, lang_from_argv(ctx.meta.get(_ARGV, []))) from exc.__cause__
        except KeyboardInterrupt:
            # Typer's main() would turn Ctrl-C into a silent exit 130, before run() could say
            # "Interrupted.": it leaves the command as an exception Typer does not catch.
            raise Interrupted from None


#: How many extra arguments the message repeats before it cuts the list short.
MAX_EXTRA = 5
#: Click's message for extra arguments: "Got unexpected extra argument(s) (a b c)".
_EXTRA = re.compile(r"Got unexpected extra argument\(s\) \((.*)\)", re.DOTALL)
_RANGE = re.compile(r"(.*) is not in the range (.*)\.", re.DOTALL)
#: Click's number types, by the name its message gives them, and the label naming them.
_NUMBER_KINDS = {
    "int": "click_int",
    "int range": "click_int_range",
    "float": "click_float",
    "float range": "click_float_range",
}
_CHOOSE_FROM = "Choose from:\n\t"


class WordedUsageError(click_errors.UsageError):
    """A usage error worded in ``lang``: shown as Click shows one, in the reader's words."""

    def __init__(self, text: str, ctx: Context | None, lang: Lang, exit_code: int) -> None:
        super().__init__(text, ctx)
        self.lang = lang
        self.exit_code = exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        """``Usage: …``, ``Try '…' for help.`` and a blank line (with a context), then the
        error, on stderr: Click's layout, in the reader's words."""
        lines = []
        color = self.show_color
        if self.ctx is not None:
            color = self.ctx.color
            lines.append(usage_line(self.ctx, self.lang))
            if self.ctx.command.get_help_option(self.ctx) is not None:
                command = f"{self.ctx.command_path} {self.ctx.help_option_names[0]}"
                lines.append(message("usage_try", self.lang, command=command))
            lines.append("")
        lines.append(message("usage_error", self.lang, text=self.message))
        typer.echo("\n".join(lines), file=file, err=file is None, color=color)


def usage_line(ctx: Context, lang: Lang) -> str:
    """``Usage: digivisio measures [OPTIONS]`` in ``lang``, wrapped as Click wraps it."""
    command = ctx.command
    own = {
        getattr(command, "options_metavar", None): label("usage_options", lang),
        getattr(command, "subcommand_metavar", None): label("usage_command_args", lang),
    }
    pieces = [own.get(piece, piece) for piece in command.collect_usage_pieces(ctx)]
    formatter = ctx.make_formatter()
    formatter.write_usage(ctx.command_path, " ".join(pieces), label("usage_prefix", lang) + " ")
    return formatter.getvalue().rstrip("\n")


def tidy(exc: TyperException, lang: Lang = "en") -> TyperException:
    """``exc`` worded in ``lang``, with every overlong word of its message cut short, a long list
    of extra arguments cut to its first few, and control marks escaped."""
    if isinstance(exc, click_errors.NoArgsIsHelpError):
        return exc  # the help, shown as it is
    if not isinstance(exc, click_errors.UsageError):
        exc.message = safe(exc.message)
        return exc
    text = worded(exc, lang)
    if text is None:
        # A kind of error not known here: Click's words, in the reader's frame.
        return WordedUsageError(safe(exc.format_message()), exc.ctx, lang, exc.exit_code)
    return WordedUsageError(safe(text) + _missing_choices(exc, lang), exc.ctx, lang, exc.exit_code)


def safe(text: str) -> str:
    """``text`` with every word longer than MAX_ECHO cut short, then escaped."""
    return printable(_LONG_WORD.sub(lambda m: m.group()[:MAX_ECHO] + "…", text))


def worded(exc: click_errors.UsageError, lang: Lang) -> str | None:
    """The message of ``exc`` in ``lang``, from what it holds; None for one not known here."""
    if isinstance(exc, NoSuchCommand):
        text = message("usage_no_such_command", lang, command=repr(exc.command_name))
        if exc.possibilities:
            options = ", ".join(repr(m) for m in exc.possibilities)
            count = len(exc.possibilities)
            text += " " + message("usage_did_you_mean_command", lang, options=options, count=count)
        return text
    if isinstance(exc, click_errors.NoSuchOption):
        name = _escaped(exc.option_name)
        if exc.message != f"No such option: {name}":
            return None
        text = message("usage_no_such_option", lang, option=name)
        if exc.possibilities:
            near = ", ".join(sorted(exc.possibilities))
            count = len(exc.possibilities)
            text += " " + message("usage_possible_options", lang, options=near, count=count)
        return text
    if isinstance(exc, click_errors.MissingParameter):
        return _missing(exc, lang)
    if isinstance(exc, click_errors.BadParameter):
        return _bad_value(exc, lang)
    if isinstance(exc, click_errors.BadOptionUsage):
        option = repr(exc.option_name)
        if exc.message == f"Option {option} requires an argument.":
            return message("usage_option_needs_value", lang, option=option)
        if exc.message == f"Option {option} does not take a value.":
            return message("usage_option_takes_no_value", lang, option=option)
        return None
    if type(exc) is click_errors.UsageError:
        if exc.message == "Missing command.":
            return message("usage_missing_command", lang)
        extra = _EXTRA.fullmatch(exc.message)
        if extra:
            words = extra.group(1).split(" ")
            shown = " ".join(words[:MAX_EXTRA]) + (" …" if len(words) > MAX_EXTRA else "")
            return message("usage_extra_arguments", lang, args=shown, count=len(words))
    return None


def _escaped(text: str) -> str:
    """``text`` with control characters as ``\\xNN``, as Click echoes an option typed."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m[0]):02x}", text)


def _hint(exc: click_errors.BadParameter) -> str | None:
    """``'--format' / '-f'``: how Click names the parameter of ``exc``."""
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)  # type: ignore[arg-type]
    if hint is not None and not isinstance(hint, str):
        return " / ".join(repr(x) for x in hint)
    return hint


def _kind(exc: click_errors.BadParameter, default: str | None = None) -> str | None:
    """``argument``, ``option`` or ``parameter``: what kind of parameter ``exc`` is about."""
    if default is None and exc.param is not None:
        return exc.param.param_type_name
    return default


def _missing(exc: click_errors.MissingParameter, lang: Lang) -> str | None:
    hint = _hint(exc)
    kind = _kind(exc, exc.param_type)
    if exc.message or not hint or kind not in ("argument", "option", "parameter"):
        return None
    return message(f"usage_missing_{kind}", lang, name=hint)


def _missing_choices(exc: click_errors.UsageError, lang: Lang) -> str:
    """`` Choose from:\n\ta,\n\tb`` after a missing parameter's message, as the type says it
    (on lines of their own, so not escaped: the choices are the code's, not what was typed)."""
    if not isinstance(exc, click_errors.MissingParameter) or exc.param is None:
        return ""
    extra = exc.param.type.get_missing_message(param=exc.param, ctx=exc.ctx)
    if extra and extra.startswith(_CHOOSE_FROM):
        return " " + message("usage_choose_from", lang, choices=extra[len(_CHOOSE_FROM) :])
    return f" {extra}" if extra else ""


def _bad_value(exc: click_errors.BadParameter, lang: Lang) -> str:
    problem = _problem(exc, lang) or exc.message
    hint = _hint(exc)
    if hint is None:
        return message("usage_invalid_value", lang, problem=problem)
    kind = "argument" if _kind(exc) == "argument" else "option"
    return message(f"usage_invalid_{kind}_value", lang, name=hint, problem=problem)


def _problem(exc: click_errors.BadParameter, lang: Lang) -> str | None:
    """What a parameter's type said of a value, in ``lang``; None for what is not known here."""
    from typer._types import TyperChoice

    kind = exc.param.type if exc.param is not None else None
    text = exc.message
    if isinstance(kind, TyperChoice):
        # Rebuilt from the parameter's own choices, as the type lists them: 'xx' is not one of …
        choices = ", ".join(repr(kind.normalize_choice(c, exc.ctx)) for c in kind.choices)
        tail = f" is not one of {choices}."
        if text.endswith(tail):
            given = text[: -len(tail)]
            return message("usage_not_a_choice", lang, given=given, choices=choices)
    name = getattr(kind, "name", None)
    if isinstance(name, str) and name in _NUMBER_KINDS:
        tail = f" is not a valid {name}."
        if text.endswith(tail):
            what = Ref(_NUMBER_KINDS[name])
            return message("usage_not_a_number", lang, given=text[: -len(tail)], kind=what)
        out = _RANGE.fullmatch(text)
        if out and name.endswith("range"):
            return message("usage_out_of_range", lang, given=out.group(1), range=out.group(2))
    return None
