"""GS1 keys (GTIN, SSCC): check digits, lengths per X12 qualifier, company prefixes.

Known-good numbers are published examples; each is checked by the implementation and by a
second, independent method (``_weighted_total``: weights counted from the *left* over the
whole number, check digit included, which must give a multiple of ten), and where the
source shows its working, against the sum the source printed.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edikit.rules.business.gs1 import (
    GTIN_QUALIFIERS,
    SSCC_APPLICATION_IDENTIFIER,
    check_digit,
    company_prefix_problem,
    gtin_problem,
    normalize_sscc,
    sscc_problem,
)

DIGITS = "0123456789"


def _weighted_total(number: str) -> int:
    """Second method: weight 1 on the last digit (the check digit), then 3, 1, 3... leftwards,
    computed from the left by the parity of the distance to the end."""
    last = len(number) - 1
    return sum(int(d) * (3 if (last - i) % 2 == 1 else 1) for i, d in enumerate(number))


def _body_sum(body: str) -> int:
    """The weighted sum of a body as the sources print it (rightmost body digit x3)."""
    return _weighted_total(body + "0")


def digit_strings(length: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=DIGITS, min_size=length, max_size=length)


def _with_check_digit(body: str) -> str:
    return body + str(check_digit(body))


# --- known good, from public sources ---------------------------------------------------------

# (value, qualifier, weighted body sum as printed by the source or None if it shows none)
KNOWN_GOOD_GTINS = [
    # UPC-A worked example, "UPC Database" check digit page (copy in a public web-text
    # data set): 42 + 16 = 58 -> 2.
    ("036000291452", "UP", 58),
    # UPC-A, Wikipedia "Check digit" (box of tissues, mirror copy): 42 + 11 = 53 -> 7.
    ("036000241457", "UP", 53),
    # The common UPC-A example 0 12345 67890 5 (no source page checked; both methods agree).
    ("012345678905", "UP", None),
    # EAN-13 worked example (askfilo.com "examples of EAN rule"): 20 + 69 = 89 -> 1.
    ("4006381333931", "EN", 89),
    # GS1 Ireland "Check Digit Calculation": 84 + 34 = 118 -> 2.
    ("5391234567892", "EN", 118),
    # GS1 India "How to calculate the check digit": 54 + 9 = 63 -> 7.
    ("8904000210037", "EN", 63),
    # GS1 Sweden "Så beräknas kontrollsiffran": 15 + 8 = 23 -> 7.
    ("7300011000017", "EN", 23),
    # eHow "Calculate EAN-13 check digit": 36 + 25 = 61 -> 9.
    ("5010017088439", "EN", 61),
    # GTIN-14 (indicator 1, GS1 Company Prefix 0012345): no source page found for this
    # number; both methods agree.
    ("10012345678902", "UK", None),
    # GTIN-12 036000291452 in the GS1 14-digit form (General Specifications Figure 3.3.2-1).
    ("00036000291452", "UK", None),
    # EAN-8 / GTIN-8 (no source page checked; both methods agree); no qualifier: any length.
    ("96385074", None, None),
]

# SSCC (00) 1 0614141 123456789 7: extension 1, GS1 Company Prefix 0614141 (the GS1 example
# prefix, see gs1-ir.org), serial 123456789. No page found showing this exact number; both
# methods agree on check digit 7.
KNOWN_GOOD_SSCC = "106141411234567897"


@pytest.mark.parametrize(("value", "qualifier", "printed_sum"), KNOWN_GOOD_GTINS)
def test_known_good_gtins(value: str, qualifier: str | None, printed_sum: int | None) -> None:
    assert gtin_problem(value, qualifier) is None
    assert gtin_problem(value) is None  # any length
    assert check_digit(value[:-1]) == int(value[-1])
    assert _weighted_total(value) % 10 == 0  # second method
    if printed_sum is not None:
        assert _body_sum(value[:-1]) == printed_sum
        assert (10 - printed_sum % 10) % 10 == int(value[-1])


def test_known_good_sscc_both_forms() -> None:
    assert _weighted_total(KNOWN_GOOD_SSCC) % 10 == 0  # second method
    assert check_digit(KNOWN_GOOD_SSCC[:-1]) == 7
    assert sscc_problem(KNOWN_GOOD_SSCC) is None
    assert sscc_problem("00" + KNOWN_GOOD_SSCC) is None
    assert normalize_sscc("00" + KNOWN_GOOD_SSCC) == KNOWN_GOOD_SSCC
    assert normalize_sscc(KNOWN_GOOD_SSCC) == KNOWN_GOOD_SSCC


def test_check_digit_of_the_gs1_calculator_table() -> None:
    # Every GS1 key length uses the same algorithm: bodies of 7, 11, 12, 13 and 17 digits.
    assert check_digit("9638507") == 4
    assert check_digit("03600029145") == 2
    assert check_digit("400638133393") == 1
    assert check_digit("1001234567890") == 2
    assert check_digit("10614141123456789") == 7
    assert check_digit("0") == 0
    assert check_digit("1") == 7  # 1 x 3 = 3 -> 10 - 3


# Fullwidth and Arabic-Indic digits: str.isdigit() accepts them, GS1 keys do not.
@pytest.mark.parametrize("body", ["", "12a4", "12 4", "\uff11\uff12\uff13", "\u0663\u0666\u0660"])
def test_check_digit_rejects_non_digit_bodies(body: str) -> None:
    with pytest.raises(ValueError, match=r"empty|digits only"):
        check_digit(body)


# --- known bad -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "qualifier", "message"),
    [
        ("012345678906", "UP", "012345678906 has check digit 6; the digits before it give 5"),
        ("036000291453", "UP", "036000291453 has check digit 3; the digits before it give 2"),
        ("4006381333932", "EN", "4006381333932 has check digit 2; the digits before it give 1"),
        ("10012345678903", "UK", "10012345678903 has check digit 3; the digits before it give 2"),
        ("96385075", None, "96385075 has check digit 5; the digits before it give 4"),
    ],
)
def test_wrong_check_digit_names_both_digits(
    value: str, qualifier: str | None, message: str
) -> None:
    assert gtin_problem(value, qualifier) == message


def test_wrong_length_says_how_many_and_what_is_missing() -> None:
    problem = gtin_problem("01234567890", "UP")
    assert problem is not None
    assert problem.startswith("UPC-A must have 12 digits; 01234567890 has 11")
    assert "012345678905" in problem  # the number with its check digit


def test_13_digits_under_up_points_to_en_and_the_leading_zero() -> None:
    problem = gtin_problem("0036000291452", "UP")
    assert problem is not None
    assert problem.startswith("UPC-A must have 12 digits; 0036000291452 has 13")
    assert "drop the leading 0" in problem
    assert "qualifier EN" in problem


def test_each_qualifier_names_its_length() -> None:
    assert gtin_problem("036000291452", "EN") == (
        "EAN-13 must have 13 digits; 036000291452 has 12 (a 12-digit GTIN is sent with "
        "qualifier UP; if the check digit is missing, the number is 0360002914522)"
    )
    problem = gtin_problem("4006381333931", "UK")
    assert problem is not None
    assert problem.startswith("GTIN-14 must have 14 digits; 4006381333931 has 13")
    assert "qualifier EN" in problem
    problem = gtin_problem("01234567890")
    assert problem == "GTIN must have 8, 12, 13 or 14 digits; 01234567890 has 11"


def test_upc_a_does_not_take_gtin_8() -> None:
    # No public source found lets UP carry 8 digits (UPC-E / GTIN-8).
    assert GTIN_QUALIFIERS["UP"] == (12,)
    problem = gtin_problem("96385074", "UP")
    assert problem is not None
    assert problem.startswith("UPC-A must have 12 digits; 96385074 has 8")


@pytest.mark.parametrize(
    ("value", "found"),
    [("03600029145A", "'A' at position 12"), (" 36000291452", "' ' at position 1")],
)
def test_non_digits_are_rejected(value: str, found: str) -> None:
    problem = gtin_problem(value, "UP")
    assert problem is not None
    assert "must contain digits only" in problem
    assert found in problem


def test_unicode_digits_are_not_digits() -> None:
    arabic_indic = "٠٣٦٠٠٠٢٩١٤٥٢"  # 036000291452 in Arabic-Indic digits: str.isdigit() is True
    problem = gtin_problem(arabic_indic, "UP")
    assert problem is not None
    assert "must contain digits only" in problem


@pytest.mark.parametrize("qualifier", ["UP", "EN", "UK", None])
def test_empty_is_rejected(qualifier: str | None) -> None:
    problem = gtin_problem("", qualifier)
    assert problem is not None
    assert "is empty" in problem


@pytest.mark.parametrize("qualifier", ["UI", "UA", "VN", "up", ""])
def test_qualifiers_without_a_gtin_are_a_caller_error(qualifier: str) -> None:
    with pytest.raises(ValueError, match="does not carry a GTIN"):
        gtin_problem("036000291452", qualifier)


def test_supported_qualifiers() -> None:
    assert GTIN_QUALIFIERS == {"UP": (12,), "EN": (13,), "UK": (14,)}


# --- SSCC ------------------------------------------------------------------------------------


def test_sscc_twenty_digits_without_00_is_rejected() -> None:
    problem = sscc_problem("12" + KNOWN_GOOD_SSCC)
    assert problem is not None
    assert "20 digits" in problem
    assert "does not start with the application identifier 00" in problem
    assert normalize_sscc("12" + KNOWN_GOOD_SSCC) == "12" + KNOWN_GOOD_SSCC


def test_sscc_wrong_check_digit_with_and_without_00() -> None:
    bad = KNOWN_GOOD_SSCC[:-1] + "8"
    assert sscc_problem(bad) == f"{bad} has check digit 8; the digits before it give 7"
    problem = sscc_problem("00" + bad)
    assert problem is not None
    assert "application identifier" in problem
    assert f"{bad} has check digit 8; the digits before it give 7" in problem


@pytest.mark.parametrize(
    "value", ["", "10614141123456789", "0106141411234567897", "001061414112345678970"]
)
def test_sscc_wrong_length(value: str) -> None:
    problem = sscc_problem(value)
    assert problem is not None
    assert "18 digits" in problem
    assert "empty" in problem if not value else f"has {len(value)}" in problem


def test_sscc_seventeen_digits_offers_the_check_digit() -> None:
    problem = sscc_problem(KNOWN_GOOD_SSCC[:-1])
    assert problem is not None
    assert KNOWN_GOOD_SSCC in problem


@pytest.mark.parametrize(
    "value", ["10614141123456789X", "00-106141411234567897", "1061414112345678 7", "(00)106141411"]
)
def test_sscc_non_digits_rejected(value: str) -> None:
    problem = sscc_problem(value)
    assert problem is not None
    assert "must contain digits only" in problem


@pytest.mark.parametrize("value", ["", "abc", "0010614141123456789X", "106141411234567897"])
def test_normalize_sscc_leaves_other_values_alone(value: str) -> None:
    assert normalize_sscc(value) == value


def test_application_identifier() -> None:
    assert SSCC_APPLICATION_IDENTIFIER == "00"


# --- properties ------------------------------------------------------------------------------


def _change_one_digit(data: st.DataObject, number: str) -> str:
    position = data.draw(st.integers(min_value=0, max_value=len(number) - 1), label="position")
    new = data.draw(st.sampled_from([d for d in DIGITS if d != number[position]]), label="digit")
    return number[:position] + new + number[position + 1 :]


@settings(max_examples=300, deadline=None)
@given(data=st.data(), qualifier=st.sampled_from([*sorted(GTIN_QUALIFIERS), None]))
def test_any_body_plus_its_check_digit_is_valid_and_any_single_change_is_not(
    data: st.DataObject, qualifier: str | None
) -> None:
    lengths = GTIN_QUALIFIERS[qualifier] if qualifier is not None else (8, 12, 13, 14)
    length = data.draw(st.sampled_from(lengths), label="length")
    full = _with_check_digit(data.draw(digit_strings(length - 1), label="body"))
    assert gtin_problem(full, qualifier) is None
    assert _weighted_total(full) % 10 == 0
    changed = _change_one_digit(data, full)
    problem = gtin_problem(changed, qualifier)
    assert problem is not None
    assert f"{changed} has check digit {changed[-1]}; the digits before it give" in problem


@settings(max_examples=300, deadline=None)
@given(data=st.data(), with_ai=st.booleans())
def test_any_sscc_body_plus_check_digit_is_valid_and_any_single_change_is_not(
    data: st.DataObject, with_ai: bool
) -> None:
    sscc = _with_check_digit(data.draw(digit_strings(17), label="body"))
    prefix = "00" if with_ai else ""
    assert sscc_problem(prefix + sscc) is None
    assert normalize_sscc(prefix + sscc) == sscc
    changed = _change_one_digit(data, sscc)
    problem = sscc_problem(prefix + changed)
    assert problem is not None
    assert f"{changed} has check digit" in problem


@given(body=st.text(alphabet=DIGITS, min_size=1, max_size=40))
def test_check_digit_agrees_with_the_second_method(body: str) -> None:
    digit = check_digit(body)
    assert 0 <= digit <= 9
    assert _weighted_total(body + str(digit)) % 10 == 0
    assert all(_weighted_total(body + str(d)) % 10 != 0 for d in range(10) if d != digit)


@given(value=st.text(alphabet=DIGITS, min_size=20, max_size=20).filter(lambda v: v[:2] != "00"))
def test_any_twenty_digits_not_starting_00_is_rejected(value: str) -> None:
    problem = sscc_problem(value)
    assert problem is not None
    assert "does not start with the application identifier 00" in problem


# --- company prefixes ------------------------------------------------------------------------


def test_sscc_company_prefix_follows_the_extension_digit() -> None:
    assert company_prefix_problem(KNOWN_GOOD_SSCC, ["0614141"]) is None
    assert company_prefix_problem("00" + KNOWN_GOOD_SSCC, ["0614141"]) is None
    assert company_prefix_problem(KNOWN_GOOD_SSCC, ["9999999", "0614141"]) is None
    # The extension digit is not part of the prefix.
    assert company_prefix_problem(KNOWN_GOOD_SSCC, ["1061414"]) is not None
    problem = company_prefix_problem(KNOWN_GOOD_SSCC, ["0614142"])
    assert problem == (
        "SSCC 106141411234567897 does not carry one of the expected GS1 Company Prefixes "
        "(0614142): after the extension digit 1 it reads 0614141123456789"
    )


def test_gtin_14_company_prefix_follows_the_indicator_digit() -> None:
    assert company_prefix_problem("10012345678902", ["0012345"]) is None
    problem = company_prefix_problem("10012345678902", ["1001234"])
    assert problem is not None
    assert "after the indicator digit 1 it reads 001234567890" in problem


def test_gtin_13_company_prefix_is_at_the_start() -> None:
    assert company_prefix_problem("4006381333931", ["4006381"]) is None
    assert company_prefix_problem("5391234567892", ["539123"]) is None
    problem = company_prefix_problem("4006381333931", ["4006382"])
    assert problem is not None
    assert "EAN-13 4006381333931" in problem


def test_upc_a_is_compared_as_gtin_13_with_a_leading_zero() -> None:
    # U.P.C. Company Prefix 036000 is GS1 Company Prefix 0036000.
    assert company_prefix_problem("036000291452", ["0036000"]) is None
    problem = company_prefix_problem("036000291452", ["036000"])
    assert problem is not None
    assert "as a GTIN-13 (a 0 in front) it reads 003600029145" in problem
    assert "list it as the GS1 Company Prefix 0036000" in problem


def test_one_prefix_matches_every_form_it_appears_in() -> None:
    # GS1 Company Prefix 0614141 (U.P.C. Company Prefix 614141), as in GS1 examples.
    prefix = "0614141"
    upc = _with_check_digit("61414100001")
    ean = _with_check_digit("061414100001")  # the same item as EAN-13
    case = _with_check_digit("1" + "061414100001")  # GTIN-14, General Specifications 2.1.8.2
    assert upc == "614141000012"
    for value in (upc, ean, case, KNOWN_GOOD_SSCC, "00" + KNOWN_GOOD_SSCC):
        assert gtin_problem(value) is None or sscc_problem(value) is None
        assert company_prefix_problem(value, [prefix]) is None, value


def test_gtin_8_has_no_company_prefix() -> None:
    problem = company_prefix_problem("96385074", ["9638507"])
    assert problem is not None
    assert "GS1-8 Prefix" in problem


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "empty"),
        ("0614141X", "digits only"),
        ("01234567890", "has 11 digits"),
        ("12" + KNOWN_GOOD_SSCC, "does not start with the application identifier 00"),
    ],
)
def test_company_prefix_of_unreadable_values(value: str, expected: str) -> None:
    problem = company_prefix_problem(value, ["0614141"])
    assert problem is not None
    assert expected in problem


def test_company_prefix_does_not_check_the_check_digit() -> None:
    assert company_prefix_problem(KNOWN_GOOD_SSCC[:-1] + "0", ["0614141"]) is None


def test_many_prefixes_are_shortened_in_the_message() -> None:
    prefixes = [f"099999{n}" for n in range(8)]
    problem = company_prefix_problem(KNOWN_GOOD_SSCC, prefixes)
    assert problem is not None
    assert "0999990, 0999991, 0999992, 0999993, 0999994 and 3 more" in problem


def test_bad_prefix_configuration_raises() -> None:
    with pytest.raises(TypeError):
        company_prefix_problem(KNOWN_GOOD_SSCC, "0614141")
    with pytest.raises(ValueError, match="no GS1 Company Prefixes"):
        company_prefix_problem(KNOWN_GOOD_SSCC, [])
    with pytest.raises(ValueError, match="must be one or more digits"):
        company_prefix_problem(KNOWN_GOOD_SSCC, ["06141-41"])
    with pytest.raises(ValueError, match="must be one or more digits"):
        company_prefix_problem(KNOWN_GOOD_SSCC, [""])


@settings(max_examples=200, deadline=None)
@given(
    data=st.data(),
    upc_prefix=st.text(alphabet=DIGITS, min_size=6, max_size=9),
    indicator=st.sampled_from("12345678"),
    extension=st.sampled_from(DIGITS),
)
def test_a_us_prefix_is_found_in_upc_ean_gtin14_and_sscc(
    data: st.DataObject, upc_prefix: str, indicator: str, extension: str
) -> None:
    gs1_prefix = "0" + upc_prefix
    item = data.draw(digit_strings(11 - len(upc_prefix)), label="item reference")
    serial = data.draw(digit_strings(16 - len(gs1_prefix)), label="serial reference")
    upc = _with_check_digit(upc_prefix + item)
    ean = _with_check_digit(gs1_prefix + item)
    case = _with_check_digit(indicator + gs1_prefix + item)
    sscc = _with_check_digit(extension + gs1_prefix + serial)
    assert gtin_problem(upc, "UP") is None
    assert gtin_problem(ean, "EN") is None
    assert gtin_problem(case, "UK") is None
    assert sscc_problem(sscc) is None
    other = gs1_prefix[:-1] + str((int(gs1_prefix[-1]) + 1) % 10)
    for value in (upc, ean, case, sscc, "00" + sscc):
        assert company_prefix_problem(value, [gs1_prefix]) is None
        assert company_prefix_problem(value, [other]) is not None
