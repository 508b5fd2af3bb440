"""Delimiters, read from the fixed-width ISA header of each interchange.

Facts (X12.5 interchange control; docs/reading.md): ISA is 106 characters; the element
separator is the character after ``ISA`` and stands at 16 fixed offsets; ISA16 (offset 104) is the
component separator; the segment terminator follows it (offset 105); ISA11 is the repetition
separator from version 00402 on. Real files break the fixed width (short or long ISA06/ISA08,
no-break-space padding, a missing ISA16), so when the fixed offsets do not hold edikit finds the
16 element separators instead, as the peers that read those files do; the envelope checks then
report the width problem (EDI102) instead of refusing the interchange.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

ISA_LENGTH: Final = 106
ISA_ELEMENT_COUNT: Final = 16
SEPARATOR_OFFSETS: Final = (3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103)
ISA_WIDTHS: Final = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)
REPETITION_FROM_VERSION: Final = "00402"
# Far more than any real ISA needs, even with wrong padding: bounds the search for separators.
MAX_ISA_LENGTH: Final = 320


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The separators of one interchange. ``repetition`` is ``None`` before version 00402.

    ``segment`` is one character, except for a terminator that is one UTF-8 encoded symbol,
    kept as its bytes (one character per byte) so that offsets stay byte offsets.
    """

    element: str = "*"
    component: str = ">"
    segment: str = "~"
    repetition: str | None = None

    def reserved(self) -> frozenset[str]:
        """The characters no value may hold: every delimiter (each character of a terminator
        written as several)."""
        chars = {self.element, self.component, *self.segment}
        if self.repetition is not None:
            chars.add(self.repetition)
        return frozenset(chars)

    def conflicts(self) -> list[str]:
        """Why these delimiters cannot be told apart from each other or from data, if they can't."""
        named = {
            "element separator": self.element,
            "component separator": self.component,
            "segment terminator": self.segment,
        }
        if self.repetition is not None:
            named["repetition separator"] = self.repetition
        problems = [
            f"the {name} {char!r} is a letter or digit"
            for name, char in named.items()
            if len(char) == 1 and char.isalnum()
        ]
        names = list(named)
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                if named[first] == named[second]:
                    problems.append(f"the {first} and the {second} are both {named[first]!r}")
        return problems


@dataclass(frozen=True, slots=True)
class IsaHeader:
    """Where an ISA ends and which delimiters it declares."""

    delimiters: Delimiters
    length: int  # characters from the ``I`` of ``ISA`` to the segment terminator, inclusive
    fixed_width: bool

    @property
    def terminator_at(self) -> int:
        """Offset of the segment terminator from the start of the ISA."""
        return self.length - len(self.delimiters.segment)


def read_isa(text: str, start: int = 0) -> IsaHeader | str:
    """Read the ISA that starts at ``text[start]``; return the header, or why it can't be read.

    ``text`` must hold the whole ISA (:data:`MAX_ISA_LENGTH` characters, or the rest of the
    input when that is shorter).
    """
    element = text[start + 3 : start + 4]
    if not element:
        return "the input ends inside the ISA header"
    if element.isalnum() or element in " \r\n":
        return f"the character after 'ISA' ({element!r}) cannot be an element separator"
    fixed = _is_fixed_width(text, start, element)
    component_at = start + 104 if fixed else _loose_component_offset(text, start, element)
    if isinstance(component_at, str):
        return component_at
    if component_at + 1 >= len(text):
        return "the input ends inside the ISA header"
    found = _terminator(text, component_at + 1)
    if found is None:
        return (
            f"no segment terminator after ISA16: {text[component_at : component_at + 2]!r} "
            "follows the 16th element separator (is ISA16 missing?)"
        )
    terminator, end = found
    version = text[start:component_at].split(element)[12:13]
    isa11 = text[start:component_at].split(element)[11:12]
    repetition = None
    if version and version[0] >= REPETITION_FROM_VERSION and isa11 and _is_separator(isa11[0]):
        repetition = isa11[0]
    delimiters = Delimiters(element, text[component_at], terminator, repetition)
    return IsaHeader(delimiters, end - start, fixed and end - start == ISA_LENGTH)


def _is_fixed_width(text: str, start: int, element: str) -> bool:
    if len(text) < start + ISA_LENGTH:
        return False
    if any(text[start + offset] != element for offset in SEPARATOR_OFFSETS):
        return False
    return text.count(element, start, start + ISA_LENGTH - 1) == ISA_ELEMENT_COUNT


def _loose_component_offset(text: str, start: int, element: str) -> int | str:
    """Offset of ISA16 found by counting element separators, for an ISA of the wrong width."""
    limit = min(len(text), start + MAX_ISA_LENGTH)
    position = start + 3
    for found in range(1, ISA_ELEMENT_COUNT):
        position = text.find(element, position + 1, limit)
        if position < 0:
            return f"ISA has {found} elements where 16 are required"
    return position + 1


def _terminator(text: str, at: int) -> tuple[str, int] | None:
    """The segment terminator that starts at ``text[at]`` and the offset just after it.

    Beyond one plain character, two things real files do are recognised (and reported by the
    envelope checks, EDI104): a terminator that is one UTF-8 encoded symbol (several bytes,
    e.g. ``…``), and a space followed by a line break (``" \\r\\n"``), taken as one terminator
    rather than splitting segments at every space.
    """
    char = text[at]
    if char in " \r":
        end = at
        while end < len(text) and text[end] in " \r":
            end += 1
        if end < len(text) and text[end] == "\n" and char == " ":
            return text[at : end + 1], end + 1
        return (char, at + 1) if char == "\r" else None
    if "\xc2" <= char <= "\xf4":
        for width in (2, 3, 4):
            symbol = _utf8_symbol(text[at : at + width])
            if symbol is not None:
                return (text[at : at + width], at + width) if _is_separator(symbol) else None
    return (char, at + 1) if _is_separator(char) else None


def _utf8_symbol(candidate: str) -> str | None:
    try:
        decoded = candidate.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return decoded if len(decoded) == 1 else None


def _is_separator(char: str) -> bool:
    return len(char) == 1 and not char.isalnum() and char != " "
