"""Element checks (EDI3xx) from the L1 dictionary: requirement, length, type, code values,
composites, repetitions and the P/R/E/C/L syntax notes of each segment.

Facts: ``shared/reference/x12-syntax-rules.md`` (types, lengths that count digits only for
numbers, syntax notes, trailing empty elements). A finding about an element the dictionary
marks unverified is a warning, and a code missing from a list marked partial is information,
not an error: a false positive rejects a good document.
"""

from __future__ import annotations

from collections.abc import Callable

from edikit.io.datatypes import counted_length, date_problem, time_problem, type_problem
from edikit.io.segment import Segment
from edikit.rules.violation import Severity
from edikit.x12.dictionary import ElementSpec, SegmentSpec, SyntaxNote

# (code, message, element, component, repetition, severity override or None)
Emit = Callable[[str, str, int, int | None, int | None, Severity | None], None]
WARNING = Severity.WARNING


def check_segment(segment: Segment, spec: SegmentSpec, emit: Emit) -> None:
    """Every element of ``segment`` against ``spec``; problems go to ``emit``."""
    values = segment.elements
    count = len(values)
    defined = len(spec.elements)
    if count == 1:
        emit("EDI314", f"{segment.tag} has no data elements", 1, None, None, None)
        return
    if count - 1 > defined:
        emit(
            "EDI301",
            f"{segment.tag} has {count - 1} elements; the standard defines {defined}",
            defined + 1,
            None,
            None,
            None,
        )
    elif values[-1] == "":
        emit(
            "EDI313",
            f"{segment.tag} ends with an empty element (a trailing separator)",
            count - 1,
            None,
            None,
            None,
        )
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
    if not value:
        if element.required:
            emit(
                "EDI302",
                f"{name} ({element.name}) is mandatory and missing",
                element.position,
                None,
                None,
                _soft(element),
            )
        return
    separator = segment.delimiters.repetition
    if element.repeat == 1 and separator and separator in value:
        count = value.count(separator) + 1
        emit(
            "EDI312",
            f"{name} repeats {count} times; it is not a repeating element",
            element.position,
            None,
            2,
            None,
        )
        value = value.split(separator, 1)[0]
    if element.kind != "composite" and segment.delimiters.component in value:
        parts = value.split(segment.delimiters.component)
        emit(
            "EDI311",
            f"{name} has {len(parts)} components; it is a simple element",
            element.position,
            2,
            None,
            None,
        )
        value = parts[0]
    repetitions = _repetitions(segment, element, value)
    if len(repetitions) > element.repeat:
        emit(
            "EDI312",
            f"{name} repeats {len(repetitions)} times; at most {element.repeat} allowed",
            element.position,
            None,
            element.repeat + 1,
            None,
        )
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
    if len(parts) > len(element.components):
        emit(
            "EDI311",
            f"{name} ({element.name}) has {len(parts)} components; it defines "
            f"{len(element.components)}",
            element.position,
            len(element.components) + 1,
            repetition,
            None,
        )
    for component in element.components:
        part = parts[component.position - 1] if component.position <= len(parts) else ""
        label = f"{name}-{component.position}"
        if not part:
            if component.required:
                emit(
                    "EDI302",
                    f"{label} ({component.name}) is mandatory and missing",
                    element.position,
                    component.position,
                    repetition,
                    _soft(component),
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
    if length > element.maximum:
        emit(
            "EDI304",
            f"{label} {value!r} is {length} characters long; at most {element.maximum} allowed",
            position,
            component,
            repetition,
            soft,
        )
    elif length < element.minimum:
        emit(
            "EDI303",
            f"{label} {value!r} is {length} characters long; at least {element.minimum} required",
            position,
            component,
            repetition,
            soft,
        )
    if kind == "DT":
        problem = date_problem(value)
        if problem is not None:
            emit("EDI307", f"{label} {value!r} {problem}", position, component, repetition, soft)
        return
    if kind == "TM":
        problem = time_problem(value)
        if problem is not None:
            emit("EDI308", f"{label} {value!r} {problem}", position, component, repetition, soft)
        return
    problem = type_problem(value, kind)
    if problem is None and kind in ("AN", "ID") and not value.strip():
        problem = "holds only spaces"
    if problem is None and kind in ("AN", "ID"):
        problem = _control_character(value)
    if problem is not None:
        emit("EDI305", f"{label} {value!r} {problem}", position, component, repetition, soft)
        return
    if element.codes is not None and kind == "ID" and value not in element.codes:
        # edikit's code lists are partial for most elements: a miss there is only noted.
        severity = soft if element.codes_complete else Severity.INFO
        known = "" if element.codes_complete else " (edikit's list of its codes is partial)"
        emit(
            "EDI306",
            f"{label} {value!r} is not a code of element {element.reference} "
            f"({element.name}){known}",
            position,
            component,
            repetition,
            severity,
        )


def _control_character(value: str) -> str | None:
    """X12's basic and extended character sets hold no control character (0x00-0x1F, 0x7F):
    one inside a value is a transmission fault, not data (a NUL cannot even be stored by
    most databases)."""
    found = next((c for c in value if ord(c) < 0x20 or ord(c) == 0x7F), None)
    return None if found is None else f"holds the control character 0x{ord(found):02X}"


def _soft(element: ElementSpec) -> Severity | None:
    """A warning for facts the dictionary could not verify, else the rule's own severity."""
    return WARNING if element.unverified else None


def _check_note(segment: Segment, values: list[str], note: SyntaxNote, emit: Emit) -> None:
    present = [p < len(values) and values[p] != "" for p in note.positions]
    names = [f"{segment.tag}{p:02d}" for p in note.positions]
    kind = note.kind
    if kind == "P" and any(present) and not all(present):
        missing = [n for n, here in zip(names, present, strict=True) if not here]
        message = f"{' and '.join(names)} go together ({note.text}); {', '.join(missing)} missing"
    elif kind == "R" and not any(present):
        message = f"at least one of {', '.join(names)} is required ({note.text})"
    elif kind == "E" and sum(present) > 1:
        emit(
            "EDI310",
            f"only one of {', '.join(names)} may be used ({note.text})",
            note.positions[0],
            None,
            None,
            None,
        )
        return
    elif kind == "C" and present[0] and not all(present[1:]):
        message = f"{names[0]} requires {', '.join(names[1:])} ({note.text})"
    elif kind == "L" and present[0] and not any(present[1:]):
        message = f"{names[0]} requires at least one of {', '.join(names[1:])} ({note.text})"
    else:
        return
    first_missing = next(
        (p for p, here in zip(note.positions, present, strict=True) if not here),
        note.positions[0],
    )
    emit("EDI309", message, first_missing, None, None, None)
