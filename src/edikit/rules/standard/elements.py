"""Element checks (EDI3xx) from the L1 dictionary: requirement, length, type, code values,
composites, repetitions and the P/R/E/C/L syntax notes of each segment.

Facts: X12.6 and the dictionary data in ``src/edikit/x12/_data/`` (its SOURCE.md): types,
lengths that count digits only for numbers, syntax notes, trailing empty elements. A finding
about an element the dictionary marks unverified is a warning, and a code missing from a list
marked partial is information, not an error: a false positive rejects a good document.
Every code list of the six retail sets is complete in every version but a few
(``_data/SOURCE.md`` there): external code sources (country, currency, SCAC...), which are
not checked, and lists the public sources disagree on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Final, Protocol

from edikit.io.datatypes import (
    counted_length,
    date_problem,
    is_digits,
    time_problem,
    type_problem,
)
from edikit.io.segment import Segment
from edikit.vocabulary import Argument, Severity
from edikit.x12.dictionary import ElementSpec, SegmentSpec, SyntaxNote

WARNING = Severity.WARNING
# Presence patterns remembered per segment spec (see Clean): documents write a segment in a
# few shapes, but a hostile one could write many.
MAX_SHAPES: Final = 4_096


class Emit(Protocol):
    """How a problem is handed on: code, element, component and repetition (1-based, None
    where they do not apply), the severity this case has (None: the rule's), the message
    variant and its template arguments."""

    def __call__(
        self,
        code: str,
        element: int,
        component: int | None,
        repetition: int | None,
        severity: Severity | None,
        variant: str,
        /,
        **args: Argument,
    ) -> None: ...


class Clean:
    """A quick yes for a segment :func:`check_segment` would find nothing wrong with.

    Whether the segment's structure is right (element count, no empty last element, the
    mandatory elements written, every syntax note satisfied) depends only on which elements
    are written: that verdict is remembered per presence pattern. Each written value must
    then pass its element's quick test: all at once, with one pattern over the whole segment
    per element separator and number of elements (:func:`_segment_pattern`), a code list's
    values then looked up.
    A no says nothing: :func:`check_segment` looks closer and says why."""

    __slots__ = ("_coded", "_shapes", "_tests", "_wholes", "spec")

    def __init__(self, spec: SegmentSpec) -> None:
        self.spec = spec
        self._shapes: dict[tuple[bool, ...], bool] = {}
        self._tests = tuple(_quick_test(element) for element in spec.elements)
        # The elements with a code list, in order: (position, codes).
        self._coded = tuple(
            (element.position, element.codes)
            for element, test in zip(spec.elements, self._tests, strict=True)
            if test is not None and element.codes is not None and element.kind == "ID"
        )
        # The whole-segment patterns, by element separator and number of elements written.
        self._wholes: dict[tuple[str, int], QuickTest | None] = {}

    def __call__(self, segment: Segment) -> bool:
        values = segment.elements
        shape = tuple(map(bool, values))
        verdict = self._shapes.get(shape)
        if verdict is None:
            verdict = _shape_is_clean(shape, self.spec)
            if len(self._shapes) < MAX_SHAPES:
                self._shapes[shape] = verdict
        if not verdict:
            return False
        raw, delimiters = segment.raw, segment.delimiters
        if delimiters.component in raw or (delimiters.repetition and delimiters.repetition in raw):
            return False
        count = len(values)
        key = (delimiters.element, count)
        whole = self._wholes.get(key, _UNBUILT)
        if whole is _UNBUILT:
            whole = _segment_pattern(self.spec, self._tests, delimiters.element, count - 1)
            if len(self._wholes) < MAX_SHAPES:
                self._wholes[key] = whole
        if whole is None:  # a separator the pattern is not written for: value by value
            return self._each_value(values)
        if not whole(raw):
            return False
        for number, codes in self._coded:
            if number >= count:
                break
            value = values[number]
            if value and value not in codes:
                return False
        return True

    def _each_value(self, values: list[str]) -> bool:
        # The verdict holds the count to the defined elements: zip misses none.
        for value, test in zip(values[1:], self._tests, strict=False):
            if value and (test is None or not test(value)):
                return False
        return True


_UNBUILT: Final = len  # marks a pattern not built yet (None: none can be)


# A value of each type that the checks certainly pass, as a pattern matched at C speed: a
# subset of what ``_check_element`` passes (anything else takes the long way).
_DAY: Final = (
    "(?:(?:0[13578]|1[02])(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)(?:0[1-9]|[12][0-9]|30)"
    "|02(?:0[1-9]|1[0-9]|2[0-8]))"
)
_DATE: Final = re.compile(f"[0-9]{{4}}{_DAY}")
_TIME: Final = re.compile("(?:[01][0-9]|2[0-3])[0-5][0-9](?:[0-5][0-9][0-9]{0,2})?")
QuickTest = Callable[[str], object]


def _quick_test(element: ElementSpec) -> QuickTest | None:
    """A test (truthy: the value is fine) for one written value of ``element``; None where a
    value always takes the long way (composites, repeated elements, binary data)."""
    if element.repeat != 1 or element.kind == "composite":
        return None
    if element.kind == "ID" and element.codes is not None:
        return element.codes.__contains__
    source = _value_source(element, r"\Z", "")
    return _pattern(source) if source is not None else None


def _value_source(element: ElementSpec, end: str, separator: str) -> str | None:
    """The pattern of one written value of ``element`` (not of a code list), where ``end``
    matches where the value ends and ``separator`` (escaped; "" for a value on its own) is a
    character no value holds."""
    kind, low, high = element.kind, element.minimum, element.maximum
    if kind in ("AN", "ID"):
        # Not only white space (str.strip's), no control character, the length allowed.
        return rf"(?!\s*{end})[^\x00-\x1f\x7f{separator}]{{{low},{high}}}"
    if kind.startswith("N") and is_digits(kind[1:]):
        return f"[0-9]{{{low},{high}}}"
    anything = rf"[^\n{separator}]"
    if kind == "R":  # digits and at most one point; the point is not counted
        point = rf"(?=[0-9]*\.[0-9]*{end})(?={anything}{{{low + 1},{high + 1}}}{end})"
        return rf"-?(?:[0-9]{{{max(low, 1)},{high}}}|{point}(?:[0-9]+\.[0-9]*|\.[0-9]+))"
    if kind in ("DT", "TM"):  # well formed and of the version's own length (003010: YYMMDD)
        form = (_DATE if kind == "DT" else _TIME).pattern
        return rf"(?={anything}{{{low},{high}}}{end})(?:{form})"
    return None


def _segment_pattern(
    spec: SegmentSpec, tests: tuple[QuickTest | None, ...], separator: str, count: int
) -> QuickTest | None:
    """One test of a whole segment of ``count`` elements (its raw text): each written value
    passes its quick test, a code list's value excepted (any text there, looked up after).
    None for a separator of white space (the values' test reads white space), which then
    takes the test value by value."""
    if len(separator) != 1 or separator.isspace():
        return None
    escaped = re.escape(separator)
    end = rf"(?:{escaped}|\Z)"
    source = re.escape(spec.tag)
    for element, test in zip(spec.elements[:count], tests, strict=False):
        if test is None:
            value = ""  # never written in a segment that passes
        elif element.kind == "ID" and element.codes is not None:
            value = f"[^{escaped}]*"
        else:
            value = f"(?:{_value_source(element, end, escaped)})?"
        source += f"{escaped}{value}"
    return re.compile(source).fullmatch


@lru_cache(maxsize=256)
def _pattern(expression: str) -> QuickTest:
    return re.compile(expression).fullmatch


def _shape_is_clean(shape: tuple[bool, ...], spec: SegmentSpec) -> bool:
    """Whether a segment whose elements are written as ``shape`` says (True: written; the ID
    first) passes the checks of :func:`check_segment` that read no value."""
    count = len(shape)
    if count == 1 or count - 1 > len(spec.elements) or not shape[-1]:
        return False
    if any(e.position >= count or not shape[e.position] for e in spec.required):
        return False
    return not any(
        note.needs <= count and _note_fails(note, [p < count and shape[p] for p in note.positions])
        for note in spec.notes
    )


def check_segment(segment: Segment, spec: SegmentSpec, emit: Emit) -> None:
    """Every element of ``segment`` against ``spec``; problems go to ``emit``."""
    values = segment.elements
    count = len(values)
    defined = len(spec.elements)
    tag = segment.tag
    if count == 1:
        emit("EDI314", 1, None, None, None, "default", segment=tag)
        return
    if count - 1 > defined:
        args: dict[str, Argument] = {"segment": tag, "count": count - 1, "defined": defined}
        emit("EDI301", defined + 1, None, None, None, "default", **args)
    elif values[-1] == "":
        emit("EDI313", count - 1, None, None, None, "default", segment=tag)
    elements = spec.elements
    delimiters = segment.delimiters
    # The quick tests do not look for separators inside values: a segment holding a
    # component or repetition separator takes the long way for every element.
    quick = delimiters.component not in segment.raw and not (
        delimiters.repetition and delimiters.repetition in segment.raw
    )
    # Only what is written is checked value by value, then what is mandatory and empty:
    # segments such as LIN define 31 positions and usually write 3.
    for position in range(1, min(count, defined + 1)):
        value = values[position]
        if value:
            element = elements[position - 1]
            ok = element.ok
            if not quick or ok is None or element.repeat > 1 or not ok(value):
                _check_element(segment, element, value, emit)
    for element in spec.required:
        if element.position >= count or not values[element.position]:
            _check_element(segment, element, "", emit)
    for note in spec.notes:
        if note.needs <= count:
            _check_note(segment, values, note, emit)


def _check_element(segment: Segment, element: ElementSpec, value: str, emit: Emit) -> None:
    name = f"{segment.tag}{element.position:02d}"
    position = element.position
    if not value:
        if element.required:
            args: dict[str, Argument] = {"element": name, "name": element.name}
            emit("EDI302", position, None, None, _soft(element), "default", **args)
        return
    separator = segment.delimiters.repetition
    if element.repeat == 1 and separator and separator in value:
        count = value.count(separator) + 1
        second = value.split(separator)[1]
        emit("EDI312", position, None, 2, None, "single", element=name, count=count, value=second)
        value = value.split(separator, 1)[0]
    if element.kind != "composite" and segment.delimiters.component in value:
        parts = value.split(segment.delimiters.component)
        args = {"element": name, "count": len(parts), "value": parts[1]}
        emit("EDI311", position, 2, None, None, "simple", **args)
        value = parts[0]
    repetitions = _repetitions(segment, element, value)
    if len(repetitions) > element.repeat:
        args = {
            "element": name,
            "count": len(repetitions),
            "maximum": element.repeat,
            "value": repetitions[element.repeat],
        }
        emit("EDI312", position, None, element.repeat + 1, None, "default", **args)
    for number, repetition in enumerate(repetitions, start=1):
        index = number if len(repetitions) > 1 else None
        if element.kind == "composite":
            _check_composite(segment, element, repetition, index, emit)
        else:
            _check_value(name, element, repetition, element.position, None, index, emit)


def _repetitions(segment: Segment, element: ElementSpec, value: str) -> list[str]:
    separator = segment.delimiters.repetition
    if element.repeat > 1 and separator:
        return value.split(separator)
    return [value]


def _check_composite(
    segment: Segment, element: ElementSpec, value: str, repetition: int | None, emit: Emit
) -> None:
    parts = value.split(segment.delimiters.component)
    name = f"{segment.tag}{element.position:02d}"
    defined = len(element.components)
    if len(parts) > defined:
        args: dict[str, Argument] = {
            "element": name,
            "name": element.name,
            "count": len(parts),
            "defined": defined,
            "value": parts[defined],
        }
        emit("EDI311", element.position, defined + 1, repetition, None, "default", **args)
    for component in element.components:
        part = parts[component.position - 1] if component.position <= len(parts) else ""
        label = f"{name}-{component.position}"
        if not part:
            if component.required:
                soft = _soft(component)
                args = {"element": label, "name": component.name}
                emit(
                    "EDI302",
                    element.position,
                    component.position,
                    repetition,
                    soft,
                    "default",
                    **args,
                )
            continue
        _check_value(label, component, part, element.position, component.position, repetition, emit)


def _check_value(
    label: str,
    element: ElementSpec,
    value: str,
    position: int,
    component: int | None,
    repetition: int | None,
    emit: Emit,
) -> None:
    soft = _soft(element)
    kind = element.kind
    length = counted_length(value, kind)
    where = (position, component, repetition, soft)
    if length > element.maximum:
        maximum = element.maximum
        emit(
            "EDI304", *where, "default", element=label, value=value, length=length, maximum=maximum
        )
    elif length < element.minimum:
        minimum = element.minimum
        emit(
            "EDI303", *where, "default", element=label, value=value, length=length, minimum=minimum
        )
    if kind == "DT":
        problem = date_problem(value)
        if problem is not None:
            emit("EDI307", *where, "default", element=label, value=value, problem=problem)
        return
    if kind == "TM":
        problem = time_problem(value)
        if problem is not None:
            emit("EDI308", *where, "default", element=label, value=value, problem=problem)
        return
    problem = type_problem(value, kind)
    if problem is None and kind in ("AN", "ID") and not value.strip():
        problem = "holds only spaces"
    if problem is None and kind in ("AN", "ID"):
        problem = _control_character(value)
    if problem is not None:
        emit("EDI305", *where, "default", element=label, value=value, problem=problem)
        return
    if element.codes is not None and kind == "ID" and value not in element.codes:
        _invalid_code(label, element, value, where, emit)


def _invalid_code(
    label: str,
    element: ElementSpec,
    value: str,
    where: tuple[int, int | None, int | None, Severity | None],
    emit: Emit,
) -> None:
    """EDI306, naming the codes the element takes (all of a short list, else the nearest
    ones) with their meanings. A miss in a list edikit holds only in part (see
    ``_data/SOURCE.md``) is only noted, and says why the list is partial."""
    from edikit.x12.describe import code_choices  # meanings are read for a wrong code only

    choices = code_choices(element.version, element.reference, value)
    args: dict[str, Argument] = {
        "element": label,
        "value": value,
        "reference": element.reference,
        "name": element.name,
        "version": element.version,
        "count": choices.count,
        "codes": choices.every,
        "nearest": choices.nearest,
        "label": choices.label,
    }
    position, component, repetition, soft = where
    if not element.codes_complete:
        args["why"] = element.codes_why
        emit("EDI306", position, component, repetition, Severity.INFO, "partial", **args)
        return
    variant = "default" if choices.every else "nearest"
    emit("EDI306", position, component, repetition, soft, variant, **args)


def _control_character(value: str) -> str | None:
    """X12's basic and extended character sets hold no control character (0x00-0x1F, 0x7F):
    one inside a value is a transmission fault, not data (a NUL cannot even be stored by
    most databases)."""
    found = next((c for c in value if ord(c) < 0x20 or ord(c) == 0x7F), None)
    return None if found is None else f"holds the control character 0x{ord(found):02X}"


def _soft(element: ElementSpec) -> Severity | None:
    """A warning for facts the dictionary could not verify, else the rule's own severity."""
    return WARNING if element.unverified else None


def _note_fails(note: SyntaxNote, present: list[bool]) -> bool:
    """Whether a P, R, E, C or L note fails, given which of its elements are written."""
    kind = note.kind
    return (
        (kind == "P" and any(present) and not all(present))
        or (kind == "R" and not any(present))
        or (kind == "E" and sum(present) > 1)
        or (kind == "C" and present[0] and not all(present[1:]))
        or (kind == "L" and present[0] and not any(present[1:]))
    )


def _check_note(segment: Segment, values: list[str], note: SyntaxNote, emit: Emit) -> None:
    """A P, R, E, C or L syntax note: pass or fail is decided on the element values first;
    names and the message are made only for a note that fails."""
    present = [p < len(values) and values[p] != "" for p in note.positions]
    if not _note_fails(note, present):
        return
    kind = note.kind
    names = [f"{segment.tag}{p:02d}" for p in note.positions]
    if kind == "E":
        first = note.positions[0]
        value = values[first] if first < len(values) else ""
        args_e: dict[str, Argument] = {
            "elements": ", ".join(names),
            "note": note.text,
            "value": value,
        }
        emit("EDI310", first, None, None, None, "default", **args_e)
        return
    first_missing = next(
        (p for p, here in zip(note.positions, present, strict=True) if not here),
        note.positions[0],
    )
    args: dict[str, Argument] = {"note": note.text}
    if kind == "P":
        missing = [n for n, here in zip(names, present, strict=True) if not here]
        args.update(elements=" and ".join(names), missing=", ".join(missing))
        variant = "paired"
    elif kind == "R":
        args.update(elements=", ".join(names))
        variant = "required"
    else:
        args.update(first=names[0], others=", ".join(names[1:]))
        variant = "conditional" if kind == "C" else "list_conditional"
    emit("EDI309", first_missing, None, None, None, variant, **args)
