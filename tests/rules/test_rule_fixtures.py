"""Every registry code has an explanation (edikit.rules.explanations) and a fixture
(fixtures/rules/<CODE>.edi) that triggers it and no other error or warning; every explanation's
examples are checked with edikit itself: ``bad`` reports the code, ``good`` reports no error
or warning (information is allowed in both)."""

from __future__ import annotations

from pathlib import Path

import pytest

import edikit
from edikit.rules.explanations import EXPLANATIONS, Explanation
from edikit.rules.registry import REGISTRY
from edikit.rules.violation import Severity, Violation

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "rules"
CASES = sorted(FIXTURES.glob("*.edi"))

# Codes with no fixture, because no document content triggers them.
NO_FIXTURE: dict[str, str] = {
    # EDI005 (unreadable input) is reported by the CLI when a path cannot be opened or read
    # (edikit.validate raises InputError): it is about the path, not about any content.
    "EDI005": "reported for a path that cannot be read, not for a document",
}

# Other error/warning codes a fixture is known to give besides its own, each an edikit bug
# (reported; remove the entry once it is fixed and the fixture reports its code alone).
KNOWN_EXTRA: dict[str, frozenset[str]] = {}

# Explanations whose good example is the bad one: the finding is information and there is
# nothing to fix in the document.
SAME_EXAMPLE = frozenset({"EDI207"})

# How an example is checked: a whole interchange (starts with ISA) as it is; the transaction
# sets of one group (start with ST) inside the envelope below; a description of input that is
# not X12 (in parentheses) or a command line is only checked for being there.
_GS01 = {"850": "PO", "855": "PR", "856": "SH", "810": "IN", "997": "FA", "860": "PC"}
_RETAILER, _BRAND = "FOOTRETAILER", "STRIDEFOOTWEAR"


def _problems(violations: list[Violation]) -> list[str]:
    """Error and warning codes, with their messages (information is left out)."""
    return [
        f"{v.code}: {v.message}"
        for v in violations
        if v.severity in (Severity.ERROR, Severity.WARNING)
    ]


def _codes(violations: list[Violation]) -> set[str]:
    return {v.code for v in violations}


def _in_envelope(sets: str) -> str:
    """The transaction sets ``sets`` (ST..SE, ``~`` + newline) in one group of one
    interchange; the retailer sends 850 and 860, the brand everything else."""
    set_id = sets[3:6]
    sender, receiver = (_RETAILER, _BRAND) if set_id in ("850", "860") else (_BRAND, _RETAILER)
    count = sum(1 for line in sets.splitlines() if line.startswith("ST*"))
    segments = [
        f"ISA*00*{'':10}*00*{'':10}*ZZ*{sender:<15}*ZZ*{receiver:<15}*261120*0930*U*00401"
        "*000000042*0*P*>",
        f"GS*{_GS01[set_id]}*{sender}*{receiver}*20261120*0930*1*X*004010",
        sets.removesuffix("~"),
        f"GE*{count}*1",
        "IEA*1*000000042",
    ]
    return "~\n".join(segments) + "~\n"


def _checkable(example: str) -> str | None:
    """The text to validate for an example, or None for a description of non-X12 input."""
    if example.startswith("ISA"):
        return example
    if example.startswith("ST*"):
        return _in_envelope(example)
    if example.startswith(("(", "edikit ")):
        return None
    return example  # other input as it is, e.g. a CSV export for EDI002


# -- coverage ---------------------------------------------------------------------------------
def test_every_code_has_an_explanation() -> None:
    assert sorted(set(REGISTRY) - set(EXPLANATIONS)) == []
    assert sorted(set(EXPLANATIONS) - set(REGISTRY)) == []


def test_every_code_has_a_fixture() -> None:
    have = {case.stem for case in CASES}
    assert sorted(set(REGISTRY) - have - set(NO_FIXTURE)) == []
    assert sorted(have - set(REGISTRY)) == []
    assert sorted(have & set(NO_FIXTURE)) == []


def test_exception_lists_name_registry_codes() -> None:
    assert set(NO_FIXTURE) <= set(REGISTRY)
    assert set(KNOWN_EXTRA) <= set(REGISTRY)
    assert set(REGISTRY) >= SAME_EXAMPLE


def test_fixture_readme_is_there() -> None:
    assert (FIXTURES / "README.md").is_file()


# -- fixtures ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", CASES, ids=[case.stem for case in CASES])
def test_fixture_triggers_its_code_only(path: Path) -> None:
    code = path.stem
    violations = edikit.validate(path).all_violations()
    assert code in _codes(violations), [f"{v.code}: {v.message}" for v in violations]
    tolerated = KNOWN_EXTRA.get(code, frozenset())
    others = [p for p in _problems(violations) if p.split(":")[0] not in {code, *tolerated}]
    assert others == []


# -- explanations -----------------------------------------------------------------------------
@pytest.mark.parametrize("code", sorted(EXPLANATIONS))
def test_explanation_texts(code: str) -> None:
    explanation = EXPLANATIONS[code]
    assert isinstance(explanation, Explanation)
    for text in (explanation.rationale, explanation.bad, explanation.good):
        assert text.strip(), code
    assert (explanation.bad == explanation.good) == (code in SAME_EXAMPLE)


@pytest.mark.parametrize("code", sorted(EXPLANATIONS))
def test_bad_example_reports_its_code(code: str) -> None:
    text = _checkable(EXPLANATIONS[code].bad)
    if text is None:
        pytest.skip("the bad example describes input that is not X12")
    violations = edikit.validate(text).all_violations()
    assert code in _codes(violations), [f"{v.code}: {v.message}" for v in violations]


@pytest.mark.parametrize("code", sorted(EXPLANATIONS))
def test_good_example_is_clean(code: str) -> None:
    text = _checkable(EXPLANATIONS[code].good)
    if text is None:
        pytest.skip("the good example describes input that is not X12")
    assert _problems(edikit.validate(text).all_violations()) == []


def test_most_examples_are_checked() -> None:
    """Only the inputs that cannot be written as X12 text escape the checks above."""
    unchecked = sorted(
        f"{code} {kind}"
        for code, explanation in EXPLANATIONS.items()
        for kind, text in (("bad", explanation.bad), ("good", explanation.good))
        if _checkable(text) is None
    )
    assert unchecked == ["EDI001 bad", "EDI003 bad", "EDI005 bad", "EDI005 good"]
