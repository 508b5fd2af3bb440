"""Self-contained HTML reports: one file that opens offline in any browser.

``edikit explain --format html`` and ``edikit validate --format html`` render the explained
tree of each file (:mod:`edikit.report.explain`) with the findings inline and the elements
they name highlighted, a summary (files, sets, findings by severity and rule, chargeback
notes), the text of every rule found, and filters by severity, rule and file that run in the
page (no server). The scorecard of an order book (``edikit book report --format html``) is
rendered from its JSON form (:func:`write_scorecard_html`).

Templates are Jinja2 with autoescaping: every value that comes from an input or a profile is
escaped. The page's Content-Security-Policy lets only edikit's own script run (by its hash)
and fetch nothing: a document whose elements carry ``<script>`` shows it as text.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any, Final

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from edikit._version import __version__
from edikit.errors import InputError
from edikit.report.explain import DEFAULT_MAX_SEGMENTS, Explanation, explain, explanation_of
from edikit.rules.plugins import catalog
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity

SEVERITIES: Final = tuple(s.value for s in Severity)


@dataclass(slots=True)
class RuleCount:
    """One rule id of the summary: its code, severity, how many findings, and the chargeback
    notes its findings carry."""

    id: str
    code: str
    severity: str
    count: int = 0
    title: str = ""
    chargeback: str | None = None


@dataclass(slots=True)
class Summary:
    """What the top of a report counts, from the results (all of them, whatever is drawn)."""

    files: list[dict[str, str]] = field(default_factory=list)
    sets: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    omitted: int = 0
    rules: list[RuleCount] = field(default_factory=list)
    severities: tuple[str, ...] = SEVERITIES

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


def summarize(results: Sequence[FileResult]) -> Summary:
    """The counts of a report over ``results``."""
    known = catalog()
    by_rule: dict[str, RuleCount] = {}
    severities: Counter[str] = Counter()
    for result in results:
        for violation in result.iter_violations():
            severities[violation.severity.value] += 1
            entry = by_rule.get(violation.id)
            if entry is None:
                rule = known.get(violation.code)
                entry = by_rule[violation.id] = RuleCount(
                    violation.id,
                    violation.code,
                    violation.severity.value,
                    title=rule.title if rule is not None else "",
                )
            entry.count += 1
            entry.chargeback = entry.chargeback or violation.chargeback
    order = {s: n for n, s in enumerate(SEVERITIES)}
    return Summary(
        files=[{"id": file_id(n), "name": r.path} for n, r in enumerate(results)],
        sets=sum(len(r.documents) for r in results),
        by_severity={s: severities.get(s, 0) for s in SEVERITIES},
        omitted=sum(r.omitted_count for r in results),
        rules=sorted(by_rule.values(), key=lambda r: (order[r.severity], -r.count, r.id)),
    )


def file_id(number: int) -> str:
    """How the page names the ``number``-th file (filters and anchors)."""
    return f"f{number + 1}"


def write_html_report(
    results: Sequence[FileResult],
    explanations: Iterable[Explanation],
    out: IO[str],
    *,
    title: str = "edikit report",
    lazy: bool = False,
) -> None:
    """The report of ``results``, each file drawn from its explanation (in the same order;
    an iterable, so a caller can make them one at a time as the page is written).

    Each file lists its findings (always in the page, where the filters count them) above its
    tree. ``lazy`` holds each tree in an inert ``<template>`` that the page draws when it is
    opened: a report of hundreds of files then opens as fast as its findings lists."""
    summary = summarize(results)
    files = (_file(file_id(n), explanation) for n, explanation in enumerate(explanations))
    codes = sorted({rule.code for rule in summary.rules})
    _write(
        "report.html.j2",
        out,
        title=title,
        subtitle=f"{len(results)} file{'s' if len(results) != 1 else ''}",
        summary=summary,
        files=files,
        lazy=lazy,
        rules=list(_rule_pages(codes)),
    )


def _file(identifier: str, explanation: Explanation) -> dict[str, Any]:
    data: dict[str, Any] = explanation.to_json()
    findings = [{"finding": f, "where": "file", "anchor": None} for f in data["findings"]]
    sets = segments = 0
    for interchange in data["interchanges"]:
        for group in interchange["groups"]:
            for document in group["documents"]:
                sets += 1
                name = f"{document['set_id']} {document['control_number']}"
                findings += [
                    {"finding": f, "where": name, "anchor": None} for f in document["findings"]
                ]
                for segment in _segments(document["tree"]):
                    segments += 1
                    findings += _placed(segment, identifier)
            for segment in group["segments"]:
                segments += 1
                findings += _placed(segment, identifier)
        for segment in interchange["segments"]:
            segments += 1
            findings += _placed(segment, identifier)
    return {
        "id": identifier,
        "explanation": data,
        "findings": findings,
        "sets": sets,
        "segments": segments,
    }


def _segments(node: Mapping[str, Any] | None) -> Iterator[Mapping[str, Any]]:
    """The segments of a drawn tree, in order (iteratively: trees nest 80 deep)."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if current["kind"] == "segment":
            yield current
        else:
            stack.extend(reversed(current["children"]))


def _placed(segment: Mapping[str, Any], identifier: str) -> list[dict[str, Any]]:
    line = f"line {segment['line']} " if segment.get("line") else ""
    return [
        {
            "finding": f,
            "where": f"{line}{f.get('reference') or segment['tag']}",
            "anchor": f"{identifier}-s{segment['index']}",
        }
        for f in segment["findings"]
    ]


def write_validate_html(
    results: Sequence[FileResult],
    out: IO[str],
    *,
    title: str = "edikit validate",
    max_segments: int | None = DEFAULT_MAX_SEGMENTS,
) -> None:
    """The report of validated ``results``: each file is read again for its tree (one at a
    time, as the page is written), with the findings of its result."""
    explained = (_explained(r, max_segments) for r in results)
    write_html_report(results, explained, out, title=title, lazy=True)


def _explained(result: FileResult, max_segments: int | None) -> Explanation:
    if result.error is not None:
        return explanation_of(result)
    try:
        return explain(Path(result.path), result=result, max_segments=max_segments)
    except (InputError, OSError):  # gone or changed since it was validated
        return explanation_of(result)


def write_scorecard_html(scorecard: Mapping[str, Any], out: IO[str], *, title: str) -> None:
    """The compliance scorecard of an order book, from its JSON form (``edikit.scorecard/1``,
    :meth:`edikit.book.OrderBook.scorecard`), with its charts."""
    from edikit.report.charts import scorecard_charts

    _write(
        "scorecard.html.j2",
        out,
        title=title,
        subtitle=scorecard.get("book", ""),
        card=scorecard,
        charts=scorecard_charts(scorecard),
    )


def _write(template: str, out: IO[str], **context: object) -> None:
    script = _asset("report.js")
    page = _environment().get_template(template)
    for chunk in page.generate(
        css=_asset("report.css"),
        script=script,
        script_hash=_csp_hash(script),
        version=__version__,
        **context,
    ):
        out.write(chunk)


def _rule_pages(codes: Iterable[str]) -> Iterator[dict[str, str]]:
    """What the report says of each rule found: the catalog's page, as text."""
    known = catalog()
    for code in codes:
        rule = known.get(code)
        if rule is None:
            continue
        bad, good = rule.example("bad"), rule.example("good")
        yield {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.value,
            "title": rule.title,
            "rationale": rule.rationale.strip(),
            "hint": rule.hint,
            "bad": rule.example_notes.get("bad") or _text(bad),
            "good": rule.example_notes.get("good") or _text(good),
        }


def _text(data: bytes | None) -> str:
    return data.decode("latin-1").strip() if data is not None else ""


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("edikit.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _asset(name: str) -> str:
    return (resources.files("edikit.report") / "templates" / name).read_text("utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
