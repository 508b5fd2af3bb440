"""The one registry of violation codes (DESIGN decision 9: codes are API, never reused).

Every check that reports a problem does it through :func:`make_violation` with a code listed
here, so the severity, the fix hint and the acknowledgment codes live in one place. Issue-level
documentation (``edikit rule CODE``, ``docs/rules/``) is generated from these entries.

Acknowledgment columns: ``ta1`` is the TA105 interchange note code (I18), ``ak905`` the
functional group syntax error code (716), ``ak502`` the transaction set syntax error code (718),
``ak304`` the segment syntax error code (720).
The code values are verified in ``shared/reference/x12-envelope.md`` and ``x12-997.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from edikit.location import Location
from edikit.rules.violation import Severity, Violation


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    hint: str
    ta1: str | None = None
    ak905: str | None = None
    ak502: str | None = None
    ak304: str | None = None
    ak403: str | None = None


E, W = Severity.ERROR, Severity.WARNING

_RULES = [
    # EDI0xx: input and encoding
    Rule(
        "EDI001",
        "empty-input",
        E,
        "The input is empty or holds only white space.",
        "Check that the right file was given and that it was written completely.",
    ),
    Rule(
        "EDI002",
        "not-x12",
        E,
        "The input holds no X12 interchange (no ISA segment).",
        "X12 interchanges start with 'ISA'. Check the file type: EDIFACT (UNA/UNB), XML, JSON or "
        "CSV exports are not X12.",
    ),
    Rule(
        "EDI003",
        "unsupported-encoding",
        E,
        "The input is in a text encoding X12 does not use (UTF-16/UTF-32).",
        "Save the file as ASCII (or UTF-8 without non-ASCII characters) and try again.",
    ),
    Rule(
        "EDI004",
        "data-outside-interchange",
        E,
        "Text that is not white space stands before the first ISA, between interchanges or "
        "after the last IEA.",
        "Remove the stray text; every segment must be inside an ISA..IEA interchange.",
    ),
    Rule(
        "EDI005",
        "unreadable-input",
        E,
        "The input could not be read.",
        "Check the path and the permissions.",
    ),
    Rule(
        "EDI006",
        "malformed-segment-id",
        E,
        "A segment does not start with a valid segment ID (2 or 3 upper-case letters/digits).",
        "Check for a wrong segment terminator, a line break inside a segment, or comments.",
    ),
    # EDI1xx: envelope and control numbers
    Rule(
        "EDI101",
        "isa-unreadable",
        E,
        "The ISA header is too short or malformed, so its delimiters cannot be read; the "
        "interchange is skipped.",
        "ISA must have 16 elements and end with the component separator (ISA16) and the "
        "segment terminator.",
        ta1="022",
    ),
    Rule(
        "EDI102",
        "isa-not-fixed-width",
        E,
        "ISA is a fixed-width segment of 106 characters; an element has the wrong length.",
        "Pad ISA02/ISA04/ISA06/ISA08 with spaces to their fixed length and ISA13 with "
        "leading zeros.",
        ta1="022",
    ),
    Rule(
        "EDI103",
        "isa-element-invalid",
        E,
        "An ISA element has a value the standard does not allow (qualifier, date, time, "
        "version, control number, indicator).",
        "Correct the ISA element named in the message.",
        ta1="022",
    ),
    Rule(
        "EDI104",
        "delimiters-ambiguous",
        E,
        "Two delimiters are the same character, or a delimiter is a letter or digit.",
        "Choose distinct, non-alphanumeric characters for the element, component, "
        "repetition separators and the segment terminator.",
        ta1="026",
    ),
    Rule(
        "EDI105",
        "envelope-element-invalid",
        E,
        "A GS, GE, ST, SE or IEA element is missing, too long, too short or of the wrong type.",
        "Correct the envelope element named in the message.",
    ),
    Rule(
        "EDI106",
        "envelope-element-count",
        E,
        "An envelope segment has more or fewer elements than the standard defines.",
        "Remove the extra elements or add the missing ones.",
    ),
    Rule(
        "EDI110",
        "iea-missing",
        E,
        "The interchange has no IEA trailer (the file may be truncated).",
        "Make sure the whole file was transmitted and ends with IEA.",
        ta1="023",
    ),
    Rule(
        "EDI111",
        "interchange-control-mismatch",
        E,
        "IEA02 does not equal ISA13.",
        "Write the same 9-digit control number in ISA13 and IEA02.",
        ta1="001",
    ),
    Rule(
        "EDI112",
        "group-count-mismatch",
        E,
        "IEA01 does not equal the number of functional groups in the interchange.",
        "Set IEA01 to the number of GS segments in the interchange.",
        ta1="021",
    ),
    Rule(
        "EDI120",
        "ge-missing",
        E,
        "A functional group has no GE trailer.",
        "Close every GS with a GE before the IEA.",
        ak905="3",
    ),
    Rule(
        "EDI121",
        "group-control-mismatch",
        E,
        "GE02 does not equal GS06.",
        "Write the same group control number in GS06 and GE02.",
        ak905="4",
    ),
    Rule(
        "EDI122",
        "transaction-count-mismatch",
        E,
        "GE01 does not equal the number of transaction sets in the group.",
        "Set GE01 to the number of ST segments in the group.",
        ak905="5",
    ),
    Rule(
        "EDI123",
        "duplicate-group-control",
        E,
        "Two functional groups in one interchange have the same GS06.",
        "Give every group in an interchange its own control number.",
        ak905="6",
    ),
    Rule(
        "EDI124",
        "group-type-mismatch",
        W,
        "The transaction set does not belong to the functional group's GS01.",
        "Use the GS01 code of the transaction set (PO for 850, PR for 855, SH for 856, IN "
        "for 810, FA for 997/999).",
        ak502="1",
    ),
    Rule(
        "EDI130",
        "se-missing",
        E,
        "A transaction set has no SE trailer.",
        "Close every ST with an SE before the GE.",
        ak502="2",
    ),
    Rule(
        "EDI131",
        "transaction-control-mismatch",
        E,
        "SE02 does not equal ST02.",
        "Write the same control number in ST02 and SE02.",
        ak502="3",
    ),
    Rule(
        "EDI132",
        "segment-count-mismatch",
        E,
        "SE01 does not equal the number of segments from ST to SE inclusive.",
        "Count every segment from ST to SE, both included, into SE01.",
        ak502="4",
    ),
    Rule(
        "EDI133",
        "duplicate-transaction-control",
        E,
        "Two transaction sets in one functional group have the same ST02.",
        "Give every transaction set in a group its own control number.",
        ak502="23",
    ),
    Rule(
        "EDI140",
        "segment-outside-envelope",
        E,
        "A segment stands where its envelope does not allow it (a data segment outside "
        "ST..SE, GS outside an interchange, ST outside a group).",
        "Move the segment inside the right envelope or remove it.",
        ta1="024",
    ),
    Rule(
        "EDI141",
        "trailer-without-header",
        E,
        "A trailer (SE, GE or IEA) has no matching header before it.",
        "Remove the stray trailer or add the missing header.",
    ),
]

_RULES += [
    # EDI2xx: structure (loops, order, requirement, repeats)
    Rule(
        "EDI201",
        "unrecognized-segment",
        E,
        "The segment ID is not a segment of this X12 version.",
        "Check the spelling of the segment ID, or the version in GS08.",
        ak304="1",
    ),
    Rule(
        "EDI202",
        "segment-not-in-set",
        E,
        "The segment exists in X12 but is not used in this transaction set.",
        "Remove the segment, or check that ST01 names the right transaction set.",
        ak304="6",
    ),
    Rule(
        "EDI203",
        "segment-out-of-place",
        E,
        "The segment is not allowed where it stands: out of order, or in the wrong loop.",
        "Move the segment to its place in the transaction set's segment table.",
        ak304="7",
    ),
    Rule(
        "EDI204",
        "mandatory-missing",
        E,
        "A mandatory segment or loop is missing.",
        "Add the segment (or loop) the message names, where the message says.",
        ak304="3",
    ),
    Rule(
        "EDI205",
        "segment-max-use",
        E,
        "A segment is repeated more times than the standard allows in its loop.",
        "Remove the extra occurrences or split them into further loops.",
        ak304="5",
    ),
    Rule(
        "EDI207",
        "set-not-supported",
        Severity.INFO,
        "edikit has no segment table for this transaction set and version; only its envelope "
        "was checked.",
        "Nothing to fix in the document; its structure was not checked.",
        ak502="1",
    ),
    Rule(
        "EDI208",
        "version-read-as-nearest",
        W,
        "The group's version (GS08) is read through the nearest version edikit has (004010 or "
        "005010); segment tables can differ.",
        "Check the findings against the guideline of the version you send.",
    ),
    Rule(
        "EDI209",
        "hl-numbering",
        E,
        "HL01 is not the next number: HL segments are numbered 1, 2, 3... in order, each once.",
        "Renumber the HL segments in the order they are sent.",
        ak304="8",
    ),
    Rule(
        "EDI210",
        "hl-parent-unknown",
        E,
        "HL02 names no earlier HL: a level's parent must be sent before it.",
        "Set HL02 to the HL01 of the level this one belongs to.",
        ak304="8",
    ),
    Rule(
        "EDI206",
        "loop-max-repeat",
        E,
        "A loop is repeated more times than the standard allows.",
        "Remove the extra loops or send them in another transaction set.",
        ak304="4",
    ),
]

_RULES += [
    # EDI3xx: elements and syntax notes (AK403 codes: shared/reference/x12-997.md)
    Rule(
        "EDI301",
        "too-many-elements",
        E,
        "A segment has more elements than the standard defines.",
        "Remove the extra elements (check for a stray element separator).",
        ak403="3",
    ),
    Rule(
        "EDI302",
        "mandatory-element-missing",
        E,
        "A mandatory element (or component) is empty.",
        "Fill in the element the message names.",
        ak403="1",
    ),
    Rule(
        "EDI303",
        "element-too-short",
        E,
        "An element is shorter than its minimum length.",
        "Pad or correct the value (numbers count digits only).",
        ak403="4",
    ),
    Rule(
        "EDI304",
        "element-too-long",
        E,
        "An element is longer than its maximum length.",
        "Shorten the value to the element's maximum length.",
        ak403="5",
    ),
    Rule(
        "EDI305",
        "element-invalid-characters",
        E,
        "An element's value does not match its type: digits only for Nn, a decimal number for "
        "R, something other than spaces (and no control character) for AN and ID.",
        "Write the value in the element's type (Nn has an implied decimal point: no '.').",
        ak403="6",
    ),
    Rule(
        "EDI306",
        "invalid-code",
        E,
        "An ID element holds a code that is not in its code list.",
        "Use one of the codes the standard (or your partner's guideline) lists for the element.",
        ak403="7",
    ),
    Rule(
        "EDI307",
        "invalid-date",
        E,
        "A date element is not a real CCYYMMDD date.",
        "Write dates as CCYYMMDD, e.g. 20261120.",
        ak403="8",
    ),
    Rule(
        "EDI308",
        "invalid-time",
        E,
        "A time element is not a real HHMM[SS[D[D]]] time.",
        "Write times as HHMM or HHMMSS, 24-hour clock.",
        ak403="9",
    ),
    Rule(
        "EDI309",
        "syntax-note-violated",
        E,
        "A relational condition (syntax note P, R, C or L) between elements is broken.",
        "Add the element(s) the note requires, or remove the one that triggers it.",
        ak403="2",
    ),
    Rule(
        "EDI310",
        "exclusion-violated",
        E,
        "Two elements that exclude each other (syntax note E) are both present.",
        "Keep only one of the elements the note names.",
        ak403="10",
    ),
    Rule(
        "EDI311",
        "too-many-components",
        E,
        "A composite element has more components than defined.",
        "Remove the extra components (check for a stray component separator).",
        ak403="3",
    ),
    Rule(
        "EDI312",
        "too-many-repetitions",
        E,
        "An element repeats more often than allowed.",
        "Remove the extra repetitions.",
        ak403="12",
    ),
    Rule(
        "EDI313",
        "trailing-empty-element",
        W,
        "A segment ends with an empty element: trailing separators must be omitted.",
        "End the segment after its last non-empty element.",
        ak403="3",
    ),
    Rule(
        "EDI314",
        "segment-without-elements",
        E,
        "A segment has no data elements.",
        "Remove the segment or give it its elements.",
        ak304="8",
    ),
]

_RULES += [
    # EDI5xx: business rules every retailer relies on
    Rule(
        "EDI501",
        "gtin-invalid",
        E,
        "A UPC, EAN or GTIN has the wrong length or check digit for its qualifier.",
        "Take the number from the product master; a wrong check digit means a typo or a "
        "truncated number.",
        ak403="6",
    ),
    Rule(
        "EDI502",
        "sscc-invalid",
        E,
        "An SSCC-18 in MAN (qualifier GM) has the wrong length or check digit.",
        "Print and send the SSCC from the carton label: 18 digits (or 00 + 18 digits).",
        ak403="6",
    ),
    Rule(
        "EDI503",
        "ctt-count-mismatch",
        E,
        "CTT01 does not match the number of line items (PO1/IT1) or, in an 856, of HL segments.",
        "Count the lines (or HL segments) again when the document changes.",
        ak403="6",
    ),
    Rule(
        "EDI504",
        "ctt-hash-total-mismatch",
        E,
        "CTT02 (hash total) does not equal the sum of the line quantities.",
        "Recompute CTT02 from the quantities sent, or leave it out.",
        ak403="6",
    ),
    Rule(
        "EDI505",
        "invoice-total-mismatch",
        E,
        "TDS01 does not equal the invoice lines (quantity x price) plus charges minus allowances.",
        "Recompute TDS01 in cents (two implied decimals) from the lines and SAC segments.",
        ak403="6",
    ),
    Rule(
        "EDI506",
        "asn-hierarchy-shape",
        W,
        "The 856 HL tree is neither pick and pack (S>O>[T]>P>I) nor standard carton pack "
        "(S>O>I>[P]).",
        "Build the hierarchy your retailer's guideline asks for; most ask for pick and pack.",
    ),
    Rule(
        "EDI507",
        "date-order",
        E,
        "Two dates are in an impossible order (ship no later before ship not before, "
        "invoice before purchase order).",
        "Check the dates the message names.",
        ak403="8",
    ),
]

_RULES += [
    # EDI4xx: a retailer profile narrows the standard (source "profile:<id>")
    Rule(
        "EDI401",
        "profile-segment-required",
        E,
        "The retailer's guideline requires a segment (or loop) the document does not send.",
        "Add the segment; the citation names the guideline section.",
    ),
    Rule(
        "EDI402",
        "profile-segment-not-used",
        E,
        "The document sends a segment the retailer's guideline does not use.",
        "Leave the segment out for this retailer.",
    ),
    Rule(
        "EDI403",
        "profile-segment-max-use",
        E,
        "A segment is repeated more often than the retailer's guideline allows.",
        "Send no more occurrences than the guideline allows.",
    ),
    Rule(
        "EDI404",
        "profile-element-required",
        E,
        "The retailer's guideline requires an element the document leaves empty.",
        "Fill in the element the message names.",
    ),
    Rule(
        "EDI405",
        "profile-element-not-used",
        E,
        "The document sends an element the retailer's guideline does not use.",
        "Leave the element empty for this retailer.",
    ),
    Rule(
        "EDI406",
        "profile-code-not-allowed",
        E,
        "A code is valid X12 but not one the retailer's guideline accepts.",
        "Use one of the codes the message lists.",
    ),
    Rule(
        "EDI407",
        "profile-length",
        E,
        "A value is longer or shorter than the retailer's guideline allows.",
        "Shorten or complete the value as the guideline says.",
    ),
    Rule(
        "EDI408",
        "profile-format",
        E,
        "A value does not have the form the retailer's guideline asks for (pattern, upper case).",
        "Write the value in the form the message names.",
    ),
    Rule(
        "EDI409",
        "profile-envelope",
        E,
        "The envelope (ISA/GS sender, receiver, version, usage) is not what the retailer expects.",
        "Use the IDs, qualifiers and versions of the retailer's guideline.",
    ),
    Rule(
        "EDI411",
        "profile-reference-table",
        E,
        "A value is not in the retailer's reference table (store, DC or vendor numbers).",
        "Check the number against the retailer's current list (e.g. its 816).",
    ),
    Rule(
        "EDI508",
        "gs1-company-prefix",
        E,
        "A GS1 identifier does not carry the brand's GS1 company prefix.",
        "Use identifiers allocated under your own GS1 company prefix.",
    ),
]

_RULES += [
    Rule(
        "EDI509",
        "asn-one-shipment",
        E,
        "A ship notice holds more than one shipment level (HL03 S): one ASN per shipment.",
        "Send one 856 per shipment.",
    ),
    Rule(
        "EDI510",
        "invoice-unique-item",
        E,
        "The same UPC/GTIN is invoiced on two lines of one invoice.",
        "Invoice each item once, with the total quantity.",
    ),
]

# EDI6xx: cross-document, reported when documents are validated as a set (--set)
_RULES += [
    Rule(
        "EDI600",
        "document-link",
        Severity.INFO,
        "A document is linked to the purchase order it names (information).",
        "Nothing to fix: the link shows which 850 the later checks compared against.",
    ),
    Rule(
        "EDI601",
        "unknown-purchase-order",
        E,
        "An 855, 856 or 810 names a PO number that no 850 in the set carries.",
        "Check the PO number against the retailer's 850 (BEG03), or add that 850 to the set.",
    ),
    Rule(
        "EDI602",
        "item-not-on-order",
        E,
        "A ship notice item matches no line of its purchase order (by GTIN/UPC, vendor or "
        "buyer item number).",
        "Ship only items the PO orders, with the product ID the PO uses; substitutes need "
        "the retailer's approval (and usually an 855 or 860 first).",
    ),
    Rule(
        "EDI603",
        "shipped-exceeds-ordered",
        E,
        "The ship notices of the set ship more units of a PO line than the PO orders.",
        "Ship no more than ordered, or have the retailer change the order (860) first.",
    ),
    Rule(
        "EDI604",
        "duplicate-sscc",
        E,
        "Two cartons of the set carry the same SSCC-18.",
        "Give every carton its own serial reference; never reuse an SSCC.",
    ),
    Rule(
        "EDI605",
        "duplicate-shipment-id",
        E,
        "Two ship notices of the set have the same BSN02 and the later one is not a "
        "replacement (BSN01 05) or resend (07).",
        "Give each ASN its own BSN02, or send a correction with BSN01 05.",
    ),
    Rule(
        "EDI606",
        "duplicate-invoice-number",
        E,
        "Two invoices of the set have the same invoice number (BIG02).",
        "Give each invoice its own number; a retailer pays an invoice number once.",
    ),
    Rule(
        "EDI607",
        "line-not-acknowledged",
        E,
        "An 855 with line detail (BAK02 AC, AD or RD) leaves out a line of its purchase order.",
        "Acknowledge every PO1 line of the 850, each once (ACK01 IA, IR, IB... per line).",
    ),
    Rule(
        "EDI608",
        "line-acknowledged-twice",
        E,
        "An 855 acknowledges the same PO line in two PO1 loops.",
        "Send one PO1 loop per PO line; several ACK segments in it for split answers.",
    ),
    Rule(
        "EDI609",
        "invoiced-exceeds-shipped",
        E,
        "The invoices of the set bill more units of a PO line than its ship notices shipped.",
        "Invoice what was shipped (the ASN's SN102), after the ship notice.",
    ),
    Rule(
        "EDI610",
        "invoice-price-differs",
        E,
        "An invoice line's unit price (IT104) differs from the PO line's (PO104).",
        "Bill at the purchase order's price, or have the retailer change the order first.",
    ),
    Rule(
        "EDI611",
        "party-differs-from-order",
        E,
        "The ship notice's ship-to (N1*ST) or store (N1*BY/Z7) is not the one on the PO.",
        "Ship to the location the 850 names (same N103 qualifier and N104 number).",
    ),
    Rule(
        "EDI612",
        "shipped-outside-window",
        E,
        "The ship date (DTM*011) is before the PO's ship-not-before date (DTM*037, else its "
        "requested ship date DTM*010) or after its ship-no-later date (DTM*038, else its cancel "
        "date DTM*001).",
        "Ship inside the PO's window, or have the retailer move the dates (860) first.",
    ),
    Rule(
        "EDI613",
        "acknowledgment-differs-from-order",
        E,
        "An 855 line's quantity, price or product ID differs from the PO line's, and no ACK01 "
        "status of the line says that it changed.",
        "Echo the PO line, or send the status that says what changed (IQ quantity, IP price, "
        "IS substitution, IC changes made, IB backordered, IR rejected).",
    ),
    Rule(
        "EDI614",
        "invoiced-not-shipped",
        E,
        "An invoice line's item is on none of the ship notices for its PO (or no ship notice "
        "for the PO has been seen).",
        "Invoice what shipped, after the ship notice that shipped it; send a missing ASN first.",
    ),
    Rule(
        "EDI615",
        "acknowledgment-late",
        E,
        "The 855 arrived later after its PO than the retailer's limit "
        "(profile rule timing.acknowledgment).",
        "Acknowledge purchase orders within the retailer's window; check the ERP's 855 job.",
    ),
    Rule(
        "EDI616",
        "ship-notice-late",
        E,
        "The ship notice arrived later after the shipment left (DTM*011) than the retailer's "
        "limit (profile rule timing.ship_notice).",
        "Send the ASN when the truck leaves (before it arrives at the DC); automate it from "
        "the shipping confirmation.",
    ),
    Rule(
        "EDI617",
        "invoice-late",
        E,
        "The invoice arrived more business days after its PO's latest shipment than the "
        "retailer's limit (profile rule timing.invoice).",
        "Invoice within the retailer's window after shipping; late invoices are paid late or "
        "charged back.",
    ),
    Rule(
        "EDI618",
        "store-not-on-order",
        E,
        "An order level of the ship notice is for a store (N1*BY or N1*Z7) that is not in the "
        "PO's store distribution (SDQ).",
        "Pack and label for the stores the PO's SDQ segments name; a store's cartons go under "
        "its own order level.",
    ),
    Rule(
        "EDI619",
        "store-shipped-exceeds-distribution",
        E,
        "More units of a PO line were shipped for a store than the PO's SDQ gives that store.",
        "Ship each store what the SDQ distribution gives it; the DC cross-docks by store.",
    ),
    Rule(
        "EDI620",
        "order-cancelled",
        E,
        "An 855, ship notice or invoice names a PO that an 850 with BEG01 01 (cancellation) "
        "cancelled.",
        "Do not ship or bill a cancelled order; ask the retailer for a new PO if the goods are "
        "still wanted.",
    ),
]

REGISTRY: dict[str, Rule] = {rule.code: rule for rule in sorted(_RULES, key=lambda r: r.code)}


def get_rule(code: str) -> Rule:
    try:
        return REGISTRY[code]
    except KeyError:
        raise KeyError(f"unknown rule code {code!r}") from None


def make_violation(
    code: str, message: str, location: Location, severity: Severity | None = None
) -> Violation:
    """Build a violation with the registry's severity (unless overridden) and hint for ``code``."""
    rule = REGISTRY[code]
    return Violation(
        code=code,
        severity=severity or rule.severity,
        message=message,
        location=location,
        source=source_of(code),
        hint=rule.hint,
    )


def source_of(code: str) -> str:
    """``standard`` (EDI0xx-EDI3xx), ``business`` (EDI5xx), ``cross-document`` (EDI6xx), or
    ``plugin`` for a code a plugin registered."""
    if not code.startswith("EDI"):
        return "plugin"
    return {"EDI5": "business", "EDI6": "cross-document"}.get(code[:4], "standard")
