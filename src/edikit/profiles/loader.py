"""Loading profiles: safe YAML with positions, ``extends`` chains, and the check that a
profile only narrows the standard (a widening profile is a load error, with its place).

Profiles never run code: ``yaml.SafeLoader`` only, patterns compiled and refused when they
nest quantifiers (the shape that makes regular expressions take exponential time).
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar, cast

import yaml
from pydantic import ValidationError
from yaml.composer import Composer

from edikit.errors import ProfileError, ProfileProblem
from edikit.grammar.compiler import LoopRule, compiled_structure
from edikit.grammar.compiler import SegmentRule as StandardSegment
from edikit.profiles.compiled import CharacterSet, CompiledProfile, Pattern
from edikit.profiles.model import (
    ELEMENT_PART,
    ElementRule,
    Envelope,
    Profile,
    RuleUse,
    SegmentRule,
    Sourced,
    TextRule,
    TransactionProfile,
    UniqueRule,
    Versions,
)
from edikit.quoting import bounded, quote
from edikit.x12.dictionary import segment_specs
from edikit.x12.structure import resolve_version

# Business rules a profile may name, with the parameters each accepts.
# What a profile file may hold: a 200,000-entry store table is some 3.4 MB and 200,000 values.
MAX_PROFILE_BYTES: Final = 16 * 1024 * 1024
MAX_PROFILE_NODES: Final = 1_000_000  # values, counted as often as aliases repeat them
MAX_PROFILE_DEPTH: Final = 64


@dataclass(frozen=True, slots=True)
class Position:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def problem(self, message: str) -> ProfileProblem:
        return ProfileProblem(self.file, message, self.line, self.column)


@dataclass(slots=True)
class LoadedProfile:
    """A profile file as read, with the position of every key for error messages."""

    profile: Profile
    source: str
    positions: dict[tuple[str | int, ...], Position]
    path: Path | None = None  # the file, for a profile read from one (not a built-in)

    def problem(self, path: tuple[str | int, ...], message: str) -> ProfileProblem:
        """``message`` placed at the key at ``path`` (or at its nearest parent)."""
        for length in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:length]))
            if found is not None:
                return found.problem(message)
        return ProfileProblem(self.source, message)


def builtin_ids() -> list[str]:
    """Built-in profile IDs, and those of installed ``edikit.profiles`` plugins."""
    return sorted(_profile_files())


def _profile_files() -> dict[str, Any]:
    from edikit.profiles.plugins import profile_folders

    found: dict[str, Any] = {}
    for folder in profile_folders():
        found.update({p.stem: p for p in folder.glob("*.yaml")})
    builtin = resources.files("edikit.profiles") / "builtin"
    for entry in builtin.iterdir():
        if entry.name.endswith(".yaml"):
            found[entry.name.removesuffix(".yaml")] = entry  # built-ins win over plugins
    return found


def read_profile(reference: str | Path, relative_to: Path | None = None) -> LoadedProfile:
    """Read one profile (a built-in ID or a path) without resolving ``extends``. A relative
    path is taken from ``relative_to`` (the folder of the profile that names it) when given.

    A :class:`ProfileError` names the place (file:line:column) and never quotes the content
    of a file that is not a profile."""
    text, source, path = _text(reference, relative_to)
    node = _compose(text, source)
    positions: dict[tuple[str | int, ...], Position] = {}
    data = _to_python(node, (), positions, source) if node is not None else {}
    if not isinstance(data, dict) or not {"id", "title"} <= data.keys():
        missing = " and ".join(
            k for k in ("id", "title") if not isinstance(data, dict) or k not in data
        )
        raise ProfileError(
            Position(source, 1, 1).problem(
                "not a profile: a profile is a mapping with id and title at its top "
                f"(this has no {missing})"
            )
        )
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        loaded = LoadedProfile(Profile(id="x", title="x"), source, positions)
        raise ProfileError(
            loaded.problem(error["loc"], f"{_key_path(error['loc'])}: {bounded(error['msg'], 300)}")
            for error in exc.errors()
        ) from exc
    return LoadedProfile(profile, source, positions, path)


def read_yaml(path: Path) -> Any:
    """A YAML data file other than a profile (``profile test`` expectations), read with the
    profile's bounds: a regular file of at most :data:`MAX_PROFILE_BYTES`, plain data only,
    aliases and nesting counted. :class:`ProfileError` with the place otherwise."""
    source = str(path)
    node = _compose(_decoded(_read_bounded(path, path), source), source)
    return _to_python(node, (), {}, source) if node is not None else None


def _key_path(loc: tuple[str | int, ...]) -> str:
    """A pydantic error's place as keys: a long or unprintable key is quoted, cut."""
    return ".".join(_key(part) for part in loc)


def _key(part: str | int) -> str:
    if isinstance(part, int) or (part.isprintable() and len(part) <= 40):
        return str(part)
    return quote(part, 40)


def _text(reference: str | Path, relative_to: Path | None) -> tuple[str, str, Path | None]:
    files = _profile_files()
    if isinstance(reference, str) and reference in files:
        source = f"<profile {reference}>/{reference}.yaml"
        return _decoded(files[reference].read_bytes(), source), source, None
    path = Path(reference)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    source = str(path)
    return _decoded(_read_bounded(path, reference), source), source, path


def _read_bounded(path: Path, reference: str | Path) -> bytes:
    """The bytes of the profile file at ``path``: a regular file of at most
    :data:`MAX_PROFILE_BYTES` (``/dev/zero``, a FIFO or a folder are refused unread)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a path"
        known = ", ".join(builtin_ids())
        raise ProfileError(
            f"no profile {quote(str(reference))}: not a file ({reason}) nor a built-in ({known})"
        ) from exc
    if not stat.S_ISREG(mode):
        raise ProfileError(ProfileProblem(str(path), "not a profile: not a regular file"))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except OSError as exc:
        reason = f"cannot read the profile: {exc.strerror or exc}"
        raise ProfileError(ProfileProblem(str(path), reason)) from exc
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(
            ProfileProblem(
                str(path),
                f"not a profile: larger than {MAX_PROFILE_BYTES:,} bytes, the most a profile "
                "may have",
            )
        )
    return data


def _decoded(data: bytes, source: str) -> str:
    """Profiles are UTF-8 text; elsewhere the place of the first byte that is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        reason = f"not a profile: not UTF-8 text (byte {exc.start})"
        raise ProfileError(Position(source, line, column).problem(reason)) from exc


def _line_column(data: bytes | str, offset: int) -> tuple[int, int]:
    head = data[:offset]
    newline = b"\n" if isinstance(head, bytes) else "\n"
    start = head.rfind(newline)  # type: ignore[arg-type]
    return head.count(newline) + 1, offset - start  # type: ignore[arg-type]


def _compose(text: str, source: str) -> yaml.Node | None:
    loader = _BoundedLoader(text, source)
    try:
        return cast(yaml.Node | None, loader.get_single_node())
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        place = Position(source, line, column)
        raise ProfileError(place.problem(f"not valid YAML: {exc.reason}")) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = f"not valid YAML: {_problem(exc)}"
        if mark is None:
            raise ProfileError(ProfileProblem(source, reason)) from exc
        raise ProfileError(_at(source, mark).problem(reason)) from exc
    except yaml.YAMLError as exc:
        raise ProfileError(ProfileProblem(source, "not valid YAML")) from exc
    finally:
        loader.dispose()


# A quoted token in a YAML error ('found undefined alias 'x'') is text of the file, which
# may not be a profile at all: only one character (the one at the place given) is kept.
_QUOTED: Final = re.compile(r"'(?:[^'\\]|\\.){2,}'|\"(?:[^\"\\]|\\.){2,}\"")


def _problem(exc: yaml.MarkedYAMLError) -> str:
    problem = _QUOTED.sub("(see the place given)", str(exc.problem or "malformed"))
    return bounded(problem, 200)


if yaml.__with_libyaml__:

    class _LibYamlLoader(Composer, yaml.CSafeLoader):
        """libyaml's parser (five times faster on a large table) under PyYAML's composer,
        whose ``compose_node`` the bounded loader below can count in."""

        def __init__(self, text: str) -> None:
            yaml.CSafeLoader.__init__(self, text)
            Composer.__init__(self)

    _Base: Any = _LibYamlLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class _BoundedLoader(_Base):  # type: ignore[misc]
    """The safe loader with a composer that counts: it refuses, with the place, a document
    nested deeper than :data:`MAX_PROFILE_DEPTH`, one whose aliases expand it past
    :data:`MAX_PROFILE_NODES` values (the "billion laughs": nine levels of aliases in 562
    bytes), and an alias inside the node it names."""

    def __init__(self, text: str, source: str) -> None:
        super().__init__(text)
        self.source = source
        self.depth = 0
        self.expanded = 0
        self.sizes: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            named = self.anchors.get(event.anchor)
            if named is not None:
                size = self.sizes.get(id(named))
                if size is None:  # still being composed: the alias is inside it
                    raise ProfileError(
                        _at(self.source, event.start_mark).problem(
                            "an alias inside the node it names"
                        )
                    )
                self._count(size, event.start_mark)
            return cast(yaml.Node, super().compose_node(parent, index))
        self.depth += 1
        if self.depth > MAX_PROFILE_DEPTH:
            raise ProfileError(
                _at(self.source, event.start_mark).problem(
                    f"nested deeper than {MAX_PROFILE_DEPTH} levels"
                )
            )
        try:
            node = cast(yaml.Node, super().compose_node(parent, index))
        finally:
            self.depth -= 1
        self._count(1, event.start_mark)
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self.sizes[id(item)] for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self.sizes[id(k)] + self.sizes[id(v)] for k, v in node.value)
        self.sizes[id(node)] = size
        return node

    def _count(self, size: int, mark: Any) -> None:
        self.expanded += size
        if self.expanded > MAX_PROFILE_NODES:
            raise ProfileError(
                _at(self.source, mark).problem(
                    f"the YAML expands past {MAX_PROFILE_NODES:,} values (aliases that repeat "
                    "aliases?): refused"
                )
            )


def _at(source: str, mark: Any) -> Position:
    """The place of a YAML mark (which counts from 0)."""
    return Position(source, mark.line + 1, mark.column + 1)


_YAML_TAG: Final = "tag:yaml.org,2002:"
_TAGS: Final = frozenset(
    f"{_YAML_TAG}{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
)


def _to_python(
    node: yaml.Node,
    path: tuple[str | int, ...],
    positions: dict[tuple[str | int, ...], Position],
    source: str,
) -> Any:
    here = Position(source, node.start_mark.line + 1, node.start_mark.column + 1)
    positions[path] = here
    if node.tag not in _TAGS:
        tag = quote(node.tag.replace(_YAML_TAG, "!!"), 60)
        raise ProfileError(
            here.problem(
                f"the tag {tag} is not allowed in a profile (profiles are data: mappings, "
                "lists, text, numbers, true/false)"
            )
        )
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                mark = key_node.start_mark
                raise ProfileError(_at(source, mark).problem("a key must be a plain value"))
            key = str(key_node.value)
            if key in result:
                raise ProfileError(here.problem(f"key {quote(key)} is given twice"))
            result[key] = _to_python(value_node, (*path, key), positions, source)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, (*path, i), positions, source) for i, item in enumerate(node.value)
        ]
    try:
        # The tag's constructor itself, not construct_object: that one remembers every node
        # it built (a leak across loads) and is not safe to share between threads.
        return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise ProfileError(here.problem("not a value a profile can hold")) from exc


# Turns composed scalar nodes into str/int/bool/None/date (stateless for scalars).
_SCALARS: Final = yaml.SafeLoader("")


Keyed = TypeVar("Keyed", SegmentRule, ElementRule, RuleUse, TextRule, UniqueRule)


# -- extends ---------------------------------------------------------------------------------
@dataclass(slots=True)
class ResolvedProfile:
    """A profile with its ``extends`` chain merged: what validation applies, with its
    patterns, character sets, codes and tables compiled once (see :mod:`.compiled`)."""

    profile: Profile
    chain: list[LoadedProfile]  # the profile first, then what it extends
    compiled: CompiledProfile = field(init=False)

    def __post_init__(self) -> None:
        self.compiled = CompiledProfile.of(self.profile)

    @property
    def id(self) -> str:
        return self.profile.id


def load_profile(reference: str | Path) -> ResolvedProfile:
    """Read, resolve ``extends`` and check a profile; :class:`ProfileError` with the place in
    the YAML when it is malformed, names an unknown rule, or widens the standard.

    ``extends`` names a built-in ID or a path; a relative path is taken from the folder of
    the profile file that names it (not from the current folder)."""
    chain: list[LoadedProfile] = []
    current: str | Path | None = reference
    folder: Path | None = None
    while current is not None:
        loaded = read_profile(current, folder)
        if any(item.profile.id == loaded.profile.id for item in chain):
            raise ProfileError(
                loaded.problem(("extends",), f"extends loops back to {loaded.profile.id}")
            )
        chain.append(loaded)
        current = loaded.profile.extends
        folder = loaded.path.parent if loaded.path is not None else None
    for loaded in chain:
        check_profile(loaded)
        loaded.profile = _cited(loaded.profile)
    merged = chain[-1].profile
    for loaded in reversed(chain[:-1]):
        merged = merge(merged, loaded.profile)
    return ResolvedProfile(merged, chain)


def _cited(profile: Profile) -> Profile:
    """Rules without a citation cite the profile that states them (not one it extends)."""
    if profile.citation is None:
        return profile

    def cite(rules: list[Keyed]) -> list[Keyed]:
        return [
            r if r.citation else r.model_copy(update={"citation": profile.citation}) for r in rules
        ]

    def cited(rule: Sourced | None) -> Any:
        if rule is None or rule.citation is not None:
            return rule
        return rule.model_copy(update={"citation": profile.citation})

    transactions = {
        set_id: t.model_copy(
            update={
                "segments": cite(t.segments),
                "elements": cite(t.elements),
                "text": cite(t.text),
                "unique": cite(t.unique),
                "hierarchy": cited(t.hierarchy),
                "versions": cited(t.versions) if isinstance(t.versions, Versions) else t.versions,
            }
        )
        for set_id, t in profile.transactions.items()
    }
    update = {
        "transactions": transactions,
        "rules": cite(profile.rules),
        "text": cite(profile.text),
        "envelope": cited(profile.envelope),
    }
    return profile.model_copy(update=update)


def merge(base: Profile, child: Profile) -> Profile:
    """``child`` over ``base``: a rule for the same path (or business rule of the same name)
    replaces the base's, others add up; tables, severities and envelope fields by key."""
    transactions = dict(base.transactions)
    for set_id, narrowing in child.transactions.items():
        parent = transactions.get(set_id)
        if parent is None:
            transactions[set_id] = narrowing
            continue
        transactions[set_id] = narrowing.model_copy(
            update={
                "versions": narrowing.versions or parent.versions,
                "segments": _by_key(parent.segments, narrowing.segments, "path"),
                "elements": _by_key(parent.elements, narrowing.elements, "path"),
                "text": [*parent.text, *narrowing.text],
                "unique": _by_key(parent.unique, narrowing.unique, "element"),
                "hierarchy": narrowing.hierarchy or parent.hierarchy,
            }
        )
    envelope = child.envelope or base.envelope
    if base.envelope is not None and child.envelope is not None:
        fields = base.envelope.model_dump(exclude_unset=True)
        for key, value in child.envelope.model_dump(exclude_unset=True).items():
            both = isinstance(value, dict) and isinstance(fields.get(key), dict)
            fields[key] = {**fields[key], **value} if both else value
        envelope = Envelope.model_validate(fields)
    return child.model_copy(
        update={
            "extends": None,
            "citation": child.citation or base.citation,
            "envelope": envelope,
            "transactions": transactions,
            "rules": _by_key(base.rules, child.rules, "key"),
            "text": [*base.text, *child.text],
            "tables": {**base.tables, **child.tables},
            "severities": {**base.severities, **child.severities},
            "suppress": [*base.suppress, *child.suppress],
        }
    )


def _by_key(base: list[Keyed], child: list[Keyed], key: str) -> list[Keyed]:
    replaced = {getattr(rule, key) for rule in child}
    return [rule for rule in base if getattr(rule, key) not in replaced] + list(child)


# -- narrowing only ------------------------------------------------------------------------
def check_profile(loaded: LoadedProfile) -> None:
    """Refuse a profile that widens the standard or names segments and elements that do not
    exist. (What it says of the catalog's rules is checked when a rule set is composed:
    :func:`edikit.rules.compose.compose`.)"""
    problems: list[ProfileProblem] = []
    profile = loaded.profile
    for set_id, narrowing in profile.transactions.items():
        accepted = narrowing.version_rule
        version, _ = resolve_version(accepted.accept[0] if accepted else "004010")
        for number, rule in enumerate(narrowing.segments):
            where = ("transactions", set_id, "segments", number)
            problems += [loaded.problem(where, p) for p in _segment_problems(rule, set_id, version)]
        for number, element in enumerate(narrowing.elements):
            where = ("transactions", set_id, "elements", number)
            problems += [
                loaded.problem(where, p)
                for p in _element_problems(element, set_id, version, profile)
            ]
        for named, path in _named_elements(narrowing):
            named_at: tuple[str | int, ...] = ("transactions", set_id, *named)
            named_rule = ElementRule(path=path)
            problems += [
                loaded.problem(named_at, p)
                for p in _element_problems(named_rule, set_id, version, profile)
            ]
        for number, text in enumerate(narrowing.text):
            text_at: tuple[str | int, ...] = ("transactions", set_id, "text", number)
            problems += [loaded.problem(text_at, p) for p in _text_problems(text)]
    for number, text in enumerate(profile.text):
        problems += [loaded.problem(("text", number), p) for p in _text_problems(text)]
    if problems:
        raise ProfileError(problems)


def _named_elements(narrowing: TransactionProfile) -> list[tuple[tuple[str | int, ...], str]]:
    """The element paths a transaction set's conditions and uniqueness rules name, with the
    place of each in the profile."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    conditions = [("segments", n, r.when) for n, r in enumerate(narrowing.segments)]
    conditions += [("elements", n, r.when) for n, r in enumerate(narrowing.elements)]
    for kind, number, when in conditions:
        if when is not None:
            found.append(((kind, number, "when"), when.element))
    for number, unique in enumerate(narrowing.unique):
        found.append((("unique", number), unique.element))
    return found


def _text_problems(rule: TextRule) -> list[str]:
    return _characters_problems(rule.characters) if rule.characters is not None else []


def _segment_problems(rule: SegmentRule, set_id: str, version: str) -> list[str]:
    compiled = compiled_structure(set_id, version)
    if compiled is None:
        return [f"edikit has no {version} segment table for {set_id}"]
    tags = [part.split("[")[0] for part in rule.path.split("/")]
    unknown = [tag for tag in tags if tag not in compiled.terminals]
    if unknown:
        return [f"{rule.path}: {', '.join(unknown)} is not a segment of the {set_id} ({version})"]
    standard = _standard_segment(compiled.root, tags[-1])
    problems = []
    if standard is not None:
        narrowed_away = rule.usage in ("optional", "not-used")
        if standard.required and narrowed_away and "[" not in rule.path.split("/")[-1]:
            problems.append(
                f"{rule.path}: the standard requires it; a profile cannot make it {rule.usage}"
            )
        if rule.max_use and standard.max_use and rule.max_use > standard.max_use:
            problems.append(
                f"{rule.path}: max_use {rule.max_use} widens the standard's {standard.max_use}"
            )
    return problems


def _standard_segment(loop: LoopRule, tag: str) -> StandardSegment | None:

    for entry in loop.body:
        if isinstance(entry, StandardSegment) and entry.tag == tag:
            return entry
        if isinstance(entry, LoopRule):
            found = _standard_segment(entry, tag)
            if found is not None:
                return found
    return None


def _element_problems(rule: ElementRule, set_id: str, version: str, profile: Profile) -> list[str]:
    *context, last = rule.path.split("/")
    match = ELEMENT_PART.fullmatch(last)
    assert match is not None  # the model checked it
    tag, number = match.group(1), int(match.group(3))
    segment_problems = _segment_problems(
        SegmentRule(path="/".join([*context, tag]), usage="optional"), set_id, version
    )
    unknown = [p for p in segment_problems if "not a segment" in p or "no " in p[:10]]
    if unknown:
        return unknown
    spec = segment_specs(version).get(tag)
    if spec is None or number > len(spec.elements):
        return [f"{rule.path}: {tag} has no element {number:02d}"]
    element = spec.elements[number - 1]
    problems = []
    if element.required and rule.usage in ("optional", "not-used"):
        problems.append(
            f"{rule.path}: mandatory in the standard; a profile cannot make it {rule.usage}"
        )
    if rule.max_length is not None and element.maximum and rule.max_length > element.maximum:
        problems.append(
            f"{rule.path}: max_length {rule.max_length} widens the standard's {element.maximum}"
        )
    if rule.min_length is not None and rule.min_length < element.minimum:
        problems.append(
            f"{rule.path}: min_length {rule.min_length} widens the standard's {element.minimum}"
        )
    if rule.codes and element.codes_complete and element.codes is not None:
        outside = sorted(set(rule.codes) - element.codes)
        if outside:
            problems.append(
                f"{rule.path}: {', '.join(outside)} not codes of element {element.reference}"
            )
    if rule.pattern is not None:
        problems += [f"{rule.path}: {p}" for p in _pattern_problems(rule.pattern)]
    if rule.characters is not None:
        problems += [f"{rule.path}: {p}" for p in _characters_problems(rule.characters)]
    if rule.table is not None and rule.table not in profile.tables:
        problems.append(f"{rule.path}: no table {quote(rule.table)} in this profile")
    return problems


def _pattern_problems(pattern: str) -> list[str]:
    try:
        Pattern(pattern)
    except ValueError as exc:
        return [str(exc)]
    return []


def _characters_problems(characters: str) -> list[str]:
    try:
        CharacterSet.parse(characters)
    except ValueError as exc:
        return [str(exc)]
    return []
