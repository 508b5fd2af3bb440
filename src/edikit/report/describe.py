"""What a segment, an element and a code mean in one version's X12 dictionary, as lines of
text for ``edikit describe`` (the analyst's question "what is BEG02 SA?", without a file)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from edikit.x12.codes import CodeList, code_list, element_name
from edikit.x12.describe import code_choices, describe_element
from edikit.x12.dictionary import segment_specs
from edikit.x12.structure import VERSIONS, resolve_version

# BEG (a segment), BEG01 (an element), TD504-2 (a component of a composite).
_REFERENCE: Final = re.compile(r"([A-Z][A-Z0-9]{1,2})(?:(\d{2})(?:-(\d{1,2}))?)?")
_ELEMENT_NUMBER: Final = re.compile(r"\d{1,4}|I\d{2}")  # 353, I11


class NotDescribedError(ValueError):
    """``what`` names nothing the version's tables have, or the version has no tables."""


@dataclass
class Description:
    lines: list[str] = field(default_factory=list)
    is_code: bool = True  # False when the code asked about is not one of the element's


def describe_text(what: str, code: str | None = None, release: str = "004010") -> Description:
    """A segment (``BEG``), an element (``BEG01``, ``TD504-2``, or its number ``353``) or a
    code of an element (``BEG01``, ``00``) described in ``release``'s tables: names, types,
    lengths, requirement, and the element's codes with their meanings (all of them, or the
    one asked about, or the nearest when it is not one). Raises :class:`NotDescribedError`."""
    version, exact = resolve_version(release)
    if not exact:
        raise NotDescribedError(
            f"no X12 tables for version {release!r}; edikit has {', '.join(VERSIONS)}"
        )
    target = what.strip().upper()
    if _ELEMENT_NUMBER.fullmatch(target):
        return _codes_text(_codes_or_fail(version, target), code, heading=True)
    found = _REFERENCE.fullmatch(target)
    if found is None:
        raise NotDescribedError(
            f"{what!r} is neither a segment (BEG), an element (BEG01, TD504-2) "
            "nor a data element number (353)"
        )
    tag, position, component = found.groups()
    if position is None:
        if code is not None:
            raise NotDescribedError("a code belongs to an element: edikit describe BEG01 00")
        return _segment_text(version, tag)
    return _element_text(version, tag, int(position), int(component) if component else None, code)


def _segment_text(version: str, tag: str) -> Description:
    spec = segment_specs(version).get(tag)
    if spec is None:
        raise NotDescribedError(f"no segment {tag} in {version}'s tables")
    lines = [f"{spec.tag} {spec.name} ({version})"]
    lines += [f"  {describe_element(version, tag, element.position)}" for element in spec.elements]
    if spec.notes:
        lines.append(f"  syntax notes: {' '.join(note.text for note in spec.notes)}")
    return Description(lines)


def _element_text(
    version: str, tag: str, position: int, component: int | None, code: str | None
) -> Description:
    described = describe_element(version, tag, position, component, code)
    if described is None:
        where = f"{tag}{position:02d}" + (f"-{component}" if component else "")
        raise NotDescribedError(f"no element {where} in {version}'s tables")
    codes = code_list(version, described.element) if described.kind == "ID" else None
    if codes is None:
        return Description([str(described)])
    found = _codes_text(codes, code, heading=False)
    return Description([str(described), *found.lines], found.is_code)


def _codes_or_fail(version: str, element: str) -> CodeList:
    codes = code_list(version, element)
    if codes is None:
        name = element_name(version, element)
        what = f"{element} {name}" if name else f"data element {element}"
        raise NotDescribedError(f"{what} has no code list in {version}'s tables")
    return codes


def _codes_text(codes: CodeList, code: str | None, *, heading: bool) -> Description:
    """Every code with its meaning, or, for ``code``, its meaning (the nearest codes when it
    is not one)."""
    lines = [f"{codes.element} {codes.name} ({codes.version}): {len(codes):,} codes"] * heading
    if not codes.complete:
        lines.append(f"  partial list: {codes.why}")
    if code is None:
        width = max((len(c) for c in codes.codes), default=1)
        lines += [f"  {c:<{width}}  {m}".rstrip() for c, m in sorted(codes.codes.items())]
        return Description(lines)
    meaning = codes.meaning(code)
    if meaning is not None:
        lines += [f"  {code}  {meaning}".rstrip()] * heading
        return Description(lines)
    choices = code_choices(codes.version, codes.element, code)
    lines += [f"  {code!r} is not a code of the element"] * heading
    lines.append(f"  {choices.label}: {choices.nearest}")
    return Description(lines, is_code=False)
