"""Exceptions for callers. Problems *in documents* are :class:`~edikit.vocabulary.Violation`
objects, not exceptions; these are for misuse and for the strict API."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from edikit.vocabulary import Violation


class EdikitError(Exception):
    """Root of every exception edikit raises on purpose."""


class InputError(EdikitError):
    """The input could not be read at all (missing file, permission, unsupported object)."""


class EdiSyntaxError(EdikitError):
    """Raised by ``parse(..., errors="raise" | "first")``; carries what was found."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        self.violations = list(violations)
        first = self.violations[0] if self.violations else None
        message = (
            f"{first.code} {first.message} at {first.location.describe()}"
            if first is not None
            else "invalid X12"
        )
        if len(self.violations) > 1:
            message += f" (and {len(self.violations) - 1} more)"
        super().__init__(message)


class ConfigurationError(EdikitError):
    """Bad options or settings given to edikit."""


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    """One thing wrong in a profile, at its place: ``source`` is the file (or built-in
    profile) and ``line``/``column`` count from 1; both are None for a problem that has no
    place inside a file (a file that does not exist, a rule set's options)."""

    source: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}" if self.source else self.message
        return f"{self.source}:{self.line}:{self.column}: {self.message}"


class ProfileError(ConfigurationError):
    """A retailer profile that cannot be loaded. ``problems`` lists every problem found, each
    with its place; the message is one line per problem (``file:line:column: message``)."""

    def __init__(self, problems: str | ProfileProblem | Iterable[ProfileProblem]) -> None:
        if isinstance(problems, str):
            problems = (ProfileProblem("", problems),)
        elif isinstance(problems, ProfileProblem):
            problems = (problems,)
        self.problems: tuple[ProfileProblem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
