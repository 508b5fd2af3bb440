"""GS1 identification keys in retail EDI: GTINs (UPC-A, EAN-13, GTIN-14) and SSCCs.

Every ``*_problem`` function returns ``None`` when the value is right, or one sentence that
says what is wrong in words a person can act on (which digit, how many digits, what the
number should have been). The functions are pure and use only the standard library.

Facts used here, and where they were checked (stored copies of public pages):

* Check digit (all GS1 keys): weights 3, 1, 3, 1... from the rightmost digit of the body;
  the check digit is what brings the weighted sum up to the next multiple of ten. GS1,
  "Check Digit Calculator" (gs1.org/barcodes/support/check_digit_calculator: multiply by
  x3/x1 by position, "subtract the sum from nearest equal or higher multiple of ten"); GS1
  Ireland "Check Digit Calculation" (gs1ie.org, worked GTIN 5391234567892).
* GTIN formats in 14-digit form, GS1 General Specifications Figure 3.3.2-1 (as quoted in the
  ``gs1`` Ruby gem docs, rubydoc.info/gems/gs1/1.1.0/GS1/GTIN): GTIN-8 = 000000 + 8 digits,
  GTIN-12 = 00 + 12, GTIN-13 = 0 + 13, GTIN-14 = 14; "GS1-8 Prefix or GS1 Company Prefix,
  then item reference, then check digit". GTIN-14 structure, General Specifications
  Figure 2.1.8.2-1 (fliphtml5.com copy of the GS1 General Specifications, p. 48): indicator
  digit (1-8), then the GTIN-13 or "0 + GTIN-12" of the contained item without its check
  digit, then a new check digit.
* SSCC, General Specifications Figure 3.3.1-1 (rubydoc.info/gems/gs1/1.1.0/GS1/SSCC): AI 00,
  extension digit (0-9), GS1 Company Prefix, serial reference, check digit; 18 digits. The
  extension digit + GS1 Company Prefix + serial reference always make 17 digits (barcode-it
  GS1 guide p. 6-7; gs1-128.info "SSCC-18": prefix + serial reference = 16 digits). GS1
  Australia "Allocating an SSCC": "If using a U.P.C. Company Prefix fill it with a leading
  zero".
* U.P.C. Company Prefix = GS1 Company Prefix that starts with 0, without that 0 (General
  Specifications text as translated by GS1 Iran, example U.P.C. Company Prefix 614141 from
  GS1 Company Prefix 0614141; gtin.info "GS1 Company Prefix"; True Value vendor page "GS1
  Prefix").
* X12 data element 235 (Product/Service ID Qualifier): ``UP`` U.P.C. Consumer Package Code
  (1-5-5-1), later named "UCC-12": 12 digits with a check digit; ``EN`` European Article
  Number (EAN) (2-5-5-1): 13 digits with a check digit; ``UK`` U.P.C./EAN Shipping Container
  Code (1-2-5-5-1), later "EAN/UCC-14": 14 digits with a check digit (this project's
  004010 codes.json; Stedi X12 003020 element 235; EDI-L list, "X12 UCC Type Codes",
  mail-archive.com edi-l msg06098, Feb 2007).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from edikit.io.datatypes import is_digits

__all__ = [
    "GTIN_QUALIFIERS",
    "SSCC_APPLICATION_IDENTIFIER",
    "check_digit",
    "company_prefix_problem",
    "gtin_problem",
    "normalize_sscc",
    "sscc_problem",
]

_DIGITS: Final = frozenset("0123456789")

# X12 DE 235 qualifier -> lengths of the GTIN it carries (check digit included).
# No public source found says UP may carry the 8-digit (UPC-E / GTIN-8) form, so UP is 12 only.
# Left out on purpose:
#   UI "U.P.C. Consumer Package Code (1-5-5)": 11 digits, the UPC-A *without* its check digit
#      (EDI-L msg06098: "The UI would be the 11 digit UPC, minus the checkdigit").
#   UA "U.P.C./EAN Case Code (2-5-5)": 12 digits with *no* check digit (OpenText/GXS Active
#      Catalogue help, "UA: UPC/EAN Case Code": "a 12-digit code ... It has no check-digit").
#   Neither carries a GS1 check digit, so the GTIN check would reject every correct UI and
#   pass or fail a UA by chance (a UA value is 12 digits, like a UPC-A).
GTIN_QUALIFIERS: Final[dict[str, tuple[int, ...]]] = {
    "UP": (12,),
    "EN": (13,),
    "UK": (14,),
}

SSCC_APPLICATION_IDENTIFIER: Final = "00"

_GTIN_LENGTHS: Final = (8, 12, 13, 14)
_GTIN_NAMES: Final[dict[int, str]] = {8: "GTIN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}
_SSCC_LENGTH: Final = 18
_SSCC_WITH_AI_LENGTH: Final = 20
_SHOWN_PREFIXES: Final = 5
_UPC_PREFIX_MIN: Final = 6


def check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for ``body`` (the key without its check digit).

    The rightmost digit of the body is weighted 3, the next 1, then 3, 1... and the check
    digit is the amount that brings the sum up to a multiple of ten. The same algorithm
    serves GTIN-8/12/13/14, SSCC and GLN.

    Raises ``ValueError`` if ``body`` is empty or holds anything but the ASCII digits 0-9.
    """
    if not body:
        raise ValueError("the body of a GS1 key cannot be empty")
    bad = _first_non_digit(body)
    if bad is not None:
        raise ValueError(
            f"{body!r} must contain digits only; found {bad[1]!r} at position {bad[0]}"
        )
    # Sums of the ASCII codes, taken at C speed, less 48 ("0") for each digit summed.
    raw = body.encode("ascii")
    tripled, single = raw[-1::-2], raw[-2::-2]
    total = 3 * (sum(tripled) - 48 * len(tripled)) + sum(single) - 48 * len(single)
    return (10 - total % 10) % 10


def gtin_problem(value: str, qualifier: str | None = None) -> str | None:
    """Why ``value`` is not a valid GTIN for the X12 product/service ID ``qualifier``.

    ``qualifier`` is the DE 235 code that goes with the value (``UP`` UPC-A, 12 digits;
    ``EN`` EAN-13, 13 digits; ``UK`` GTIN-14, 14 digits; see ``GTIN_QUALIFIERS``). With
    ``None`` any GTIN length is accepted (8, 12, 13 or 14 digits). A GTIN-12 or GTIN-13
    padded with leading zeros to 14 digits is a valid GTIN-14, as in the GS1 14-digit form.

    Returns ``None`` if the value is valid. Raises ``ValueError`` for a qualifier that does
    not carry a GTIN with a check digit (for example ``VN``, or ``UI``/``UA``: see the
    comment on ``GTIN_QUALIFIERS``); that is a mistake in the caller, not in the document.
    """
    if qualifier is None:
        lengths: tuple[int, ...] = _GTIN_LENGTHS
        name = "GTIN"
    else:
        try:
            lengths = GTIN_QUALIFIERS[qualifier]
        except KeyError:
            supported = ", ".join(GTIN_QUALIFIERS)
            raise ValueError(
                f"qualifier {qualifier!r} does not carry a GTIN with a check digit; "
                f"gtin_problem supports {supported} (or None for any GTIN length)"
            ) from None
        name = _GTIN_NAMES[lengths[0]] if len(lengths) == 1 else f"GTIN ({qualifier})"

    need = _count_text(lengths)
    if not value:
        return f"{name} is empty; it must have {need} digits"
    bad = _first_non_digit(value)
    if bad is not None:
        return f"{name} {value!r} must contain digits only; found {bad[1]!r} at position {bad[0]}"
    if len(value) not in lengths:
        message = f"{name} must have {need} digits; {value} has {len(value)}"
        return message + _length_hint(value, lengths, qualifier)
    return _check_digit_problem(value)


def sscc_problem(value: str) -> str | None:
    """Why ``value`` is not a valid SSCC-18, or ``None`` if it is.

    Accepted forms: the 18-digit SSCC (extension digit, GS1 Company Prefix, serial
    reference, check digit), or 20 digits with the ``00`` application identifier in front,
    as many MAN*GM segments carry it. A 20-digit value that does not start with ``00`` is
    an error.
    """
    forms = "18 digits, or 20 with the application identifier 00 in front"
    if not value:
        return f"SSCC is empty; it must have {forms}"
    bad = _first_non_digit(value)
    if bad is not None:
        return f"SSCC {value!r} must contain digits only; found {bad[1]!r} at position {bad[0]}"
    if len(value) == _SSCC_WITH_AI_LENGTH:
        if not value.startswith(SSCC_APPLICATION_IDENTIFIER):
            return (
                f"SSCC {value} has 20 digits but does not start with the application "
                f"identifier 00; send the 18-digit SSCC, or 00 followed by it"
            )
        problem = _check_digit_problem(value[2:])
        return None if problem is None else f"after the 00 application identifier, {problem}"
    if len(value) != _SSCC_LENGTH:
        message = f"SSCC must have {forms}; {value} has {len(value)}"
        if len(value) == _SSCC_LENGTH - 1:
            message += f" (if the check digit is missing, the SSCC is {value}{check_digit(value)})"
        return message
    return _check_digit_problem(value)


def normalize_sscc(value: str) -> str:
    """The 18-digit SSCC: ``00`` + 18 digits loses its ``00``; anything else is returned as is."""
    if (
        len(value) == _SSCC_WITH_AI_LENGTH
        and value.startswith(SSCC_APPLICATION_IDENTIFIER)
        and _first_non_digit(value) is None
    ):
        return value[2:]
    return value


def company_prefix_problem(value: str, prefixes: Sequence[str]) -> str | None:
    """Whether the GTIN or SSCC ``value`` carries one of the GS1 Company Prefixes ``prefixes``.

    ``prefixes`` are GS1 Company Prefixes (4 to 12 digits, GS1 Ireland "What is a GS1
    Company Prefix?"). A U.P.C. Company Prefix is a GS1 Company Prefix that starts with 0,
    without that 0: give it *with* the 0 (U.P.C. Company Prefix 614141 is GS1 Company Prefix
    0614141). A GS1 Company Prefix has no fixed length and its length cannot be read from
    the number itself, so a prefix matches when the digits where the company prefix starts
    begin with it. The form is told by the number of digits:

    * SSCC, 18 digits (or 20 with the ``00`` application identifier, which is dropped):
      extension digit + GS1 Company Prefix + serial reference + check digit; compared:
      digits 2-17 (after the extension digit, before the check digit).
    * GTIN-14, 14 digits: indicator digit + the contained item's GTIN-13 (or 0 + GTIN-12)
      without check digit + check digit; compared: digits 2-13 (after the indicator).
    * GTIN-13 (EAN-13), 13 digits: GS1 Company Prefix + item reference + check digit;
      compared: digits 1-12.
    * GTIN-12 (UPC-A), 12 digits: U.P.C. Company Prefix + item reference + check digit;
      compared in its GTIN-13 view, a 0 followed by digits 1-11, so that a GS1 Company
      Prefix like 0614141 matches UPC-A 614141xxxxxc.
    * GTIN-8 has a GS1-8 Prefix and no company prefix, so it never matches.

    Only the structure is read: check digits are not checked here (``gtin_problem`` and
    ``sscc_problem`` do that). Returns ``None`` on a match, otherwise a message.

    Raises ``TypeError`` if ``prefixes`` is a single string, and ``ValueError`` if it is
    empty or a prefix is not all digits: those are configuration mistakes.
    """
    wanted = _checked_prefixes(prefixes)
    if not value:
        return "the identifier is empty; there is no GS1 Company Prefix to compare"
    bad = _first_non_digit(value)
    if bad is not None:
        return f"{value!r} must contain digits only; found {bad[1]!r} at position {bad[0]}"

    length = len(value)
    if length == _SSCC_WITH_AI_LENGTH and not value.startswith(SSCC_APPLICATION_IDENTIFIER):
        return (
            f"SSCC {value} has 20 digits but does not start with the application identifier "
            f"00; its GS1 Company Prefix cannot be located"
        )
    if length in (_SSCC_LENGTH, _SSCC_WITH_AI_LENGTH):
        sscc = normalize_sscc(value)
        kind, digits = "SSCC", sscc[1:17]
        where = f"after the extension digit {sscc[0]} it reads {digits}"
    elif length == 14:  # GTIN-14
        kind, digits = "GTIN-14", value[1:13]
        where = f"after the indicator digit {value[0]} it reads {digits}"
    elif length == 13:  # GTIN-13
        kind, digits = "EAN-13", value[:12]
        where = f"it reads {digits} before the check digit"
    elif length == 12:  # GTIN-12
        kind, digits = "UPC-A", "0" + value[:11]
        where = f"as a GTIN-13 (a 0 in front) it reads {digits} before the check digit"
    elif length == 8:  # GTIN-8
        return (
            f"GTIN-8 {value} has a GS1-8 Prefix, not a GS1 Company Prefix, so it cannot "
            f"show the expected company ({_prefix_list(wanted)})"
        )
    else:
        return (
            f"{value} has {length} digits; a GS1 Company Prefix can only be read from a "
            f"GTIN-12, GTIN-13, GTIN-14 or SSCC (18 digits, or 20 with 00 in front)"
        )

    if any(digits.startswith(prefix) for prefix in wanted):
        return None
    message = (
        f"{kind} {value} does not carry one of the expected GS1 Company Prefixes "
        f"({_prefix_list(wanted)}): {where}"
    )
    # A U.P.C. Company Prefix has at least 6 digits (gtin.info: 6 to 9); skip shorter ones.
    missing_zero = [
        prefix
        for prefix in wanted
        if len(prefix) >= _UPC_PREFIX_MIN and digits.startswith("0" + prefix)
    ]
    if missing_zero:
        upc = missing_zero[0]
        message += (
            f"; if {upc} is a U.P.C. Company Prefix, list it as the GS1 Company Prefix 0{upc}"
        )
    return message


# --- helpers -------------------------------------------------------------------------------


def _first_non_digit(value: str) -> tuple[int, str] | None:
    """The 1-based position and character of the first character that is not 0-9."""
    if is_digits(value):  # the usual case, without a loop in Python
        return None
    for position, char in enumerate(value, start=1):
        if char not in _DIGITS:
            return position, char
    return None


def _check_digit_problem(digits: str) -> str | None:
    expected = check_digit(digits[:-1])
    if int(digits[-1]) == expected:
        return None
    return f"{digits} has check digit {digits[-1]}; the digits before it give {expected}"


def _count_text(lengths: tuple[int, ...]) -> str:
    words = [str(n) for n in lengths]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _length_hint(value: str, lengths: tuple[int, ...], qualifier: str | None) -> str:
    """What the wrong-length ``value`` probably is, so the sender knows what to change."""
    hints: list[str] = []
    if qualifier is not None:
        others = [q for q, ls in GTIN_QUALIFIERS.items() if q != qualifier and len(value) in ls]
        if others:
            hints.append(f"a {len(value)}-digit GTIN is sent with qualifier {' or '.join(others)}")
        if qualifier == "UP" and len(value) == 13 and value.startswith("0"):
            hints.append("an EAN-13 that starts with 0 is a UPC-A: drop the leading 0")
    if len(lengths) == 1 and len(value) == lengths[0] - 1:
        hints.append(f"if the check digit is missing, the number is {value}{check_digit(value)}")
    return f" ({'; '.join(hints)})" if hints else ""


def _checked_prefixes(prefixes: Sequence[str]) -> tuple[str, ...]:
    if isinstance(prefixes, str):
        raise TypeError("prefixes must be a sequence of prefixes, not one string")
    wanted = tuple(prefixes)
    if not wanted:
        raise ValueError("no GS1 Company Prefixes were given to compare against")
    for prefix in wanted:
        if not prefix or _first_non_digit(prefix) is not None:
            raise ValueError(f"GS1 Company Prefix {prefix!r} must be one or more digits")
    return wanted


def _prefix_list(prefixes: tuple[str, ...]) -> str:
    shown = ", ".join(prefixes[:_SHOWN_PREFIXES])
    rest = len(prefixes) - _SHOWN_PREFIXES
    return f"{shown} and {rest} more" if rest > 0 else shown
