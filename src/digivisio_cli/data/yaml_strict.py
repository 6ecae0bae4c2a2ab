"""The strict YAML reader shared by every document kind: line numbers, no duplicates, no aliases.

PyYAML is used with its C parser when present; construction is our own so that it can reject
duplicate keys (PyYAML keeps the last one silently), refuse aliases (a "billion laughs" file never
expands) and remember the line of every value for the error messages. Every failure is a
:class:`~digivisio_cli.errors.DataFileError` naming the file, the line and, where the text shows
it, the entry (a measure) the line lies in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from digivisio_cli.data.problems import problem
from digivisio_cli.errors import DataFileError, Problem
from digivisio_cli.strings import Ref
from digivisio_cli.text import quoted as _q


class Entries(NamedTuple):
    """Where a document keeps its list of entries, for naming the entry a problem lies in.

    The matrix keeps ``measures:``, each ``- id: 3.1.1.1``; a status log ``entries:``, each
    naming its ``measure:``.
    """

    section: str
    key: str


#: What a value was read as, for "expected text, got a number": label keys, worded per language.
YAML_TYPES: dict[type, str] = {
    dt.date: Ref("type_date"),
    dt.datetime: Ref("type_datetime"),
    bool: Ref("type_bool"),
    int: Ref("type_number"),
    float: Ref("type_number"),
    str: Ref("type_text"),
    list: Ref("type_list"),
    dict: Ref("type_mapping"),
    type(None): Ref("type_null"),
}


# --- decoding -----------------------------------------------------------------------------


def decode(content: bytes, name: str) -> str:
    """A data file's bytes as text, or a DataFileError: empty, UTF-16, binary or not UTF-8."""
    if not content.strip():
        raise DataFileError(name, [problem(name, None, "p_empty")])
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode": UTF-16 (or UTF-32) with a byte-order mark.
        raise DataFileError(name, [problem(name, None, "p_utf16")])
    if b"\x00" in content[:8192]:
        raise DataFileError(name, [problem(name, None, "p_binary")])
    # A byte-order mark, as some Windows editors write, is accepted and dropped (before decoding,
    # so that the place of a bad byte counts from the file's start).
    content = content.removeprefix(b"\xef\xbb\xbf")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise DataFileError(name, [problem(name, line, "p_not_utf8")]) from None


# --- YAML ---------------------------------------------------------------------------------


class Lines:
    """Where each constructed mapping and list, and each of their values, stood in the file."""

    def __init__(self) -> None:
        self.maps: dict[int, tuple[int, dict[Any, int]]] = {}
        self.seqs: dict[int, list[int]] = {}
        self.problems: list[Problem] = []


def _loader_class() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc]
        """SafeLoader that records lines, rejects duplicate keys and refuses aliases."""

        lines: Lines
        source_name: str
        #: Whether a mapping key is being built (its own check reports a key that is no name).
        in_key = False

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                # The same node met twice means an alias (*name): refuse it, so that a
                # billion-laughs file can never expand. The node's mark is its anchor (&name).
                raise _refused(yaml, node, "p_alias")
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as exc:
                # A value that looks like a date or a number but is none (2023-13-45, a number
                # of 5,000 digits): PyYAML lets Python's own error escape; give it a line.
                key, params = _unreadable(node, exc)
                raise _refused(yaml, node, key, **params) from None

        def construct_strict_map(self, node: Any) -> Iterator[dict[Any, Any]]:
            if not isinstance(node, yaml.MappingNode):
                # A tag that does not fit its value (``!!map ab``): checked before the first
                # yield, where construct_object's handler words it, however deep it is built.
                raise ValueError("!!map needs a mapping")
            data: dict[Any, Any] = {}
            yield data
            self.flatten_mapping(node)
            key_lines: dict[Any, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.lines.problems.append(problem(self.source_name, line, "p_key_not_plain"))
                    continue
                self.in_key = True
                try:
                    key = self.construct_object(key_node, deep=True)
                finally:
                    self.in_key = False
                if not isinstance(key, str):
                    # Every key of a data file is a name; YAML reads yes, 1 or ~ as something
                    # else, which would only confuse the schema's messages.
                    kind = YAML_TYPES.get(type(key), type(key).__name__)
                    self.lines.problems.append(
                        problem(
                            self.source_name,
                            line,
                            "p_key_not_name",
                            key=_q(key_node.value),
                            kind=kind,
                        )
                    )
                    continue
                if key in data:
                    self.lines.problems.append(
                        problem(
                            self.source_name,
                            line,
                            "p_duplicate_key",
                            key=_q(key),
                            line=key_lines[key],
                        )
                    )
                    continue
                data[key] = self.construct_object(value_node, deep=True)
                key_lines[key] = line
            self.lines.maps[id(data)] = (node.start_mark.line + 1, key_lines)

        def construct_plain_int(self, node: Any) -> int:
            value: int = self.construct_yaml_int(node)
            if not self.in_key and not _PLAIN_INT.fullmatch(node.value):
                # YAML 1.1 reads 0x1, +1, 01 (octal), 1_0 and 1:30 (base 60) as numbers; a data
                # file writes a whole number one way only, so nobody is surprised by the value.
                self.lines.problems.append(
                    problem(
                        self.source_name,
                        node.start_mark.line + 1,
                        "p_number_form",
                        value=_q(node.value),
                        number=value,
                    )
                )
            return value

        def construct_strict_seq(self, node: Any) -> Iterator[list[Any]]:
            if not isinstance(node, yaml.SequenceNode):
                raise ValueError("!!seq needs a list")
            data: list[Any] = []
            yield data
            data.extend(self.construct_object(child, deep=True) for child in node.value)
            self.lines.seqs[id(data)] = [child.start_mark.line + 1 for child in node.value]

    StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_strict_map)
    StrictLoader.add_constructor("tag:yaml.org,2002:seq", StrictLoader.construct_strict_seq)
    StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_plain_int)
    # Sets, ordered maps, pairs and binary blobs never belong in a data file; a set in
    # particular would slip past the agency checks, which look at lists.
    for tag in ("set", "omap", "pairs", "binary"):
        StrictLoader.add_constructor(f"tag:yaml.org,2002:{tag}", StrictLoader.construct_undefined)
    return StrictLoader


#: A whole number in any form YAML 1.1 reads as one (signs, underscores, leading zeros).
_DIGITS = re.compile(r"[-+]?[0-9][0-9_]*")

#: A whole number as a data file writes it: decimal, no sign but minus, no leading zeros.
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")


def _refused(yaml: Any, node: Any, key: str, **params: object) -> Exception:
    """A YAML error that carries one of our messages (``problem_key``) to :func:`parse_yaml`."""
    error = yaml.constructor.ConstructorError(problem_mark=node.start_mark)
    error.problem_key, error.problem_params = key, params
    return error  # type: ignore[no-any-return]


def _unreadable(node: Any, exc: Exception) -> tuple[str, dict[str, object]]:
    # A mapping or a list tagged as something else has nodes for its value: name its tag.
    value = (
        node.value
        if isinstance(node.value, str)
        else re.sub(r"^tag:yaml\.org,2002:", "!!", node.tag)
    )
    if node.tag.endswith(":timestamp"):
        return "p_bad_date", {"value": _q(value), "detail": str(exc)}
    # Only digits make a number too large to read (Python's limit on the digits of an int); a
    # float never is (it becomes infinity), and "!!int abc" is simply not a number.
    if node.tag.endswith(":int") and _DIGITS.fullmatch(value):
        return "p_number_too_large", {"value": _q(value), "length": len(value)}
    return "p_unreadable", {"value": _q(value), "detail": str(exc)}


def parse_yaml(text: str, name: str, entries: Entries) -> tuple[Any, Lines]:
    """The document in ``text`` and where each of its values stood, or a DataFileError naming
    every problem the strict reader found (``name`` is the file's, ``entries`` names the entry
    a problem lies in)."""
    import yaml

    lines = Lines()
    loader = None
    try:
        # Made inside the handlers: the pure-Python reader checks the characters as it starts.
        loader = _loader_class()(text)
        loader.lines = lines
        loader.source_name = name
        return loader.get_single_data(), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        key, params = _yaml_message(exc, text)
        found = [*lines.problems, problem(name, line, key, **params)]
        raise DataFileError(name, with_entries(found, text, entries)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML forbids (a control character other than tab and line breaks). The
        # text is decoded already, so both of PyYAML's readers give the character's code point;
        # libyaml counts its position in bytes of UTF-8, so the place is found in the text: both
        # readers stop at the first such character.
        at = text.find(chr(exc.character))
        line = len(_LINE_BREAK.findall(text, 0, at if at >= 0 else exc.position)) + 1
        found = [problem(name, line, "p_control_char", code=f"{exc.character:04X}")]
        raise DataFileError(name, with_entries(found, text, entries)) from None
    except yaml.YAMLError as exc:
        raise DataFileError(name, [problem(name, None, "p_yaml", detail=str(exc))]) from None
    except RecursionError:
        raise DataFileError(name, [problem(name, None, "p_too_deep")]) from None
    finally:
        if loader is not None:
            loader.dispose()


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _yaml_message(exc: Any, text: str) -> tuple[str, dict[str, object]]:
    """The key and parameters of the message for a YAML error (PyYAML's own words as detail)."""
    if hasattr(exc, "problem_key"):
        return exc.problem_key, exc.problem_params
    problem = str(exc.problem or exc.context or "not valid YAML")
    if "could not determine a constructor" in problem:
        tag = re.sub(r"^tag:yaml\.org,2002:", "!!", problem.partition("tag")[2].strip(" '"))
        return "p_yaml_tag", {"tag": _q(tag)}
    if "'\\t'" in problem or _tab_in_indentation(exc.problem_mark, text):
        return "p_tab", {}
    if "cannot start any token" in problem and exc.problem_mark is not None:
        char = _char_at(exc.problem_mark, text)
        if char:
            return "p_bad_start", {"char": _q(char)}
    began, found = exc.context_mark, exc.problem_mark
    if (
        exc.problem
        and str(exc.context).startswith("while")
        and began
        and found
        and began.line != found.line
    ):
        # An unclosed bracket or a misindented key: where the broken part began helps.
        return "p_yaml_began", {"detail": f"{exc.context}, {exc.problem}", "line": began.line + 1}
    if exc.context and exc.problem:
        return "p_yaml", {"detail": f"{exc.context}, {exc.problem}"}
    return "p_yaml", {"detail": problem}


def with_entries(problems: list[Problem], text: str, entries: Entries) -> list[Problem]:
    """``problems``, each naming its entry as read from the text (the YAML did not parse)."""
    entry_line = re.compile(rf"""^\s*-\s+{re.escape(entries.key)}:\s*["']?([^"'\s#]+)""")
    section = f"{entries.section}:"
    # Only the lines up to the last problem that needs its entry named are read.
    wanted = [p.line for p in problems if p.line and not p.measure]
    if not wanted:
        return problems
    last = max(wanted)
    # measure_of[n]: the id of the measure entry that line n lies in, if any.
    measure_of: list[str | None] = [None]
    measure = None
    in_measures = False
    for source in _LINE_BREAK.split(text, maxsplit=last)[:last]:
        if source[:1] not in ("", " ", "\t", "-", "#") or source.startswith("---"):
            # A top-level key (or a new document) ends one section and starts another.
            in_measures = source.startswith(section)
            measure = None
        elif in_measures and (entry := entry_line.match(source)):
            measure = entry.group(1)
        measure_of.append(measure)
    return [
        p
        if p.measure or p.line is None or p.line >= len(measure_of) or not measure_of[p.line]
        else dataclasses.replace(p, measure=measure_of[p.line])
        for p in problems
    ]


def _source_line(mark: Any, text: str) -> str:
    if mark is None:
        return ""
    lines = _LINE_BREAK.split(text)
    return lines[mark.line] if 0 <= mark.line < len(lines) else ""


def _tab_in_indentation(mark: Any, text: str) -> bool:
    line = _source_line(mark, text)
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))]


def _char_at(mark: Any, text: str) -> str:
    line = _source_line(mark, text)
    return line[mark.column] if 0 <= mark.column < len(line) else ""
