"""Every registry code has an explanation (edikit.rules.explanations) and a fixture
(fixtures/rules/<CODE>.edi) that triggers it and no other error or warning; every explanation's
examples are checked with edikit itself: ``bad`` reports the code, ``good`` reports no error
or warning (information is allowed in both).

The profile codes (PROFILE_CODES: EDI4xx, and the EDI5xx/EDI6xx codes a profile rule switches
on) are only reported when a retailer profile is given. Their fixture has a sidecar profile,
``fixtures/rules/<CODE>.profile.yaml`` (``id: fixture-<code>``, ``extends: x12``): the fixture
is validated with ``edikit.validate(path, profile=<sidecar>)``, and so are the code's
explanation examples, which assume the guideline of that sidecar. Without its profile such a
fixture, and its bad example, report no error or warning: the finding is the guideline's."""

from __future__ import annotations

from pathlib import Path

import pytest

import edikit
from edikit.profiles.loader import load_profile, read_profile
from edikit.rules.explanations import EXPLANATIONS, Explanation
from edikit.rules.registry import REGISTRY
from edikit.rules.violation import Severity, Violation

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "rules"
CASES = sorted(FIXTURES.glob("*.edi"))
PROFILE_SUFFIX = ".profile.yaml"
SIDECARS = sorted(FIXTURES.glob(f"*{PROFILE_SUFFIX}"))

# Codes reported only when validating with a profile: every EDI4xx (a retailer profile narrows
# the standard), the business rules a profile names (gs1.company_prefix, asn.one_per_shipment,
# invoice.unique_item) and the timing rules, whose limits only a profile sets.
PROFILE_CODES = frozenset(
    {code for code in REGISTRY if code.startswith("EDI4")}
    | {"EDI508", "EDI509", "EDI510", "EDI615", "EDI616", "EDI617"}
)

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
SAME_EXAMPLE = frozenset({"EDI207", "EDI600"})

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


def _sidecar(code: str) -> Path | None:
    """The profile a code's fixture and examples are validated with, if it has one."""
    path = FIXTURES / f"{code}{PROFILE_SUFFIX}"
    return path if path.is_file() else None


def _validate(text: str | Path, code: str) -> list[Violation]:
    """What edikit reports for ``text``, with ``code``'s sidecar profile when it has one; the
    cross-document codes (EDI6xx) validate their fixture as a document set, whose documents'
    event times (timing rules) are the GS04/GS05 their senders wrote."""
    if code.startswith("EDI6"):
        found = edikit.validate_set([text], profile=_sidecar(code), event_time="envelope")
        return found[0].all_violations()
    return edikit.validate(text, profile=_sidecar(code)).all_violations()


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
    assert set(REGISTRY) >= PROFILE_CODES


def test_profile_codes_have_a_sidecar_profile() -> None:
    """Exactly the profile codes have one, and each sidecar belongs to a fixture."""
    have = {path.name.removesuffix(PROFILE_SUFFIX) for path in SIDECARS}
    assert sorted(PROFILE_CODES - have) == []
    assert sorted(have - PROFILE_CODES) == []
    assert sorted(have - {case.stem for case in CASES}) == []


@pytest.mark.parametrize("path", SIDECARS, ids=[p.name for p in SIDECARS])
def test_sidecar_profile_is_minimal(path: Path) -> None:
    code = path.name.removesuffix(PROFILE_SUFFIX)
    loaded = read_profile(path)
    assert loaded.profile.id == f"fixture-{code.lower()}"
    assert loaded.profile.extends == "x12"
    assert loaded.profile.title.strip()
    assert load_profile(path).id == loaded.profile.id  # it loads: narrows, names known rules


def test_fixture_readme_is_there() -> None:
    assert (FIXTURES / "README.md").is_file()


# -- fixtures ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", CASES, ids=[case.stem for case in CASES])
def test_fixture_triggers_its_code_only(path: Path) -> None:
    """With its sidecar profile, if it has one."""
    code = path.stem
    violations = _validate(path, code)
    assert code in _codes(violations), [f"{v.code}: {v.message}" for v in violations]
    tolerated = KNOWN_EXTRA.get(code, frozenset())
    others = [p for p in _problems(violations) if p.split(":")[0] not in {code, *tolerated}]
    assert others == []
    if code.startswith("EDI6"):  # on the later document: the brand's, in the second interchange
        assert {v.location.interchange for v in violations if v.code == code} == {1}


@pytest.mark.parametrize("path", SIDECARS, ids=[p.name for p in SIDECARS])
def test_profile_finding_comes_from_the_profile(path: Path) -> None:
    """The fixture is clean X12 without its profile; with it, the finding carries the
    profile as its source."""
    code = path.name.removesuffix(PROFILE_SUFFIX)
    fixture = FIXTURES / f"{code}.edi"
    assert _problems(edikit.validate(fixture).all_violations()) == []
    found = [v for v in _validate(fixture, code) if v.code == code]
    assert found
    assert {v.source for v in found} == {f"profile:fixture-{code.lower()}"}


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
    """With the code's sidecar profile, if it has one (the guideline the example assumes)."""
    text = _checkable(EXPLANATIONS[code].bad)
    if text is None:
        pytest.skip("the bad example describes input that is not X12")
    violations = _validate(text, code)
    assert code in _codes(violations), [f"{v.code}: {v.message}" for v in violations]


@pytest.mark.parametrize("code", sorted(EXPLANATIONS))
def test_good_example_is_clean(code: str) -> None:
    """With the code's sidecar profile, if it has one."""
    text = _checkable(EXPLANATIONS[code].good)
    if text is None:
        pytest.skip("the good example describes input that is not X12")
    assert _problems(_validate(text, code)) == []


@pytest.mark.parametrize("code", sorted(PROFILE_CODES))
def test_profile_examples_are_clean_x12(code: str) -> None:
    """Both examples of a profile code are clean without the profile: what the bad one breaks
    is the guideline, not the standard."""
    for example in (EXPLANATIONS[code].bad, EXPLANATIONS[code].good):
        text = _checkable(example)
        assert text is not None
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
