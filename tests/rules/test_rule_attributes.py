"""A profile's id, severity, citation and suppression reach the findings of a rule of every
kind, whichever stage makes them: the standard (EDI132), the business rules (asn.shapes EDI506,
ctt.counts EDI503), the profile's own rules (EDI401), the cross-document rules (EDI603) and a
plugin's rule (ACME001). Each document is the catalog's case for its code."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import pytest

import edikit
from edikit.rules import compose, plugins
from edikit.rules.registry import REGISTRY, catalog_folders, load_rule
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity

PLUGIN = Path(__file__).resolve().parent.parent / "plugins" / "example_plugin" / "src"
CITATION = "{document: Vendor guide, section: '4.2'}"


@dataclass(frozen=True)
class Kind:
    """How a rule of one kind is named in a profile, and a document that breaks it."""

    name: str
    code: str
    rule: str  # the YAML of the rule, without its id, severity and citation
    document: bytes
    as_set: bool = False
    extra: str = ""  # more of the profile the document needs (the segment rule of EDI401)


def _case(code: str) -> bytes:
    data = REGISTRY[code].example_document("case")
    assert data is not None
    return data


def _plugin_bad() -> bytes:
    (folder,) = catalog_folders(PLUGIN / "edikit_example_plugin" / "catalog")
    data = load_rule(folder).example_document("bad")
    assert data is not None
    return data


KINDS = [
    Kind("standard", "EDI132", "code: EDI132", _case("EDI132")),
    Kind("business asn.shapes", "EDI506", "use: asn.shapes", _case("EDI506")),
    Kind("business ctt.counts", "EDI503", "use: ctt.counts", _case("EDI503")),
    Kind(
        "profile",
        "EDI401",
        "code: EDI401",
        _case("EDI401"),
        extra='transactions:\n  "856":\n    segments:\n      - {path: "HL[S]/REF[BM]", '
        "usage: required, id: G-1, severity: warning, citation: " + CITATION + "}\n",
    ),
    Kind("cross-document", "EDI603", "use: asn.over_shipment", _case("EDI603"), as_set=True),
    Kind("855 echo of the PO", "EDI613", "code: EDI613", _case("EDI613"), as_set=True),
    Kind("invoice against ASN", "EDI609", "code: EDI609", _case("EDI609"), as_set=True),
    Kind("ship window", "EDI612", "use: po.ship_window", _case("EDI612"), as_set=True),
    Kind("plugin", "ACME001", "code: ACME001", _plugin_bad()),
]


@pytest.fixture(autouse=True)
def _example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example plugin as an installed one would be found (its entry point discovery is
    tested in tests/plugins): its catalog and its check."""
    spec = importlib.util.spec_from_file_location(
        "edikit_example_plugin_rules", PLUGIN / "edikit_example_plugin" / "rules.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = plugins._plugin("acme", module.plugin)
    monkeypatch.setattr(plugins, "rule_plugins", lambda: (found,))
    monkeypatch.setattr(compose, "rule_plugins", lambda: (found,))


def _profile(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "guide.yaml"
    path.write_text(f"id: guide\ntitle: A vendor guide\nextends: x12\n{body}", encoding="utf-8")
    return path


def _check(kind: Kind, profile: Path) -> FileResult:
    rules = edikit.ruleset(profile)
    if kind.as_set:
        return edikit.validate_set([kind.document], rules=rules)[0]
    return edikit.validate_file(kind.document, rules)


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_id_severity_and_citation_reach_the_finding(kind: Kind, tmp_path: Path) -> None:
    plain = _check(kind, _profile(tmp_path, kind.extra))
    default = {v.severity for v in plain.iter_violations() if v.code == kind.code}
    assert default, f"the document must break {kind.code}"
    wanted = Severity.INFO if Severity.INFO not in default else Severity.WARNING
    body = (
        f"rules:\n  - {kind.rule}\n    id: '4.2.1'\n    severity: {wanted.value}\n"
        f"    citation: {CITATION}\n    chargeback: $25 a carton\n"
    )
    found = [
        v
        for v in _check(kind, _profile(tmp_path, body + kind.extra)).iter_violations()
        if v.code == kind.code
    ]
    assert found
    if kind.code == "EDI401":  # the segment rule's own settings win over the code's
        assert {(v.rule_id, v.severity) for v in found} == {("G-1", Severity.WARNING)}
    else:
        assert {(v.rule_id, v.severity) for v in found} == {("4.2.1", wanted)}
        assert {v.chargeback for v in found} == {"$25 a carton"}
    assert {v.citation for v in found} == {"Vendor guide, 4.2"}
    assert {v.source for v in found} == {"profile:guide"}


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_a_suppression_removes_the_finding_and_counts_it(kind: Kind, tmp_path: Path) -> None:
    body = f"suppress:\n  - {{code: {kind.code}, reason: the retailer waived it}}\n"
    result = _check(kind, _profile(tmp_path, body + kind.extra))
    assert kind.code not in {v.code for v in result.iter_violations()}
    assert result.suppressed.get(kind.code, 0) >= 1


# -- every kind of profile rule, in every report ----------------------------------------------
COOKBOOK = Path(__file__).resolve().parent.parent.parent / "fixtures" / "cookbook"
RECIPES = sorted(p.name for p in COOKBOOK.iterdir() if p.is_dir())
# The recipes whose rules compare documents: checked as a set (validate --set).
SETS = {"09-cross-document", "10-unknown-po"}


@pytest.mark.parametrize("recipe", RECIPES)
def test_a_profile_rule_id_reaches_every_report(recipe: str) -> None:
    """Segment, element, text, unique, hierarchy, versions, envelope, named and cross-document
    rules: the id each finding carries is in the text report, the JSON, SARIF (properties.rule_id) and
    JUnit."""
    import io
    import json

    from rich.console import Console

    from edikit.report.json_report import validate_json
    from edikit.report.junit import to_junit
    from edikit.report.sarif import to_sarif
    from edikit.report.text import print_file

    folder = COOKBOOK / recipe
    profile = folder / "profile.yaml"
    data = (folder / "bad.edi").read_bytes()
    if recipe in SETS:
        result = edikit.validate_set([data], profile=profile)[0]
    else:
        result = edikit.validate_file(data, edikit.ruleset(profile))
    ids = {v.rule_id for v in result.iter_violations() if v.rule_id != v.code}
    assert ids, recipe
    stream = io.StringIO()
    print_file(Console(file=stream, width=200, no_color=True), result)
    text = stream.getvalue()
    as_json = json.dumps(validate_json([result]))
    sarif = to_sarif([result])
    sarif_ids = {r["properties"].get("rule_id") for run in sarif["runs"] for r in run["results"]}
    junit = to_junit([result])
    for rule_id in ids:
        assert f"[{rule_id}]" in text
        assert f'"rule_id": "{rule_id}"' in as_json
        assert rule_id in sarif_ids
        assert f"[{rule_id}]" in junit
