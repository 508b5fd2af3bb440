"""The words every pipeline stage shares: how bad a finding is (:class:`Severity`), what a stage
found (:class:`Problem`) and the finding a reader sees (:class:`Violation`). Where, is
:class:`~edikit.location.Location` (``location.py``).

A stage that finds something wrong makes a :class:`Problem`: the code, the template arguments
of its message and the place. It does not decide the finding's severity, id or citation: the
:class:`~edikit.rules.ruleset.RuleSet` does, once, through the :data:`Resolve` callable the stage
is given, so that every finding of a code carries its rule's settings whichever stage made it,
and no result is rewritten afterwards. Stages below the rules (io, grammar) import only this
module and ``location.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from edikit.location import Location

# What a message template may be given: text and numbers, nothing that needs the input again.
Argument = str | int | float | None


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used by ``--fail-on``."""
        return _RANKS[self.value]


_RANKS = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a stage found, before its rule is applied.

    ``args`` fill the code's message template (``variant`` picks one when a code has several,
    e.g. EDI105 for a missing and for a malformed element). ``severity`` is the stage's own say
    for this case, where the catalog's default does not fit it (an element read through another
    version's tables is a warning, not an error); a profile's setting still wins. ``rule`` is
    the key of the specific rule that found it (a profile's element rule), when the finding
    belongs to that rule rather than to the code's own.
    """

    code: str
    location: Location
    args: Mapping[str, Argument] = field(default_factory=dict)
    variant: str = "default"
    severity: Severity | None = None
    rule: str | None = None


class ExcerptLine(BaseModel):
    """One segment of an excerpt, as written (cut to a window around the place concerned)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int | None = None
    text: str
    target: bool = False


class Excerpt(BaseModel):
    """The segment a finding is about between its neighbours, for people: ``start`` and
    ``width`` mark the element in the target line's ``text`` (None: no element is named)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lines: tuple[ExcerptLine, ...]
    start: int | None = None
    width: int = 1


# What a fee is counted per: each finding, each document with a finding of the rule, or each
# purchase order whose documents have one (docs/scorecard.md).
FeeBasis = Literal["finding", "document", "order"]


class Fee(BaseModel):
    """What a retailer charges when a rule is broken, as data: ``amount`` in ``currency``
    (ISO 4217) per ``per``. The order book's scorecard adds these up as exposure: an
    estimate of what the findings may cost, not a billed amount."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    per: FeeBasis = "finding"
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")

    @field_validator("amount")
    @classmethod
    def _cents(cls, value: Decimal) -> Decimal:
        return value.quantize(Decimal("0.01"))

    def describe(self) -> str:
        """``25.00 USD per finding``."""
        return f"{self.amount:.2f} {self.currency} per {self.per}"


class Violation(BaseModel):
    """One finding: a stable ``code``, the ``rule_id`` of the rule that made it (the code
    itself, or the id a profile gives its rule, such as a guide's requirement ``4.2.1``), how
    bad it is, what to do, and exactly where. ``args`` are the message's template arguments,
    for tools that read findings without parsing the text (acknowledgments, dashboards)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    message: str
    location: Location
    rule_id: str | None = None
    source: str = "standard"
    args: dict[str, Argument] = {}
    hint: str | None = None
    citation: str | None = None
    chargeback: str | None = None  # the profile's note (or its fee, described)
    fee: Fee | None = None  # the profile's structured chargeback
    excerpt: Excerpt | None = None

    @property
    def id(self) -> str:
        """The rule id reports show: the profile's id for its rule, else the code."""
        return self.rule_id or self.code

    def __str__(self) -> str:
        return f"{self.location.describe()}: {self.severity.value} {self.code} {self.message}"


# How a stage turns what it found into a finding: the RuleSet's resolver, or None when the
# rule set leaves the finding out (a code not selected, or suppressed by the profile).
Resolve = Callable[[Problem], Violation | None]
