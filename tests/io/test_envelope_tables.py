"""The envelope stage's value tables (``edikit/io/_data/envelope.json``) are copies of the X12
dictionary's lists (``edikit/x12/_data/``), which the envelope stage cannot import: they must
agree."""

from __future__ import annotations

from edikit.io.envelope_rules import functional_groups, tables
from edikit.x12.codes import code_list, envelope_codes
from edikit.x12.structure import VERSIONS

# Not codes of any version's 479 list: the placeholders of the functional-group table.
PLACEHOLDERS = frozenset({"??", "N/A"})


def union(element: str) -> set[str]:
    found: set[str] = set()
    for version in VERSIONS:
        codes = code_list(version, element)
        assert codes is not None, (version, element)
        found |= codes.codes.keys()
    return found


def test_interchange_versions_are_the_i11_list() -> None:
    assert tables().interchange_versions == envelope_codes("I11").codes.keys()
    assert {"00401", "00501"} <= tables().interchange_versions
    assert "00040" not in tables().interchange_versions


def test_releases_are_the_480_codes_and_the_later_interchange_versions() -> None:
    listed = {code for code in envelope_codes("480").codes if len(code) == 6}
    later = {f"{v}0" for v in envelope_codes("I11").codes if v >= "00502"}
    assert tables().releases == listed | later
    assert {"003010", "003050", "004010", "004030", "005010", "006020"} <= tables().releases


def test_gs07_and_gs01_and_st01_lists() -> None:
    codes = tables().codes
    assert codes["GS07"].codes == envelope_codes("455").codes.keys()
    assert union("479") <= codes["GS01"].codes
    assert union("143") <= codes["ST01"].codes
    assert {"PO", "PR", "SH", "IN", "FA", "TX"} <= codes["GS01"].codes
    assert not PLACEHOLDERS & codes["GS01"].codes


def test_every_set_of_the_versions_lists_has_its_group_where_x12_gives_one() -> None:
    assert functional_groups("850") == ("PO",)
    assert functional_groups("864") == ("TX",)
    assert functional_groups("999") == ("FA",)
    assert functional_groups("980") == ("IA", "IM", "IO", "IR")
    for groups in tables().functional_groups.values():
        assert groups and set(groups) <= tables().codes["GS01"].codes
    for version in VERSIONS:
        purchase = code_list(version, "479")
        assert purchase is not None
        assert all(code in purchase for code in functional_groups("850"))
