"""Problems found in user input, and the exceptions that carry them.

Every problem names its place (``file:line`` where there is one) and says what is wrong
in one line, so that the command line can print it without a traceback.

>>> p = Problem("timeline.yaml", 12, "unknown actor 'stamoss' (did you mean 'stamos'?)")
>>> str(p)
"timeline.yaml:12: unknown actor 'stamoss' (did you mean 'stamos'?)"
>>> str(Problem("timeline.yaml", None, "the file is empty", severity="warning"))
'timeline.yaml: warning: the file is empty'

Every error carries the exit code the command line ends with (:data:`EXIT_CODES`); the command
line maps an error to its code in one place (``kg.cli``), and prints its one line:

>>> TimelineError([Problem("t.yaml", 3, "no events")]).exit_code, UsageError("no such format").exit_code
(1, 2)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

__all__ = ["Problem", "KgError", "TimelineError", "QueryError", "UsageError", "InvalidData", "EXIT_CODES",
           "did_you_mean"]

EXIT_CODES: dict[int, str] = {
    0: "success (for kg validate: valid, warnings allowed)",
    1: "bad data, or a question or query that cannot be answered (one line naming file:line), "
       "or, for kg validate, errors found (or warnings, with --strict)",
    2: "the command was used wrongly: an unknown option or format, a missing file, "
       "a SPARQL query that does not parse or would write or read other data",
}
"""The exit codes of the ``kg`` command line, as its ``--help`` and the README state them."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful, for a warning) with the input, and where."""

    path: str | None
    line: int | None
    message: str
    severity: str = "error"  # "error", "warning" or "note" (worth knowing, not wrong)

    @property
    def place(self) -> str:
        """``file:line``, ``file`` or an empty string."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        kind = f"{self.severity}: " if self.severity in ("warning", "note") else ""
        return f"{self.place}: {kind}{self.message}" if self.place else f"{kind}{self.message}"


class KgError(Exception):
    """Base class of the errors kg raises for bad input; its message is one line.

    ``exit_code`` is the code the command line ends with (:data:`EXIT_CODES`)."""

    exit_code: ClassVar[int] = 1
    multiline: ClassVar[bool] = False  # True: the message's own lines are kept (a parser's report)


class UsageError(KgError):
    """The command or function was used wrongly (a format or option that does not exist, a
    query that does not parse): exit code 2, as for click's own usage errors."""

    exit_code: ClassVar[int] = 2


class InvalidData(KgError):
    """Validation found errors (or warnings, asked to be strict); the message is the summary."""


class TimelineError(KgError):
    """A timeline file cannot be used; ``problems`` lists every error found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid timeline"
        more = len(self.problems) - 1
        suffix = f" (and {more} more; run `kg validate` to see them all)" if more > 0 else ""
        super().__init__(first + suffix)


class QueryError(KgError):
    """A question or SPARQL query cannot be answered as written."""


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """A suffix suggesting the closest known words, or an empty string.

    >>> did_you_mean("stamoss", ["stamos", "sandberg"])
    " (did you mean 'stamos'?)"
    >>> did_you_mean("zzz", ["stamos"])
    ''
    """
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
