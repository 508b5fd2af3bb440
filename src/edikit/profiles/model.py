"""The profile format, as a Pydantic model (the JSON Schema for editors is exported from it).

Paths name segments inside a transaction set the way guidelines do: ``BEG``, ``N1[ST]``,
``HL[S]/TD5``, ``N1[ST]/N4``. An element path ends in the element reference: ``BEG03``,
``HL[O]/PRF01``, ``N1[ST]/N104``, or ``HL[S]/REF[BM]02`` (REF02 of the REF whose REF01 is
BM). ``TAG[VALUE]`` selects by the segment's qualifier: HL03 for HL (the level), element 01
for everything else (N101 entity, REF01 qualifier, MAN01, DTM01).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from edikit.quoting import quote
from edikit.vocabulary import Fee, Severity

PATH_PART = re.compile(r"[A-Z][A-Z0-9]{1,2}(?:\[[A-Z0-9]{1,3}\])?")
ELEMENT_PART = re.compile(r"([A-Z][A-Z0-9]{1,2}?)(?:\[([A-Z0-9]{1,3})\])?(\d\d)")
Usage = Literal["required", "optional", "not-used", "situational"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """Where a rule comes from, so an analyst can answer "says who?"."""

    document: str
    section: str | None = None
    url: str | None = None


class Condition(Strict):
    """When a situational rule applies: the first value of ``element`` (an element path) in
    the transaction set is one of ``in``."""

    element: str = Field(description="e.g. BEG02, HL[S]/TD503")
    in_: list[str] = Field(alias="in")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Chargeback(Fee):
    """A chargeback as data: ``amount`` in ``currency`` per ``finding``, ``document`` or
    ``order``, with the guideline's own words in ``note``. The order book's scorecard adds
    these up as exposure (docs/scorecard.md)."""

    note: str | None = Field(default=None, max_length=500)

    @property
    def fee(self) -> Fee:
        return Fee(amount=self.amount, per=self.per, currency=self.currency)

    def describe(self) -> str:
        """The note, else ``25.00 USD per finding``."""
        return self.note or super().describe()


def _chargeback_form(value: object) -> str:
    """A mapping is a chargeback as data; anything else is read as a note."""
    return "data" if isinstance(value, dict | Chargeback) else "note"


# A chargeback's two forms, told apart by shape, so an error names only the one meant.
ChargebackForm = Annotated[
    Annotated[str, Tag("note")] | Annotated[Chargeback, Tag("data")],
    Discriminator(_chargeback_form),
]


class Sourced(Strict):
    """What every profile rule may say of itself: its own ``id`` (the guideline's requirement
    number, shown on each finding), where it comes from, the retailer's charge, and how bad a
    finding is (left out: the code's severity)."""

    id: str | None = Field(
        default=None,
        description="The guideline's number for this requirement (e.g. 4.2.1); findings carry it.",
        min_length=1,
        max_length=40,
    )
    citation: Citation | None = None
    chargeback: ChargebackForm | None = Field(
        default=None,
        description="What the retailer charges when this rule is broken: a note, or "
        "{amount, per, currency, note} that the order book's scorecard adds up.",
    )
    severity: Severity | None = Field(
        default=None, description="Left out: the severity of the finding's code."
    )


class SegmentRule(Sourced):
    """How the guideline uses a segment (or a qualifier-keyed variant such as ``N1[ST]``)."""

    path: str = Field(description="e.g. BEG, N1[ST], HL[S]/TD5, HL[P]/MAN[GM]")
    usage: Usage | None = Field(default=None, description="Left out: as the standard says.")
    when: Condition | None = Field(
        default=None, description="For usage situational: required when this holds."
    )
    max_use: int | None = Field(default=None, ge=1, description="At most this many per loop.")

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        parts = value.split("/")
        if not all(PATH_PART.fullmatch(part) for part in parts):
            raise ValueError(f"{quote(value)} is not a segment path such as HL[S]/TD5 or N1[ST]")
        return value


class ElementRule(Sourced):
    """How the guideline uses an element: requirement, codes, lengths, pattern, case."""

    path: str = Field(description="e.g. BEG03, N1[ST]/N104, HL[O]/PRF01")
    usage: Usage | None = Field(default=None, description="Left out: as the standard says.")
    codes: list[str] | None = Field(default=None, description="The only codes accepted.")
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=1)
    pattern: str | None = Field(
        default=None,
        description="A regular expression (RE2 syntax: no backreferences or lookaround) the "
        "whole value must match.",
    )
    case: Literal["upper"] | None = None
    characters: str | None = Field(
        default=None,
        description="The characters allowed: characters and ranges such as A-Z0-9 .- (a - "
        "first or last is itself; a backslash makes the next character literal).",
        max_length=60,
    )
    table: str | None = Field(default=None, description="A reference table the value must be in.")

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        *context, last = value.split("/")
        if not ELEMENT_PART.fullmatch(last) or not all(PATH_PART.fullmatch(p) for p in context):
            raise ValueError(f"{quote(value)} is not an element path such as BEG03 or N1[ST]/N104")
        return value


class RuleUse(Sourced):
    """A rule of the catalog as the guideline states it: a named rule to switch on or
    parametrize (``use: asn.shapes``, ``with: {allowed: [...]}``), or any code by its number
    (``code: EDI132``) to give it the guideline's id, severity, citation or chargeback."""

    use: str | None = Field(
        default=None, description="A named rule: ctt.counts, asn.shapes, gs1.company_prefix..."
    )
    code: str | None = Field(default=None, description="A code of the catalog: EDI132, EDI501...")
    with_: dict[str, object] = Field(default_factory=dict, alias="with")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_target(self) -> RuleUse:
        if (self.use is None) == (self.code is None):
            raise ValueError("a rule names either use (a named rule) or code (a code), not both")
        if self.code is not None and self.with_:
            raise ValueError("parameters (with) belong to a named rule (use)")
        return self

    @property
    def key(self) -> str:
        """What names this rule in an extends chain: a child's rule replaces its parent's."""
        return f"use:{self.use}" if self.use is not None else f"code:{self.code}"


class TransactionProfile(Strict):
    """What the guideline says about one transaction set."""

    versions: list[str] | None = Field(
        default=None, description="GS08 values (or prefixes) accepted, e.g. [004010VICS]."
    )
    segments: list[SegmentRule] = Field(default_factory=list)
    elements: list[ElementRule] = Field(default_factory=list)


class Party(Strict):
    qualifier: str | None = None
    id: str | None = None


class Envelope(Strict):
    """Expectations on ISA: the retailer's interchange ID (the sender of what it sends you,
    the receiver of what you send it), the control version, the usage indicator."""

    interchange_versions: list[str] | None = Field(default=None, description="ISA12 values.")
    retailer: Party | None = Field(
        default=None, description="The retailer's ISA qualifier and ID, as sender or receiver."
    )
    brand: Party | None = Field(
        default=None,
        description="The ISA qualifier and ID the retailer set you up with, as sender or receiver.",
    )
    usage: list[Literal["P", "T", "I"]] | None = None
    citation: Citation | None = None


class Suppression(Strict):
    code: str
    reason: str = Field(min_length=3, description="Why this finding does not apply here.")


class Profile(Strict):
    """One profile file. ``extends`` names the profile it narrows further."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    example: bool = Field(
        default=False,
        description="An example built from public material, to adapt: not the retailer's "
        "official specification.",
    )
    extends: str | None = None
    citation: Citation | None = None
    envelope: Envelope | None = None
    transactions: dict[Literal["850", "855", "856", "810"], TransactionProfile] = Field(
        default_factory=dict
    )
    rules: list[RuleUse] = Field(default_factory=list)
    tables: dict[str, list[str]] = Field(
        default_factory=dict, description="Reference tables: store numbers, DCs, vendor IDs."
    )
    severities: dict[str, Severity] = Field(
        default_factory=dict, description="Severity overrides by code."
    )
    suppress: list[Suppression] = Field(default_factory=list)
