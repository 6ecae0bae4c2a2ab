"""The one way data gets in: read a YAML file, validate it strictly, return a :class:`Dataset`.

Every failure becomes a :class:`~digivisio_cli.errors.DataFileError` that lists all the problems
found, each with the file, the line and, where there is one, the measure. PyYAML is used with its
C parser when present; construction is our own so that it can reject duplicate keys (PyYAML keeps
the last one silently), refuse aliases (a "billion laughs" file never expands) and remember the
line of every value for the error messages.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from digivisio_cli.errors import MAX_ECHO, DataFileError, Problem, printable
from digivisio_cli.model import Dataset

#: The real data file is about 65 KiB, and 100,000 synthetic measures with translations take
#: 94 MiB (issue 5: the data may grow by orders of magnitude). A file over this limit — a wrong
#: path, a disk image, a log — is refused before it is parsed. A file under it is parsed, which for
#: a file near the limit takes minutes: PyYAML builds a Python object per value.
MAX_BYTES = 256 * 1024 * 1024
ENV_DATA = "DIGIVISIO_DATA"

_ID = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def bundled_data_path() -> Path:
    """The data file shipped inside the package (a checkout's ``data/`` when run from source)."""
    packaged = Path(__file__).parent / "data" / "measures.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "measures.yaml"


def resolve_data_path(path: str | os.PathLike[str] | None) -> Path:
    """The file to load: ``path`` if given, else ``$DIGIVISIO_DATA``, else the bundled data.

    An empty ``path`` (``--data "$UNSET"``) is an error, not a silent switch to the bundled data.
    """
    if path is not None and not os.fspath(path):
        raise DataFileError(
            "--data",
            [Problem("--data", None, "is empty; give the path of a data file, or leave it out")],
        )
    if path:
        return Path(path)
    env = os.environ.get(ENV_DATA)
    return Path(env) if env else bundled_data_path()


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load and validate a data file (see :func:`resolve_data_path`), through the cache."""
    from digivisio_cli import cache

    source = resolve_data_path(path)
    content = read_bytes(source)
    with _collector_paused():
        cached = cache.get(content)
        if cached is not None:
            return cached
        dataset = parse(content, str(source))
        cache.put(content, dataset)
    return dataset


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a DataFileError that says plainly why they cannot be had."""
    name = str(path)
    try:
        if path.is_dir():
            raise DataFileError(name, [Problem(name, None, "is a folder, not a data file")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            # Far over: in MiB; just over: in bytes, so that the two numbers differ visibly.
            shown = f"{size / 2**20:.0f} MiB" if size >= 2 * MAX_BYTES else f"{size:,} bytes"
            raise _too_large(name, f"is {shown}")
        with path.open("rb") as handle:
            return read_stream(handle, name)
    except FileNotFoundError:
        raise DataFileError(name, [Problem(name, None, "no such file")]) from None
    except PermissionError:
        raise DataFileError(name, [Problem(name, None, "permission denied")]) from None
    except OSError as exc:
        raise DataFileError(name, [Problem(name, None, exc.strerror or str(exc))]) from None
    except ValueError:
        # The operating system cannot even look the name up (a NUL character in it).
        raise DataFileError(name, [Problem(name, None, "is not a usable file name")]) from None


def read_stream(stream: BinaryIO, name: str) -> bytes:
    """All of ``stream`` (a file, a pipe, standard input), unless it is over the size limit."""
    content = stream.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        # A pipe or a device reports no size: its length is known only once read.
        raise _too_large(name, f"is over {MAX_BYTES // 2**20} MiB")
    return content


def _too_large(name: str, size: str) -> DataFileError:
    return DataFileError(
        name,
        [
            Problem(
                name,
                None,
                f"{size}, larger than any data file could be "
                f"(the limit is {MAX_BYTES // 2**20} MiB); not read",
            )
        ],
    )


def _q(value: object) -> str:
    """A value from the file, quoted for a message and cut short if it is long."""
    return f"'{printable(str(value), MAX_ECHO)}'"


def parse(content: bytes, name: str = "<data>") -> Dataset:
    """Validate a data file's bytes into a Dataset, or raise DataFileError with every problem."""
    with _collector_paused():
        return _parse(content, name)


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Parsing creates millions of objects and no reference cycles; the cyclic collector would
    # walk the growing heap again and again (half the time at 10,000 measures, and worse than
    # linear growth beyond). Reference counting still frees everything it would.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(content: bytes, name: str) -> Dataset:
    text = _decode(content, name)
    raw, lines = _parse_yaml(text, name)
    locate = _Locator(raw, lines, name)
    problems = [
        p if p.measure else Problem(p.file, p.line, p.message, locate.measure_at(p.line))
        for p in lines.problems
    ]
    if not isinstance(raw, dict):
        problems.append(
            Problem(
                name,
                1,
                "the file must be a mapping with the keys "
                "schema_version, document, agencies, themes, goals, measures",
            )
        )
        raise DataFileError(name, problems)
    dataset, schema_problems = _validate_schema(raw, locate)
    problems.extend(schema_problems)
    problems.extend(_semantic_problems(raw, locate))
    if problems or dataset is None:
        problems.sort(key=lambda p: p.line or 0)
        raise DataFileError(name, _dedupe(problems))
    return dataset


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


# --- decoding -------------------------------------------------------------------------------


def _decode(content: bytes, name: str) -> str:
    if not content.strip():
        raise DataFileError(name, [Problem(name, None, "the file is empty")])
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode": UTF-16 (or UTF-32) with a byte-order mark.
        raise DataFileError(
            name, [Problem(name, None, "is UTF-16 text, not UTF-8 (save it as UTF-8)")]
        )
    if b"\x00" in content[:8192]:
        raise DataFileError(name, [Problem(name, None, "is a binary file, not YAML text")])
    try:
        # utf-8-sig: a byte-order mark, as some Windows editors write, is accepted and dropped.
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        raise DataFileError(
            name, [Problem(name, line, "is not valid UTF-8 text (save it as UTF-8)")]
        ) from None


# --- YAML with line numbers, no duplicate keys, no aliases ----------------------------------


class _Lines:
    """Where each constructed mapping and list, and each of their values, stood in the file."""

    def __init__(self) -> None:
        self.maps: dict[int, tuple[int, dict[Any, int]]] = {}
        self.seqs: dict[int, tuple[int, list[int]]] = {}
        self.problems: list[Problem] = []


def _loader_class() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc]
        """SafeLoader that records lines, rejects duplicate keys and refuses aliases."""

        lines: _Lines
        source_name: str

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                # The same node met twice means an alias (*name): refuse it, so that a
                # billion-laughs file can never expand. The node's mark is its anchor (&name).
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "YAML anchors and aliases (&name, *name) are not allowed in a data file; "
                    "write the value out",
                    node.start_mark,
                )
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as exc:
                # A value that looks like a date or a number but is none (2023-13-45, a number
                # of 5,000 digits): PyYAML lets Python's own error escape; give it a line.
                raise yaml.constructor.ConstructorError(
                    None, None, _unreadable(node, exc), node.start_mark
                ) from None

        def construct_strict_map(self, node: Any) -> Iterator[dict[Any, Any]]:
            data: dict[Any, Any] = {}
            yield data
            self.flatten_mapping(node)
            key_lines: dict[Any, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.lines.problems.append(
                        Problem(self.source_name, line, "a mapping key must be a plain value")
                    )
                    continue
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    # Every key of a data file is a name; YAML reads yes, 1 or ~ as something
                    # else, which would only confuse the schema's messages.
                    kind = _YAML_TYPES.get(type(key), type(key).__name__)
                    self.lines.problems.append(
                        Problem(
                            self.source_name,
                            line,
                            f"the key {_q(key_node.value)} is read as {kind}, not a name; "
                            "keys are names such as text or id",
                        )
                    )
                    continue
                if key in data:
                    self.lines.problems.append(
                        Problem(
                            self.source_name,
                            line,
                            f"duplicate key {_q(key)} (first at line {key_lines[key]}); "
                            "YAML would silently keep only one of them",
                        )
                    )
                    continue
                data[key] = self.construct_object(value_node, deep=True)
                key_lines[key] = line
            self.lines.maps[id(data)] = (node.start_mark.line + 1, key_lines)

        def construct_strict_seq(self, node: Any) -> Iterator[list[Any]]:
            data: list[Any] = []
            yield data
            data.extend(self.construct_object(child, deep=True) for child in node.value)
            self.lines.seqs[id(data)] = (
                node.start_mark.line + 1,
                [child.start_mark.line + 1 for child in node.value],
            )

    StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_strict_map)
    StrictLoader.add_constructor("tag:yaml.org,2002:seq", StrictLoader.construct_strict_seq)
    # Sets, ordered maps, pairs and binary blobs never belong in a data file; a set in
    # particular would slip past the agency checks, which look at lists.
    for tag in ("set", "omap", "pairs", "binary"):
        StrictLoader.add_constructor(f"tag:yaml.org,2002:{tag}", StrictLoader.construct_undefined)
    return StrictLoader


def _unreadable(node: Any, exc: Exception) -> str:
    value = str(getattr(node, "value", ""))
    if node.tag.endswith(":timestamp"):
        return f"{_q(value)} is not a valid date ({exc})"
    if node.tag.endswith((":int", ":float")):
        return f"the number {_q(value)} is too large to be read ({len(value)} characters)"
    return f"the value {_q(value)} cannot be read ({exc})"


def _parse_yaml(text: str, name: str) -> tuple[Any, _Lines]:
    import yaml

    lines = _Lines()
    loader = _loader_class()(text)
    loader.lines = lines
    loader.source_name = name
    try:
        return loader.get_single_data(), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        found = [*lines.problems, Problem(name, line, _yaml_message(exc, text))]
        raise DataFileError(name, _with_measures(found, text)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML forbids (a control character other than tab and line breaks).
        line = len(_LINE_BREAK.findall(text, 0, exc.position)) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"the control character U+{ord(char):04X} is not allowed in YAML text; delete it"
        raise DataFileError(name, _with_measures([Problem(name, line, message)], text)) from None
    except yaml.YAMLError as exc:
        raise DataFileError(name, [Problem(name, None, f"not valid YAML: {exc}")]) from None
    except RecursionError:
        raise DataFileError(
            name, [Problem(name, None, "is nested too deeply to be a data file")]
        ) from None
    finally:
        loader.dispose()


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _yaml_message(exc: Any, text: str) -> str:
    problem = str(exc.problem or exc.context or "not valid YAML")
    if "could not determine a constructor" in problem:
        tag = re.sub(r"^tag:yaml\.org,2002:", "!!", problem.split("tag", 1)[-1].strip(" '"))
        return f"the YAML tag {_q(tag)} is not allowed in a data file (only plain values)"
    if "'\\t'" in problem or _tab_in_indentation(exc.problem_mark, text):
        return "a tab character: YAML indentation must use spaces, not tabs"
    if "cannot start any token" in problem and exc.problem_mark is not None:
        char = _char_at(exc.problem_mark, text)
        if char:
            return f"not valid YAML: a value cannot start with {_q(char)}; put the value in quotes"
    began, found = exc.context_mark, exc.problem_mark
    if (
        exc.problem
        and str(exc.context).startswith("while")
        and began
        and found
        and began.line != found.line
    ):
        # An unclosed bracket or a misindented key: where the broken part began helps.
        return f"not valid YAML: {exc.context}, {exc.problem} (it began at line {began.line + 1})"
    if exc.context and exc.problem:
        return f"not valid YAML: {exc.context}, {exc.problem}"
    return f"not valid YAML: {problem}"


_MEASURE_ENTRY = re.compile(r"""^\s*-\s+id:\s*["']?([^"'\s#]+)""")


def _with_measures(problems: list[Problem], text: str) -> list[Problem]:
    """``problems``, each naming its measure as read from the text (the YAML did not parse)."""
    last = max((p.line or 0 for p in problems if not p.measure), default=0)
    if not last:
        return problems
    # measure_of[n]: the id of the measure entry that line n lies in, if any.
    measure_of: list[str | None] = [None]
    measure = None
    in_measures = False
    for source in _LINE_BREAK.split(text, maxsplit=last)[:last]:
        if source[:1] not in ("", " ", "\t", "-", "#") or source.startswith("---"):
            # A top-level key (or a new document) ends one section and starts another.
            in_measures = source.startswith("measures:")
            measure = None
        elif in_measures and (entry := _MEASURE_ENTRY.match(source)):
            measure = entry.group(1)
        measure_of.append(measure)
    return [
        p
        if p.measure or p.line is None or p.line >= len(measure_of) or not measure_of[p.line]
        else Problem(p.file, p.line, p.message, measure_of[p.line])
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


# --- locating problems ----------------------------------------------------------------------


class _Locator:
    """Turns a path into the raw data (``('measures', 3, 'text')``) into a line and a measure."""

    def __init__(self, raw: Any, lines: _Lines, name: str) -> None:
        self.raw = raw
        self.lines = lines
        self.name = name
        self._measure_starts: list[int] = []
        self._measure_ids: list[str | None] = []
        measures = raw.get("measures") if isinstance(raw, dict) else None
        if isinstance(measures, list) and id(measures) in lines.seqs:
            self._measure_starts = lines.seqs[id(measures)][1]
            self._measure_ids = [
                m.get("id") if isinstance(m, dict) and isinstance(m.get("id"), str) else None
                for m in measures
            ]

    def line(self, loc: tuple[Any, ...]) -> int | None:
        """The line of the deepest value along ``loc`` that exists in the file."""
        obj = self.raw
        line: int | None = 1
        for part in loc:
            if isinstance(obj, dict) and id(obj) in self.lines.maps:
                start, keys = self.lines.maps[id(obj)]
                if part not in obj:
                    return start if line is None else max(line, start)
                line = keys.get(part, start)
                obj = obj[part]
            elif isinstance(obj, list) and id(obj) in self.lines.seqs and isinstance(part, int):
                start, items = self.lines.seqs[id(obj)]
                if not 0 <= part < len(obj):
                    return start
                line = items[part]
                obj = obj[part]
            else:
                break
        return line

    def measure_at(self, line: int | None) -> str | None:
        """The id of the measure whose entry holds ``line``, if any."""
        if line is None or not self._measure_starts or line < self._measure_starts[0]:
            return None
        index = bisect.bisect_right(self._measure_starts, line) - 1
        return self._measure_ids[index]

    def problem(self, loc: tuple[Any, ...], message: str) -> Problem:
        """A Problem at ``loc``, naming the measure it lies in."""
        line = self.line(loc)
        measure = None
        if len(loc) >= 2 and loc[0] == "measures" and isinstance(loc[1], int):
            measure = self.measure_at(self.line(loc[:2])) or f"#{loc[1] + 1}"
        return Problem(self.name, line, message, measure)


# --- schema (Pydantic) ------------------------------------------------------------------------


class _LazyAdapter:
    """Builds the Pydantic TypeAdapter on first use: only validating commands pay for it."""

    def __init__(self) -> None:
        self._adapter: Any = None

    def get(self) -> Any:
        if self._adapter is None:
            from pydantic import TypeAdapter

            self._adapter = TypeAdapter(Dataset)
        return self._adapter


_ADAPTER = _LazyAdapter()


def _validate_schema(raw: dict[str, Any], locate: _Locator) -> tuple[Dataset | None, list[Problem]]:
    from pydantic import ValidationError

    try:
        return _ADAPTER.get().validate_python(raw), []
    except ValidationError as exc:
        return None, [
            locate.problem(_clean_loc(err["loc"]), _schema_message(err, raw))
            for err in exc.errors(include_url=False)
            if not _checked_strictly_elsewhere(err)
        ]


def _checked_strictly_elsewhere(err: Any) -> bool:
    # Pydantic's lax bool takes 1 and "yes"; the semantic pass demands true/false and says so.
    return bool(err["loc"] and err["loc"][-1] == "pending" and err["type"] != "missing")


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Pydantic adds '[key]' after a dict key that failed; the key itself is what the file has.
    return tuple(part for part in loc if part != "[key]")


def _follow(raw: Any, loc: tuple[Any, ...]) -> Any:
    obj = raw
    for part in loc:
        try:
            obj = obj[part]
        except (KeyError, IndexError, TypeError):
            return None
    return obj


_YAML_TYPES: dict[type, str] = {
    dt.date: "a date",
    dt.datetime: "a date and time",
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (null)",
}


def _schema_message(err: Any, raw: Any) -> str:
    loc = _clean_loc(err["loc"])
    # Within a list entry (a measure, a goal…) the entry is named separately: show the key path
    # inside it.
    inner = loc[2:] if len(loc) > 2 and isinstance(loc[1], int) else loc
    field = ".".join(str(p) for p in inner if not isinstance(p, int)) or "file"
    kind = err["type"]
    value = _follow(raw, loc)
    got = _YAML_TYPES.get(type(value), type(value).__name__)
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return f"unknown key {_q(loc[-1])}"
    if kind == "string_type":
        hint = ' (put it in quotes, e.g. "3.1")' if isinstance(value, (int, float)) else ""
        return f"{field}: expected text, got {got}{hint}"
    if kind in ("tuple_type", "list_type"):
        return f"{field}: expected a list such as [OKM], got {got}"
    if kind in ("string_too_short",):
        return f"{field}: must not be empty"
    if kind.startswith("dataclass") or kind == "dict_type":
        return f"{field}: expected a mapping of keys, got {got}"
    if kind == "literal_error":
        return f"{field}: must be {err['ctx']['expected']}"
    if kind.startswith("bool"):
        return f"{field}: expected true or false, got {got}"
    if kind.startswith("date"):
        return f"{field}: expected a date such as 2023-04-14"
    if kind.startswith("int"):
        return f"{field}: expected a whole number, got {got}"
    return f"{field}: {err['msg']}"


# --- rules the schema cannot express --------------------------------------------------------


def _semantic_problems(raw: dict[str, Any], locate: _Locator) -> list[Problem]:
    """Ids, references and flags: checked on the raw data so that all problems come at once."""
    out: list[Problem] = []

    def entries(key: str) -> list[tuple[int, dict[str, Any]]]:
        items = raw.get(key)
        if not isinstance(items, list):
            return []
        return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]

    codes: dict[str, int] = {}
    for i, agency in entries("agencies"):
        code = agency.get("code")
        if isinstance(code, str):
            if code in codes:
                out.append(
                    locate.problem(
                        ("agencies", i, "code"), f"agency code {_q(code)} is declared twice"
                    )
                )
            codes[code] = i
    declared = ", ".join(codes) or "none"

    seen_ids: set[str] = set()

    def check_id(key: str, i: int, item: dict[str, Any], parent: str | None, what: str) -> None:
        ident = item.get("id")
        if not isinstance(ident, str):
            return
        if not _ID.match(ident):
            out.append(locate.problem((key, i, "id"), f"id {_q(ident)} is not a dotted number"))
            return
        if ident in seen_ids:
            out.append(locate.problem((key, i, "id"), f"duplicate id {_q(ident)}"))
        seen_ids.add(ident)
        if parent is not None:
            head, _, tail = ident.rpartition(".")
            if head != parent or not tail.isdigit() or int(tail) < 1:
                out.append(
                    locate.problem(
                        (key, i, "id"),
                        f"id {_q(ident)} does not match its {what} {_q(parent)} "
                        f"(expected '{printable(parent, MAX_ECHO)}.<n>')",
                    )
                )

    theme_ids = set()
    for i, theme_entry in entries("themes"):
        check_id("themes", i, theme_entry, None, "")
        if isinstance(theme_entry.get("id"), str):
            theme_ids.add(theme_entry["id"])
    goal_ids = set()
    for i, goal_entry in entries("goals"):
        theme = goal_entry.get("theme")
        if isinstance(theme, str):
            if theme not in theme_ids:
                out.append(
                    locate.problem(("goals", i, "theme"), f"theme {_q(theme)} does not exist")
                )
            check_id("goals", i, goal_entry, theme, "theme")
        if isinstance(goal_entry.get("id"), str):
            goal_ids.add(goal_entry["id"])
    for key in ("themes", "goals"):
        for i, item in entries(key):
            for field in ("title", "description"):
                if isinstance(item.get(field), str) and not item[field].strip():
                    out.append(locate.problem((key, i, field), f"{field}: must not be blank"))

    for i, measure in entries("measures"):
        goal = measure.get("goal")
        if isinstance(goal, str):
            if goal not in goal_ids:
                out.append(
                    locate.problem(("measures", i, "goal"), f"goal {_q(goal)} does not exist")
                )
            check_id("measures", i, measure, goal, "goal")
        text = measure.get("text")
        if isinstance(text, str) and text and not text.strip():
            out.append(locate.problem(("measures", i, "text"), "text: must not be blank"))
        pending = measure.get("pending")
        if "pending" in measure and not isinstance(pending, bool):
            out.append(
                locate.problem(
                    ("measures", i, "pending"),
                    f"pending: expected true or false, got {printable(repr(pending), MAX_ECHO)}",
                )
            )
        roles: dict[str, str] = {}
        for role in ("responsible", "partners", "mentioned"):
            values = measure.get(role)
            if not isinstance(values, list):
                continue
            for j, code in enumerate(values):
                if not isinstance(code, str):
                    continue
                if code not in codes:
                    out.append(
                        locate.problem(
                            ("measures", i, role, j),
                            f"{role}: unknown agency {_q(code)} (declared: {declared})",
                        )
                    )
                elif code in roles:
                    out.append(
                        locate.problem(
                            ("measures", i, role, j),
                            f"{role}: agency {_q(code)} is already listed in {roles[code]}",
                        )
                    )
                roles.setdefault(code, role)

    document = raw.get("document")
    if isinstance(document, dict):
        publisher = document.get("publisher")
        if isinstance(publisher, str) and publisher not in codes:
            out.append(
                locate.problem(
                    ("document", "publisher"),
                    f"publisher: unknown agency {_q(publisher)} (declared: {declared})",
                )
            )
    out.extend(_hidden_characters(raw, locate))
    return out


#: Characters no text of the data may hold: controls other than line break and tab (a terminal
#: would obey ESC and BEL), the bidirectional overrides and isolates (they reorder a line when
#: shown), and the Unicode line and paragraph separators. YAML lets quoted strings spell them
#: (``"\e"``, ``"\u202e"``).
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def _hidden_characters(raw: dict[str, Any], locate: _Locator) -> list[Problem]:
    """A problem for every text that holds a character in :data:`_HIDDEN`."""
    out: list[Problem] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), raw)]
    while stack:  # not recursive: YAML nesting may be deeper than Python's recursion limit
        loc, obj = stack.pop()
        if isinstance(obj, dict):
            stack.extend(((*loc, k), v) for k, v in obj.items())
        elif isinstance(obj, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(obj))
        elif isinstance(obj, str) and (found := _HIDDEN.search(obj)):
            inner = loc[2:] if len(loc) > 2 and isinstance(loc[1], int) else loc
            field = ".".join(str(part) for part in inner if not isinstance(part, int))
            out.append(
                locate.problem(
                    loc,
                    f"{field}: holds the invisible control character "
                    f"U+{ord(found.group()):04X}; delete it",
                )
            )
    return out
