"""``edikit profile draft FILES|DIR``: a starting profile written from documents a retailer
accepted, for an analyst to confirm rule by rule against the retailer's guide.

What is drafted, per transaction set type, from what every accepted document shows:

* **segments and loops always present**: a segment (or a qualifier variant such as
  ``REF[BM]``, ``N1[ST]``) found in every loop of its kind (every shipment level, every
  ship-to N1 loop) becomes ``usage: required``;
* **elements always sent** that the standard leaves optional become ``usage: required``;
* **codes actually used**: an ID element with a few distinct values gets ``codes:``
  (only codes of the standard's complete list, so the draft stays a narrowing);
* **lengths**: an element whose values (not all the same) always have one length gets that
  ``min_length`` and ``max_length``;
* **versions** (GS08) seen, and for the 856 the **HL shapes** seen (``asn.shapes``) and the
  hierarchy table (each level's parents, the child levels always present, the shapes of each
  BSN05 code).

Each rule says in a comment how often it was observed, and the profile's citation marks the
whole file as a draft, so every finding of an unconfirmed rule says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import yaml

from edikit.api import stream
from edikit.grammar.hierarchy import Node, shape
from edikit.grammar.loops import Loop
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.segment import Segment
from edikit.profiles.model import PATH_PART
from edikit.rules.profile.paths import members
from edikit.x12.codes import version_of
from edikit.x12.dictionary import ElementSpec, segment_specs

DRAFTED_SETS: Final = ("850", "855", "856", "810")
# Segments whose variants a guide names by qualifier (element 01; HL03 for HL).
QUALIFIED: Final = frozenset({"HL", "N1", "REF", "DTM", "MAN", "PER", "TD1", "SAC"})
MOST_CODES: Final = 12  # an ID element with more distinct values gets no codes list
DOCUMENT_SUFFIXES: Final = (".edi", ".x12", ".txt")


@dataclass(slots=True)
class _Element:
    seen: int = 0  # occurrences of its segment
    sent: int = 0  # occurrences with a value
    values: set[str] = field(default_factory=set)
    lengths: set[int] = field(default_factory=set)


@dataclass(slots=True)
class _SetDraft:
    """What the documents of one transaction set type showed."""

    documents: int = 0
    versions: set[str] = field(default_factory=set)
    scopes: Counter[str] = field(default_factory=Counter)  # loop path: instances
    present: Counter[tuple[str, str]] = field(default_factory=Counter)  # (scope, member)
    elements: dict[tuple[str, int], _Element] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # segment path: its tag
    shapes: set[str] = field(default_factory=set)
    parents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    levels: Counter[str] = field(default_factory=Counter)  # HL03: instances
    children: Counter[tuple[str, str]] = field(default_factory=Counter)
    structures: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def documents_in(sources: Iterable[Path]) -> list[Path]:
    """The files named, and the X12 files of the folders named, in order."""
    found: list[Path] = []
    for source in sources:
        if source.is_dir():
            found += sorted(p for p in source.rglob("*") if p.suffix in DOCUMENT_SUFFIXES)
        else:
            found.append(source)
    return found


def draft(sources: Iterable[Path], profile_id: str, extends: str | None) -> str:
    """The draft profile (YAML text) for the documents of ``sources``."""
    drafts: dict[str, _SetDraft] = {}
    files = documents_in(sources)
    for path in files:
        for parsed in stream(path):
            if parsed.set_id in DRAFTED_SETS and parsed.loop is not None:
                _read(drafts.setdefault(parsed.set_id, _SetDraft()), parsed)
    return _render(drafts, profile_id, extends, len(files))


# -- reading -----------------------------------------------------------------------------------
def _read(found: _SetDraft, parsed: ParsedTransaction) -> None:
    found.documents += 1
    if parsed.context.version:
        found.versions.add(parsed.context.version)
    assert parsed.loop is not None
    specs = segment_specs(parsed.version)
    for scope, loop in _loops(parsed.loop, ""):
        found.scopes[scope] += 1
        seen_here: set[str] = set()
        for segment in members(loop) if scope else _heading(loop):
            member = _selector(segment)
            path = f"{scope}/{member}" if scope else member
            seen_here.add(member)
            found.tags[path] = segment.tag
            spec = specs.get(segment.tag)
            if spec is not None:
                _read_elements(found, path, segment, spec.elements)
        for member in seen_here:
            found.present[(scope, member)] += 1
    if parsed.hierarchy is not None:
        _read_hierarchy(found, parsed)


def _heading(root: Loop) -> Iterator[Segment]:
    """The transaction set's own members, without its ST and SE."""
    for segment in members(root):
        if segment.tag not in ("ST", "SE"):
            yield segment


def _loops(loop: Loop, path: str) -> Iterator[tuple[str, Loop]]:
    """Each loop with its profile path (``HL[S]``, ``HL[S]/N1[ST]``), the set itself first
    (path ""), iteratively."""
    stack = [(path, loop)]
    while stack:
        here, current = stack.pop()
        yield here, current
        for child in reversed(list(current.loops())):
            if child.first is None:
                continue
            name = _selector(child.first)
            stack.append((f"{here}/{name}" if here else name, child))


def _selector(segment: Segment) -> str:
    """``REF[BM]``, ``HL[S]``, or the tag when its qualifier cannot name a variant."""
    if segment.tag in QUALIFIED:
        qualifier = segment[3 if segment.tag == "HL" else 1]
        named = f"{segment.tag}[{qualifier}]"
        if qualifier and PATH_PART.fullmatch(named):
            return named
    return segment.tag


def _read_elements(
    found: _SetDraft, path: str, segment: Segment, specs: tuple[ElementSpec, ...]
) -> None:
    for spec in specs:
        if spec.kind == "composite":
            continue
        element = found.elements.setdefault((path, spec.position), _Element())
        element.seen += 1
        value = segment[spec.position]
        if value:
            element.sent += 1
            if len(element.values) <= MOST_CODES:
                element.values.add(value)
            element.lengths.add(len(value))


def _read_hierarchy(found: _SetDraft, parsed: ParsedTransaction) -> None:
    roots = list(parsed.hierarchy or ())
    if any(v.code in ("EDI209", "EDI210") for v in parsed.violations):
        return
    tree = shape(roots)
    found.shapes.add(tree)
    bsn = next((s for s in parsed.segments if s.tag == "BSN"), None)
    if bsn is not None and bsn[5]:
        found.structures[bsn[5]].add(tree)
    stack: list[tuple[Node, str]] = [(root, "") for root in roots]
    while stack:
        node, parent = stack.pop()
        found.levels[node.level] += 1
        found.parents[node.level].add(parent)
        for level in {child.level for child in node.children}:
            found.children[(node.level, level)] += 1
        stack.extend((child, node.level) for child in node.children)


# -- writing -----------------------------------------------------------------------------------
def _render(drafts: dict[str, _SetDraft], profile_id: str, extends: str | None, files: int) -> str:
    total = sum(d.documents for d in drafts.values())
    lines = [
        f"# DRAFT written by edikit profile draft from {total} transaction sets in {files} "
        "files the retailer accepted.",
        "# Every rule below is what those documents showed, not what the guide says: confirm",
        "# each against the retailer's guide, give it the guide's id and citation, and delete",
        "# what the guide does not ask for.",
        _line({"id": profile_id}),
        _line({"title": f"{profile_id} (draft from accepted documents)"}),
    ]
    if extends:
        lines.append(_line({"extends": extends}))
    lines.append(
        _line(
            {
                "citation": {
                    "document": f"DRAFT: observed in {_many(total, 'accepted document')}; "
                    "confirm against the guide"
                }
            }
        )
    )
    lines.append("transactions:")
    for set_id in sorted(drafts):
        lines += _set_lines(set_id, drafts[set_id])
    shapes = drafts.get("856")
    if shapes is not None and shapes.shapes:
        lines.append("rules:")
        kinds, asns = _many(len(shapes.shapes), "HL shape"), _many(shapes.documents, "ASN")
        lines.append(f"  # observed: {kinds} in {asns}")
        lines.append("  - use: asn.shapes")
        lines.append("    with: " + _flow({"allowed": sorted(shapes.shapes)}))
    return "\n".join(lines) + "\n"


def _set_lines(set_id: str, found: _SetDraft) -> list[str]:
    lines = [f'  "{set_id}":']
    if found.versions:
        lines.append(f"    # observed: GS08 of {_many(found.documents, 'document')}")
        lines.append("    versions: " + _flow(sorted(found.versions)))
    segments = list(_required_segments(found))
    if segments:
        lines.append("    segments:")
        for path, seen in segments:
            lines.append(f"      # observed: in each of {seen}")
            lines.append("      - " + _flow({"path": path, "usage": "required"}))
    elements = list(_element_rules(found, set_id))
    if elements:
        lines.append("    elements:")
        for rule, note in elements:
            lines.append(f"      # observed: {note}")
            lines.append("      - " + _flow(rule))
    hierarchy = _hierarchy(found)
    if hierarchy:
        lines.append(f"    # observed: the HL trees of {_many(found.documents, 'ASN')}")
        lines.append("    hierarchy: " + _flow(hierarchy))
    return lines


def _required_segments(found: _SetDraft) -> Iterator[tuple[str, str]]:
    for (scope, member), count in sorted(found.present.items()):
        instances = found.scopes[scope]
        if count == instances:
            path = f"{scope}/{member}" if scope else member
            where = (
                f"the {_many(instances, scope + ' loop')}"
                if scope
                else f"the {_many(instances, 'document')}"
            )
            yield path, where


def _many(count: int, noun: str) -> str:
    """``1 document``, ``3 documents``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _dictionary_version(versions: set[str]) -> str:
    """The dictionary the documents' GS08 names (``004010VICS`` is read with ``004010``), or
    004010 when none is known."""
    for gs08 in sorted(versions):
        try:
            return version_of(gs08)
        except KeyError:
            continue
    return "004010"


def _element_rules(found: _SetDraft, set_id: str) -> Iterator[tuple[dict[str, object], str]]:
    specs = segment_specs(_dictionary_version(found.versions))
    for (path, position), element in sorted(found.elements.items()):
        spec = specs.get(found.tags[path])
        if spec is None or element.sent == 0:
            continue
        standard = spec.elements[position - 1]
        if _names_variant(path, position):
            continue  # REF[BM]01 is BM by its path
        rule: dict[str, object] = {"path": f"{path}{position:02d}"}
        notes = []
        if element.sent == element.seen and not standard.required:
            rule["usage"] = "required"
            notes.append(f"sent in each of its {_many(element.seen, 'occurrence')}")
        codes = _codes(element, standard)
        if codes:
            rule["codes"] = codes
            notes.append(f"{len(codes)} code(s) used")
        if standard.kind != "ID" and len(element.lengths) == 1 and len(element.values) > 1:
            (length,) = element.lengths
            if standard.minimum <= length < standard.maximum:
                rule["min_length"] = rule["max_length"] = length
                notes.append(f"always {length} characters")
        if len(rule) > 1:
            yield rule, "; ".join(notes)


def _names_variant(path: str, position: int) -> bool:
    """Whether the element is the qualifier a path's last part selects by (REF[BM] 01)."""
    last = path.rsplit("/", 1)[-1]
    return "[" in last and position == (3 if last.startswith("HL[") else 1)


def _codes(element: _Element, standard: ElementSpec) -> list[str] | None:
    if standard.kind != "ID" or not element.values or len(element.values) > MOST_CODES:
        return None
    known = standard.codes
    if standard.codes_complete and known is not None and not element.values <= known:
        return None  # a value outside the standard's list: a codes rule would widen it
    return sorted(element.values)


def _hierarchy(found: _SetDraft) -> dict[str, object]:
    if not found.levels:
        return {}
    parents = {level: sorted(p for p in found.parents[level] if p) for level in found.levels}
    for level in found.levels:
        if "" in found.parents[level] and parents[level]:
            del parents[level]  # both at the top and under a level: say nothing
    children = {
        level: sorted(
            child for (above, child), n in found.children.items() if above == level and n == count
        )
        for level, count in found.levels.items()
    }
    table: dict[str, object] = {"parents": dict(sorted(parents.items()))}
    always = {level: kids for level, kids in sorted(children.items()) if kids}
    if always:
        table["children"] = always
    if found.structures:
        table["structures"] = {code: sorted(s) for code, s in sorted(found.structures.items())}
    return table


def _flow(value: object) -> str:
    return yaml.safe_dump(value, default_flow_style=True, sort_keys=False, width=10_000).strip()


def _line(value: dict[str, object]) -> str:
    return yaml.safe_dump(value, default_flow_style=False, sort_keys=False, width=10_000).strip()
