"""``edikit explain``: a document as a reader would say it.

:func:`explain` reads an input twice over the same bytes: :func:`~edikit.api.parse` for its
trees (the envelope, each transaction set's loops, an 856's HL tree) and
:func:`~edikit.api.validate_file` for its findings and facts (or takes the findings a caller
already has: ``validate --set`` or an order book). It returns an :class:`Explanation`: the
envelope (who sends to whom, test or production), then each transaction set as a tree of
loops (for an 856: shipment > order > pack > item, from the HL tree), every segment with its
name, every element with its name and value, every code with its meaning, and each finding at
the segment it is about with the element it names flagged.

The same tree is the JSON output (``--format json``, schema ``edikit.explain/1``, published as
``docs/explain-schema.json``), the terminal output (:mod:`edikit.report.explain_text`) and the
HTML report (:mod:`edikit.report.html`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from edikit.api import ParsedFile, parse, validate_file
from edikit.grammar.hierarchy import Node
from edikit.grammar.loops import Loop
from edikit.grammar.transaction import ParsedTransaction
from edikit.io.decode import Readable, readable
from edikit.io.envelope import Group, Interchange
from edikit.io.segment import Segment
from edikit.quoting import bounded
from edikit.report import dictionary
from edikit.report.summaries import document_summary, loop_summary
from edikit.rules.result import DocumentResult, FileResult
from edikit.rules.ruleset import RuleSet
from edikit.vocabulary import Fee, Severity, Violation

SCHEMA: Final = "edikit.explain/1"
# Segments drawn per transaction set by default: a 100,000-segment ship notice is explained by
# its findings and its first segments, not drawn whole (segments with a finding always are).
DEFAULT_MAX_SEGMENTS: Final = 2_000
VALUE_SHOWN: Final = 1_000  # characters of an element value kept in the tree
MAX_DEPTH: Final = 40  # 856 levels drawn nested; deeper ones are drawn flat (see _level)


class Explained(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ExplainedFinding(Explained):
    """A finding, at the segment it is about (``element``/``component``: the one it names)."""

    code: str
    rule_id: str
    severity: Severity
    message: str
    reference: str | None = None  # BEG03, PO1-07-2
    element: int | None = None
    component: int | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    citation: str | None = None
    chargeback: str | None = None
    fee: Fee | None = None

    @classmethod
    def of(cls, violation: Violation) -> ExplainedFinding:
        where = violation.location
        return cls(
            code=violation.code,
            rule_id=violation.id,
            severity=violation.severity,
            message=bounded(violation.message),
            reference=where.reference() or None,
            element=where.element,
            component=where.component,
            line=where.line,
            column=where.column,
            hint=violation.hint,
            citation=violation.citation,
            chargeback=violation.chargeback,
            fee=violation.fee,
        )


class ExplainedElement(Explained):
    """One element: ``reference`` as guides write it (``HL03``), its data element number and
    name from the dictionary, its value as written, and the meaning of the code it holds.
    ``flagged``: a finding names this element."""

    reference: str
    data_element: str | None = None
    name: str | None = None
    value: str
    meaning: str | None = None
    flagged: bool = False
    components: list[ExplainedElement] = Field(default_factory=list)


class ExplainedSegment(Explained):
    """One segment: its ID and name, where it is (``position`` counts from ST, ``line`` in
    the input), its non-empty elements, and the findings about it."""

    kind: Literal["segment"] = "segment"
    tag: str
    name: str | None = None
    index: int
    position: int | None = None
    line: int | None = None
    elements: list[ExplainedElement] = Field(default_factory=list)
    findings: list[ExplainedFinding] = Field(default_factory=list)


class ExplainedLoop(Explained):
    """A loop (or an 856 level): ``label`` says what it is (``Pack``, ``Ship To``), and
    ``summary`` what it holds (``SSCC 00008123450000000016``)."""

    kind: Literal["loop"] = "loop"
    name: str
    label: str
    summary: str | None = None
    children: list[ExplainedLoop | ExplainedSegment] = Field(default_factory=list)


class ExplainedDocument(Explained):
    """A transaction set: what it is, a sentence on what it says, and its tree. ``findings``
    are those that name no drawn segment; ``omitted`` counts segments not drawn (past the cap;
    segments with a finding are always drawn)."""

    set_id: str
    name: str | None = None
    control_number: str
    version: str
    line: int | None = None
    summary: str | None = None
    findings: list[ExplainedFinding] = Field(default_factory=list)
    tree: ExplainedLoop | None = None
    omitted: int = 0


class ExplainedParty(Explained):
    qualifier: str
    qualifier_meaning: str | None = None
    id: str


class ExplainedGroup(Explained):
    """A functional group: GS01 and what it holds, application sender and receiver, date,
    time, control number and version."""

    functional_id: str
    functional_name: str | None = None
    sender: str
    receiver: str
    date: str
    time: str
    control_number: str
    version: str
    segments: list[ExplainedSegment] = Field(default_factory=list)  # GS, GE
    documents: list[ExplainedDocument] = Field(default_factory=list)


class ExplainedInterchange(Explained):
    """An interchange: who sends to whom, when, test or production (ISA15)."""

    sender: ExplainedParty
    receiver: ExplainedParty
    date: str
    time: str
    control_number: str
    version: str
    usage: str
    usage_meaning: str | None = None
    segments: list[ExplainedSegment] = Field(default_factory=list)  # ISA, IEA
    groups: list[ExplainedGroup] = Field(default_factory=list)


class Explanation(Explained):
    """One input explained: ``findings`` are those outside any segment drawn (input level)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_: str = Field(default=SCHEMA, alias="schema")
    file: str
    codec: str
    counts: dict[str, int] = Field(default_factory=dict)
    omitted: dict[str, int] = Field(default_factory=dict)  # findings past the caps, by code
    findings: list[ExplainedFinding] = Field(default_factory=list)
    interchanges: list[ExplainedInterchange] = Field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)


def explain(
    source: Readable,
    rules: RuleSet | None = None,
    *,
    name: str | None = None,
    result: FileResult | None = None,
    max_segments: int | None = DEFAULT_MAX_SEGMENTS,
) -> Explanation:
    """``source`` explained, with the findings of ``rules`` (default: the standard and the
    business rules), or those of ``result`` when the caller has them (a set, a book).
    ``max_segments`` caps the segments drawn per transaction set (None: all). Raises
    :class:`~edikit.errors.InputError` if the input can't be read."""
    if hasattr(source, "read"):
        source = source.read()  # read once, parsed twice
    if name is None and isinstance(source, Path):
        name = str(source)
    if result is None:
        result = validate_file(source, rules, name=name)
    parsed = parse(source, name=name)
    return _Builder(parsed, result, max_segments).build()


def explanation_of(result: FileResult) -> Explanation:
    """What can be said of an input that was not read (EDI005): its name and its findings."""
    return Explanation(
        file=result.path,
        codec=result.codec,
        counts={s.value: result.count(s) for s in Severity},
        findings=[ExplainedFinding.of(v) for v in result.all_violations()],
        omitted={o.code: o.count for o in result.omitted},
    )


@dataclass(slots=True)
class _Budget:
    """Segments a document may still draw (None: no cap) and how many it left out."""

    left: int | None
    omitted: int = 0

    def take(self, has_findings: bool) -> bool:
        if has_findings:
            return True
        if self.left is None:
            return True
        if self.left > 0:
            self.left -= 1
            return True
        self.omitted += 1
        return False


@dataclass(slots=True)
class _Builder:
    parsed: ParsedFile
    result: FileResult
    max_segments: int | None
    by_segment: dict[int, list[Violation]] = field(default_factory=dict)
    placed: set[int] = field(default_factory=set)  # id() of the violations drawn
    drawn: set[int] = field(default_factory=set)  # input index of the segments drawn

    def build(self) -> Explanation:
        for violation in self.result.iter_violations():
            index = violation.location.segment_index
            if index is not None:
                self.by_segment.setdefault(index, []).append(violation)
        documents = {(d.interchange, d.group, d.transaction): d for d in self.result.documents}
        parsed = {id(p.transaction): p for p in self.parsed.transactions}
        interchanges = [
            self._interchange(interchange, parsed, documents)
            for interchange in self.parsed.interchanges
        ]
        loose = [v for v in self.result.violations if id(v) not in self.placed]
        return Explanation(
            file=self.result.path,
            codec=self.result.codec,
            counts={s.value: self.result.count(s) for s in Severity},
            omitted={o.code: o.count for o in self.result.omitted},
            findings=[ExplainedFinding.of(v) for v in loose],
            interchanges=interchanges,
        )

    def _interchange(
        self,
        interchange: Interchange,
        parsed: Mapping[int, ParsedTransaction],
        documents: Mapping[tuple[int, int | None, int | None], DocumentResult],
    ) -> ExplainedInterchange:
        version = _first_version(interchange)
        (sender_q, sender), (receiver_q, receiver) = interchange.sender, interchange.receiver
        segments = [interchange.header, *([interchange.trailer] if interchange.trailer else [])]
        return ExplainedInterchange(
            sender=_party(sender_q, sender),
            receiver=_party(receiver_q, receiver),
            date=interchange.header[9],
            time=interchange.header[10],
            control_number=interchange.control_number,
            version=interchange.version,
            usage=interchange.usage,
            usage_meaning=dictionary.code_meaning(None, "I14", interchange.usage),
            segments=[self._segment(s, version) for s in segments],
            groups=[self._group(g, parsed, documents) for g in interchange.groups],
        )

    def _group(
        self,
        group: Group,
        parsed: Mapping[int, ParsedTransaction],
        documents: Mapping[tuple[int, int | None, int | None], DocumentResult],
    ) -> ExplainedGroup:
        version = group.version
        gs = group.header
        segments = [gs, *([group.trailer] if group.trailer else [])]
        explained = []
        for transaction in group.transactions:
            found = parsed.get(id(transaction))
            if found is None:
                continue
            context = found.context
            key = (context.interchange, context.group, context.transaction)
            explained.append(self._document(found, documents.get(key)))
        return ExplainedGroup(
            functional_id=group.functional_id,
            functional_name=dictionary.functional_group_name(version, group.functional_id),
            sender=gs[2],
            receiver=gs[3],
            date=gs[4],
            time=gs[5],
            control_number=group.control_number,
            version=version,
            segments=[self._segment(s, version) for s in segments],
            documents=explained,
        )

    def _document(
        self, parsed: ParsedTransaction, document: DocumentResult | None
    ) -> ExplainedDocument:
        budget = _Budget(self.max_segments)
        version = parsed.version or parsed.context.version or ""
        if parsed.loop is not None:
            tree = self._loop(parsed.loop, version, budget, _levels(parsed.hierarchy))
        else:  # a set edikit has no segment table for: its segments in a row
            root = Loop("ST", "", list(parsed.all_segments()))
            tree = self._loop(root, version, budget, {})
        # Segments the loop grammar left out of the tree (an unknown segment ID) are drawn
        # where they stood when a finding is about them.
        stray = [
            self._segment(segment, version)
            for segment in parsed.all_segments()
            if segment.index not in self.drawn and self._has(segment)
        ]
        if stray and tree is not None:
            tree = tree.model_copy(update={"children": _merged(tree.children, stray)})
        violations = document.violations if document is not None else ()
        loose = [v for v in violations if id(v) not in self.placed]
        return ExplainedDocument(
            set_id=parsed.set_id,
            name=dictionary.set_name(version, parsed.set_id),
            control_number=parsed.control_number,
            version=parsed.context.version or "",
            line=parsed.header.line or None,
            summary=document_summary(document.facts if document is not None else None),
            findings=[ExplainedFinding.of(v) for v in loose],
            tree=tree,
            omitted=budget.omitted,
        )

    def _loop(
        self, loop: Loop, version: str, budget: _Budget, levels: Mapping[int, _Level]
    ) -> ExplainedLoop | None:
        return self._made(loop, self._children(loop, version, budget, levels), version)

    def _children(
        self, loop: Loop, version: str, budget: _Budget, levels: Mapping[int, _Level]
    ) -> list[ExplainedLoop | ExplainedSegment]:
        children: list[ExplainedLoop | ExplainedSegment] = []
        for item in loop.items:
            drawn: ExplainedLoop | ExplainedSegment | None
            if isinstance(item, Segment):
                drawn = self._segment(item, version) if budget.take(self._has(item)) else None
            elif item.name == "HL" and id(item) in levels:
                level = levels[id(item)]
                drawn = self._level(level.node, version, budget, levels) if level.root else None
            else:
                drawn = self._loop(item, version, budget, levels)
            if drawn is not None:
                children.append(drawn)
        return children

    def _level(
        self,
        node: Node,
        version: str,
        budget: _Budget,
        levels: Mapping[int, _Level],
        depth: int = 0,
    ) -> ExplainedLoop | None:
        """An 856 level with the levels below it. Past :data:`MAX_DEPTH` the levels below are
        drawn beside each other, in input order, under the deepest level drawn (a hostile
        tree may nest thousands deep)."""
        children = self._children(node.loop, version, budget, levels)
        if depth >= MAX_DEPTH:
            below = [n for child in node.children for n in child.walk()]
            for inner in below:
                flat = self._made(
                    inner.loop, self._children(inner.loop, version, budget, levels), version
                )
                if flat is not None:
                    children.append(flat)
        else:
            for child in node.children:
                nested = self._level(child, version, budget, levels, depth + 1)
                if nested is not None:
                    children.append(nested)
        return self._made(node.loop, children, version)

    def _made(
        self, loop: Loop, children: list[ExplainedLoop | ExplainedSegment], version: str
    ) -> ExplainedLoop | None:
        if not children:
            return None
        label, summary = loop_summary(loop, version)
        return ExplainedLoop(name=loop.name, label=label, summary=summary, children=children)

    def _has(self, segment: Segment) -> bool:
        return segment.index in self.by_segment

    def _segment(self, segment: Segment, version: str) -> ExplainedSegment:
        findings = self.by_segment.get(segment.index, [])
        self.drawn.add(segment.index)
        for violation in findings:
            self.placed.add(id(violation))
        flagged = {(v.location.element, v.location.component) for v in findings}
        return ExplainedSegment(
            tag=segment.tag,
            name=dictionary.segment_name(version, segment.tag),
            index=segment.index,
            position=segment.position,
            line=segment.line or None,
            elements=list(_elements(segment, version, flagged)),
            findings=[ExplainedFinding.of(v) for v in findings],
        )


def _merged(
    children: list[ExplainedLoop | ExplainedSegment], stray: list[ExplainedSegment]
) -> list[ExplainedLoop | ExplainedSegment]:
    """``children`` with the ``stray`` segments put back in input order."""
    merged: list[ExplainedLoop | ExplainedSegment] = []
    waiting = sorted(stray, key=lambda s: s.index)
    for child in children:
        first = _first_index(child)
        while waiting and first is not None and waiting[0].index < first:
            merged.append(waiting.pop(0))
        merged.append(child)
    return merged + waiting


def _first_index(node: ExplainedLoop | ExplainedSegment) -> int | None:
    while isinstance(node, ExplainedLoop):
        if not node.children:
            return None
        node = node.children[0]
    return node.index


@dataclass(frozen=True, slots=True)
class _Level:
    node: Node
    root: bool


def _levels(hierarchy: Iterable[Node] | None) -> dict[int, _Level]:
    """Every HL loop of an 856 by id(), with whether it is a root of the HL tree. Levels are
    drawn from their parent's node; the walk holds the nodes, so ids stay unique."""
    found: dict[int, _Level] = {}
    for root in hierarchy or ():
        for node in root.walk():
            found[id(node.loop)] = _Level(node, node is root)
    return found


def _elements(
    segment: Segment, version: str, flagged: set[tuple[int | None, int | None]]
) -> Iterator[ExplainedElement]:
    infos = {info.position: info for info in dictionary.segment_elements(version, segment.tag)}
    component = segment.delimiters.component
    for position, value in enumerate(segment.elements[1:], start=1):
        if not value:
            continue
        info = infos.get(position)
        parts = value.split(component) if component and info and info.components else []
        components = [
            _element(
                f"{segment.tag}{position:02d}-{number}",
                info.components[number - 1] if info and number <= len(info.components) else None,
                part,
                version,
                (position, number) in flagged,
            )
            for number, part in enumerate(parts, start=1)
            if part
        ]
        element = _element(
            f"{segment.tag}{position:02d}",
            info,
            value,
            version,
            (position, None) in flagged or any(f[0] == position for f in flagged),
        )
        yield element.model_copy(update={"components": components}) if components else element


def _element(
    reference: str,
    info: dictionary.ElementInfo | None,
    value: str,
    version: str,
    flagged: bool,
) -> ExplainedElement:
    meaning = dictionary.code_meaning(version, info.data_element, value) if info else None
    return ExplainedElement(
        reference=reference,
        data_element=info.data_element if info else None,
        name=info.name if info else None,
        value=bounded(readable(value), VALUE_SHOWN),
        meaning=meaning,
        flagged=flagged,
    )


def _party(qualifier: str, identifier: str) -> ExplainedParty:
    return ExplainedParty(
        qualifier=qualifier,
        qualifier_meaning=dictionary.code_meaning(None, "I05", qualifier),
        id=identifier,
    )


def _first_version(interchange: Interchange) -> str:
    return next((g.version for g in interchange.groups if g.version), "")
