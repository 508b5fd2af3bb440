"""The quick yes of the element checks (``Clean``) against the checks themselves: a segment
it passes is one ``check_segment`` finds nothing wrong with, whatever its values."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edikit.io.delimiters import Delimiters
from edikit.io.segment import Segment
from edikit.rules.standard.elements import Clean, check_segment
from edikit.vocabulary import Argument, Severity
from edikit.x12.dictionary import ElementSpec, segment_specs

DELIMITERS = Delimiters("*", ">", "~", "^")
TAGS = ["BEG", "PO1", "CTT", "BSN", "HL", "LIN", "SN1", "MAN", "TD1", "TD5", "DTM", "N1", "N4",
        "IT1", "TDS", "BIG", "PID", "REF", "SAC", "ITD", "BAK", "ACK", "PO4", "SDQ"]  # fmt: skip
# Versions whose tables differ where the quick tests read them (003010 dates are YYMMDD only).
VERSIONS = ("003010", "003050", "004010", "005010")
SPECS = [(v, tag) for v in VERSIONS for tag in TAGS if tag in segment_specs(v)]


def _candidates(element: ElementSpec) -> list[str]:
    """Values near an element's rules: codes of its list, numbers, dates and times good and
    bad, text at and past its length limits, white space and odd characters."""
    low, high = element.minimum, element.maximum
    found = ["", "", "  ", "1", "-5", "12.50", ".5", "5.", "1E2", "007", "20240105", "20240230",
             "20240229", "240105", "1230", "2460", "123045", "12304599", "X" * low,
             "X" * high, "X" * (high + 1), "9" * high, "9" * (high + 1), "A\x01", "é\xa0", "A>B",
             "A^B", "\xa0"]  # fmt: skip
    return found + sorted(element.codes or ())[:20]


def _good(element: ElementSpec) -> str:
    """A value ``element`` takes."""
    if element.codes:
        return min(element.codes)
    kind, low = element.kind, max(element.minimum, 1)
    if kind == "DT":
        return "20240105"
    if kind == "TM":
        return "1230"
    if kind == "R" or kind.startswith("N"):
        return "1" * low
    return "X" * low


def _value(element: ElementSpec) -> st.SearchStrategy[str]:
    """Mostly a good value or none, so that many segments are clean; else a candidate."""
    return st.one_of(st.just(_good(element)), st.just(""), st.sampled_from(_candidates(element)))


def _findings(segment: Segment, version: str) -> list[str]:
    found: list[str] = []

    def emit(
        code: str,
        element: int,
        component: int | None,
        repetition: int | None,
        severity: Severity | None,
        variant: str,
        /,
        **args: Argument,
    ) -> None:
        found.append(code)

    check_segment(segment, segment_specs(version)[segment.tag], emit)
    return found


@pytest.mark.parametrize(("version", "tag"), SPECS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_segment_passed_quickly_has_nothing_to_report(
    version: str, tag: str, data: st.DataObject
) -> None:
    spec = segment_specs(version)[tag]
    count = data.draw(st.integers(0, len(spec.elements) + 1))
    elements = list(spec.elements) + list(spec.elements[-1:])  # one past the defined
    values = [data.draw(_value(element)) for element in elements[:count]]
    raw = "*".join([tag, *values])
    segment = Segment(tag, raw, "~", "", 0, 1, 1, 0, DELIMITERS)
    if Clean(spec)(segment):
        assert _findings(segment, version) == []


@pytest.mark.parametrize(
    "raw",
    [
        "PO1*1*12*EA*28.00**UP*846291313586*VN*HPH5741-WHT-85",
        "DTM*002*20240319",
        "BEG*00*SA*4518593411**20240213",
        "TD5*O*2*EXLA*M*ESTES EXPRESS",
    ],
)
def test_clean_segments_pass_quickly(raw: str) -> None:
    """The segments documents are made of take the quick way (else it would be no use)."""
    tag = raw.split("*", maxsplit=1)[0]
    segment = Segment(tag, raw, "~", "", 0, 1, 1, 0, DELIMITERS)
    assert Clean(segment_specs("004010")[tag])(segment)
    assert _findings(segment, "004010") == []


@pytest.mark.parametrize(
    "raw",
    [
        "PO1*1*12*EA*28.00**UP",  # PO106 without PO107 (P0607)
        "DTM*002*20240230",  # no February 30th
        "PO1*1*12*EA*28.00*",  # an empty last element
        "PO1*1*12*XX*28.00",  # not a unit code
        "BEG*00*SA",  # BEG03 and BEG05 are mandatory
    ],
)
def test_faulty_segments_take_the_long_way(raw: str) -> None:
    tag = raw.split("*", maxsplit=1)[0]
    segment = Segment(tag, raw, "~", "", 0, 1, 1, 0, DELIMITERS)
    assert not Clean(segment_specs("004010")[tag])(segment)
    assert _findings(segment, "004010") != []


@pytest.mark.parametrize("separator", ["*", "|", "+", "\\", "]", "\x1d", "\xa7"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_whole_segment_pattern_says_what_each_value_says(
    separator: str, data: st.DataObject
) -> None:
    """One pattern over the raw segment gives the verdict of the values' tests one by one, for
    any element separator (a regular expression's own characters included)."""
    version, tag = data.draw(st.sampled_from(SPECS))
    spec = segment_specs(version)[tag]
    count = data.draw(st.integers(0, len(spec.elements) + 1))
    elements = list(spec.elements) + list(spec.elements[-1:])
    values = [data.draw(_value(element)) for element in elements[:count]]
    values = [value.replace(separator, "") for value in values]
    delimiters = Delimiters(separator, ">", "~", "^")
    segment = Segment(tag, separator.join([tag, *values]), "~", "", 0, 1, 1, 0, delimiters)
    by_value = Clean(spec)
    by_value._wholes[separator, len(segment.elements)] = None  # the test value by value
    assert Clean(spec)(segment) == by_value(segment)
