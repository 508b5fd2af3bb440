"""The parameters a profile may give a named rule (``asn.shapes``' allowed shapes, a timing
rule's hours), declared in the rule's ``rule.yaml`` and checked when the profile is resolved."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from edikit.io.datatypes import is_digits


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _names(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _digits(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, str | int) and not isinstance(v, bool) and is_digits(str(v)) for v in value
    )


# Each kind: the test a value must pass, and what to tell someone whose value does not.
_KINDS: Final[dict[str, tuple[Callable[[object], bool], str]]] = {
    "names": (_names, "a list of names"),
    "digits": (_digits, "a list of numbers written with digits"),
    "percent": (lambda v: _is_number(v) and 0 <= v <= 100, "a number from 0 to 100"),  # type: ignore[operator]
    "hours": (lambda v: _is_number(v) and v > 0, "a number of hours above 0"),  # type: ignore[operator]
    "hours-or-zero": (lambda v: _is_number(v) and v >= 0, "a number of hours, 0 or more"),  # type: ignore[operator]
    "days": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
        "a whole number of days above 0",
    ),
    "business-days": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "a whole number of business days, 0 or more",
    ),
    "choice": (lambda v: isinstance(v, str), "one of the choices"),
}


@dataclass(frozen=True, slots=True)
class Parameter:
    """One parameter: its ``kind`` (names, digits, percent, hours, hours-or-zero,
    business-days, choice), the ``choices`` of a choice (or of each name of a names list), its
    ``default``, and whether a profile must give it."""

    name: str
    kind: str
    default: object = None
    required: bool = False
    choices: tuple[str, ...] = ()
    description: str = ""

    @classmethod
    def of(cls, name: str, spec: Mapping[str, object]) -> Parameter:
        kind = str(spec["type"])
        if kind not in _KINDS:
            raise ValueError(f"parameter {name}: unknown type {kind!r}")
        choices = spec.get("choices") or ()
        return cls(
            name=name,
            kind=kind,
            default=spec.get("default"),
            required=bool(spec.get("required", False)),
            choices=tuple(str(c) for c in choices) if isinstance(choices, list) else (),
            description=str(spec.get("description", "")),
        )

    def problem(self, value: object) -> str | None:
        """Why ``value`` is not a value of this parameter, or None."""
        test, wanted = _KINDS[self.kind]
        if self.kind == "choice":
            ok = value in self.choices
            wanted = "one of " + ", ".join(self.choices)
        elif self.choices:  # a list of names, each one of the choices
            ok = test(value) and all(v in self.choices for v in value)  # type: ignore[attr-defined]
            wanted = "a list of " + ", ".join(self.choices)
        else:
            ok = test(value)
        return None if ok else f"{self.name} must be {wanted}"
