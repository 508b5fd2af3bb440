"""The rule catalog (``src/edikit/rules/catalog/<CODE>/``): every code has its metadata and
its examples, and edikit itself checks every example: ``case.edi`` (a whole document with the
fault planted) reports the code and no other error or warning, ``bad.edi`` reports the code,
``good.edi`` reports no error or warning (information is allowed in both).

The profile codes (EDI4xx, and the EDI5xx/EDI6xx codes a profile rule switches on) are only
reported when a retailer profile is given. Their folder has the profile the examples assume,
``profile.yaml`` (``id: fixture-<code>``, ``extends: x12``): the examples are validated with
it, and are clean X12 without it. The cross-document codes (EDI6xx) validate their examples as
a document set (``check`` in ``rule.yaml``), whose documents' event times (timing rules) are
the GS04/GS05 their senders wrote."""

from __future__ import annotations

import re
from importlib.resources.abc import Traversable
from pathlib import Path

import pytest

import edikit
from edikit.profiles.loader import load_profile, read_profile
from edikit.rules.registry import REGISTRY, Rule, catalog_folders
from edikit.vocabulary import Severity, Violation

CATALOG = Path(edikit.__file__).resolve().parent / "rules" / "catalog"
CODES = sorted(REGISTRY)

# Codes reported only when validating with a profile: every EDI4xx (a retailer profile narrows
# the standard), the business rules a profile names (gs1.company_prefix, asn.one_per_shipment,
# invoice.unique_item) and the timing rules, whose limits only a profile sets.
PROFILE_CODES = frozenset(
    {code for code in REGISTRY if code.startswith("EDI4")}
    | {"EDI508", "EDI509", "EDI510", "EDI512", "EDI513", "EDI615", "EDI616", "EDI617"}
)
# Codes with no case document, because no document content triggers them.
NO_CASE: dict[str, str] = {
    "EDI005": "reported for a path that cannot be read, not for a document",
}
# Rules whose good example is the bad one: the finding is information and there is nothing to
# fix in the document.
SAME_EXAMPLE = frozenset({"EDI207", "EDI600"})
# Examples that are a description (an empty path, a file in another encoding), not a document.
DESCRIBED = frozenset({"EDI001 bad", "EDI003 bad", "EDI005 bad", "EDI005 good"})


def _problems(violations: list[Violation]) -> list[str]:
    """Error and warning codes, with their messages (information is left out)."""
    return [
        f"{v.code}: {v.message}"
        for v in violations
        if v.severity in (Severity.ERROR, Severity.WARNING)
    ]


def _codes(violations: list[Violation]) -> set[str]:
    return {v.code for v in violations}


def _profile(rule: Rule) -> Path | None:
    found = rule.example_profile()
    return Path(str(found)) if found is not None else None


def _validate(rule: Rule, data: bytes, *, with_profile: bool = True) -> list[Violation]:
    """What edikit reports for ``data``, the way ``rule``'s ``check`` says."""
    profile = _profile(rule) if with_profile else None
    if rule.check.get("as_set"):
        return edikit.validate_set([data], profile=profile)[0].all_violations()
    return edikit.validate(data, profile=profile).all_violations()


def _document(rule: Rule, kind: str) -> bytes:
    data = rule.example_document(kind)
    assert data is not None, f"{rule.code} has no {kind} document"
    return data


def _with(kind: str) -> list[str]:
    """The codes that have a ``kind`` example document."""
    return [code for code in CODES if REGISTRY[code].example(kind) is not None]


# -- the catalog is complete ----------------------------------------------------------------
def test_every_folder_is_a_rule() -> None:
    folders = [entry.name for entry in CATALOG.iterdir() if entry.is_dir()]
    assert sorted(folders) == CODES
    assert all(re.fullmatch(r"EDI\d{3}", code) for code in CODES)
    assert (CATALOG / "README.md").is_file()


def test_folders_load_in_code_order() -> None:
    folders: list[Traversable] = list(catalog_folders(CATALOG))
    assert [folder.name for folder in folders] == CODES


@pytest.mark.parametrize("code", CODES)
def test_rule_texts(code: str) -> None:
    rule = REGISTRY[code]
    for text in (rule.name, rule.title, rule.hint, rule.rationale):
        assert text.strip(), code
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    for kind in ("bad", "good"):
        described = f"{code} {kind}" in DESCRIBED
        assert (kind in rule.example_notes) == described
        assert (rule.example(kind) is not None) != described
    if rule.example("bad") is not None and rule.example("good") is not None:
        assert (rule.example("bad") == rule.example("good")) == (code in SAME_EXAMPLE)


@pytest.mark.parametrize("code", CODES)
def test_case_document_is_there(code: str) -> None:
    rule = REGISTRY[code]
    assert (rule.example("case") is None) == (code in NO_CASE)
    assert (rule.case is None) == (code in NO_CASE)


def test_profile_codes_have_an_example_profile() -> None:
    have = {code for code in CODES if REGISTRY[code].example_profile() is not None}
    assert sorted(PROFILE_CODES - have) == []
    assert sorted(have - PROFILE_CODES) == []


@pytest.mark.parametrize("code", sorted(PROFILE_CODES))
def test_example_profile_is_minimal(code: str) -> None:
    path = _profile(REGISTRY[code])
    assert path is not None
    loaded = read_profile(path)
    assert loaded.profile.id == f"fixture-{code.lower()}"
    assert loaded.profile.extends == "x12"
    assert loaded.profile.title.strip()
    assert load_profile(path).id == loaded.profile.id  # it loads: narrows, names known rules


# -- the examples are checked with edikit -------------------------------------------------------
@pytest.mark.parametrize("code", _with("case"))
def test_case_reports_its_code_only(code: str) -> None:
    rule = REGISTRY[code]
    violations = _validate(rule, _document(rule, "case"))
    assert code in _codes(violations), [f"{v.code}: {v.message}" for v in violations]
    others = [p for p in _problems(violations) if p.split(":")[0] != code]
    assert others == []
    if rule.check.get("as_set"):  # on the later document: the brand's, in the second interchange
        assert {v.location.interchange for v in violations if v.code == code} == {1}


@pytest.mark.parametrize("code", _with("bad"))
def test_bad_example_reports_its_code(code: str) -> None:
    rule = REGISTRY[code]
    violations = _validate(rule, _document(rule, "bad"))
    assert code in _codes(violations), [f"{v.code}: {v.message}" for v in violations]


@pytest.mark.parametrize("code", _with("good"))
def test_good_example_is_clean(code: str) -> None:
    rule = REGISTRY[code]
    assert _problems(_validate(rule, _document(rule, "good"))) == []


@pytest.mark.parametrize("code", sorted(PROFILE_CODES))
def test_profile_examples_are_clean_x12(code: str) -> None:
    """What the examples of a profile code break is the guideline, not the standard; with the
    profile, the finding carries the profile as its source."""
    rule = REGISTRY[code]
    for kind in ("bad", "good", "case"):
        assert _problems(_validate(rule, _document(rule, kind), with_profile=False)) == []
    found = [v for v in _validate(rule, _document(rule, "case")) if v.code == code]
    assert found
    assert {v.source for v in found} == {f"profile:fixture-{code.lower()}"}
