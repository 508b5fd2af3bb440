"""JUnit output: well-formed XML whose counts and failures match the violations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from edikit.location import Location
from edikit.report.junit import to_junit
from edikit.rules.registry import make_violation
from edikit.rules.result import DocumentResult, FileResult
from edikit.vocabulary import Severity
from tests.report import CORPUS_FILES, parse_corpus


def at(line: int, column: int) -> Location:
    return Location(file="po.edi", line=line, column=column)


def document(name: str, line: int | None, *codes: tuple[str, Severity]) -> DocumentResult:
    set_id, control = name.split()
    return DocumentResult(
        interchange=0,
        group=0,
        transaction=0,
        set_id=set_id,
        control_number=control,
        interchange_control="000000001",
        group_control="1",
        line=line,
        violations=tuple(
            make_violation(code, f"problem {code}", at(line or 1, 4), severity)
            for code, severity in codes
        ),
    )


def hand_built() -> list[FileResult]:
    """One file with an envelope error, a failing and a merely warned transaction set and a
    clean one; one file that could not be read."""
    good = FileResult(
        path="in/po.edi",
        violations=(make_violation("EDI111", "IEA02 is '2' but ISA13 is '1'", at(20, 7)),),
        documents=(
            document(
                "850 0001",
                3,
                ("EDI204", Severity.ERROR),
                ("EDI201", Severity.ERROR),
                ("EDI208", Severity.WARNING),
            ),
            document("850 0002", 9, ("EDI208", Severity.WARNING)),
            document("850 0003", None),
        ),
    )
    unreadable = FileResult(
        path="in/gone.edi",
        violations=(make_violation("EDI005", "no such file", Location(file="in/gone.edi")),),
        error="no such file",
    )
    return [good, unreadable]


def parse(text: str) -> ET.Element:
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(text)


def counts(element: ET.Element) -> tuple[int, int, int]:
    """tests, failures, errors; -1 for a missing attribute so that it cannot pass as 0."""
    tests, failures, errors = (
        int(element.get(key, "-1")) for key in ("tests", "failures", "errors")
    )
    return tests, failures, errors


def case(root: ET.Element, name: str) -> ET.Element:
    found = root.find(f".//testcase[@name='{name}']")
    assert found is not None, f"no testcase {name!r}"
    return found


def test_suites_and_counts() -> None:
    root = parse(to_junit(hand_built()))
    assert root.tag == "testsuites" and root.get("name") == "edikit"
    good, gone = root.findall("testsuite")
    assert good.get("name") == "in/po.edi" and gone.get("name") == "in/gone.edi"
    # envelope + three transaction sets; envelope and 850 0001 fail.
    assert counts(good) == (4, 2, 0)
    assert counts(gone) == (1, 0, 1)
    assert counts(root) == (5, 2, 1)
    assert len(root.findall(".//testcase")) == 5
    assert len(root.findall(".//failure")) == 2


def test_testcase_names_and_classnames() -> None:
    good = parse(to_junit(hand_built())).findall("testsuite")[0]
    names = [(c.get("classname"), c.get("name")) for c in good.findall("testcase")]
    assert names == [
        ("in/po.edi", "envelope"),
        ("in/po.edi", "850 0001 (line 3)"),
        ("in/po.edi", "850 0002 (line 9)"),
        ("in/po.edi", "850 0003"),
    ]


def test_failure_lists_failing_violations_and_milder_ones_go_to_system_out() -> None:
    root = parse(to_junit(hand_built()))
    failing = case(root, "850 0001 (line 3)")
    failure = failing.find("failure")
    assert failure is not None
    assert failure.get("message") == "2 violations" and failure.get("type") == "EDI204"
    assert (failure.text or "").splitlines() == [
        "3:4 EDI204 error problem EDI204",
        "3:4 EDI201 error problem EDI201",
    ]
    assert failing.findtext("system-out") == "3:4 EDI208 warning problem EDI208"
    warned = case(root, "850 0002 (line 9)")
    assert warned.find("failure") is None
    assert "EDI208" in (warned.findtext("system-out") or "")
    envelope = case(root, "envelope").find("failure")
    assert envelope is not None and envelope.get("message") == "1 violation"
    assert envelope.text == "20:7 EDI111 error IEA02 is '2' but ISA13 is '1'"


def test_clean_testcase_has_no_children() -> None:
    assert list(case(parse(to_junit(hand_built())), "850 0003")) == []


def test_unreadable_file_is_one_error_case() -> None:
    gone = parse(to_junit(hand_built())).findall("testsuite")[1]
    (only,) = gone.findall("testcase")
    assert only.get("name") == "read"
    error = only.find("error")
    assert error is not None
    assert error.get("message") == "no such file" and error.get("type") == "EDI005"
    assert error.text == "- EDI005 error no such file"


@pytest.mark.parametrize(
    ("fail_on", "failures"),
    [(Severity.ERROR, 2), (Severity.WARNING, 3), (Severity.INFO, 3)],
)
def test_fail_on_moves_the_threshold(fail_on: Severity, failures: int) -> None:
    root = parse(to_junit(hand_built(), fail_on=fail_on))
    assert counts(root) == (5, failures, 1)
    if fail_on is not Severity.ERROR:
        warned = case(root, "850 0002 (line 9)").find("failure")
        assert warned is not None and warned.get("type") == "EDI208"
        assert case(root, "850 0002 (line 9)").find("system-out") is None


def test_x12_delimiters_in_messages_keep_the_xml_well_formed() -> None:
    # 0x1D and 0x1C are common X12 delimiters and are not allowed anywhere in XML 1.0.
    message = "segment 'PO1\x1d1\x1d5' ends without \x1c"
    result = FileResult(
        path="in/raw.edi", violations=(make_violation("EDI006", message, at(1, 1)),)
    )
    failure = case(parse(to_junit([result])), "envelope").find("failure")
    assert failure is not None
    assert failure.text == "1:1 EDI006 error segment 'PO1\\x1d1\\x1d5' ends without \\x1c"


def test_no_input_is_an_empty_report() -> None:
    root = parse(to_junit([]))
    assert counts(root) == (0, 0, 0) and root.findall("testsuite") == []


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_files_give_matching_junit(corpus: Path, name: str) -> None:
    result = parse_corpus(corpus, name)
    root = parse(to_junit([result]))
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 1 + len(result.documents)
    failing_cases = [c for c in cases if c.find("failure") is not None]
    expected = [
        violations
        for violations in [result.violations] + [d.violations for d in result.documents]
        if any(v.severity is Severity.ERROR for v in violations)
    ]
    assert counts(suite) == (len(cases), len(expected), 0)
    assert counts(root) == counts(suite)
    # Every error's code appears in the failure text of its testcase.
    failure_text = "\n".join(c.findtext("failure") or "" for c in failing_cases)
    for violation in result.all_violations():
        if violation.severity is Severity.ERROR:
            assert f" {violation.code} error " in failure_text


def test_corpus_transaction_set_failure_names_its_codes(corpus: Path) -> None:
    result = parse_corpus(corpus, "olmelabs__EdiEngine/ControlNumbersMismatch.edi")
    root = parse(to_junit([result]))
    transaction = case(root, "940 0001 (line 3)")
    failure = transaction.find("failure")
    assert failure is not None and failure.get("type") == "EDI131"
    assert failure.text == "7:6 EDI131 error SE02 is '0002' but ST02 is '0001'"
    assert "EDI207" in (transaction.findtext("system-out") or "")  # info: reported, no failure
    envelope = case(root, "envelope").find("failure")
    assert envelope is not None and envelope.get("message") == "2 violations"
    assert [line.split()[1] for line in (envelope.text or "").splitlines()] == [
        "EDI121",
        "EDI111",
    ]
