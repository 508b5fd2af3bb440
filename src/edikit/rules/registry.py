"""The rule catalog: every violation code, loaded from data (docs/architecture.md; codes are API,
never reused).

Each code is a folder under ``rules/catalog/`` (see its README): ``rule.yaml`` with the
code's name, title, default severity, fix hint, rationale and acknowledgment codes; its example
documents (``bad.edi`` breaks the rule, ``good.edi`` is the same document fixed, ``case.edi`` a
whole document with the fault planted), which are also its test fixtures; and, for a rule only a
retailer profile switches on, the ``profile.yaml`` the examples assume. ``edikit rule CODE``,
``docs/rules/`` and ``docs/codes.md`` are generated from the catalog.

Acknowledgment codes: ``ta1`` is the TA105 interchange note code (I18), ``ak905`` the
functional group syntax error code (716), ``ak502`` the transaction set syntax error code (718),
``ak304`` the segment syntax error code (720), ``ak403`` the element syntax error code (723).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Final

import yaml

from edikit.location import Location
from edikit.rules.parameters import Parameter
from edikit.vocabulary import Severity, Violation

CATALOG: Final = "catalog"
ACKNOWLEDGMENT_FIELDS: Final = ("ta1", "ak905", "ak502", "ak304", "ak403")
# A rule's example documents, in the order the pages show them.
EXAMPLE_KINDS: Final = ("bad", "good")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


@dataclass(frozen=True, slots=True)
class Rule:
    """One code of the catalog. ``examples`` holds the example documents by kind (``bad``,
    ``good``, ``case``) and ``example_notes`` a description where the example is not a
    document (an empty path, a file in another encoding). ``check`` says how the examples are
    validated: ``as_set`` (the cross-document codes: the file holds the document set) and
    ``event_time`` (the timing rules)."""

    code: str
    name: str
    severity: Severity
    title: str
    hint: str
    ta1: str | None = None
    ak905: str | None = None
    ak502: str | None = None
    ak304: str | None = None
    ak403: str | None = None
    rationale: str = ""
    case: str | None = None
    example_notes: Mapping[str, str] = field(default_factory=dict)
    check: Mapping[str, object] = field(default_factory=dict)
    messages: Mapping[str, str] = field(default_factory=dict)
    profile_rule: str | None = None  # the name a profile uses for it: asn.shapes, timing.invoice
    on_by_default: bool = True  # False: runs only when a profile names it
    parameters: Mapping[str, Parameter] = field(default_factory=dict)
    folder: Traversable | None = field(default=None, compare=False, repr=False)

    @property
    def parameter_defaults(self) -> dict[str, object]:
        return {
            name: parameter.default
            for name, parameter in self.parameters.items()
            if parameter.default is not None
        }

    def example(self, kind: str) -> bytes | None:
        """The example document ``kind`` (``bad``, ``good``, ``case``) as stored, or None."""
        if self.folder is None:
            return None
        path = self.folder / f"{kind}.edi"
        return path.read_bytes() if path.is_file() else None

    def example_document(self, kind: str) -> bytes | None:
        """The example ``kind`` as a whole input: an example written as the transaction sets
        of one group (it starts with ``ST``) is put in the examples' envelope."""
        data = self.example(kind)
        if data is None or not data.startswith(b"ST*"):
            return data
        return in_example_envelope(data.decode("latin-1")).encode("latin-1")

    def example_profile(self) -> Traversable | None:
        """The profile the examples assume (rules that only a profile switches on)."""
        if self.folder is None:
            return None
        path = self.folder / "profile.yaml"
        return path if path.is_file() else None


# The examples' trading partners: the retailer sends purchase orders (and changes), the brand
# everything else, in one group of one interchange.
_RETAILER, _BRAND = "FOOTRETAILER", "STRIDEFOOTWEAR"
_FUNCTIONAL_GROUP: Final = {"850": "PO", "855": "PR", "856": "SH", "810": "IN", "997": "FA"}
_RETAILER_SETS: Final = frozenset({"850", "860"})


def in_example_envelope(sets: str) -> str:
    """The transaction sets ``sets`` (ST..SE, ``~`` and a line break after each segment) in
    one group of one interchange between the examples' brand and retailer."""
    set_id = sets[3:6]
    sender, receiver = (_RETAILER, _BRAND) if set_id in _RETAILER_SETS else (_BRAND, _RETAILER)
    count = sum(1 for line in sets.splitlines() if line.startswith("ST*"))
    group = _FUNCTIONAL_GROUP.get(set_id, "PC")
    segments = [
        f"ISA*00*{'':10}*00*{'':10}*ZZ*{sender:<15}*ZZ*{receiver:<15}*261120*0930*U*00401"
        "*000000042*0*P*>",
        f"GS*{group}*{sender}*{receiver}*20261120*0930*1*X*004010",
        sets.strip().removesuffix("~"),
        f"GE*{count}*1",
        "IEA*1*000000042",
    ]
    return "~\n".join(segments) + "~\n"


def load_rule(folder: Traversable) -> Rule:
    """The rule described by ``folder/rule.yaml``."""
    data = yaml.load((folder / "rule.yaml").read_text("utf-8"), Loader=_Loader)
    acknowledgment = data.get("acknowledgment") or {}
    named = data.get("profile_rule") or {}
    return Rule(
        code=data["code"],
        name=data["name"],
        severity=Severity(data["severity"]),
        title=data["title"],
        hint=data["hint"],
        rationale=data.get("rationale", "").strip(),
        case=data.get("case"),
        example_notes=data.get("example_notes") or {},
        check=data.get("check") or {},
        messages=data.get("messages") or {},
        profile_rule=named.get("use"),
        on_by_default=named.get("on_by_default", True),
        parameters={
            name: Parameter.of(name, spec) for name, spec in (named.get("parameters") or {}).items()
        },
        folder=folder,
        **{key: str(acknowledgment[key]) for key in ACKNOWLEDGMENT_FIELDS if key in acknowledgment},
    )


def catalog_folders(root: Traversable) -> Iterator[Traversable]:
    """The rule folders under ``root`` (each holds a ``rule.yaml``), in code order."""
    entries = sorted(root.iterdir(), key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir() and (entry / "rule.yaml").is_file():
            yield entry


@cache
def _builtin() -> dict[str, Rule]:
    root = resources.files("edikit.rules") / CATALOG
    return {rule.code: rule for rule in map(load_rule, catalog_folders(root))}


REGISTRY: dict[str, Rule] = dict(_builtin())


def get_rule(code: str) -> Rule:
    try:
        return REGISTRY[code]
    except KeyError:
        raise KeyError(f"unknown rule code {code!r}") from None


def make_violation(
    code: str, message: str, location: Location, severity: Severity | None = None
) -> Violation:
    """Build a violation with the registry's severity (unless overridden) and hint for ``code``."""
    rule = REGISTRY[code]
    return Violation(
        code=code,
        severity=severity or rule.severity,
        message=message,
        location=location,
        source=source_of(code),
        hint=rule.hint,
    )


def source_of(code: str) -> str:
    """``standard`` (EDI0xx-EDI3xx), ``business`` (EDI5xx), ``cross-document`` (EDI6xx), or
    ``plugin`` for a code a plugin registered."""
    if not code.startswith("EDI"):
        return "plugin"
    return {"EDI5": "business", "EDI6": "cross-document"}.get(code[:4], "standard")
