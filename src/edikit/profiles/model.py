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


def _element_path(value: str) -> str:
    *context, last = value.split("/")
    if not ELEMENT_PART.fullmatch(last) or not all(PATH_PART.fullmatch(p) for p in context):
        raise ValueError(f"{quote(value)} is not an element path such as BEG03 or N1[ST]/N104")
    return value


def _segment_or_element_path(value: str) -> str:
    parts = value.split("/")
    if all(PATH_PART.fullmatch(part) for part in parts):
        return value
    return _element_path(value)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """Where a rule comes from, so an analyst can answer "says who?"."""

    document: str
    section: str | None = None
    url: str | None = None


class Condition(Strict):
    """When a rule applies. ``element`` (an element path) is tested against ``in`` (one of
    these values), ``not_in`` (none of them) or ``present`` (has a value, or has none).

    ``match`` says which of its repeats are tested: ``first`` (the first one found, the
    default), ``any`` (at least one) or ``all`` (every one; true when there is none).
    ``scope`` says where they are looked for: ``transaction`` (the whole set, the default),
    ``loop`` (inside each loop the rule checks: the shipment level of ``HL[S]/REF``) or
    ``segment`` (the very segment an element rule checks: another element of it)."""

    element: str = Field(description="e.g. BEG02, HL[S]/TD503, ACK01")
    in_: list[str] | None = Field(default=None, alias="in")
    not_in: list[str] | None = None
    present: bool | None = None
    match: Literal["first", "any", "all"] = "first"
    scope: Literal["transaction", "loop", "segment"] = "transaction"

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("element")
    @classmethod
    def _element(cls, value: str) -> str:
        return _element_path(value)

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [self.in_ is not None, self.not_in is not None, self.present is not None]
        if sum(tests) != 1:
            raise ValueError("a condition tests its element with one of in, not_in or present")
        return self

    def accepts(self, value: str) -> bool:
        """Whether one value (as text) passes the test."""
        if self.in_ is not None:
            return value in self.in_
        if self.not_in is not None:
            return value not in self.not_in
        return bool(value) == self.present


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
        default=None,
        description="situational: required when this holds; any other usage: the rule applies "
        "only when this holds.",
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
    when: Condition | None = Field(
        default=None, description="The rule applies only where this holds."
    )

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        return _element_path(value)


class TextRule(Sourced):
    """A character rule over a whole scope: every element of every transaction set (in a
    profile's ``text``) or of one transaction set (in its ``transactions`` entry), with a
    finding at each element that breaks it. ``except`` leaves out element paths (``PID05``,
    ``N1[ST]/N102``) or whole segments (``MSG``)."""

    case: Literal["upper"] | None = None
    characters: str | None = Field(
        default=None,
        description="The characters allowed, as in an element rule's characters.",
        max_length=60,
    )
    except_: list[str] = Field(default_factory=list, alias="except")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("except_")
    @classmethod
    def _paths(cls, value: list[str]) -> list[str]:
        return [_segment_or_element_path(path) for path in value]

    @model_validator(mode="after")
    def _something(self) -> TextRule:
        if self.case is None and self.characters is None:
            raise ValueError("a text rule says case, characters or both")
        return self


class UniqueRule(Sourced):
    """A value that must not repeat within a scope: ``BIG04`` once per ``group`` (one invoice
    per PO), ``PO101`` once per ``transaction`` (line numbers), ``BSN02`` once per ``file``."""

    element: str = Field(description="An element path: BIG04, PO101, HL[S]/REF[BM]02")
    within: Literal["transaction", "group", "interchange", "file"] = "transaction"

    @field_validator("element")
    @classmethod
    def _element(cls, value: str) -> str:
        return _element_path(value)


class Hierarchy(Sourced):
    """The 856 HL tree as a table: the levels (HL03) each level may stand under, the levels
    each level must have below it, and the shapes each hierarchical structure code (BSN05)
    accepts. Each offending HL is a finding of its own."""

    parents: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Level code: the levels it may stand under (an empty list: only at the top).",
    )
    children: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Level code: the levels each such HL must have directly under it.",
    )
    structures: dict[str, list[str]] = Field(
        default_factory=dict,
        description="BSN05 code: the shapes it accepts (pick-and-pack, standard-carton-pack, "
        "or branches such as S>O>I).",
    )


class Versions(Sourced):
    """The GS08 values (or prefixes) a transaction set may be sent in, as a rule with its own
    id and citation: ``versions: {accept: [004010VICS], id: "2.1"}``."""

    accept: list[str] = Field(min_length=1)


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

    versions: list[str] | Versions | None = Field(
        default=None,
        description="GS08 values (or prefixes) accepted, e.g. [004010VICS], or a rule "
        "{accept: [...], id, citation}.",
    )
    segments: list[SegmentRule] = Field(default_factory=list)
    elements: list[ElementRule] = Field(default_factory=list)
    text: list[TextRule] = Field(default_factory=list)
    unique: list[UniqueRule] = Field(default_factory=list)
    hierarchy: Hierarchy | None = None

    @property
    def version_rule(self) -> Versions | None:
        """``versions`` as a rule (a plain list is a rule without id or citation)."""
        if self.versions is None or isinstance(self.versions, Versions):
            return self.versions
        return Versions(accept=self.versions) if self.versions else None


class Party(Strict):
    """A trading partner's IDs: the ISA qualifier and ID (ISA05/ISA06 as sender, ISA07/ISA08
    as receiver) and its application ID in the functional group (GS02 as sender, GS03 as
    receiver)."""

    qualifier: str | None = None
    id: str | None = None
    application: str | None = Field(default=None, description="GS02/GS03 application ID.")


class Envelope(Sourced):
    """Expectations on ISA and GS: the retailer's and the brand's IDs, the control version,
    the usage indicator.

    ``direction: either`` (the default) accepts each party as sender or receiver.
    ``direction: by-document`` says who sends what: the retailer sends the purchase orders
    (850, GS01 PO), the brand sends the rest (855 PR, 856 SH, 810 IN); each ID is then
    compared in its own element (ISA05/ISA06 and GS02 for the sender, ISA07/ISA08 and GS03
    for the receiver), with a finding at that element."""

    interchange_versions: list[str] | None = Field(default=None, description="ISA12 values.")
    retailer: Party | None = Field(
        default=None, description="The retailer's ISA qualifier and ID, as sender or receiver."
    )
    brand: Party | None = Field(
        default=None,
        description="The ISA qualifier and ID the retailer set you up with, as sender or receiver.",
    )
    usage: list[Literal["P", "T", "I"]] | None = None
    direction: Literal["either", "by-document"] = "either"


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
    text: list[TextRule] = Field(
        default_factory=list, description="Character rules for every transaction set."
    )
    tables: dict[str, list[str]] = Field(
        default_factory=dict, description="Reference tables: store numbers, DCs, vendor IDs."
    )
    severities: dict[str, Severity] = Field(
        default_factory=dict, description="Severity overrides by code."
    )
    suppress: list[Suppression] = Field(default_factory=list)
