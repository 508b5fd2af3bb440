"""A problem found in a document: data, not an exception (DESIGN decision 8)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from edikit.location import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used by ``--fail-on``."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Violation(BaseModel):
    """One finding: a stable ``code``, how bad it is, what to do, and exactly where."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    message: str
    location: Location
    source: str = "standard"
    hint: str | None = None
    citation: str | None = None

    def __str__(self) -> str:
        return f"{self.location.describe()}: {self.severity.value} {self.code} {self.message}"
