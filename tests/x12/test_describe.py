"""What a segment, an element and a code mean (``edikit.x12.describe``), in the library's
views and in the text report: names and meanings come from each version's own tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import edikit
from edikit.cli import main
from edikit.io.delimiters import Delimiters
from edikit.io.segment import Segment
from edikit.x12.codes import code_list
from edikit.x12.describe import (
    code_choices,
    code_meaning,
    describe_element,
    describe_segment,
    nearest_codes,
)

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
CLEAN_850 = FIXTURES / "structure" / "850-clean.edi"
OLD_850 = FIXTURES / "dictionary" / "850-003050-clean.edi"


def test_an_element_is_named_with_its_codes_meaning() -> None:
    purpose = describe_element("004010VICS", "BEG", 1, value="00")
    assert purpose is not None
    assert (purpose.element, purpose.name, purpose.kind, purpose.requirement) == (
        "353",
        "Transaction Set Purpose Code",
        "ID",
        "mandatory",
    )
    assert (purpose.meaning, purpose.is_code) == ("Original", True)
    assert str(purpose) == (
        "BEG01 Transaction Set Purpose Code (353, ID 2/2, mandatory): 00 Original"
    )
    wrong = describe_element("004010", "BEG", 1, value="99")
    assert wrong is not None and wrong.is_code is False and wrong.meaning is None
    assert str(wrong).endswith("99 (not a code of the element)")


def test_names_and_forms_are_the_versions_own() -> None:
    old = describe_element("003010", "BEG", 5)
    new = describe_element("004010", "BEG", 5)
    assert old is not None and new is not None
    assert (old.element, old.name, old.maximum) == ("323", "Purchase Order Date", 6)
    assert (new.element, new.name, new.maximum) == ("373", "Date", 8)
    century = describe_element("003050", "DTM", 5, value="19")
    assert century is not None and century.name == "Century" and century.meaning is None


def test_components_and_missing_places() -> None:
    part = describe_element("004010", "REF", 4, 1, value="PO")
    assert part is not None
    assert (part.reference, part.element, part.meaning) == (
        "REF04-1",
        "128",
        "Purchase Order Number",
    )
    assert describe_element("004010", "BEG", 40) is None
    assert describe_element("004010", "ZZZ", 1) is None
    assert describe_element("004010", "BEG", 1, 2) is None  # BEG01 has no components


def test_a_code_without_a_known_meaning_reads_empty() -> None:
    assert code_meaning("004010", "353", "00") == "Original"
    assert code_meaning("004010", "353", "99") is None
    blank = [code for code, meaning in _codes("005010", "673") if not meaning]
    assert blank  # codes added after 004010 that no public source gave a meaning for
    assert code_meaning("005010", "673", blank[0]) == ""


def _codes(version: str, element: str) -> list[tuple[str, str]]:
    found = code_list(version, element)
    assert found is not None
    return list(found.codes.items())


def test_nearest_codes() -> None:
    assert nearest_codes("004010", "128", "ZZZ") == ("ZW", "ZX", "ZY", "ZZ")
    assert "PR" in nearest_codes("004010", "355", "PRR")
    # nothing starts with 9: the list's first codes
    assert nearest_codes("004010", "353", "99") == ("00", "01", "02", "03")
    assert nearest_codes("004010", "324", "X") == ()  # AN: no codes
    choices = code_choices("004010", "717", "P")
    assert (choices.count, choices.every) == (6, "A, E, M, R, W, X")
    assert choices.label == "first"
    assert choices.nearest.startswith("A Accepted; E Accepted But Errors Were Noted")


def _common_prefix(first: str, second: str) -> int:
    count = 0
    while count < min(len(first), len(second)) and first[count] == second[count]:
        count += 1
    return count


@given(
    element=st.sampled_from(["128", "355", "353", "374", "235", "98", "479"]),
    value=st.text(alphabet="ABCDEPZ0129", min_size=1, max_size=4),
)
def test_nearest_codes_share_the_longest_beginnings(element: str, value: str) -> None:
    codes = code_list("004010", element)
    assert codes is not None
    found = nearest_codes("004010", element, value)
    assert list(found) == sorted(found) and set(found) <= set(codes.codes)
    alike = [code for code in codes.codes if code[:1] == value[:1]]
    if not alike:  # nothing starts as the value does: the list's first codes
        assert found == tuple(sorted(codes.codes)[:4])
        return
    assert len(found) == min(4, len(alike))
    # no code left out shares more of the value's beginning than a code chosen
    weakest = min(_common_prefix(code, value) for code in found)
    assert weakest >= 1
    assert all(_common_prefix(code, value) <= weakest for code in codes.codes if code not in found)


DELIMITERS = Delimiters("*", ">", "~", "^")


@given(
    version=st.sampled_from(["003010", "003050", "004010", "004030", "005010", "004060", "X"]),
    tag=st.sampled_from(["BEG", "TD5", "PO1", "SLN", "AK3", "IK4", "MEA", "N1", "ZZZ", "ISA"]),
    values=st.lists(st.text(alphabet="AB0129 >^*-", max_size=8), max_size=40),
)
def test_any_segment_is_described_without_error(version: str, tag: str, values: list[str]) -> None:
    """Whatever a segment holds (too many elements, components where none belong, the
    separators of another element), its description names only elements the tables have."""
    raw = "*".join([tag, *values])
    segment = Segment(tag, raw, "~", "", 0, 1, 1, 0, DELIMITERS)
    described = describe_segment(segment, version)
    if described is None:
        return
    for element in described.elements:
        assert element.value and element.reference.startswith(tag)
        assert element.is_code in (None, True, False)
        assert str(element)


def test_a_clean_file_reads_no_meanings() -> None:
    """Meanings (a 220 kB gzip file of 22,000 meanings) and the describe module are for findings and readers: a
    clean file's validation does not load them (the cold start of ``edikit validate``)."""
    probe = (
        "import sys, edikit\n"
        "from edikit.x12 import codes\n"
        f"result = edikit.validate_file({str(CLEAN_850)!r})\n"
        "assert not list(result.iter_violations()), result\n"
        "print(codes._meanings.cache_info().currsize, 'edikit.x12.describe' in sys.modules)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert shown.split() == ["0", "False"]


def test_a_segment_is_described_element_by_element() -> None:
    x12 = edikit.parse(CLEAN_850)
    order = x12.transactions[0]
    n1 = next(s for s in order.segments if s.tag == "N1")
    described = order.describe(n1)
    assert described is not None
    assert (described.tag, described.name, described.version) == ("N1", "Name", "004010")
    assert [e.reference for e in described.elements] == ["N101", "N102", "N103", "N104"]
    assert str(described).splitlines()[1] == (
        "  N101 Entity Identifier Code (98, ID 2/3, mandatory): ST Ship To"
    )
    assert describe_segment(n1, "004010") == described


def test_views_describe_with_the_tables_their_document_was_read_with() -> None:
    old = edikit.parse(OLD_850).documents[0]
    beg = old.view("BEG")
    assert beg is not None
    described = beg.describe()
    assert described is not None and described.version == "003050"
    assert "BEG05 Date (373, DT 6/6, mandatory): 961101" in str(described)
    dtm = old.view("DTM")
    assert dtm is not None and "DTM05 Century" in str(dtm.describe())
    # a view made directly describes with its own class's tables
    from edikit.models.segments.v5010 import BEG

    assert BEG.version == "005010"
    direct = BEG.view(beg.segment).describe()
    assert direct is not None and direct.version == "005010"


def test_the_text_report_names_the_element_and_its_code() -> None:
    result = CliRunner().invoke(
        main, ["validate", str(FIXTURES / "dictionary" / "850-unknown-code.edi")]
    )
    assert result.exit_code == 1
    assert "BEG01 Transaction Set Purpose Code (353, ID 2/2, mandatory): 99 (not a code" in (
        result.output
    )
    assert "first: 00 Original; 01 Cancellation" in result.output.replace("\n", " ").replace(
        "  ", " "
    )
