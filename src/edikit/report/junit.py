"""Violations as JUnit XML, the test-report format CI servers display without plug-ins.

Each input file is a ``<testsuite>``; each transaction set in it is a ``<testcase>``, and one
more testcase, ``envelope``, carries the violations outside any transaction set. A testcase
fails when it holds a violation at or above ``fail_on``; milder ones are listed in its
``<system-out>`` so they are visible without failing the build. A file that could not be read
is a single testcase with an ``<error>``. The mapping is documented in
``docs/report-formats.md``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from edikit.quoting import bounded
from edikit.report.limits import NO_LIMITS, FindingLimits, omitted_note
from edikit.rules.result import DocumentResult, FileResult
from edikit.vocabulary import Severity, Violation

ENVELOPE_CASE = "envelope"
UNREADABLE_CASE = "read"
OMITTED_CASE = "omitted"  # the findings the caps left out, when there are some
# XML 1.0 cannot hold most C0 controls, not even as character references, and X12 often uses
# them as delimiters (0x1C-0x1F, 0x07...): a message quoting raw data would make the report
# unparsable, so they are written as \xNN instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(slots=True)
class _Counts:
    tests: int = 0
    failures: int = 0
    errors: int = 0

    def add(self, other: _Counts) -> None:
        self.tests += other.tests
        self.failures += other.failures
        self.errors += other.errors

    def attributes(self) -> dict[str, str]:
        return {
            "tests": str(self.tests),
            "failures": str(self.failures),
            "errors": str(self.errors),
            "skipped": "0",
        }


@dataclass(slots=True)
class _Case:
    """One testcase before it becomes XML: its name and the violations it holds."""

    name: str
    violations: Sequence[Violation] = field(default_factory=list)


def to_junit(
    results: list[FileResult],
    *,
    fail_on: Severity = Severity.ERROR,
    limits: FindingLimits = NO_LIMITS,
) -> str:
    """A JUnit XML document (with its XML declaration) for ``results``."""
    root = ET.Element("testsuites", name="edikit")
    total = _Counts()
    for result in results:
        suite, counts = _suite(result, fail_on, limits)
        root.append(suite)
        total.add(counts)
    for key, value in total.attributes().items():
        root.set(key, value)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_junit(
    results: list[FileResult],
    out: IO[str],
    *,
    fail_on: Severity = Severity.ERROR,
    limits: FindingLimits = NO_LIMITS,
) -> None:
    """Write the JUnit XML document for ``results`` to ``out``, one test suite (input file) at
    a time: the same document as :func:`to_junit`."""
    total = _Counts()
    for result in results:
        total.add(_suite_counts(result, fail_on))
    attributes = " ".join(f"{k}={quoteattr(v)}" for k, v in total.attributes().items())
    out.write("<?xml version='1.0' encoding='utf-8'?>\n")
    if not results:
        out.write(f'<testsuites name="edikit" {attributes} />\n')
        return
    out.write(f'<testsuites name="edikit" {attributes}>\n')
    for result in results:
        _write_suite(result, out, fail_on, limits)
    out.write("</testsuites>\n")


def _write_suite(
    result: FileResult, out: IO[str], fail_on: Severity, limits: FindingLimits
) -> None:
    """One suite, one testcase at a time and a failure's text one violation at a time; an
    unreadable file and the cases of what the caps left out are small, built as elements."""
    counts = " ".join(
        f"{k}={quoteattr(v)}" for k, v in _suite_counts(result, fail_on).attributes().items()
    )
    out.write(f"  <testsuite name={quoteattr(_xml_safe(result.path))} {counts}>\n")
    small: list[ET.Element] = []
    if result.error is not None:
        small.append(_error_case(result))
    else:
        cases = [_Case(ENVELOPE_CASE, result.violations)]
        cases += [_Case(document_case_name(d), d.violations) for d in result.documents]
        for case in cases:
            _write_testcase(result.path, case, out, fail_on)
        if result.omitted:
            small.append(_omitted_case(result, fail_on, limits)[0])
    for element in small:
        ET.indent(element, space="  ", level=2)
        out.write("    " + ET.tostring(element, encoding="unicode").rstrip("\n") + "\n")
    out.write("  </testsuite>\n")


def _write_testcase(path: str, case: _Case, out: IO[str], fail_on: Severity) -> None:
    classname, name = quoteattr(_xml_safe(path)), quoteattr(_xml_safe(case.name))
    head = f"    <testcase classname={classname} name={name}"
    failing = [v for v in case.violations if v.severity.rank >= fail_on.rank]
    milder = [v for v in case.violations if v.severity.rank < fail_on.rank]
    if not failing and not milder:
        out.write(head + " />\n")
        return
    out.write(head + ">\n")
    if failing:
        out.write(
            f"      <failure message={quoteattr(_count(len(failing)))} "
            f"type={quoteattr(failing[0].code)}>"
        )
        _write_lines(failing, out)
        out.write("</failure>\n")
    if milder:
        out.write("      <system-out>")
        _write_lines(milder, out)
        out.write("</system-out>\n")
    out.write("    </testcase>\n")


def _write_lines(violations: Sequence[Violation], out: IO[str]) -> None:
    for number, violation in enumerate(violations):
        out.write(("\n" if number else "") + escape(violation_line(violation)))


def _suite_counts(result: FileResult, fail_on: Severity) -> _Counts:
    if result.error is not None:
        return _Counts(1, 0, 1)
    cases = [result.violations, *(d.violations for d in result.documents)]
    failures = sum(any(v.severity.rank >= fail_on.rank for v in case) for case in cases)
    tests = len(cases)
    if result.omitted:
        tests += 1
        failures += any(o.severity.rank >= fail_on.rank for o in result.omitted)
    return _Counts(tests, failures, 0)


def document_case_name(document: DocumentResult) -> str:
    """``850 0001 (line 3)``: the set and its control number, and where it starts."""
    return document.name if document.line is None else f"{document.name} (line {document.line})"


def violation_line(violation: Violation) -> str:
    """``12:5 EDI111 error IEA02 is '2' but ISA13 is '1'``; ``-`` when the place is unknown; a
    profile rule's own id after the code (``EDI401 [4.2.1]``) and its citation at the end."""
    location = violation.location
    where = ":".join(str(part) for part in (location.line, location.column) if part is not None)
    message = bounded(violation.message)
    rule = violation.rule_id
    code = violation.code if not rule or rule == violation.code else f"{violation.code} [{rule}]"
    text = f"{where or '-'} {code} {violation.severity.value} {message}"
    if violation.citation:
        text += f" ({bounded(violation.citation, 200)})"
    return _xml_safe(text)


def _suite(
    result: FileResult, fail_on: Severity, limits: FindingLimits = NO_LIMITS
) -> tuple[ET.Element, _Counts]:
    suite = ET.Element("testsuite", name=_xml_safe(result.path))
    counts = _Counts()
    if result.error is not None:
        suite.append(_error_case(result))
        counts.tests, counts.errors = 1, 1
    else:
        cases = [_Case(ENVELOPE_CASE, list(result.violations))]
        cases += [_Case(document_case_name(d), list(d.violations)) for d in result.documents]
        for case in cases:
            element, failed = _testcase(result.path, case, fail_on)
            suite.append(element)
            counts.tests += 1
            counts.failures += failed
        if result.omitted:
            element, failed = _omitted_case(result, fail_on, limits)
            suite.append(element)
            counts.tests += 1
            counts.failures += failed
    for key, value in counts.attributes().items():
        suite.set(key, value)
    return suite, counts


def _omitted_case(
    result: FileResult, fail_on: Severity, limits: FindingLimits
) -> tuple[ET.Element, bool]:
    """The findings the caps left out: a failure when one of them reaches ``fail_on``."""
    element = _case_element(result.path, OMITTED_CASE)
    lines = "\n".join(f"{o.count} {o.code} {o.severity.value}" for o in result.omitted)
    failing = [o for o in result.omitted if o.severity.rank >= fail_on.rank]
    if failing:
        failure = ET.SubElement(
            element,
            "failure",
            message=_xml_safe(omitted_note(result, limits)),
            type=failing[0].code,
        )
        failure.text = lines
    else:
        ET.SubElement(element, "system-out").text = lines
    return element, bool(failing)


def _testcase(path: str, case: _Case, fail_on: Severity) -> tuple[ET.Element, bool]:
    element = _case_element(path, case.name)
    failing = [v for v in case.violations if v.severity.rank >= fail_on.rank]
    milder = [v for v in case.violations if v.severity.rank < fail_on.rank]
    if failing:
        failure = ET.SubElement(
            element, "failure", message=_count(len(failing)), type=failing[0].code
        )
        failure.text = _lines(failing)
    if milder:
        ET.SubElement(element, "system-out").text = _lines(milder)
    return element, bool(failing)


def _error_case(result: FileResult) -> ET.Element:
    element = _case_element(result.path, UNREADABLE_CASE)
    code = result.violations[0].code if result.violations else "EDI005"
    error = ET.SubElement(
        element, "error", message=_xml_safe(bounded(result.error or "")), type=code
    )
    error.text = _lines(result.violations) if result.violations else None
    return element


def _case_element(path: str, name: str) -> ET.Element:
    # classname is the file so that CI views which group tests by class group them by file.
    return ET.Element("testcase", classname=_xml_safe(path), name=_xml_safe(name))


def _lines(violations: Sequence[Violation]) -> str:
    return "\n".join(violation_line(v) for v in violations)


def _count(number: int) -> str:
    return f"{number} violation" if number == 1 else f"{number} violations"


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"
