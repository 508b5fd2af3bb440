"""Why each rule exists, with a small example that breaks it and the same example fixed.

``EXPLANATIONS`` has one :class:`Explanation` per code of :data:`edikit.rules.registry.REGISTRY`;
``edikit rule CODE`` and the rule pages show them. The setting of every example is the same: an
athletic footwear brand (STRIDEFOOTWEAR) and the retailer it ships to (FOOTRETAILER).

``bad`` and ``good`` are one of three kinds:

* a whole interchange (it starts with ``ISA``), used where the fault is in the envelope;
* the transaction sets of one functional group (it starts with ``ST``): the envelope around
  them (ISA, GS, GE, IEA) is left out to keep the example short;
* for input that is not X12 at all (an empty file, UTF-16, a path that cannot be read), a
  short description of that input in parentheses, or the command concerned.

The profile codes (EDI4xx, and EDI508 which a profile switches on) are only reported when a
retailer profile is given (``edikit validate --profile``). Their examples break one rule of a
small guideline that the rationale states ("the example assumes a guideline that ..."); the
tests check them with that guideline, ``fixtures/rules/<CODE>.profile.yaml``.

Facts about X12 are from ``shared/reference/`` (x12-envelope.md, x12-syntax-rules.md,
x12-997.md and the 850/855/856/810 pages); the acknowledgment codes quoted are those of the
rule's registry entry. What retailers do about a broken guideline (824s, rejecting 997s, expense
offsets and chargebacks) is from ``shared/research/compliance-rules.md``, which names the
retailer guides and pages each fact comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["EXPLANATIONS", "Explanation"]


@dataclass(frozen=True, slots=True)
class Explanation:
    """``rationale``: why the rule exists (what a trading partner does with such a document);
    ``bad``: an example that breaks it; ``good``: the same example, fixed."""

    rationale: str
    bad: str
    good: str


def _x12(*segments: str) -> str:
    """Segments with ``~`` terminators, one per line."""
    return "~\n".join(segments) + "~"


# -- envelope pieces ------------------------------------------------------------------------
# The retailer sends purchase orders; the brand sends acknowledgments, ship notices, invoices.
_ISA_RETAILER: Final = (
    "ISA*00*          *00*          *ZZ*FOOTRETAILER   *ZZ*STRIDEFOOTWEAR "
    "*261120*0930*U*00401*000000042*0*P*>"
)
_ISA_BRAND: Final = (
    "ISA*00*          *00*          *ZZ*STRIDEFOOTWEAR *ZZ*FOOTRETAILER   "
    "*261120*0930*U*00401*000000042*0*P*>"
)
_GS_PO: Final = "GS*PO*FOOTRETAILER*STRIDEFOOTWEAR*20261120*0930*1*X*004010"
_IEA: Final = "IEA*1*000000042"

# The smallest clean transaction sets the examples start from.
_PO_850: Final = (
    "ST*850*0001",
    "BEG*00*SA*4500012345**20261101",
    "PO1*1*12*PR*54.50**UP*012345678905",
    "CTT*1*12",
    "SE*5*0001",
)
_ORDER_850: Final = (_ISA_RETAILER, _GS_PO, *_PO_850, "GE*1*1", _IEA)


def _po(*body: str) -> str:
    """An 850 with ``body`` between ST and SE, its SE01 counted."""
    return _x12("ST*850*0001", *body, f"SE*{len(body) + 2}*0001")


def _set(set_id: str, *body: str, control: str = "0001") -> str:
    return _x12(f"ST*{set_id}*{control}", *body, f"SE*{len(body) + 2}*{control}")


def _replace(segments: tuple[str, ...], old: str, new: str) -> tuple[str, ...]:
    if old not in segments:
        raise ValueError(f"{old!r} is not in the example")
    return tuple(new if segment == old else segment for segment in segments)


def _without(segments: tuple[str, ...], old: str) -> tuple[str, ...]:
    if old not in segments:
        raise ValueError(f"{old!r} is not in the example")
    return tuple(segment for segment in segments if segment != old)


def _insert_after(segments: tuple[str, ...], anchor: str, *new: str) -> tuple[str, ...]:
    if anchor not in segments:
        raise ValueError(f"{anchor!r} is not in the example")
    at = segments.index(anchor) + 1
    return (*segments[:at], *new, *segments[at:])


_ORDER: Final = _x12(*_ORDER_850)

# A 997 in which the brand accepts the retailer's purchase order group.
_ACK_997: Final = ("AK1*PO*1", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1")

# A ship notice, pick and pack: shipment > order > pack (carton) > item.
_ASN_856: Final = (
    "BSN*00*ASN100234*20261120*0930*0001",
    "HL*1**S",
    "TD5*B*2*UPSN",
    "HL*2*1*O",
    "PRF*4500012345",
    "HL*3*2*P",
    "MAN*GM*00008123450000000016",
    "HL*4*3*I",
    "LIN**UP*012345678905",
    "SN1**12*PR",
    "CTT*4*12",
)

# The same ship notice with the bill of lading (REF*BM) at the shipment level.
_BOL: Final = "REF*BM*1Z999AA10123456784"
_ASN_BOL: Final = _insert_after(_ASN_856, "TD5*B*2*UPSN", _BOL)


def _asn_ship_to(dc_number: str) -> str:
    """The ship notice with the ship-to DC (N1*ST, N103 92: assigned by the buyer)."""
    n1 = f"N1*ST*FOOT RETAILER DC {int(dc_number)}*92*{dc_number}"
    return _set("856", *_insert_after(_ASN_856, "TD5*B*2*UPSN", n1))


def _asn_from(sender: str) -> str:
    """The ship notice as a whole interchange sent under the ISA/GS sender ID ``sender``."""
    return _x12(
        _ISA_BRAND.replace("ZZ*STRIDEFOOTWEAR ", f"ZZ*{sender:<15}"),
        f"GS*SH*{sender}*FOOTRETAILER*20261120*0930*1*X*004010",
        "ST*856*0001",
        *_ASN_856,
        f"SE*{len(_ASN_856) + 2}*0001",
        "GE*1*1",
        _IEA,
    )


# An invoice for one line of 12 pairs at 54.50: 654.00, sent as TDS01 65400 (N2).
_INVOICE_810: Final = (
    "BIG*20261120*INV-9001*20261101*4500012345",
    "IT1*1*12*PR*54.50**UP*012345678905",
    "TDS*65400",
    "CTT*1*12",
)


# -- document sets (EDI6xx) -----------------------------------------------------------------
_SECOND_SSCC: Final = "MAN*GM*00008123450000000023"


def _sent(set_id: str, body: tuple[str, ...], control: str) -> tuple[str, ...]:
    return (f"ST*{set_id}*{control}", *body, f"SE*{len(body) + 2}*{control}")


# A document of a set: its set ID, the segments between ST and SE, and optionally when its
# sender created the group (GS04*GS05), which the timing examples compare.
SetDocument = tuple[str, tuple[str, ...]] | tuple[str, tuple[str, ...], str]


def _with_order(
    *documents: SetDocument, order_adds: tuple[str, ...] = (), line_adds: tuple[str, ...] = ()
) -> str:
    """A document set in one file: the retailer's 850 (PO 4500012345, 12 pairs of UPC
    012345678905; ``order_adds`` after its BEG, ``line_adds`` after its PO1; sent 2026-11-20
    09:30), then the brand's interchange with ``documents``, one group each."""
    body = _with_adds(order_adds, line_adds)
    order = _x12(_ISA_RETAILER, _GS_PO, *_sent("850", body, "0001"), "GE*1*1", _IEA)
    segments = [_ISA_BRAND.replace("*000000042*", "*000000043*")]
    gs01 = {"855": "PR", "856": "SH", "810": "IN"}
    for number, document in enumerate(documents, start=1):
        set_id, body = document[0], document[1]
        when = document[2] if len(document) == 3 else "20261120*0930"
        segments += [
            f"GS*{gs01[set_id]}*STRIDEFOOTWEAR*FOOTRETAILER*{when}*{number}*X*004010",
            *_sent(set_id, body, f"{number:04d}"),
            f"GE*1*{number}",
        ]
    segments.append(f"IEA*{len(documents)}*000000043")
    return order + "\n" + _x12(*segments)


def _then_cancelled(document: SetDocument) -> str:
    """The example PO, then an 850 that cancels it (BEG01 01), then the brand's ``document``."""
    order = _with_order(document)
    original = "\n".join(_sent("850", _with_adds(()), "0001"))
    cancel = original.replace("BEG*00*", "BEG*01*").replace("*0001", "*0002")
    both = order.replace("SE*5*0001", "SE*5*0001~\n" + cancel.replace("\n", "~\n"), 1)
    return both.replace("GE*1*1~", "GE*2*1~", 1)


def _with_adds(adds: tuple[str, ...], line_adds: tuple[str, ...] = ()) -> tuple[str, ...]:
    beg, po1, ctt = _PO_850[1:-1]  # between ST and SE
    return (beg, *adds, po1, *line_adds, ctt)


# The PO's 12 pairs distributed to stores: 8 for store 0042, 4 for store 0043.
_SDQ: Final = "SDQ*PR*92*0042*8*0043*4"


def _asn_for_store(store: str, pairs: int) -> tuple[str, ...]:
    """The ship notice's order level packed for ``store`` (N1*BY), with ``pairs`` pairs."""
    asn = _insert_after(_ASN_856, "PRF*4500012345", f"N1*BY*STORE {int(store)}*92*{store}")
    asn = _replace(asn, "SN1**12*PR", f"SN1**{pairs}*PR")
    return _replace(asn, "CTT*4*12", f"CTT*4*{pairs}")


# The 855 of the example purchase order, accepting its one line, and an invoice for half of it.
_ACK_855: Final = (
    "BAK*00*AC*4500012345*20261101",
    "PO1*1*12*PR*54.50**UP*012345678905",
    "ACK*IA*12*PR",
    "CTT*1",
)
_HALF_INVOICE: Final = (
    "BIG*20261120*INV-9001*20261101*4500012345",
    "IT1*1*6*PR*54.50**UP*012345678905",
    "TDS*32700",
    "CTT*1*6",
)


def _half_asn(number: str, man: str) -> tuple[str, ...]:
    """The ship notice with 6 of the 12 pairs, as ASN ``number`` in carton ``man``."""
    asn = _replace(_ASN_856, "SN1**12*PR", "SN1**6*PR")
    asn = _replace(asn, "CTT*4*12", "CTT*4*6")
    asn = _replace(asn, "MAN*GM*00008123450000000016", man)
    return _replace(
        asn, "BSN*00*ASN100234*20261120*0930*0001", f"BSN*00*{number}*20261120*0930*0001"
    )


def _brand_interchange(*groups: tuple[str, ...]) -> str:
    segments = [_ISA_BRAND]
    for group in groups:
        segments.extend(group)
    segments += [f"IEA*{len(groups)}*000000042"]
    return _x12(*segments)


def _fa_group(control: int, *sets: tuple[str, ...]) -> tuple[str, ...]:
    """A functional group of 997s from the brand (GS01 FA)."""
    body: list[str] = []
    for number, acknowledgment in enumerate(sets, start=1):
        st = f"{number:04d}"
        body += [f"ST*997*{st}", *acknowledgment, f"SE*{len(acknowledgment) + 2}*{st}"]
    return (
        f"GS*FA*STRIDEFOOTWEAR*FOOTRETAILER*20261120*0930*{control}*X*004010",
        *body,
        f"GE*{len(sets)}*{control}",
    )


_ISA_00501: Final = (
    "ISA*00*          *00*          *ZZ*FOOTRETAILER   *ZZ*STRIDEFOOTWEAR "
    "*261120*0930*^*00501*000000042*0*P*>"
)

_CTX_OK: Final = "CTX*" + "^".join(f"PO1>{n}" for n in range(1, 11))
_CTX_BAD: Final = "CTX*" + "^".join(f"PO1>{n}" for n in range(1, 12))


def _999(ctx: str) -> str:
    return _x12(
        "ISA*00*          *00*          *ZZ*STRIDEFOOTWEAR *ZZ*FOOTRETAILER   "
        "*261120*0930*^*00501*000000042*0*P*>",
        "GS*FA*STRIDEFOOTWEAR*FOOTRETAILER*20261120*0930*1*X*005010",
        "ST*999*0001",
        "AK1*PO*1*005010",
        "AK2*850*0001",
        "IK3*PO1*3**8",
        ctx,
        "IK4*7*234*1",
        "IK5*R*5",
        "AK9*R*1*1*0",
        "SE*9*0001",
        "GE*1*1",
        "IEA*1*000000042",
    )


EXPLANATIONS: Final[dict[str, Explanation]] = {
    # -- EDI0xx: input and encoding ---------------------------------------------------------
    "EDI001": Explanation(
        rationale=(
            "A receiver starts by reading the first 106 characters of a file as the ISA header. "
            "An empty file has none: no purchase order, ship notice or invoice arrives, and "
            "since there is no interchange, no TA1 or 997 comes back to say so."
        ),
        bad="(a file of 0 bytes, or one that holds only spaces and line breaks)",
        good=_ORDER,
    ),
    "EDI002": Explanation(
        rationale=(
            "An X12 interchange starts with ISA, and the receiver finds every delimiter in that "
            "header. A CSV or spreadsheet export, an EDIFACT file (UNA/UNB), XML or JSON has no "
            "ISA, so an X12 translator finds nothing it can read as an interchange."
        ),
        bad=(
            "PO_NUMBER,LINE,UPC,QTY,UNIT_PRICE\n"
            "4500012345,1,012345678905,12,54.50\n"
            "4500012345,2,012345678912,6,54.50"
        ),
        good=_ORDER,
    ),
    "EDI003": Explanation(
        rationale=(
            "X12 is read one byte per character: the element separator is the character at "
            "offset 3 of ISA, ISA16 at offset 104 and the segment terminator at 105. In UTF-16 "
            "every character takes two bytes, so those offsets hold the wrong bytes and the ISA "
            "header cannot be read at all."
        ),
        bad="(the interchange saved as UTF-16: bytes FF FE 49 00 53 00 41 00 2A 00 ...)",
        good=_ORDER,
    ),
    "EDI004": Explanation(
        rationale=(
            "A file is read as a series of ISA..IEA interchanges. Text before the first ISA, "
            "between an IEA and the next ISA, or after the last IEA belongs to no interchange, "
            "group or transaction set, so no TA1 or 997 can report on it, and a receiver may "
            "refuse the file as it is."
        ),
        bad=_ORDER + "\n*** END OF MAILBOX FILE 0042 ***",
        good=_ORDER,
    ),
    "EDI005": Explanation(
        rationale=(
            "edikit could not open or read the input (the path does not exist, is a directory, "
            "or may not be read). Nothing was checked, so nothing can be said about the "
            "document; the file a partner would be sent may be missing too."
        ),
        bad="edikit validate outbound/850/po-4500012345.edi   (no such file)",
        good="edikit validate outbound/850/PO-4500012345.edi   (the file as it is named on disk)",
    ),
    "EDI006": Explanation(
        rationale=(
            "Every segment starts with its segment ID: 2 or 3 upper-case letters or digits "
            "(AK301 is ID 2/3). A lower-case ID, a comment line, a line break inside a segment "
            "or two terminators in a row give a segment no translator knows; a 997 reports it "
            "as AK304 1 (unrecognized segment ID)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "pid*F****RUNNER 200 BLACK SIZE 10",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "PID*F****RUNNER 200 BLACK SIZE 10",
            "CTT*1*12",
        ),
    ),
    # -- EDI1xx: envelope and control numbers -------------------------------------------------
    "EDI101": Explanation(
        rationale=(
            "The receiver takes the delimiters from ISA: the element separator after 'ISA', "
            "the component separator in ISA16 and the segment terminator right after it. With "
            "fewer than 16 elements, or no ISA16, no delimiter can be trusted and the whole "
            "interchange is unreadable: TA1 note 022 (invalid control structure)."
        ),
        bad=_x12(_ISA_RETAILER.removesuffix("*>"), *_ORDER_850[1:]),
        good=_ORDER,
    ),
    "EDI102": Explanation(
        rationale=(
            "ISA is the only fixed-width segment: 106 characters with its terminator, every "
            "element padded to its length (ISA06 and ISA08 to 15 with spaces, ISA13 to 9 "
            "digits). Receivers read the delimiters at fixed offsets, so a sender ID one "
            "character short moves all of them: TA1 note 022 (invalid control structure)."
        ),
        bad=_x12(_ISA_RETAILER.replace("FOOTRETAILER   *", "FOOTRETAILER  *"), *_ORDER_850[1:]),
        good=_ORDER,
    ),
    "EDI103": Explanation(
        rationale=(
            "Each ISA element has a fixed form or code list: ISA09 a real YYMMDD date, ISA10 "
            "HHMM, ISA11 'U' up to version 00401, ISA14 0 or 1, ISA15 P, T or I. The receiver "
            "answers a wrong one with a TA1 note such as 014 (invalid interchange date) or 020 "
            "(invalid test indicator value)."
        ),
        bad=_x12(_ISA_RETAILER.replace("*261120*", "*261131*"), *_ORDER_850[1:]),
        good=_ORDER,
    ),
    "EDI104": Explanation(
        rationale=(
            "X12 has no escape character: data is split on the delimiters alone, so the "
            "element, component and repetition separators and the segment terminator must be "
            "different characters that never occur in the data (so no letter or digit). When "
            "two are the same a "
            "value cannot be told from a separator: TA1 note 026 (invalid data element "
            "separator) or 027 (invalid component element separator)."
        ),
        bad=_x12(
            _ISA_00501.replace("*^*", "*:*").replace("*P*>", "*P*:"),
            _GS_PO.replace("004010", "005010"),
            *_PO_850,
            "GE*1*1",
            _IEA,
        ),
        good=_x12(_ISA_00501, _GS_PO.replace("004010", "005010"), *_PO_850, "GE*1*1", _IEA),
    ),
    "EDI105": Explanation(
        rationale=(
            "The GS, GE, ST, SE and IEA elements have fixed types and lengths: ST02 and SE02 "
            "are 4 to 9 characters, GS04 a CCYYMMDD date, GS06 and GE02 up to 9 digits. A "
            "receiver that cannot read an envelope element cannot file or acknowledge what it "
            "encloses; for ST02 the 997 says AK502 7 (missing or invalid transaction set "
            "control number)."
        ),
        bad=_x12("ST*850*1", *_PO_850[1:-1], "SE*5*1"),
        good=_x12(*_PO_850),
    ),
    "EDI106": Explanation(
        rationale=(
            "Envelope segments have a fixed number of elements: GE, SE and IEA two, GS eight, "
            "ST two (ST03 exists from 004020 on). An extra element is a stray separator or a "
            "segment written for another version, and the receiver's envelope check fails on "
            "it."
        ),
        bad=_x12(*_ORDER_850[:-2], "GE*1*1*1", _IEA),
        good=_ORDER,
    ),
    "EDI110": Explanation(
        rationale=(
            "IEA closes the interchange and repeats its control number. Without it the "
            "receiver cannot tell a complete file from one cut off in transfer: TA1 note 023 "
            "(improper (premature) end-of-file)."
        ),
        bad=_x12(*_ORDER_850[:-1]),
        good=_ORDER,
    ),
    "EDI111": Explanation(
        rationale=(
            "IEA02 must repeat ISA13 exactly (9 digits): that is how the receiver knows the "
            "trailer closes this header. A mismatch is TA1 note 001 (interchange control "
            "numbers do not match)."
        ),
        bad=_x12(*_ORDER_850[:-1], "IEA*1*000000043"),
        good=_ORDER,
    ),
    "EDI112": Explanation(
        rationale=(
            "IEA01 counts the functional groups (GS..GE) in the interchange, so the receiver "
            "can tell whether a group was lost on the way. A wrong count is TA1 note 021 "
            "(invalid number of included groups value)."
        ),
        bad=_x12(*_ORDER_850[:-1], "IEA*2*000000042"),
        good=_ORDER,
    ),
    "EDI120": Explanation(
        rationale=(
            "GE closes the functional group with its count of transaction sets and its control "
            "number. Without it the group is incomplete, and the 997 answers AK905 3 "
            "(functional group trailer missing)."
        ),
        bad=_x12(*_without(_ORDER_850, "GE*1*1")),
        good=_ORDER,
    ),
    "EDI121": Explanation(
        rationale=(
            "GE02 must equal GS06, so the receiver knows the trailer closes this group. A "
            "mismatch is AK905 4 in the 997 (group control number in the functional group "
            "header and trailer do not agree)."
        ),
        bad=_x12(*_replace(_ORDER_850, "GE*1*1", "GE*1*2")),
        good=_ORDER,
    ),
    "EDI122": Explanation(
        rationale=(
            "GE01 counts the transaction sets (ST..SE) in the group; the 997 returns it in "
            "AK902 next to the sets actually received (AK903). A wrong count is AK905 5 "
            "(number of included transaction sets does not match actual count)."
        ),
        bad=_x12(*_replace(_ORDER_850, "GE*1*1", "GE*2*1")),
        good=_ORDER,
    ),
    "EDI123": Explanation(
        rationale=(
            "GS06 identifies a functional group within its interchange, and a 997 names the "
            "group it answers by that number (AK102). Two groups with the same GS06 cannot be "
            "acknowledged apart: 997 AK905 6 (AK905 19 in 005010)."
        ),
        bad=_brand_interchange(_fa_group(1, _ACK_997), _fa_group(1, ("AK1*PO*2", *_ACK_997[1:]))),
        good=_brand_interchange(_fa_group(1, _ACK_997), _fa_group(2, ("AK1*PO*2", *_ACK_997[1:]))),
    ),
    "EDI124": Explanation(
        rationale=(
            "GS01 names the kind of transaction set the group holds: PO for 850, PR for 855, "
            "SH for 856, IN for 810, FA for 997. A set in a group of another kind is typically "
            "answered AK502 1 (transaction set not supported) or AK905 1. Here a 997 went out "
            "with the GS01 of the group it acknowledges (AK101 PO)."
        ),
        bad=_brand_interchange(
            tuple(segment.replace("GS*FA*", "GS*PO*") for segment in _fa_group(1, _ACK_997))
        ),
        good=_brand_interchange(_fa_group(1, _ACK_997)),
    ),
    "EDI130": Explanation(
        rationale=(
            "SE closes the transaction set with its segment count and control number. Without "
            "it the receiver cannot know the set is complete: 997 AK502 2 (transaction set "
            "trailer missing)."
        ),
        bad=_x12(*_PO_850[:-1]),
        good=_x12(*_PO_850),
    ),
    "EDI131": Explanation(
        rationale=(
            "SE02 must repeat ST02, so the receiver knows the trailer closes this set. A "
            "mismatch is 997 AK502 3 (transaction set control number in header and trailer do "
            "not match)."
        ),
        bad=_x12(*_PO_850[:-1], "SE*5*0002"),
        good=_x12(*_PO_850),
    ),
    "EDI132": Explanation(
        rationale=(
            "SE01 counts the segments from ST to SE, both included (segments, not lines). The "
            "receiver compares it with what it read to detect a lost or added segment: 997 "
            "AK502 4 (number of included segments does not match actual count). A segment "
            "added or removed without recounting is the usual cause."
        ),
        bad=_x12(*_PO_850[:-1], "SE*4*0001"),
        good=_x12(*_PO_850),
    ),
    "EDI133": Explanation(
        rationale=(
            "ST02 identifies a transaction set within its functional group, and the 997 names "
            "each set it answers by it (AK202). Two sets with the same ST02 cannot be "
            "acknowledged apart: AK502 23 (transaction set control number not unique within "
            "the functional group)."
        ),
        bad=_set("997", *_ACK_997) + "\n" + _set("997", "AK1*PO*2", *_ACK_997[1:]),
        good=_set("997", *_ACK_997) + "\n" + _set("997", "AK1*PO*2", *_ACK_997[1:], control="0002"),
    ),
    "EDI140": Explanation(
        rationale=(
            "Data segments belong between ST and SE, transaction sets inside GS..GE and groups "
            "inside ISA..IEA. A segment outside its envelope belongs to no transaction set, so "
            "no one processes it: TA1 note 024 (invalid interchange content)."
        ),
        bad=_x12(*_PO_850, "REF*DP*038"),
        good=_x12(*_PO_850[:2], "REF*DP*038", *_PO_850[2:-1], "SE*6*0001"),
    ),
    "EDI141": Explanation(
        rationale=(
            "A trailer closes the header before it: SE an ST, GE a GS, IEA an ISA. A trailer "
            "with no header (often a line sent twice) leaves the envelope unbalanced, so the "
            "receiver's counts and control-number checks no longer line up."
        ),
        bad=_x12(*_PO_850, "SE*5*0001"),
        good=_x12(*_PO_850),
    ),
    # -- EDI2xx: structure --------------------------------------------------------------------
    "EDI201": Explanation(
        rationale=(
            "A segment ID must be one the X12 version (GS08) defines. The receiver's "
            "translator rejects an unknown ID: 997 AK3 with AK304 1 (unrecognized segment "
            "ID). A typo such as PDI for PID is a typical cause."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "PDI*F****RUNNER 200 BLACK SIZE 10",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "PID*F****RUNNER 200 BLACK SIZE 10",
            "CTT*1*12",
        ),
    ),
    "EDI202": Explanation(
        rationale=(
            "A transaction set allows only the segments of its own table: BSN begins an 856 "
            "ship notice and has no place in an 850. A known segment in the wrong set is 997 "
            "AK304 6 (segment not in defined transaction set)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "BSN*00*ASN100234*20261120*0930",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
        good=_x12(*_PO_850),
    ),
    "EDI203": Explanation(
        rationale=(
            "Segments follow the order of the set's table and loops nest: in the 850 PO1 loop, "
            "PID (position 050) comes before PO4 (090) and REF (100). A segment out of order "
            "cannot be placed in its loop: 997 AK304 7 (segment not in proper sequence)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "REF*PD*FALL26-PROMO",
            "PID*F****RUNNER 200 BLACK SIZE 10",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "PID*F****RUNNER 200 BLACK SIZE 10",
            "REF*PD*FALL26-PROMO",
            "CTT*1*12",
        ),
    ),
    "EDI204": Explanation(
        rationale=(
            "A segment or loop marked M must be sent: BEG and a PO1 loop in an 850, BSN and an "
            "HL loop in an 856, BIG and TDS in an 810, AK1 and AK9 in a 997. Without it the "
            "set cannot be processed: 997 AK304 3 (mandatory segment missing)."
        ),
        bad=_po("PO1*1*12*PR*54.50**UP*012345678905", "CTT*1*12"),
        good=_x12(*_PO_850),
    ),
    "EDI205": Explanation(
        rationale=(
            "Each segment has a maximum use where it stands: at the 850 heading CUR once, PER "
            "3 times, DTM 10 times. Extra occurrences are 997 AK304 5 (segment exceeds maximum "
            "use). Buyer and seller currencies go in one CUR (CUR01/CUR02, CUR04/CUR05)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "CUR*BY*USD",
            "CUR*SE*USD",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "CUR*BY*USD**SE*USD",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
    ),
    "EDI206": Explanation(
        rationale=(
            "Each loop has a maximum number of repeats: in an 850 the CTT loop once, the "
            "heading SAC loop 25 times, the N1 loop 200 times. Extra loops are 997 AK304 4 "
            "(loop occurs over maximum times)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
            "CTT*1*12",
        ),
        good=_x12(*_PO_850),
    ),
    "EDI207": Explanation(
        rationale=(
            "edikit has segment tables for the 850, 855, 856, 810 and 997 (and the 999 in "
            "005010); for any other set, such as an 860 purchase order change, only the "
            "envelope was checked. This is information: there is nothing to fix in the "
            "document, and the good example is the same set. A partner without a map for a "
            "set answers AK502 1 (transaction set not supported)."
        ),
        bad=_set("860", "BCH*04*SA*4500012345***20261101", "POC*1*CA*12*6*PR*54.50"),
        good=_set("860", "BCH*04*SA*4500012345***20261101", "POC*1*CA*12*6*PR*54.50"),
    ),
    "EDI208": Explanation(
        rationale=(
            "Segment tables differ between versions: REF02 is 1/30 in 004010 and 1/50 in "
            "005010, and 005010 has AK103, N407 and ST03, which 004010 lacks. A group in a "
            "version edikit has no "
            "tables for (GS08 004030 here) is read with the nearest ones, so its element "
            "findings are only warnings: check them against your partner's guideline."
        ),
        bad=_x12(
            _ISA_RETAILER.replace("*U*00401*", "*^*00403*"),
            _GS_PO.replace("004010", "004030"),
            *_PO_850,
            "GE*1*1",
            _IEA,
        ),
        good=_ORDER,
    ),
    "EDI209": Explanation(
        rationale=(
            "In an 856 the levels are not nested loops: the receiver rebuilds the shipment "
            "tree from HL01 (numbered 1, 2, 3... in the order sent, each once) and HL02 (the "
            "parent's HL01). A gap or a repeated number breaks those links: 997 AK304 8 on "
            "the HL segment."
        ),
        bad=_set(
            "856",
            *_replace(_replace(_ASN_856, "HL*3*2*P", "HL*4*2*P"), "HL*4*3*I", "HL*5*4*I"),
        ),
        good=_set("856", *_ASN_856),
    ),
    "EDI210": Explanation(
        rationale=(
            "HL02 is the HL01 of the parent level, sent before its children; the top level "
            "(shipment) has no HL02. A parent that does not exist leaves that level, and every "
            "carton and item under it, outside the shipment tree the receiver rebuilds: 997 "
            "AK304 8 on the HL segment."
        ),
        bad=_set("856", *_replace(_ASN_856, "HL*1**S", "HL*1*0*S")),
        good=_set("856", *_ASN_856),
    ),
    # -- EDI3xx: elements and syntax notes ----------------------------------------------------
    "EDI301": Explanation(
        rationale=(
            "A segment has the elements its version defines and no more: AK1 has two in "
            "004010 (AK103, the version, is a 005010 element). An extra element is a stray "
            "separator or a segment built for another version: 997 AK403 3 (too many data "
            "elements)."
        ),
        bad=_set("997", "AK1*PO*1*004010", *_ACK_997[1:]),
        good=_set("997", *_ACK_997),
    ),
    "EDI302": Explanation(
        rationale=(
            "An element marked M must be non-empty whenever its segment is sent. BEG02 (purchase "
            "order type: SA stand-alone, RL release, DS drop ship...) tells the brand how to "
            "fill the order; empty, it is 997 AK403 1 (mandatory data element missing)."
        ),
        bad=_x12(*_replace(_PO_850, _PO_850[1], "BEG*00**4500012345**20261101")),
        good=_x12(*_PO_850),
    ),
    "EDI303": Explanation(
        rationale=(
            "Every element has a minimum length (numbers count their digits only): N104 is "
            "2/80, ST02 4/9, BSN02 2/30. A shorter value is 997 AK403 4 (data element too "
            "short): send the code as the partner assigned it (store 0007, not 7)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "N1*ST*FOOT RETAILER STORE 7*92*7",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "N1*ST*FOOT RETAILER STORE 7*92*0007",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
    ),
    "EDI304": Explanation(
        rationale=(
            "Every element has a maximum length: BEG03, the purchase order number, is 1/22; "
            "REF02 is 1/30 in 004010 (1/50 in 005010). A longer value is 997 AK403 5 (data "
            "element too long)."
        ),
        bad=_x12(*_replace(_PO_850, _PO_850[1], "BEG*00*SA*4500012345-REPLENISH-01**20261101")),
        good=_x12(*_replace(_PO_850, _PO_850[1], "BEG*00*SA*4500012345-R01**20261101")),
    ),
    "EDI305": Explanation(
        rationale=(
            "Each element has a type. Nn is digits only with an implied decimal point: TDS01 "
            "is N2, so 654.00 is sent as 65400. R is a decimal number with an explicit point; "
            "AN and ID need more than spaces. A '.' in an N2 amount is 997 AK403 6 (invalid "
            "character in data element)."
        ),
        bad=_set("810", *_replace(_INVOICE_810, "TDS*65400", "TDS*654.00")),
        good=_set("810", *_INVOICE_810),
    ),
    "EDI306": Explanation(
        rationale=(
            "An ID element takes a code from its code list. AK501 is A, E, M, R, W or X; P "
            "(partially accepted) is a code of AK901 only. A code outside the list is 997 "
            "AK403 7 (invalid code value). Where edikit knows only part of a list, an unknown "
            "code is reported as information, not as an error."
        ),
        bad=_set("997", *_replace(_ACK_997, "AK5*A", "AK5*P")),
        good=_set("997", *_ACK_997),
    ),
    "EDI307": Explanation(
        rationale=(
            "Dates are CCYYMMDD (DE 373, 8 digits since version 004; only ISA09 is YYMMDD) and "
            "must exist: there is no 31 November. An invalid date is 997 AK403 8 (invalid "
            "date); here the brand is left without a requested ship date (DTM 010)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "DTM*010*20261131",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "DTM*010*20261130",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
    ),
    "EDI308": Explanation(
        rationale=(
            "Times are HHMM, HHMMSS, HHMMSSD or HHMMSSDD on a 24-hour clock (DE 337 is 4/8); "
            "2460 is not a time of day. An invalid time is 997 AK403 9 (invalid time)."
        ),
        bad=_set("856", *_replace(_ASN_856, _ASN_856[0], "BSN*00*ASN100234*20261120*2460*0001")),
        good=_set("856", *_ASN_856),
    ),
    "EDI309": Explanation(
        rationale=(
            "Syntax notes tie elements together: P (paired: all or none), R (at least one), C "
            "(if the first, then all the others), L (if the first, at least one other). N1 has "
            "P0304: the qualifier N103 92 (assigned by buyer) identifies nothing without the "
            "code N104. A broken note is 997 AK403 2 (conditional required data element "
            "missing)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "N1*ST*FOOT RETAILER DC 12*92",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "N1*ST*FOOT RETAILER DC 12*92*0012",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
    ),
    "EDI310": Explanation(
        rationale=(
            "An E (exclusion) note allows at most one of its elements. TD3 has E0110: the "
            "equipment description code (TD301) and the equipment type (TD310) cannot both be "
            "sent. Both present is 997 AK403 10 (exclusion "
            "condition violated)."
        ),
        bad=_set("856", *_ASN_856[:3], "TD3*TL*SNDR*455123*******TF53", *_ASN_856[3:]),
        good=_set("856", *_ASN_856[:3], "TD3*TL*SNDR*455123", *_ASN_856[3:]),
    ),
    "EDI311": Explanation(
        rationale=(
            "A composite has a fixed number of components, separated by ISA16. In 004010 "
            "AK401 (C030) has two: the element position and the component position; the third "
            "(repetition position) was added in 005010. An extra component, often a stray "
            "component separator, is reported like an extra element (AK403 3)."
        ),
        bad=_set(
            "997",
            "AK1*PO*1",
            "AK2*850*0001",
            "AK3*BEG*2**8",
            "AK4*3>>1*324*5",
            "AK5*R*5",
            "AK9*R*1*1*0",
        ),
        good=_set(
            "997",
            "AK1*PO*1",
            "AK2*850*0001",
            "AK3*BEG*2**8",
            "AK4*3*324*5",
            "AK5*R*5",
            "AK9*R*1*1*0",
        ),
    ),
    "EDI312": Explanation(
        rationale=(
            "Repeated values in one element exist from version 004020 (ISA12 00402) on, "
            "separated by ISA11; 004010 has none. An element may repeat only as often as the "
            "dictionary allows: in edikit's 005010 dictionary CTX01 of a 999 repeats at most "
            "10 times. More is AK403 12 (too many repetitions)."
        ),
        bad=_999(_CTX_BAD),
        good=_999(_CTX_OK),
    ),
    "EDI313": Explanation(
        rationale=(
            "Trailing empty elements must be left out: a segment ends after its last "
            "non-empty element (REF*DP*038~, not REF*DP*038*~). Receivers should tolerate the "
            "extra separator but may flag it, so edikit warns."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "REF*DP*038*",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "REF*DP*038",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "CTT*1*12",
        ),
    ),
    "EDI314": Explanation(
        rationale=(
            "A segment must carry at least one data element (only envelope segments are "
            "defined otherwise). A bare ID such as PID~, typically left by a map that had no "
            "data for the segment, is 997 AK304 8 (segment has data element errors)."
        ),
        bad=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "PID",
            "CTT*1*12",
        ),
        good=_po(
            "BEG*00*SA*4500012345**20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "PID*F****RUNNER 200 BLACK SIZE 10",
            "CTT*1*12",
        ),
    ),
    # -- EDI4xx: a retailer profile narrows the standard ---------------------------------------
    # Reported only with a profile; each example assumes the guideline its rationale states.
    "EDI401": Explanation(
        rationale=(
            "A retailer's guideline makes segments mandatory that X12 leaves optional: the "
            "Nordstrom and Dick's 856 guides mark TD1, TD5, REF and DTM at the shipment level "
            "'Must use', and Macy's ties its invoices to the ship notice by the bill of lading. "
            "Without them the document is valid X12 and still fails the retailer's check, which "
            "comes back as an 824 application advice or a rejecting 997, and often as a "
            "chargeback (a $100 penalty for an EDI document with errors 'would not be "
            "uncommon'). The example assumes a guideline that requires REF*BM at the shipment "
            "level."
        ),
        bad=_set("856", *_ASN_856),
        good=_set("856", *_ASN_BOL),
    ),
    "EDI402": Explanation(
        rationale=(
            "A guideline can leave out segments the standard allows. Macy's does not accept "
            "non-merchandise charges on the 810, freight included (drop-ship excepted), and "
            "processes invoices net: a freight charge in an SAC is not paid, and the TDS01 total "
            "that includes it is more than Macy's will pay. The example assumes a guideline "
            "that does not use the summary SAC of the 810."
        ),
        bad=_set(
            "810",
            *_insert_after(
                _replace(_INVOICE_810, "TDS*65400", "TDS*66900"), "TDS*66900", "SAC*C*D240***1500"
            ),
        ),
        good=_set("810", *_INVOICE_810),
    ),
    "EDI403": Explanation(
        rationale=(
            "A guideline can allow a segment fewer times than X12 does: the Dick's 856 guide (as "
            "Stedi reconstructs it) allows TD1, TD5, REF and DTM once each at the shipment "
            "level. A second REF is valid X12 but breaks the guide, and the retailer refuses it "
            "like any other guideline error. The example assumes one REF at the shipment level, "
            "the bill of lading (REF*BM); the carrier's PRO number (REF*CN) is one too many."
        ),
        bad=_set("856", *_insert_after(_ASN_BOL, _BOL, "REF*CN*PRO5512340")),
        good=_set("856", *_ASN_BOL),
    ),
    "EDI404": Explanation(
        rationale=(
            "A guideline can make an element mandatory that X12 leaves optional. BIG04, the "
            "purchase order number, is optional in the 810 (O AN 1/22), but retailers match "
            "invoices to their orders by it: Hibbett asks for a valid PO in BIG04, Macy's wants "
            "one invoice per purchase order, bill of lading and store, and Dick's matches PO, "
            "ASN and invoice. The example assumes a guideline that requires BIG04."
        ),
        bad=_set(
            "810",
            *_replace(_INVOICE_810, _INVOICE_810[0], "BIG*20261120*INV-9001*20261101"),
        ),
        good=_set("810", *_INVOICE_810),
    ),
    "EDI405": Explanation(
        rationale=(
            "Retail guides give every element a usage: Must use, Used or Not used (the columns "
            "of the Nordstrom and Kohl's guides; Stedi's guides say R, O or N). A value in an "
            "element the guide does not use is data the retailer did not ask for, and a partner "
            "that checks its guide refuses it like any other deviation. The example assumes a "
            "guideline that names the carrier only by its SCAC (TD503, with TD502 2) and does "
            "not use TD505, the free-text routing."
        ),
        bad=_set("856", *_replace(_ASN_856, "TD5*B*2*UPSN", "TD5*B*2*UPSN*U*UPS GROUND")),
        good=_set("856", *_replace(_ASN_856, "TD5*B*2*UPSN", "TD5*B*2*UPSN*U")),
    ),
    "EDI406": Explanation(
        rationale=(
            "A guideline can accept only some of an element's X12 codes. Zappos takes no "
            "backorders on the 855: a line that cannot ship as ordered is acknowledged with "
            "BAK02 AC and either a new ship date or a cancelled line, not with ACK01 IB (item "
            "backordered), which is a valid X12 code. The example assumes that guideline: the "
            "line is acknowledged DR (date rescheduled) with the new ship date (ACK04 068, "
            "current schedule ship)."
        ),
        bad=_set(
            "855",
            "BAK*00*AC*4500012345*20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "ACK*IB*12*PR",
            "CTT*1*12",
        ),
        good=_set(
            "855",
            "BAK*00*AC*4500012345*20261101",
            "PO1*1*12*PR*54.50**UP*012345678905",
            "ACK*DR*12*PR*068*20261204",
            "CTT*1*12",
        ),
    ),
    "EDI407": Explanation(
        rationale=(
            "A guideline can narrow an element's length. N104 is AN 2/80 in X12, so a DC number "
            "sent as 012 passes the standard; one retailer's 824 list of ASN errors has "
            "'invalid DC ship-to in N1 ST' and says the common error is to send three digits "
            "rather than four. The example assumes a guideline whose ship-to DC numbers (N1*ST, "
            "N104) are four digits."
        ),
        bad=_asn_ship_to("012"),
        good=_asn_ship_to("0012"),
    ),
    "EDI408": Explanation(
        rationale=(
            "A guideline can ask for a form the standard does not: Macy's 856 guide says to "
            "send no lower-case characters and no spaces in the bill of lading (REF*BM). "
            "edikit's standard checks accept both in REF02 (AN 1/30), so only the guideline "
            "finds them. The example assumes that guideline: REF*BM02 in upper case, without "
            "spaces."
        ),
        bad=_set("856", *_replace(_ASN_BOL, _BOL, "REF*BM*1z999aa10123456784")),
        good=_set("856", *_ASN_BOL),
    ),
    "EDI409": Explanation(
        rationale=(
            "Retailers set each vendor up under the ID qualifiers and IDs of its envelope (ISA05 "
            "to ISA08, GS02 and GS03): Nordstrom's ID was 12/2062336664, Zappos receives as "
            "ZZ/ZAPPOSKY. One retailer's 824 list of ASN errors has 'PO vendor # does not match "
            "ASN vendor # (ASN sent from a different ISA/GS combination than the PO was sent "
            "to)'. Versions are set per transaction set too (Dick's: 850 in 004030, 856 in "
            "004010). The example assumes the brand is set up as ZZ/STRIDEFOOTWEAR, and its "
            "warehouse sent the ship notice under its own ID."
        ),
        bad=_asn_from("STRIDE3PL"),
        good=_asn_from("STRIDEFOOTWEAR"),
    ),
    "EDI411": Explanation(
        rationale=(
            "Retailers send their store and DC numbers as data: Kohl's gives its store-to-DC "
            "associations in an 816, Foot Locker sends an 816 of store adds, changes and "
            "deletes every Monday. A number that is not on the current list comes back as an "
            "error: one retailer's 824 list of ASN errors has 'invalid DC ship-to in N1 ST' and "
            "'store # on ASN does not exist on the PO'. The example assumes a table of the "
            "retailer's DCs (0012, 0031, 0045): 0021 is not one of them."
        ),
        bad=_asn_ship_to("0021"),
        good=_asn_ship_to("0012"),
    ),
    # -- EDI5xx: business rules ---------------------------------------------------------------
    "EDI501": Explanation(
        rationale=(
            "With qualifier UP (U.P.C., 1-5-5-1, 12 digits), EN (EAN-13) or UK (GTIN-14) the "
            "product ID ends in a check digit (the last 1 of 1-5-5-1). A wrong one means a "
            "typo or a truncated "
            "number: the item cannot be found under that code."
        ),
        bad=_x12(*_replace(_PO_850, _PO_850[2], "PO1*1*12*PR*54.50**UP*012345678906")),
        good=_x12(*_PO_850),
    ),
    "EDI502": Explanation(
        rationale=(
            "MAN GM carries the carton's SSCC-18: extension digit, GS1 company prefix and "
            "serial reference (17 digits), then a mod-10 check digit; it is often sent as 20 "
            "digits with the 00 application identifier in front. A number that fails the check "
            "is not the one on the carton label, so the carton cannot be matched to the ASN."
        ),
        bad=_set(
            "856",
            *_replace(_ASN_856, "MAN*GM*00008123450000000016", "MAN*GM*00008123450000000017"),
        ),
        good=_set("856", *_ASN_856),
    ),
    "EDI503": Explanation(
        rationale=(
            "CTT01 is a control total: the number of line items (PO1 segments in an 850, IT1 "
            "in an 810) or, in an 856, the number of HL segments. A count that does not match "
            "tells the receiver a line was lost or added after the total was made."
        ),
        bad=_x12(*_replace(_PO_850, "CTT*1*12", "CTT*2*12")),
        good=_x12(*_PO_850),
    ),
    "EDI504": Explanation(
        rationale=(
            "CTT02, when sent, is the hash total of the quantities: the sum of PO102 in an "
            "850, of IT102 in an 810, of SN102 in an 856. A wrong total tells the receiver a "
            "quantity changed after the total was computed."
        ),
        bad=_x12(*_replace(_PO_850, "CTT*1*12", "CTT*1*24")),
        good=_x12(*_PO_850),
    ),
    "EDI505": Explanation(
        rationale=(
            "TDS01 is the invoice total (lines plus charges, less allowances) in N2: two "
            "implied decimals, so 654.00 is sent as 65400 and 654 reads as 6.54. A writer that "
            "forgets to multiply by 100 bills the retailer a hundredth of the amount; edikit "
            "recomputes the total from IT102 x IT104 and the SAC amounts."
        ),
        bad=_set("810", *_replace(_INVOICE_810, "TDS*65400", "TDS*654")),
        good=_set("810", *_INVOICE_810),
    ),
    "EDI506": Explanation(
        rationale=(
            "The standard leaves the HL levels free, but retail guides ask for pick and pack "
            "(shipment > order > [tare] > pack > item, BSN05 0001) or standard carton pack "
            "(shipment > order > item > [pack], BSN05 0002). A ship notice without the order "
            "level cannot say which purchase order each carton fills."
        ),
        bad=_set(
            "856",
            "BSN*00*ASN100234*20261120*0930*0001",
            "HL*1**S",
            "TD5*B*2*UPSN",
            "HL*2*1*P",
            "MAN*GM*00008123450000000016",
            "HL*3*2*I",
            "LIN**UP*012345678905",
            "SN1**12*PR",
            "CTT*3*12",
        ),
        good=_set("856", *_ASN_856),
    ),
    "EDI507": Explanation(
        rationale=(
            "Some dates have a natural order: the purchase order date (BIG03) is not after the "
            "invoice date (BIG01); ship no later (DTM 038) is not before ship not before (DTM "
            "037). A reversed pair means one of the two dates is wrong."
        ),
        bad=_set(
            "810",
            *_replace(_INVOICE_810, _INVOICE_810[0], "BIG*20261020*INV-9001*20261101*4500012345"),
        ),
        good=_set("810", *_INVOICE_810),
    ),
    "EDI508": Explanation(
        rationale=(
            "An SSCC-18 is the application identifier 00, an extension digit, the GS1 Company "
            "Prefix, a serial reference and a mod-10 check digit. A brand numbers its cartons "
            "under its own company prefix, so an SSCC with another prefix is not one of its "
            "numbers even when its check digit is right. Retailers match the carton label to "
            "the ASN (Macy's: the GS1-128 labels must match the 856), report SSCC faults on an "
            "824 (121 duplicate SSCC, 122 invalid range, 123 invalid structure) and charge per "
            "carton. This rule runs when a profile lists the prefixes (gs1.company_prefix); the "
            "example assumes the brand's GS1 Company Prefix 0812345 (U.P.C. Company Prefix "
            "812345)."
        ),
        bad=_set(
            "856",
            *_replace(_ASN_856, "MAN*GM*00008123450000000016", "MAN*GM*00007612340000000012"),
        ),
        good=_set("856", *_ASN_856),
    ),
    "EDI509": Explanation(
        rationale=(
            "Guidelines ask for exactly one ASN per shipment (Zappos), one shipment level per "
            "transaction set (Kmart: one shipment level per 856): the retailer receives a "
            "shipment against one ASN. A second HL*S in one 856 mixes two shipments. This "
            "rule runs when a profile names it (asn.one_per_shipment)."
        ),
        bad=_set(
            "856",
            *_ASN_856[:-1],
            "HL*5**S",
            "TD5*B*2*UPSN",
            "HL*6*5*O",
            "PRF*4500012346",
            "HL*7*6*P",
            "MAN*GM*00008123450000000023",
            "HL*8*7*I",
            "LIN**UP*012345678905",
            "SN1**12*PR",
            "CTT*8*24",
        ),
        good=_set("856", *_ASN_856),
    ),
    "EDI510": Explanation(
        rationale=(
            "Some retailers accept each UPC/EAN only once per invoice (Zappos): the invoice "
            "line is matched to the receipt by item, and a second line for the same item is "
            "not matched. Invoice the item once with its total quantity. This rule runs when "
            "a profile names it (invoice.unique_item)."
        ),
        bad=_set(
            "810",
            "BIG*20261120*INV-9001*20261101*4500012345",
            "IT1*1*12*PR*54.50**UP*012345678905",
            "IT1*2*6*PR*54.50**UP*012345678905",
            "TDS*98100",
            "CTT*2*18",
        ),
        good=_set(
            "810",
            "BIG*20261120*INV-9001*20261101*4500012345",
            "IT1*1*18*PR*54.50**UP*012345678905",
            "TDS*98100",
            "CTT*1*18",
        ),
    ),
    "EDI600": Explanation(
        rationale=(
            "Validated as a set, every 855, 856 order level and 810 is linked to the 850 whose "
            "PO number it names. The link is information: it shows which purchase order the "
            "cross-document checks compared the document with."
        ),
        bad=_with_order(("856", _ASN_856)),
        good=_with_order(("856", _ASN_856)),
    ),
    "EDI601": Explanation(
        rationale=(
            "A retailer receives against its own purchase orders: a ship notice or invoice for a "
            "PO number it never sent is rejected or charged back. In a set, every PO number an "
            "855, 856 or 810 names must be the BEG03 of one of the set's 850s."
        ),
        bad=_with_order(("856", _replace(_ASN_856, "PRF*4500012345", "PRF*4500012399"))),
        good=_with_order(("856", _ASN_856)),
    ),
    "EDI602": Explanation(
        rationale=(
            "The distribution center receives each carton against the PO lines: an item the PO "
            "does not order (by UPC/GTIN, vendor or buyer item number) cannot be received, "
            "and unauthorized substitutions are a common chargeback."
        ),
        bad=_with_order(
            ("856", _replace(_ASN_856, "LIN**UP*012345678905", "LIN**UP*012345678912"))
        ),
        good=_with_order(("856", _ASN_856)),
    ),
    "EDI603": Explanation(
        rationale=(
            "Retailers do not pay for, and often charge back, units shipped beyond the ordered "
            "quantity. The set's ship notices (a replacement, BSN01 05, counts instead of the "
            "one it replaces) must not ship more of a PO line than the PO orders."
        ),
        bad=_with_order(
            (
                "856",
                _replace(_replace(_ASN_856, "SN1**12*PR", "SN1**14*PR"), "CTT*4*12", "CTT*4*14"),
            )
        ),
        good=_with_order(("856", _ASN_856)),
    ),
    "EDI604": Explanation(
        rationale=(
            "The SSCC-18 on the carton label is how the DC finds the carton in the ASN. A "
            "reused SSCC matches two cartons, or a carton already received: GS1 forbids "
            "reuse within at least 12 months, and retailers charge back per carton (824 code 121)."
        ),
        bad=_with_order(
            ("856", _half_asn("ASN100234", "MAN*GM*00008123450000000016")),
            ("856", _half_asn("ASN100235", "MAN*GM*00008123450000000016")),
        ),
        good=_with_order(
            ("856", _half_asn("ASN100234", "MAN*GM*00008123450000000016")),
            ("856", _half_asn("ASN100235", _SECOND_SSCC)),
        ),
    ),
    "EDI605": Explanation(
        rationale=(
            "BSN02 identifies the shipment: a second original ASN with the same number "
            "is taken for a duplicate and dropped, or replaces the first. A correction is "
            "sent with BSN01 05 (replace); a new shipment gets a new number."
        ),
        bad=_with_order(
            ("856", _half_asn("ASN100234", "MAN*GM*00008123450000000016")),
            ("856", _half_asn("ASN100234", _SECOND_SSCC)),
        ),
        good=_with_order(
            ("856", _half_asn("ASN100234", "MAN*GM*00008123450000000016")),
            ("856", _half_asn("ASN100235", _SECOND_SSCC)),
        ),
    ),
    "EDI606": Explanation(
        rationale=(
            "Accounts payable pays an invoice number once: a second invoice with the same "
            "BIG02 is rejected as a duplicate, and the goods on it go unpaid."
        ),
        bad=_with_order(("856", _ASN_856), ("810", _HALF_INVOICE), ("810", _HALF_INVOICE)),
        good=_with_order(
            ("856", _ASN_856),
            ("810", _HALF_INVOICE),
            (
                "810",
                _replace(_HALF_INVOICE, _HALF_INVOICE[0], _HALF_INVOICE[0].replace("9001", "9002")),
            ),
        ),
    ),
    "EDI607": Explanation(
        rationale=(
            "An acknowledgment with line detail (BAK02 AC, AD or RD) answers every line of the "
            "purchase order: the buyer plans on the lines it was told about, and a line left "
            "out is neither confirmed nor rejected."
        ),
        bad=_with_order(("855", ("BAK*00*AC*4500012345*20261101",))),
        good=_with_order(("855", _ACK_855)),
    ),
    "EDI608": Explanation(
        rationale=(
            "Each PO line is answered in one PO1 loop; a split answer (part accepted, part "
            "backordered) is several ACK segments in that loop. Two PO1 loops for one line "
            "make the buyer's system take one answer and drop the other."
        ),
        bad=_with_order(
            (
                "855",
                (
                    "BAK*00*AC*4500012345*20261101",
                    "PO1*1*6*PR*54.50**UP*012345678905",
                    "ACK*IQ*6*PR",
                    "PO1*2*6*PR*54.50**UP*012345678905",
                    "ACK*IB*6*PR",
                    "CTT*2",
                ),
            )
        ),
        good=_with_order(
            (
                "855",
                (
                    "BAK*00*AC*4500012345*20261101",
                    "PO1*1*12*PR*54.50**UP*012345678905",
                    "ACK*IA*6*PR",
                    "ACK*IB*6*PR",
                    "CTT*1",
                ),
            )
        ),
    ),
    "EDI609": Explanation(
        rationale=(
            "A retailer matches the invoice to what its DC received (the ASN): units billed "
            "beyond those shipped are short-paid or charged back. Invoice after the ship "
            "notice, for what it shipped."
        ),
        bad=_with_order(
            ("856", _ASN_856),
            (
                "810",
                (
                    "BIG*20261120*INV-9001*20261101*4500012345",
                    "IT1*1*14*PR*54.50**UP*012345678905",
                    "TDS*76300",
                    "CTT*1*14",
                ),
            ),
        ),
        good=_with_order(("856", _ASN_856), ("810", _INVOICE_810)),
    ),
    "EDI610": Explanation(
        rationale=(
            "The buyer pays the price on its purchase order; an invoice at another price is "
            "short-paid (a price discrepancy deduction) until someone reconciles it."
        ),
        bad=_with_order(
            ("856", _ASN_856),
            (
                "810",
                (
                    "BIG*20261120*INV-9001*20261101*4500012345",
                    "IT1*1*12*PR*55.00**UP*012345678905",
                    "TDS*66000",
                    "CTT*1*12",
                ),
            ),
        ),
        good=_with_order(("856", _ASN_856), ("810", _INVOICE_810)),
    ),
    "EDI611": Explanation(
        rationale=(
            "The retailer's 850 says where the goods go: the DC (N1*ST) and, for store-ready "
            "orders, the store (N1*BY or Z7). A ship notice for another location is received "
            "at the wrong dock, or refused, and charged back."
        ),
        bad=_with_order(
            ("856", _insert_after(_ASN_856, "TD5*B*2*UPSN", "N1*ST*FOOT RETAILER DC 43*92*0043")),
            order_adds=("N1*ST*FOOT RETAILER DC 42*92*0042",),
        ),
        good=_with_order(
            ("856", _insert_after(_ASN_856, "TD5*B*2*UPSN", "N1*ST*FOOT RETAILER DC 42*92*0042")),
            order_adds=("N1*ST*FOOT RETAILER DC 42*92*0042",),
        ),
    ),
    "EDI612": Explanation(
        rationale=(
            "The PO's ship window (DTM*037 ship not before, DTM*038 ship no later or DTM*001 "
            "cancel after) is when the retailer can take the goods: early shipments are "
            "refused or held, late ones are cancelled or charged back."
        ),
        bad=_with_order(
            ("856", _insert_after(_ASN_856, "TD5*B*2*UPSN", "DTM*011*20261120")),
            order_adds=("DTM*037*20261110", "DTM*038*20261115"),
        ),
        good=_with_order(
            ("856", _insert_after(_ASN_856, "TD5*B*2*UPSN", "DTM*011*20261120")),
            order_adds=("DTM*037*20261110", "DTM*038*20261125"),
        ),
    ),
    "EDI613": Explanation(
        rationale=(
            "The buyer's system reads the 855 line by line: a status of IA (accepted) with "
            "another price, quantity or item is either taken as an unannounced change or "
            "rejected. Echo the PO line, or say what changed (IP price, IQ quantity, IS "
            "substitution, IC changes made)."
        ),
        bad=_with_order(
            ("855", _replace(_ACK_855, _ACK_855[1], "PO1*1*12*PR*56.00**UP*012345678905"))
        ),
        good=_with_order(("855", _ACK_855)),
    ),
    "EDI614": Explanation(
        rationale=(
            "Retailers pay invoices against what their DC received, which they learn from the "
            "ASN: an invoice for goods on no ship notice (or sent before any ship notice for "
            "the PO) is short-paid or rejected (Macy's code 503, invoices for unshipped items)."
        ),
        bad=_with_order(("810", _INVOICE_810)),
        good=_with_order(("856", _ASN_856), ("810", _INVOICE_810)),
    ),
    "EDI615": Explanation(
        rationale=(
            "Retailers want a purchase order acknowledged within a window (Zappos: 48 hours; "
            "24 to 48 hours is typical) and charge for late acknowledgments. The window is "
            "the profile's (timing.acknowledgment); the times are when each document was "
            "received, or the GS04/GS05 its sender wrote (--event-time envelope)."
        ),
        bad=_with_order(("855", _ACK_855, "20261123*1000")),
        good=_with_order(("855", _ACK_855, "20261121*0900")),
    ),
    "EDI616": Explanation(
        rationale=(
            "The ASN must be in the retailer's system before the goods reach the DC; guides "
            "put it as a window after the shipment leaves (Zappos: 2 hours). The window is the "
            "profile's (timing.ship_notice), counted from the ship notice's DTM*011."
        ),
        bad=_with_order(("856", _insert_after(_ASN_856, "TD5*B*2*UPSN", "DTM*011*20261120*0600"))),
        good=_with_order(("856", _insert_after(_ASN_856, "TD5*B*2*UPSN", "DTM*011*20261120*0800"))),
    ),
    "EDI617": Explanation(
        rationale=(
            "Retailers set how soon after shipping an invoice must arrive (Hibbett: 3 "
            "business days). The limit is the profile's (timing.invoice), counted in Monday "
            "to Friday days from the latest ship date (DTM*011) of the PO's ship notices."
        ),
        bad=_with_order(
            ("856", _insert_after(_ASN_856, "TD5*B*2*UPSN", "DTM*011*20261120*0800")),
            ("810", _INVOICE_810, "20261126*0900"),
        ),
        good=_with_order(
            ("856", _insert_after(_ASN_856, "TD5*B*2*UPSN", "DTM*011*20261120*0800")),
            ("810", _INVOICE_810, "20261125*0900"),
        ),
    ),
    "EDI618": Explanation(
        rationale=(
            "A PO distributed to stores (SDQ) is cross-docked at the DC: each carton goes to "
            "the store its order level names. A store the PO does not distribute to has no "
            "place in the DC's plan, and its cartons are held or charged back."
        ),
        bad=_with_order(("856", _asn_for_store("0044", 8)), line_adds=(_SDQ,)),
        good=_with_order(("856", _asn_for_store("0042", 8)), line_adds=(_SDQ,)),
    ),
    "EDI619": Explanation(
        rationale=(
            "The SDQ quantities are what each store is to receive; units beyond a store's "
            "share are an overage for that store even when the PO line as a whole is not "
            "over-shipped."
        ),
        bad=_with_order(("856", _asn_for_store("0042", 10)), line_adds=(_SDQ,)),
        good=_with_order(("856", _asn_for_store("0042", 8)), line_adds=(_SDQ,)),
    ),
    "EDI620": Explanation(
        rationale=(
            "An 850 with BEG01 01 cancels the purchase order: the retailer will not receive or "
            "pay for goods shipped against it (824 code 141, PO cancelled), and the cartons "
            "are refused at the DC or charged back."
        ),
        bad=_then_cancelled(("856", _ASN_856)),
        good=_with_order(("856", _ASN_856)),
    ),
}
