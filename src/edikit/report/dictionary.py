"""What the X12 dictionary says of a transaction set, a segment, an element and a code, for the
reports that name them (``edikit explain``, the HTML reports).

This is the reports' one use of :mod:`edikit.x12` for names and meanings: when the dictionary's
functions are renamed or gain a ``describe`` helper, this module is what changes. Every lookup
is cached and tolerant: a version, segment or element the tables do not know gives None, never
an error (the input is whatever a partner sent).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from edikit.io.datatypes import is_digits
from edikit.x12 import describe
from edikit.x12.codes import envelope_codes
from edikit.x12.dictionary import ElementSpec, SegmentSpec, segment_specs
from edikit.x12.structure import resolve_version


@dataclass(frozen=True, slots=True)
class ElementInfo:
    """One element position of a segment: its data element number (or composite ID), its
    name, and its components when it is a composite."""

    position: int
    data_element: str
    name: str
    components: tuple[ElementInfo, ...] = ()


def table_version(version: str | None) -> str:
    """The tables a document of GS08 ``version`` was read with (``004010VICS`` -> ``004010``,
    ``004060`` -> ``004030``; the envelope, without a GS08, -> ``004010``), as validation
    reads them: names and meanings come from the same tables as the findings."""
    return resolve_version(version or "")[0]


def segment_name(version: str | None, tag: str) -> str | None:
    """``Hierarchical Level`` for ``HL``; None for a segment the tables do not have."""
    spec = _specs(table_version(version)).get(tag)
    return spec.name if spec is not None else None


@cache
def segment_elements(version: str | None, tag: str) -> tuple[ElementInfo, ...]:
    """The element positions of segment ``tag``, in order (empty when it is unknown)."""
    spec = _specs(table_version(version)).get(tag)
    if spec is None:
        return ()
    return tuple(_info(element) for element in spec.elements)


def code_meaning(version: str | None, data_element: str, code: str) -> str | None:
    """What ``code`` means in data element ``data_element`` (``735``, ``P`` -> ``Pack``);
    None when the element has no code list, the code is not in it, or no meaning is known."""
    if not code:
        return None
    try:
        if data_element.startswith("I") and is_digits(data_element[1:]):
            found = envelope_codes(data_element).meaning(code)
        else:
            found = describe.code_meaning(table_version(version), data_element, code)
    except KeyError:
        return None
    return found or None


def set_name(version: str | None, set_id: str) -> str | None:
    """``Ship Notice/Manifest`` for ``856`` (data element 143)."""
    return code_meaning(version, "143", set_id)


def functional_group_name(version: str | None, code: str) -> str | None:
    """``Ship Notice/Manifest (856)`` for GS01 ``SH`` (data element 479)."""
    return code_meaning(version, "479", code)


def _specs(version: str) -> Mapping[str, SegmentSpec]:
    return segment_specs(version)  # cached by the dictionary


def _info(element: ElementSpec) -> ElementInfo:
    return ElementInfo(
        element.position,
        element.reference,
        element.name,
        tuple(_info(component) for component in element.components),
    )
