"""The grammar stage inside ``edikit.parse``: loop trees of real files, unsupported sets,
versions read through the nearest one."""

from __future__ import annotations

from pathlib import Path

import edikit
from edikit.grammar.compiler import compiled_structure
from edikit.grammar.loops import Loop
from edikit.x12.structure import resolve_version, supported_sets
from tests.helpers import interchange


def shape(loop: Loop) -> list[str]:
    return [item.name + "[]" if isinstance(item, Loop) else item.tag for item in loop.items]


def test_hellooops_850_loop_structure(corpus: Path) -> None:
    """hellooops x12-parser.test.ts: the loops of 850-loop.edi."""
    x12 = edikit.parse(corpus / "hellooops__vscode-edi-support/850-loop.edi")
    (transaction,) = x12.transactions
    assert transaction.violations == ()
    root = transaction.loop
    assert root is not None
    assert shape(next(root.loops("N1"))) == ["N1", "N2", "N3", "N4", "PER"]
    line = next(root.loops("PO1"))
    assert shape(line) == ["PO1", "PID[]", "MSG", "PKG[]", "N9[]", "N9[]", "N1[]", "SLN[]"]
    assert shape(next(line.loops("SLN"))) == ["SLN", "PID", "N9[]"]
    assert next(line.loops("SLN")).path == "PO1/SLN"


def test_every_segment_table_compiles() -> None:
    for version in ("004010", "005010"):
        assert {"850", "855", "856", "810", "997"} <= supported_sets(version)
        for set_id in supported_sets(version):
            compiled = compiled_structure(set_id, version)
            assert compiled is not None and compiled.table.actions
    assert "999" in supported_sets("005010")


def test_versions_resolve_to_their_own_or_the_nearest_older_tables() -> None:
    assert resolve_version("004010VICS") == ("004010", True)
    assert resolve_version("005010X231A1") == ("005010", True)
    assert resolve_version("004030") == ("004030", True)
    assert resolve_version("003060") == ("003060", True)
    assert resolve_version("004060") == ("004030", False)
    assert resolve_version("006020") == ("005010", False)


def test_unsupported_set_is_noted_not_failed() -> None:
    text = interchange([["W05*N*1"]], set_id="940", functional_id="OW")
    x12 = edikit.parse(text)
    (violation,) = x12.all_violations()
    assert violation.code == "EDI207" and violation.severity is edikit.Severity.INFO
    assert x12.transactions[0].loop is None
    assert x12.ok


def test_nearest_version_warned_once_per_group() -> None:
    body = ["BEG*00*SA*1**20240105", "PO1*1*1*EA"]
    text = interchange([body, body]).replace("*X*004010~", "*X*004060~")
    x12 = edikit.parse(text)
    assert [v.code for v in x12.all_violations()] == ["EDI208"]
    assert all(tx.loop is not None for tx in x12.transactions)


def test_structural_violation_is_located_in_its_loop() -> None:
    text = interchange([["BEG*00*SA*1**20240105", "PO1*1*1*EA", "PO1*2*1*EA", "ZZZ*1"]])
    (violation,) = edikit.parse(text).all_violations()
    assert violation.code == "EDI201"
    location = violation.location
    assert (location.segment_id, location.segment_position, location.line) == ("ZZZ", 5, 7)
    assert location.transaction_control == "0001"
