"""Exceptions for callers. Problems *in documents* are :class:`~edikit.rules.violation.Violation`
objects, not exceptions; these are for misuse and for the strict API."""

from __future__ import annotations

from collections.abc import Sequence
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


class ProfileError(ConfigurationError):
    """A retailer profile that cannot be loaded."""
