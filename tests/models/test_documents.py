"""Typed documents from real files, and documents built in code."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import edikit
from edikit import Delimiters, X12Writer
from edikit.grammar.loops import Loop
from edikit.models.documents import (
    FunctionalAck,
    ImplementationAck,
    Invoice,
    Level,
    POAcknowledgment,
    PurchaseOrder,
    ShipNotice,
)
from edikit.models.segments.v4010 import BEG, CTT, PID, PO1


def only_document(path: Path) -> Any:
    (document,) = edikit.parse(path).documents
    return document


def test_node_x12_856_query(corpus: Path) -> None:
    """node-x12 QuerySuite: HL+S+O+I-LIN03 on 856.edi gives 87787D and 99887D."""
    asn = only_document(corpus / "aaronhuggins__node-x12/856.edi")
    assert isinstance(asn, ShipNotice)
    shipment = asn.shipment
    assert shipment is not None
    found = [item.value("LIN", 3) for order in shipment.orders for item in order.items]
    assert found == ["87787D", "99887D"]
    assert asn.structure == "standard-carton-pack"


def test_node_x12_850_queries(corpus: Path) -> None:
    """node-x12 QuerySuite on 850.edi: REF02 where REF01 is DP is 038; six PO1 lines."""
    po = only_document(corpus / "aaronhuggins__node-x12/850.edi")
    assert isinstance(po, PurchaseOrder)
    assert po.references["DP"] == "038"
    assert len(po.lines) == 6
    assert po.number == "08292233294" and po.date == date(2010, 11, 27)
    first = po.lines[0]
    assert (first.quantity, first.unit_price, first.vendor_item) == (
        Decimal("120"), Decimal("9.25"), "AB3542",
    )  # fmt: skip


def test_edi_net_850_values(corpus: Path) -> None:
    """EDI.Net X12_Grammar_Test: Items[0].UnitPrice 19.95, first address '126 Any St'."""
    po = only_document(corpus / "indice-co__EDI.Net/x12.850.edi")
    assert po.lines[0].unit_price == Decimal("19.95")
    assert any("126 Any St" in party.address for party in po.parties)


def edi_engine_loops(node: dict[str, Any]) -> list[Any]:
    shape: list[Any] = []
    for child in node["Content"]:
        if child["Type"] == "S":
            shape.append(child["Name"])
        else:
            shape.append((child["Name"].removeprefix("L_"), edi_engine_loops(child)))
    return shape


def our_loops(loop: Loop) -> list[Any]:
    return [
        item.tag if not isinstance(item, Loop) else (item.name, our_loops(item))
        for item in loop.items
    ]


def our_levels(level: Level) -> list[Any]:
    """A level as EdiEngine nests it: its segments and loops, then the levels under it."""
    return [*our_loops(level.loop), *[("HL", our_levels(child)) for child in level.children]]


def test_edi_engine_856_crossdock_tree(corpus: Path) -> None:
    """EdiEngine's expected JSON for 856.Crossdock.OK.edi: the same loops, segments and HL
    nesting (EdiEngine nests HL loops by their HL02 parent)."""
    expected = json.loads((corpus / "olmelabs__EdiEngine/856.Crossdock.OK.json").read_text())
    asn = only_document(corpus / "olmelabs__EdiEngine/856.Crossdock.OK.edi")
    root = asn.loop
    heading = [item for item in our_loops(root) if not isinstance(item, tuple)]
    ours = [heading[1], *[("HL", our_levels(level)) for level in asn.levels], heading[2]]
    assert ours == edi_engine_loops(expected)
    assert [len(o.packs) for o in asn.orders] == [4, 1]  # HL S O P I P I P I P I O P I


def test_each_set_has_its_model(corpus: Path) -> None:
    cases = {
        "aaronhuggins__node-x12/855.edi": POAcknowledgment,
        "bots-edi__bots-plugins/retailer_inbound/810_1.x12": Invoice,
        "xlate__staedi/simple997.edi": FunctionalAck,
        "xlate__staedi/simple999.edi": ImplementationAck,
    }
    for relative, kind in cases.items():
        assert isinstance(only_document(corpus / relative), kind), relative


def test_invoice_total_resolves_implied_decimals(corpus: Path) -> None:
    invoice = only_document(corpus / "bots-edi__bots-plugins/retailer_inbound/810_1.x12")
    tds = next(s for s in invoice.segments() if s.tag == "TDS")
    assert invoice.total == Decimal(tds[1]) / 100
    assert invoice.number and invoice.date


def test_acknowledgment_lines(corpus: Path) -> None:
    ack = only_document(corpus / "aaronhuggins__node-x12/855.edi")
    assert ack.purchase_order_number
    assert all(line.acknowledgments for line in ack.lines)
    assert {a.status for line in ack.lines for a in line.acknowledgments} <= {
        "IA", "IB", "IC", "IR", "DR", "IQ", "IP", "AC",
    }  # fmt: skip


def test_997_responses(corpus: Path) -> None:
    ack = only_document(corpus / "xlate__staedi/simple997.edi")
    assert ack.functional_id and ack.status
    assert all(r.set_id and r.status for r in ack.responses)


def test_every_corpus_document_dumps_to_json(corpus: Path) -> None:
    count = 0
    for path in sorted(corpus.rglob("*")):
        if not path.is_file() or path.suffix in (".md", ".xml", ".json") or path.name[0] == ".":
            continue
        for document in edikit.parse(path).documents:
            dumped = json.loads(document.model_dump_json())
            assert dumped["control_number"] == document.control_number
            assert document.to_x12() == edikit.serialize(document.loop.walk())
            count += 1
    assert count >= 130


def test_document_built_in_code_is_valid_x12() -> None:
    delimiters = Delimiters("*", ">", "~")
    writer = X12Writer(sender=("ZZ", "BRAND"), receiver=("ZZ", "RETAILER"))
    group = writer.group("PO", "BRAND", "RETAILER")
    group.transaction(
        "850",
        [
            BEG.build(delimiters, "00", "SA", "PO-77", "", "20261120"),
            PO1.build(delimiters, "1", "12", "PR", "54.5", "", "UP", "012345678905"),
            PID.build(delimiters, "F", "", "", "", "RUNNER 200"),
            CTT.build(delimiters, "1"),
        ],
    )
    data = writer.to_bytes()
    x12 = edikit.parse(data)
    assert x12.all_violations() == []
    (po,) = x12.documents
    assert isinstance(po, PurchaseOrder)
    assert (po.number, po.date, po.line_count) == ("PO-77", date(2026, 11, 20), 1)
    line = po.lines[0]
    assert (line.quantity, line.unit_price, line.upc, line.description) == (
        Decimal("12"), Decimal("54.5"), "012345678905", "RUNNER 200",
    )  # fmt: skip
    assert edikit.serialize(x12) == data
