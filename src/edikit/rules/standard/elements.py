"""Element checks (EDI3xx) from the L1 dictionary: requirement, length, type, code values,
composites, repetitions and the P/R/E/C/L syntax notes of each segment.

Facts: X12.6 and the dictionary data in ``src/edikit/x12/_data/`` (its SOURCE.md): types,
lengths that count digits only for numbers, syntax notes, trailing empty elements. A finding
about an element the dictionary marks unverified is a warning, and a code missing from a list
marked partial is information, not an error: a false positive rejects a good document.
"""

from __future__ import annotations

from typing import Protocol

from edikit.io.datatypes import counted_length, date_problem, time_problem, type_problem
from edikit.io.segment import Segment
from edikit.vocabulary import Argument, Severity
from edikit.x12.dictionary import ElementSpec, SegmentSpec, SyntaxNote

WARNING = Severity.WARNING


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
        # edikit's code lists are partial for most elements: a miss there is only noted.
        severity = soft if element.codes_complete else Severity.INFO
        variant = "default" if element.codes_complete else "partial"
        args: dict[str, Argument] = {
            "element": label,
            "value": value,
            "reference": element.reference,
            "name": element.name,
        }
        emit("EDI306", position, component, repetition, severity, variant, **args)


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
    """A P, R, E, C or L syntax note: pass or fail is decided on the element values first;
    names and the message are made only for a note that fails."""
    present = [p < len(values) and values[p] != "" for p in note.positions]
    kind = note.kind
    failed = (
        (kind == "P" and any(present) and not all(present))
        or (kind == "R" and not any(present))
        or (kind == "E" and sum(present) > 1)
        or (kind == "C" and present[0] and not all(present[1:]))
        or (kind == "L" and present[0] and not any(present[1:]))
    )
    if not failed:
        return
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
