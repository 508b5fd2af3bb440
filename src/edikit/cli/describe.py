"""``edikit describe``: what a segment, an element and a code mean in one version's X12
dictionary (the analyst's question "what is BEG02 SA?", without a file)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import click

if TYPE_CHECKING:
    from edikit.x12.codes import CodeList

# BEG (a segment), BEG01 (an element), TD504-2 (a component of a composite).
_REFERENCE: Final = re.compile(r"([A-Z][A-Z0-9]{1,2})(?:(\d{2})(?:-(\d{1,2}))?)?")
_ELEMENT_NUMBER: Final = re.compile(r"\d{1,4}|I\d{2}")  # 353, I11


@click.command("describe")
@click.argument("what")
@click.argument("code", required=False)
@click.option(
    "--x12",
    "release",
    default="004010",
    show_default=True,
    help="The X12 version whose dictionary to read (a GS08 value: 003010 to 005010).",
)
def command(what: str, code: str | None, release: str) -> None:
    """Say what a segment (BEG), an element (BEG01, TD504-2, or its number: 353) or a code
    (BEG01 00) means: names, types, lengths, requirement, and the element's codes with their
    meanings. Exit 1 when CODE is not one of the element's codes."""
    from edikit.x12.structure import VERSIONS, resolve_version

    version, exact = resolve_version(release)
    if not exact:
        raise click.UsageError(
            f"no X12 tables for version {release!r}; edikit has {', '.join(VERSIONS)}"
        )
    target = what.strip().upper()
    if _ELEMENT_NUMBER.fullmatch(target):
        _show_codes(_codes_or_fail(version, target), code)
        return
    found = _REFERENCE.fullmatch(target)
    if found is None:
        raise click.UsageError(
            f"{what!r} is neither a segment (BEG), an element (BEG01, TD504-2) "
            "nor a data element number (353)"
        )
    tag, position, component = found.groups()
    if position is None:
        if code is not None:
            raise click.UsageError("a code belongs to an element: edikit describe BEG01 00")
        _show_segment(version, tag)
        return
    _show_element(version, tag, int(position), int(component) if component else None, code)


def _show_segment(version: str, tag: str) -> None:
    from edikit.x12.describe import describe_element
    from edikit.x12.dictionary import segment_specs

    spec = segment_specs(version).get(tag)
    if spec is None:
        raise click.UsageError(f"no segment {tag} in {version}'s tables")
    click.echo(f"{spec.tag} {spec.name} ({version})")
    for element in spec.elements:
        described = describe_element(version, tag, element.position)
        click.echo(f"  {described}")
    if spec.notes:
        click.echo(f"  syntax notes: {' '.join(note.text for note in spec.notes)}")


def _show_element(
    version: str, tag: str, position: int, component: int | None, code: str | None
) -> None:
    from edikit.x12.codes import code_list
    from edikit.x12.describe import describe_element

    described = describe_element(version, tag, position, component, code)
    if described is None:
        where = f"{tag}{position:02d}" + (f"-{component}" if component else "")
        raise click.UsageError(f"no element {where} in {version}'s tables")
    click.echo(str(described))
    codes = code_list(version, described.element) if described.kind == "ID" else None
    if codes is not None:
        _show_codes(codes, code, heading=False)


def _codes_or_fail(version: str, element: str) -> CodeList:
    from edikit.x12.codes import code_list, element_name

    codes = code_list(version, element)
    if codes is None:
        name = element_name(version, element)
        what = f"{element} {name}" if name else f"data element {element}"
        raise click.UsageError(f"{what} has no code list in {version}'s tables")
    return codes


def _show_codes(codes: CodeList, code: str | None, *, heading: bool = True) -> None:
    """Every code with its meaning, or, for ``code``, its meaning (exit 1 with the nearest
    codes when it is not one)."""
    from edikit.x12.describe import code_choices

    if heading:
        click.echo(f"{codes.element} {codes.name} ({codes.version}): {len(codes):,} codes")
    if not codes.complete:
        click.echo(f"  partial list: {codes.why}")
    if code is None:
        width = max((len(c) for c in codes.codes), default=1)
        for value, meaning in sorted(codes.codes.items()):
            click.echo(f"  {value:<{width}}  {meaning}".rstrip())
        return
    found = codes.meaning(code)
    if found is not None:
        if heading:
            click.echo(f"  {code}  {found}".rstrip())
        return
    choices = code_choices(codes.version, codes.element, code)
    if heading:
        click.echo(f"  {code!r} is not a code of the element")
    click.echo(f"  {choices.label}: {choices.nearest}")
    raise SystemExit(1)
