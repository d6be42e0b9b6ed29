"""Small, strict readers for the values of a YAML document, collecting problems.

:class:`Checker` reads fields of :class:`~kg.timeline.yamlfile.LineDict` mappings and records a
:class:`~kg.errors.Problem` (with the line) for anything missing, mistyped or unknown,
returning ``None`` so that reading can go on and report every problem in one pass.

>>> from kg.timeline.yamlfile import load_yaml_text
>>> data = load_yaml_text("id: stamos\\nlabel: {ar: ستاموس}\\ncolour: red\\n", "t.yaml")
>>> c = Checker("t.yaml")
>>> c.keys(data, ["id", "label"], "actor")
>>> c.labels(data, "label")
{'ar': 'ستاموس'}
>>> [str(p) for p in c.problems]
["t.yaml:3: unknown key 'colour' in actor", 't.yaml:2: label needs an English text (en)']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from kg.errors import Problem, did_you_mean
from kg.timeline.yamlfile import LineDict, LineList

__all__ = ["Checker", "ID_PATTERN"]

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
"""What an id may look like: it becomes part of an IRI."""


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "text"


class Checker:
    """Reads typed fields and keeps the problems found, each with ``file:line``."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    # -- recording ---------------------------------------------------------------------

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def warn(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, severity="warning"))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    # -- structure ---------------------------------------------------------------------

    def mapping(self, value: Any, line: int, what: str) -> LineDict | None:
        """``value`` if it is a mapping, else record a problem."""
        if isinstance(value, LineDict):
            return value
        self.error(line, f"{what} must be a mapping (key: value lines), not {_kind(value)}")
        return None

    def items(self, data: LineDict, key: str, what: str) -> list[tuple[LineDict, int]]:
        """The mappings listed under ``key`` (absent means none), with their lines."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.error(data.line_of(key), f"{key} must be a list (lines starting with '- ')")
            return []
        found = []
        for index, item in enumerate(value):
            mapping = self.mapping(item, value.line_of(index), f"each entry of {key}")
            if mapping is not None:
                found.append((mapping, value.line_of(index)))
        return found

    def keys(
        self, data: LineDict, allowed: Iterable[str], what: str, required: Iterable[str] = ()
    ) -> None:
        """Record unknown keys (except ``x-`` extensions) and missing required ones."""
        allowed = list(allowed)
        for key in data:
            if isinstance(key, str) and key.startswith("x-"):
                continue
            if key not in allowed:
                hint = did_you_mean(str(key), allowed)
                self.error(data.line_of(key), f"unknown key {key!r} in {what}{hint}")
        for key in required:
            if key not in data:
                self.error(data.line, f"{what} is missing {key!r}")

    # -- scalars -----------------------------------------------------------------------

    def text(self, data: LineDict, key: str, *, required: bool = False) -> str | None:
        """A non-empty string."""
        if key not in data or data[key] is None:
            if required:
                self.error(data.line, f"missing {key!r}")
            return None
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            self.error(data.line_of(key), f"{key} must be non-empty text, not {_kind(value)}")
            return None
        return value.strip()

    def scalar_text(self, value: Any, line: int, what: str) -> str | None:
        """Text, also accepting what YAML reads as a number or date (``2015``, ``2016-11-08``)."""
        if isinstance(value, bool) or value is None:
            self.error(line, f"{what} must be text, not {_kind(value)}")
            return None
        if isinstance(value, (dt.date, int)):
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
        hint = " (quote EDTF sets in YAML: '[2018-03-18,2018-03-19]')" if isinstance(value, list) else ""
        self.error(line, f"{what} must be text, not {_kind(value)}{hint}")
        return None

    def ident(self, data: LineDict, key: str = "id", *, required: bool = True) -> str | None:
        """An id: letters, digits, '-', '_' or '.', starting with a letter or digit."""
        value = data.get(key)
        if value is None:
            if required:
                self.error(data.line, f"missing {key!r}")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(data.line_of(key), f"{key} must be an id, not {_kind(value)}")
            return None
        value = str(value)
        if not ID_PATTERN.match(value):
            self.error(
                data.line_of(key),
                f"{key} {value!r} is not a valid id (letters, digits, '-', '_', '.'; no spaces)",
            )
            return None
        return value

    def ident_list(self, data: LineDict, key: str, *, required: bool = False) -> tuple[str, ...]:
        """A list of ids; a single id is accepted as a list of one."""
        value = data.get(key)
        if value is None:
            if required:
                self.error(data.line, f"missing {key!r}")
            return ()
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list):
            self.error(data.line_of(key), f"{key} must be a list of ids, not {_kind(value)}")
            return ()
        out = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (str, int)) or not ID_PATTERN.match(str(item)):
                self.error(data.line_of(key), f"{key} must list ids, not {item!r}")
                continue
            out.append(str(item))
        if required and not out:
            self.error(data.line_of(key), f"{key} must name at least one id")
        return tuple(out)

    def boolean(self, data: LineDict, key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.error(data.line_of(key), f"{key} must be true or false, not {value!r}")
            return default
        return value

    def integer(self, data: LineDict, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            self.error(data.line, f"missing {key!r}")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.error(data.line_of(key), f"{key} must be a whole number >= 0, not {value!r}")
            return None
        return value

    def date(self, data: LineDict, key: str) -> dt.date | None:
        """A calendar date written YYYY-MM-DD."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.error(data.line_of(key), f"{key} must be a date YYYY-MM-DD, not {value!r}")
            return None

    def timestamp(self, data: LineDict, key: str) -> dt.date | dt.datetime | None:
        """A date (YYYY-MM-DD) or a date and time with its zone (YYYY-MM-DDThh:mm:ssZ)."""
        value = data.get(key)
        if value is None:
            return None
        text = str(value).strip()
        try:
            if "T" not in text:
                return dt.date.fromisoformat(text)
            stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            self.error(data.line_of(key), f"{key} must be a date or a date and time, not {value!r}")
            return None
        if stamp.tzinfo is None:
            self.error(data.line_of(key), f"{key}: give the time zone (for example {text}Z)")
            return None
        return stamp

    # -- labels ------------------------------------------------------------------------

    def labels(self, data: LineDict, key: str, *, required: bool = True) -> dict[str, str]:
        """``{en: ..., ar: ...}``: text by language; English is required."""
        value = data.get(key)
        if value is None:
            if required:
                self.error(data.line, f"missing {key!r} (text by language, with at least en)")
            return {}
        if isinstance(value, str):
            value = {"en": value}
        mapping = self.mapping(value, data.line_of(key), key)
        if mapping is None:
            return {}
        out: dict[str, str] = {}
        for lang, text in mapping.items():
            if not isinstance(lang, str) or not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", lang):
                self.error(mapping.line_of(lang), f"{key}: {lang!r} is not a language tag such as en or ar")
            elif not isinstance(text, (str, int)) or not str(text).strip():
                self.error(mapping.line_of(lang), f"{key}.{lang} must be non-empty text")
            else:
                out[lang] = str(text).strip()
        if "en" not in out and required:
            self.error(data.line_of(key), f"{key} needs an English text (en)")
        return out

    def alt_labels(self, data: LineDict, key: str = "alt_labels") -> dict[str, tuple[str, ...]]:
        """``{en: [..], ar: [..]}``: alternative labels by language."""
        value = data.get(key)
        if value is None:
            return {}
        mapping = self.mapping(value, data.line_of(key), key)
        if mapping is None:
            return {}
        out: dict[str, tuple[str, ...]] = {}
        for lang, texts in mapping.items():
            if isinstance(texts, str):
                texts = [texts]
            if not isinstance(texts, list) or not all(isinstance(t, (str, int)) for t in texts):
                self.error(mapping.line_of(lang), f"{key}.{lang} must be a list of texts")
                continue
            out[str(lang)] = tuple(str(t).strip() for t in texts if str(t).strip())
        return out
