"""The domain: agencies, themes, goals and measures, as frozen dataclasses.

These classes import nothing heavier than the standard library, so that a command answered from
the validated cache never pays for Pydantic. The loader validates raw YAML into them with a
Pydantic ``TypeAdapter``: the ``__pydantic_config__`` and the ``Annotated`` constraints below are
read by Pydantic and ignored by everything else.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Literal, TypeVar, cast

from digivisio_cli.settings import Lang

__all__ = ["Lang"]

#: The languages a translation may be in (the original is always Finnish).
TranslationLang = Literal["sv", "en"]


class _NonEmpty:
    """Marks text that must not be empty; Pydantic reads it, nothing else does.

    The same as ``annotated_types.MinLen(1)``, without importing that package (and the modules
    it pulls in) on every run: the hook below runs only when the loader builds its validator.
    """

    @staticmethod
    def __get_pydantic_core_schema__(source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["min_length"] = 1
        return schema


Text = Annotated[str, _NonEmpty()]


class _Exact:
    """Marks a value that must already be of its type: Pydantic's strict mode for that field.

    Lax mode would take ``true`` or ``3.0`` for a whole number, ``"3"`` for a footnote number and
    a Unix timestamp or a quoted text for a date (docs/data.md, "Types").
    """

    @staticmethod
    def __get_pydantic_core_schema__(source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["strict"] = True
        return schema


WholeNumber = Annotated[int, _Exact()]
Date = Annotated[_dt.date, _Exact()]

# NOTE: a plain dict, not pydantic.ConfigDict, so that importing this module stays cheap.
_STRICT = {"extra": "forbid", "str_strip_whitespace": False}


def _plain_text_is_english(value: Any) -> Any:
    # A note written as a plain string (every data file before fi/sv notes existed) is English.
    return {"en": value} if isinstance(value, str) else value


@dataclass(frozen=True)
class OwnText:
    """A text digivisio wrote itself (a note): English, with Finnish and Swedish versions.

    English is the original; ``fi`` and ``sv`` are translations made for digivisio. In a data
    file it is a mapping ``{en: ..., fi: ..., sv: ...}``, or a plain string, read as English.
    """

    __pydantic_config__ = _STRICT
    en: Text
    fi: Text | None = None
    sv: Text | None = None

    def get(self, lang: Lang) -> tuple[str, Lang]:
        """The text in ``lang`` and the language it is really in (English where none exists)."""
        found = getattr(self, lang)
        return (str(found), lang) if found else (self.en, "en")

    def is_translation(self, lang: Lang) -> bool:
        """Whether the text shown in ``lang`` is a translation of the English original."""
        return lang != "en" and getattr(self, lang) is not None


class _PlainIsEnglish:
    """Lets an :class:`OwnText` field be written as a plain string; Pydantic reads it.

    A marker on the field, not a hook on the class: Pydantic shares one definition of a class
    among all its uses, and would drop a wrapper made there from all but the first.
    """

    @staticmethod
    def __get_pydantic_core_schema__(source: Any, handler: Any) -> Any:
        # A "function-before" core schema written as the plain dict it is, so that this module
        # never imports pydantic_core; Pydantic calls this only when the loader builds a validator.
        return {
            "type": "function-before",
            "function": {"type": "no-info", "function": _plain_text_is_english},
            "schema": handler(source),
        }


#: A note field: a mapping {en, fi, sv}, or a plain string (English).
Note = Annotated[OwnText, _PlainIsEnglish()]


def _english_if_plain(obj: object, name: str) -> None:
    # Code that builds the model directly (a test, a script) may still pass a plain string.
    value = getattr(obj, name)
    if isinstance(value, str):
        object.__setattr__(obj, name, OwnText(value))


@dataclass(frozen=True)
class Names:
    """An agency's official name in each of the three languages."""

    __pydantic_config__ = _STRICT
    fi: Text
    sv: Text
    en: Text

    def get(self, lang: Lang) -> str:
        """The name in ``lang``."""
        return str(getattr(self, lang))


@dataclass(frozen=True)
class AgencyNote:
    """A dated remark on an agency that is not a fact of the document (a reform, a rename)."""

    __pydantic_config__ = _STRICT
    as_of: Text
    text: Note
    source: str | None = None

    def __post_init__(self) -> None:
        _english_if_plain(self, "text")


@dataclass(frozen=True)
class Succession:
    """Another agency carries this one's measures from a date on (a merger), and the source.

    ``since`` is the first day of the successor's responsibility. Not a fact of the document:
    what became of an agency after the document named it (docs/data.md, *Succession*).
    """

    __pydantic_config__ = _STRICT
    agency: Text
    since: _dt.date
    source: Text
    url: str | None = None
    note: LocalText | None = None


@dataclass(frozen=True)
class Agency:
    """An organisation that carries measures: OKM, OPH, Karvi."""

    __pydantic_config__ = _STRICT
    code: Text
    names: Names
    abbreviations: tuple[Text, ...] = ()
    notes: tuple[AgencyNote, ...] = ()
    successor: Succession | None = None
    #: The abbreviation a reader of that language expects instead of the code (sv: UKM, NCU).
    short_names: dict[Lang, Text] = field(default_factory=dict)

    def short(self, lang: Lang) -> str:
        """What stands for the agency in a text in ``lang``: its abbreviation there, or the code."""
        return self.short_names.get(lang) or self.code


@dataclass(frozen=True)
class TitleTranslation:
    """An unofficial translation of a theme's or goal's title and description."""

    __pydantic_config__ = _STRICT
    title: Text
    description: Text | None = None


_T = TypeVar("_T")


def _translation_into(translations: Mapping[TranslationLang, _T], lang: Lang) -> _T | None:
    """The translation into ``lang``, or None: Finnish, the original's language, is never a key
    (the schema allows only sv and en), so it finds none without a case of its own."""
    return cast(Mapping[str, _T], translations).get(lang)


class _Titled:
    """A theme's or goal's title and description in a language (no fields of its own)."""

    title: str
    description: str
    unofficial_translations: dict[TranslationLang, TitleTranslation]

    def title_in(self, lang: Lang) -> str:
        """The title in ``lang``, falling back to the Finnish original."""
        tr = _translation_into(self.unofficial_translations, lang)
        return tr.title if tr else self.title

    def description_in(self, lang: Lang) -> str:
        """The description in ``lang``, falling back to the Finnish original."""
        tr = _translation_into(self.unofficial_translations, lang)
        return tr.description if tr and tr.description else self.description


@dataclass(frozen=True)
class Theme(_Titled):
    """One of the three themes of section 3 (3.1–3.3)."""

    __pydantic_config__ = _STRICT
    id: Text
    title: Text
    description: Text
    unofficial_translations: dict[TranslationLang, TitleTranslation] = field(default_factory=dict)


@dataclass(frozen=True)
class Goal(_Titled):
    """One of the ten goals (3.1.1–3.3.3), under a theme."""

    __pydantic_config__ = _STRICT
    id: Text
    theme: Text
    title: Text
    description: Text
    unofficial_translations: dict[TranslationLang, TitleTranslation] = field(default_factory=dict)


@dataclass(frozen=True)
class MeasureTranslation:
    """An unofficial translation of a measure's text."""

    __pydantic_config__ = _STRICT
    text: Text


@dataclass(frozen=True)
class Measure:
    """One measure under a goal, with the agencies that carry it.

    ``responsible`` holds the agencies that carry the measure (two for a joint subject, none for
    a passive sentence that names none); ``partners`` the agencies named as collaborators;
    ``mentioned`` agencies named only in passing; ``other_parties`` the non-agency collaborators
    as the text names them; ``pending`` whether the source marks it with an asterisk.
    """

    __pydantic_config__ = _STRICT
    id: Text
    goal: Text
    text: Text
    responsible: tuple[Text, ...]
    pending: bool
    partners: tuple[Text, ...] = ()
    mentioned: tuple[Text, ...] = ()
    other_parties: tuple[Text, ...] = ()
    note: Note | None = None
    unofficial_translations: dict[TranslationLang, MeasureTranslation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _english_if_plain(self, "note")

    def translation(self, lang: Lang) -> str | None:
        """The unofficial translation in ``lang``, or None (always None for Finnish)."""
        tr = _translation_into(self.unofficial_translations, lang)
        return tr.text if tr else None

    def text_in(self, lang: Lang) -> str:
        """The text in ``lang`` where a translation exists, else the Finnish original."""
        return self.translation(lang) or self.text

    def agencies(self) -> tuple[str, ...]:
        """Every agency with a role (responsible first, then partners), without repeats."""
        return tuple(dict.fromkeys(self.responsible + self.partners))


@dataclass(frozen=True)
class LocalText:
    """A short text in Finnish with optional renderings in Swedish and English."""

    __pydantic_config__ = _STRICT
    fi: Text
    sv: Text | None = None
    en: Text | None = None

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, falling back to the Finnish original."""
        return str(getattr(self, lang) or self.fi)


@dataclass(frozen=True)
class Footnote:
    """A footnote of the source document that the data refers to."""

    __pydantic_config__ = _STRICT
    number: WholeNumber
    text: Text
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """Metadata of the source publication."""

    __pydantic_config__ = _STRICT
    title: LocalText
    publisher: Text
    published: Date
    vision: LocalText
    pending_note: LocalText
    translation_note: Note
    url: str | None = None
    footnotes: tuple[Footnote, ...] = ()

    def __post_init__(self) -> None:
        _english_if_plain(self, "translation_note")


@dataclass(frozen=True)
class Dataset:
    """The whole validated data file."""

    __pydantic_config__ = _STRICT
    schema_version: Literal[1]
    document: Document
    agencies: tuple[Agency, ...]
    themes: tuple[Theme, ...]
    goals: tuple[Goal, ...]
    measures: tuple[Measure, ...]

    def goal(self, goal_id: str) -> Goal | None:
        """The goal with this id, or None."""
        return self._goals_by_id.get(goal_id)

    def agency(self, code: str) -> Agency | None:
        """The agency with this code, or None."""
        return self._agencies_by_code.get(code)

    def short(self, code: str, lang: Lang) -> str:
        """The agency ``code`` as a reader of ``lang`` knows it (UKM for OKM in Swedish)."""
        agency = self._agencies_by_code.get(code)
        return agency.short(lang) if agency else code

    @cached_property
    def _agencies_by_code(self) -> dict[str, Agency]:
        return {a.code: a for a in self.agencies}

    @cached_property
    def _goals_by_id(self) -> dict[str, Goal]:
        # Built once: listing 100,000 measures looks up a goal for each of them. (A
        # cached_property writes to the instance's __dict__, which a frozen dataclass allows.)
        return {g.id: g for g in self.goals}
