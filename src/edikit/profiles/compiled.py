"""What a profile compares document values with, built once when the profile is loaded.

* **Patterns** run on RE2 (``google-re2``), whose matching time is linear in the value's
  length whatever the pattern: a pattern such as ``(a|a?)+b`` that makes a backtracking engine
  take minutes on 30 characters cannot hang validation. What RE2 cannot run in linear time
  (backreferences, lookaround) is refused when the profile is loaded.
* **Characters** (``characters: "A-Z0-9 -"``) are a set of characters and ranges, never
  spliced into a regular expression.
* **Codes and tables** are frozensets: a look-up takes the same time for 10 codes as for a
  200,000-entry store table.

**Text.** A profile is UTF-8 text; edikit reads X12 one byte per character. A document value
meets the profile as text (:func:`value_text`): bytes that form UTF-8 are the characters they
encode, any other byte the Latin-1 character of its value (EBCDIC as decoded). So ``CAFÉ1``
matches the pattern ``CAF[ÉE][0-9]`` whether the sender wrote UTF-8 or Latin-1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

import re2  # type: ignore[import-untyped]  # google-re2 ships no type hints

from edikit.errors import ProfileError, ProfileProblem
from edikit.io.decode import readable
from edikit.profiles.model import ElementRule, Profile, TextRule, TransactionProfile
from edikit.quoting import bounded, quote
from edikit.vocabulary import Argument

MAX_PATTERN: Final = 200  # characters of a pattern

_OPTIONS: Final = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print every refused pattern on standard error
_OPTIONS.never_capture = True  # a pattern is asked whether it matches, nothing more


def value_text(value: str) -> str:
    """A document value (one character per byte) as the text a profile compares it with."""
    return readable(value)


class Pattern:
    """A profile pattern compiled by RE2: :meth:`matches` the whole value, in linear time."""

    __slots__ = ("_regexp", "source")

    def __init__(self, source: str) -> None:
        if len(source) > MAX_PATTERN:
            raise ValueError(f"pattern longer than {MAX_PATTERN} characters")
        self.source = source
        try:
            self._regexp: Any = re2.compile(source.encode("utf-8"), _OPTIONS)
        except re2.error as exc:
            reason = exc.args[0] if exc.args else "refused"
            if isinstance(reason, bytes):
                reason = reason.decode("utf-8", "replace")
            raise ValueError(
                f"pattern {quote(source)} is not a regular expression edikit runs (RE2 syntax, "
                f"matched in linear time: no backreferences or lookaround): {bounded(reason, 120)}"
            ) from exc

    def matches(self, text: str) -> bool:
        return self._regexp.fullmatch(text.encode("utf-8")) is not None

    def __reduce__(self) -> tuple[type[Pattern], tuple[str]]:
        """Pickled as its source: a rule set sent to another process compiles it again."""
        return (Pattern, (self.source,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pattern) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


_LOWER_CASE: Final = re.compile("[a-z]")
_CLASS_ESCAPES: Final = "dDwWsSbBpPnrtfvx0123456789"


@dataclass(frozen=True, slots=True)
class CharacterSet:
    """``characters: "A-Z0-9 .-"``: single characters and ``X-Y`` ranges. A ``-`` first or
    last is the character itself; a backslash makes the next character literal (``\\-``)."""

    source: str
    singles: frozenset[str]
    ranges: tuple[tuple[str, str], ...]

    @classmethod
    def parse(cls, source: str) -> CharacterSet:
        items: list[str] = []
        escaped: list[bool] = []
        position = 0
        while position < len(source):
            char = source[position]
            if char == "\\":
                if position + 1 == len(source):
                    raise ValueError("characters end in a backslash: write \\\\ for one")
                char = source[position + 1]
                if char in _CLASS_ESCAPES:
                    raise ValueError(
                        f"characters: \\{char} is not supported; list the characters or "
                        "ranges (0-9, A-Z) instead"
                    )
                items.append(char)
                escaped.append(True)
                position += 2
                continue
            if char == "^" and position == 0:
                raise ValueError(
                    "characters list what is allowed; a leading ^ (everything but) is not "
                    "supported: write \\^ for the character itself"
                )
            items.append(char)
            escaped.append(False)
            position += 1
        singles: set[str] = set()
        ranges: list[tuple[str, str]] = []
        index = 0
        while index < len(items):
            is_range = index + 2 < len(items) and items[index + 1] == "-" and not escaped[index + 1]
            if is_range:
                low, high = items[index], items[index + 2]
                if low > high:
                    raise ValueError(f"characters: the range {low}-{high} runs backwards")
                ranges.append((low, high))
                index += 3
            else:
                singles.add(items[index])
                index += 1
        return cls(source, frozenset(singles), tuple(ranges))

    def outside(self, text: str) -> str | None:
        """The first character of ``text`` this set does not allow, or ``None``."""
        distinct = set(text)  # at C speed, also for a 10 MB value
        bad = {c for c in distinct - self.singles if not self._in_range(c)}
        if not bad:
            return None
        return next(c for c in text if c in bad)

    def outside_pattern(self, extra: frozenset[str]) -> re.Pattern[str]:
        """A search for the first character neither in this set nor in ``extra``, each
        character escaped."""
        parts = [re.escape(c) for c in sorted(self.singles | extra) if c]
        parts += [f"{re.escape(low)}-{re.escape(high)}" for low, high in self.ranges]
        return re.compile("[^" + "".join(parts) + "]")

    def _in_range(self, char: str) -> bool:
        return any(low <= char <= high for low, high in self.ranges)


@dataclass(frozen=True, slots=True)
class CompiledElement:
    """An element rule with what it compares values with, built once."""

    rule: ElementRule
    codes: frozenset[str] | None
    pattern: Pattern | None
    characters: CharacterSet | None
    table: frozenset[str] | None


def compile_element(rule: ElementRule, tables: dict[str, frozenset[str]]) -> CompiledElement:
    """``rule`` ready to check values; ``ValueError`` for a pattern or a character set that
    cannot be used (the loader reports it with its place in the profile)."""
    return CompiledElement(
        rule,
        frozenset(rule.codes) if rule.codes is not None else None,
        Pattern(rule.pattern) if rule.pattern is not None else None,
        CharacterSet.parse(rule.characters) if rule.characters is not None else None,
        tables.get(rule.table) if rule.table is not None else None,
    )


@dataclass(frozen=True, slots=True)
class CompiledText:
    """A text rule (case, characters over a whole scope) with its character set, built once."""

    rule: TextRule
    characters: CharacterSet | None
    # By the interchange's separators: a search for the first character outside the set (or
    # the separators), in C. Built from the set's characters, each escaped: a profile's
    # characters are never read as regular expression syntax.
    _outside: dict[frozenset[str], re.Pattern[str]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, rule: TextRule) -> CompiledText:
        characters = CharacterSet.parse(rule.characters) if rule.characters is not None else None
        return cls(rule, characters)

    def passes(self, raw: str, separators: frozenset[str]) -> bool:
        """Whether a whole segment's text (its separators allowed) breaks nothing. ASCII text
        (nearly every segment) is searched in C; other text is decoded and checked as its
        elements are."""
        if not raw.isascii():
            return self.problem(value_text(raw), separators) is None
        if self.rule.case == "upper" and _LOWER_CASE.search(raw) is not None:
            return False
        if self.characters is None:
            return True
        search = self._outside.get(separators)
        if search is None:
            search = self._outside[separators] = self.characters.outside_pattern(separators)
        return search.search(raw) is None

    def problem(
        self, text: str, separators: frozenset[str]
    ) -> tuple[str, dict[str, Argument]] | None:
        """The message variant and arguments of what ``text`` breaks, or None."""
        if self.rule.case == "upper" and text != text.upper():
            return "upper", {"value": text}
        if self.characters is not None:
            outside = self.characters.outside(text)
            if outside is not None and outside in separators:
                outside = self.characters.outside("".join(c for c in text if c not in separators))
            if outside is not None:
                allowed = self.characters.source
                return "characters", {"value": text, "character": outside, "allowed": allowed}
        return None


@dataclass(frozen=True, slots=True)
class CompiledProfile:
    """A merged profile's element and text rules by transaction set, its text rules for
    every set, and its tables, as compiled."""

    elements: dict[str, tuple[CompiledElement, ...]]
    tables: dict[str, frozenset[str]]
    text: tuple[CompiledText, ...] = ()
    set_text: dict[str, tuple[CompiledText, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, profile: Profile) -> CompiledProfile:
        tables = {name: frozenset(values) for name, values in profile.tables.items()}
        try:
            elements: dict[str, tuple[CompiledElement, ...]] = {
                set_id: _compiled(narrowing, tables)
                for set_id, narrowing in profile.transactions.items()
            }
            text = tuple(CompiledText.of(rule) for rule in profile.text)
            set_text: dict[str, tuple[CompiledText, ...]] = {
                set_id: tuple(CompiledText.of(rule) for rule in narrowing.text)
                for set_id, narrowing in profile.transactions.items()
            }
        except ValueError as exc:
            raise ProfileError(ProfileProblem(f"profile {profile.id}", str(exc))) from exc
        return cls(elements, tables, text, set_text)


def _compiled(
    narrowing: TransactionProfile, tables: dict[str, frozenset[str]]
) -> tuple[CompiledElement, ...]:
    return tuple(compile_element(rule, tables) for rule in narrowing.elements)
