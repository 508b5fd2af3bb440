"""The dictionary data of every version (``src/edikit/x12/_data/``): code list sizes and
meanings against a second public source, the tables' consistency, the lookup API, and that
each file is read with its own version's tables.

Sources named in the comments (details in ``_data/SOURCE.md``):

* KA: KA Software's X12 schema pages, kasoftware.com/schema/edi/x12/<release>/segments/<SEG>,
  which print each ID element's code count ("Codes (N)") per release.
* tcd: tcd/eddy ``data/code-lists/<element>.tsv`` (the 004010 dictionary, codes and meanings).
* stupidedi: kputnam/stupidedi ``lib/stupidedi/versions/<version>/element_defs.rb``.
* Pages: published 004010 guides (Hershey's 850/856, teamadr.com 855/856, eedi.net 837) and
  KA Software's 00302/00304 pages, which print codes with their meanings.

The primary source of the lists is EdiFabric's X12 template tables; none of the expected
values below were read from it.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from edikit.grammar.compiler import compiled_structure
from edikit.x12.codes import (
    code_list,
    element_name,
    envelope_codes,
    functional_group_sets,
    version_of,
)
from edikit.x12.dictionary import segment_specs
from edikit.x12.structure import VERSIONS, at_least, resolve_version

DATA = resources.files("edikit.x12") / "_data"
SETS = ("850", "855", "856", "810", "997")


def load(version: str, name: str) -> Any:
    return json.loads((DATA / version / f"{name}.json").read_text("utf-8"))


# -- code list sizes --------------------------------------------------------------------
# Every count here equals the second source named on its line; 004010's counts are tcd's
# (the full 004010 lists), the others KA Software's per release.
SIZES_SECOND_SOURCE: dict[str, dict[str, int]] = {
    # KA 00301 BEG
    "003010": {"353": 24, "92": 45, "587": 12},
    # KA 00302 BCA, B11
    "003020": {"353": 36, "92": 45, "66": 49, "355": 543, "522": 79},
    # KA 00303 QTY, CAD
    "003030": {"673": 235, "355": 682, "91": 68, "368": 89, "128": 755, "284": 33},
    # KA 00304 BEG, BAA, B11
    "003040": {"353": 49, "92": 51, "587": 13, "128": 859, "66": 138, "355": 719, "522": 432},
    # KA 00305 BAA, SAC
    "003050": {"353": 57, "640": 283, "128": 1082, "1300": 897, "559": 93, "355": 726},
    # KA 00306 YNQ (Condition Indicator; see the codes test below)
    "003060": {"1321": 488},
    # tcd (all nine); KA 00401 N9 (128) and SAC (355) agree
    "004010": {
        "353": 65,
        "92": 69,
        "355": 794,
        "374": 1112,
        "128": 1503,
        "98": 1312,
        "66": 215,
        "235": 477,
        "143": 298,
    },
    # KA 00403 BEG, BAK, SAC
    "004030": {"353": 65, "92": 71, "587": 15, "640": 500, "1300": 1070, "559": 187, "355": 803},
    # KA 00501 IK3
    "005010": {"620": 13},
}
# The same key elements in every version (EdiFabric; where SIZES_SECOND_SOURCE has the
# element, the count was checked there).
SIZES: dict[str, tuple[int, ...]] = {
    #      3010 3020 3030 3040 3050  3060  4010  4030  5010
    "353": (24, 36, 46, 49, 57, 61, 65, 65, 66),
    "92": (45, 45, 49, 51, 67, 68, 69, 71, 76),
    "355": (425, 543, 682, 719, 726, 763, 794, 803, 844),
    "374": (170, 214, 474, 601, 706, 789, 1112, 1226, 1280),
    "128": (383, 490, 755, 859, 1082, 1169, 1503, 1631, 1731),
    "98": (164, 250, 440, 687, 862, 997, 1312, 1446, 1500),
    "66": (41, 49, 113, 138, 169, 178, 215, 223, 241),
    "235": (197, 219, 275, 307, 341, 361, 477, 505, 519),
    "143": (163, 186, 214, 236, 245, 250, 298, 314, 318),
}


@pytest.mark.parametrize("version", sorted(SIZES_SECOND_SOURCE))
def test_list_sizes_match_the_second_source(version: str) -> None:
    for element, size in SIZES_SECOND_SOURCE[version].items():
        codes = code_list(version, element)
        assert codes is not None, (version, element)
        assert len(codes) == size, (version, element)


def test_003060_condition_codes_equal_the_second_source() -> None:
    """KA Software's 00306 YNQ page prints the Condition Indicator codes (1321), 488 of them;
    its stored copy holds them up to OO, in its order: every one is a 003060 code, and no
    003060 code up to OO is missing from the page."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    shown = [f"{n:02d}" for n in range(1, 100)]
    shown += [f"1{x}" for x in letters] + [f"2{x}" for x in letters[:25]]
    shown += [f"9{x}" for x in letters[:13]] + [f"A{n}" for n in range(3, 10)]
    shown += [f"A{x}" for x in letters[:9]]
    listed = (
        "3A 3B 3C 3D 3F 3G 3H 3I 3J 3K 3L 3M 3N 3O 3P 3R 4A 5A 5B 5C 6A 6B 6C 6D 7A 8A 8B 8C "
        "8D 8E 8G 8H 8I AL AN AO AP AR AS AT AU AV AW AX B1 B2 B9 BA BC BE BL BP BR BT C1 C2 "
        "C3 C4 C5 C6 C8 CA CB CC CD CE CF CG CH CI CJ CL CM CN CO CP CR CT CU CV D1 D2 D3 D4 "
        "D5 D6 D7 DA DB DD DE DF DH DI DM DN DO DP DQ DT DY E6 E7 E8 EC EL EN EO EP EX FA FB "
        "FC FD FE FF FG FH FO FR G2 G3 G4 G5 G6 G7 G8 G9 GD GM GO GR H0 H1 H2 H3 H4 H5 H6 H7 "
        "H8 H9 HC HL HO HS I7 I8 IH IN IP J1 J2 J3 J4 J5 J6 J7 J8 J9 LB LC LD LE LF LG LH LI "
        "LJ LK LT MB MC ML MS NA NC NP NR NU OL OO"
    )
    shown += listed.split(" ")
    codes = code_list("003060", "1321")
    assert codes is not None and codes.complete
    assert len(shown) == 361 and set(shown) <= set(codes.codes)
    assert {code for code in codes.codes if code <= "OO"} == set(shown)


@pytest.mark.parametrize("element", sorted(SIZES))
def test_key_list_sizes_per_version(element: str) -> None:
    sizes = tuple(len(code_list(v, element) or ()) for v in VERSIONS)
    assert sizes == SIZES[element]


def test_005010_transaction_set_list_is_partial_where_the_sources_disagree() -> None:
    """KA's 00501 AK2 page counts 320 codes for 143, EdiFabric lists 318: kept, partial."""
    codes = code_list("005010", "143")
    assert codes is not None
    assert not codes.complete
    assert "320" in codes.why
    assert "999" in codes
    assert code_list("004010", "143") is not None
    assert "999" not in (code_list("004010", "143") or ())


# -- meanings against a second source ---------------------------------------------------
MEANINGS: dict[str, list[tuple[str, str, str]]] = {
    # stupidedi 003010 element_defs.rb, E92
    "003010": [
        ("92", "BE", "Blanket Order/Estimated Quantities (Not firm Commitment)"),
        ("92", "BK", "Blanket Order (Quantity Firm)"),
    ],
    # KA 00302 BCA page (codes with meanings)
    "003020": [
        ("353", "17", "Cancel, to be Reissued"),
        ("353", "26", "Replace - Specified Buyers Parts Only"),
        ("92", "FH", "Fabricate and Hold"),
        ("92", "NS", "New Store Opening"),
    ],
    # stupidedi 003040 element_defs.rb, E235 and E355
    "003030": [("235", "VN", "Vendor's (Seller's) Item Number"), ("355", "DZ", "Dozen")],
    # KA 00304 BEG page
    "003040": [("353", "41", "Corrected and Verified"), ("92", "DR", "Direct Ship")],
    # stupidedi 003050 element_defs.rb, E355
    "003050": [("355", "EA", "Each"), ("355", "CA", "Case")],
    # KA 00304 BEG page (the codes are unchanged in 003060)
    "003060": [("353", "5C", "Chargeable Resubmission"), ("92", "CN", "Consigned Order")],
    # Hershey's 004010 850/856 guides, teamadr.com 004010 855/856, eedi.net 004010 837
    "004010": [
        ("355", "BG", "Bag"),
        ("355", "PL", "Pallet/Unit Load"),
        ("374", "002", "Delivery Requested"),
        ("128", "L1", "Letters or Notes"),
        ("128", "87", "Functional Category"),
        ("66", "92", "Assigned by Buyer or Buyer's Agent"),
        ("91", "M", "Motor (Common Carrier)"),
    ],
    # KA 00304 BEG page (the codes are unchanged in 004030)
    "004030": [("353", "44", "Rejection"), ("92", "EO", "Emergency Order")],
    # stupidedi 005010 element_defs.rb, E715, E717, E620, E98
    "005010": [
        ("715", "P", "Partially Accepted, At Least One Transaction Set Was Rejected"),
        ("717", "R", "Rejected"),
        ("620", "I6", "Implementation Dependent Segment Missing"),
        ("98", "SU", "Supplier/Manufacturer"),
    ],
}


@pytest.mark.parametrize("version", VERSIONS)
def test_meanings_match_the_second_source(version: str) -> None:
    for element, code, meaning in MEANINGS[version]:
        codes = code_list(version, element)
        assert codes is not None, (version, element)
        assert codes.meaning(code) == meaning, (version, element, code)


def test_every_004010_code_has_a_meaning() -> None:
    """The 004010 lists are fully described by tcd (the other versions share its wording;
    codes added after 004010 may have none: SOURCE.md counts them)."""
    data = load("004010", "codes")
    for element in data["complete"]:
        codes = code_list("004010", element)
        assert codes is not None
        assert all(codes.codes.values()), element


# -- the tables are consistent ----------------------------------------------------------
@pytest.mark.parametrize("version", VERSIONS)
def test_every_reference_is_defined(version: str) -> None:
    segments = load(version, "segments")
    elements = load(version, "elements")
    composites = load(version, "composites")
    codes = load(version, "codes")
    for tag, segment in segments.items():
        for entry in segment["elements"]:
            if "composite" in entry:
                assert entry["composite"] in composites, (tag, entry)
            else:
                assert entry["de"] in elements, (tag, entry)
            assert entry["req"] in ("M", "O", "X"), (tag, entry)
    for name, composite in composites.items():
        for part in composite["components"]:
            assert part["de"] in elements, (name, part)
    listed = codes["complete"].keys() | codes["partial"].keys()
    assert listed <= elements.keys()
    for de, element in elements.items():
        assert element["type"] in ("AN", "ID", "DT", "TM", "R", "B") or element["type"][0] == "N"
        assert 0 < element["min"] <= element["max"], de
        if element["type"] == "ID" and de != "I65":
            assert de in listed, f"{version} {de} ({element['name']}) has no code list"
    for de, partial in codes["partial"].items():
        assert partial["why"], (version, de)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_set_has_a_structure_that_compiles(version: str) -> None:
    expected = (*SETS, "999") if version >= "005010" else SETS
    folder = DATA / version / "structure"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s}.json" for s in expected)
    segments = load(version, "segments")
    for set_id in expected:
        compiled = compiled_structure(set_id, version)
        assert compiled is not None
        assert compiled.table is not None
        assert compiled.terminals <= segments.keys(), (version, set_id)


@pytest.mark.parametrize("version", VERSIONS)
def test_segment_specs_compile_every_version(version: str) -> None:
    specs = segment_specs(version)
    assert {"ST", "SE", "GS", "ISA"} <= specs.keys()
    beginning = {"850": "BEG", "855": "BAK", "856": "BSN", "810": "BIG"}
    assert set(beginning.values()) <= specs.keys()
    purpose = specs["BSN"].elements[0]
    assert purpose.reference == "353"
    assert purpose.codes_complete
    assert purpose.codes is not None
    assert "00" in purpose.codes


def test_old_versions_read_their_own_dates() -> None:
    """Version 003 dates are YYMMDD (DT 6/6), 004 and later CCYYMMDD."""
    assert segment_specs("003050")["GS"].elements[3].maximum == 6
    assert segment_specs("004030")["GS"].elements[3].maximum == 8


# -- each file is read with its own version's tables ------------------------------------
def test_checks_read_the_complete_tables() -> None:
    # 353 was a partial list in edikit's previous 004010 tables; it is complete now
    assert segment_specs("004010")["BEG"].elements[0].codes_complete
    # 005010's BIG11 had no verified element number in the previous tables
    assert segment_specs("005010")["BIG"].elements[10].reference == "1005"
    # external code sources are not checked, and say why
    n404 = segment_specs("004010")["N4"].elements[3]
    assert n404.reference == "26"
    assert n404.codes is None
    assert not n404.codes_complete
    assert "ISO 3166" in n404.codes_why


def test_segment_specs_compile_a_segment_on_first_lookup() -> None:
    specs = segment_specs("003040")
    assert "BEG" in specs
    assert len(specs) == len(load("003040", "segments"))
    assert specs.get("ZZZ") is None
    assert specs.get("BEG") is specs["BEG"]
    with pytest.raises(KeyError):
        specs["ZZZ"]
    assert specs["BEG"].version == "003040"
    assert specs["BEG"].elements[0].version == "003040"


def test_each_version_is_read_with_its_own_tables() -> None:
    for version in VERSIONS:
        assert resolve_version(version) == (version, True)
    assert resolve_version("004010VICS") == ("004010", True)
    assert resolve_version("003050UCS") == ("003050", True)


def test_other_versions_read_through_the_nearest_older_one() -> None:
    assert resolve_version("003070") == ("003060", False)
    assert resolve_version("004020") == ("004010", False)
    assert resolve_version("004060VICS") == ("004030", False)
    assert resolve_version("005020") == ("005010", False)
    assert resolve_version("008010") == ("005010", False)
    assert resolve_version("002001") == ("003010", False)
    # no version number at all: the most common version
    assert resolve_version("") == ("004010", False)
    assert resolve_version("X") == ("004010", False)
    assert resolve_version("4010") == ("004010", False)


def test_versions_compare_after_resolving() -> None:
    assert at_least("005020", "005010")
    assert at_least("005010X231A1", "005010")
    assert not at_least("004030", "005010")
    assert at_least("004060", "004030")
    assert not at_least("003070", "004010")


# -- the lookup API ----------------------------------------------------------------------
def test_code_list_lookup() -> None:
    purpose = code_list("004010VICS", "353")
    assert purpose is not None
    assert purpose.version == "004010"
    assert purpose.name == "Transaction Set Purpose Code"
    assert purpose.complete
    assert purpose.codes["00"] == "Original"
    assert purpose.meaning("XX") is None
    assert code_list("004010", "324") is None  # AN: no codes
    currency = code_list("005010", "100")
    assert currency is not None
    assert not currency.complete
    assert "ISO 4217" in currency.why
    with pytest.raises(KeyError):
        version_of("002040")


def test_element_names_are_per_version() -> None:
    assert element_name("003010", "323") == "Purchase Order Date"
    assert element_name("004010", "373") == "Date"
    assert element_name("004010", "55") == "Flight/Voyage Number"
    assert element_name("004010", "9999") is None


def test_envelope_lists() -> None:
    # OBOE 00401 lists I05 without 07, 38 and SA; stupidedi 00501 and StAEDI have them
    assert len(envelope_codes("I05", "00401")) == 38
    assert {"07", "38", "SA"} <= envelope_codes("I05", "00501").codes.keys()
    assert envelope_codes("I05").codes["ZZ"] == "Mutually Defined"
    assert envelope_codes("I14").codes.keys() == {"I", "P", "T"}
    assert envelope_codes("I10").codes.keys() == {"U"}
    versions = envelope_codes("I11", "00401").codes
    assert "00401" in versions
    assert "00501" not in versions
    assert not envelope_codes("480").complete
    assert envelope_codes("480").codes["004010"]
    assert "005010" in envelope_codes("480").codes
    assert code_list("004010", "I11") is not None
    assert "00501" not in (code_list("004010", "I11") or ())
    with pytest.raises(KeyError):
        envelope_codes("353")


def test_functional_groups() -> None:
    assert functional_group_sets("PO") == ("850",)
    assert functional_group_sets("SH") == ("856",)
    assert functional_group_sets("FA", "004010") == ("997",)
    assert functional_group_sets("FA", "005010") == ("997", "999")
    for version in VERSIONS:
        gs01 = code_list(version, "479")
        assert gs01 is not None
        assert {"PO", "PR", "SH", "IN", "FA"} <= gs01.codes.keys()
