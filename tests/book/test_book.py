"""The order book: documents added one at a time, across processes and days, are checked as
the same documents validated together; SQLite by default, PostgreSQL by URL (a real server,
started by conftest.postgres_url)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from edikit.api import load_profile, ruleset
from edikit.book import BookError, OrderBook, book_url, schema
from edikit.book.schema import SCHEMA_VERSION
from edikit.cli import main
from edikit.rules.business.gs1 import check_digit
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity

CHAIN = Path(__file__).resolve().parent.parent.parent / "fixtures" / "chains" / "clean"
ORDER, ACK, ASN, INVOICE = (CHAIN / f"{n}.edi" for n in ("850", "855", "856", "810"))
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def _variant(tmp_path: Path, name: str, source: Path, *swaps: tuple[str, str]) -> Path:
    text_ = source.read_text()
    for old, new in swaps:
        assert old in text_
        text_ = text_.replace(old, new)
    path = tmp_path / name
    path.write_text(text_)
    return path


def _sscc(serial: int) -> str:
    """MAN02 of a carton: application identifier 00, then an SSCC-18 with its check digit."""
    body = f"00812345{serial:09d}"
    return f"00{body}{check_digit(body)}"


def _second_asn(tmp_path: Path, name: str, number: str, serial: int) -> Path:
    """The chain's 856 again under another BSN02, with two other cartons (SSCC serials
    ``serial`` and ``serial + 1``)."""
    return _variant(
        tmp_path,
        name,
        ASN,
        ("ASN100234", number),
        ("00008123450000000016", _sscc(serial)),
        ("00008123450000000023", _sscc(serial + 1)),
    )


def _found(files: list[FileResult]) -> list[tuple[str, str | None, int | None, int | None]]:
    out = []
    for x12 in files:
        for v in x12.all_violations():
            if v.severity is not Severity.INFO:
                out.append((v.code, v.location.file, v.location.line, v.location.element))
    return out


def _faulty_chain(tmp_path: Path) -> list[Path]:
    """850; an 855 that acknowledges line 2 at another price as accepted (EDI613), 25.5 hours
    after the PO (EDI615 with :data:`CHAIN_TIMING`); the 856 shipped Friday 2026-11-13 and sent
    a week later (EDI616); a second 856 that ships everything again (new cartons: EDI603
    twice); the 810, 6 business days after shipping (EDI617), and again under the same invoice
    number (EDI606, EDI617). Times are the senders' GS04/GS05 (no --received given)."""
    ack = _variant(tmp_path, "855.edi", ACK, ("PO1*2*6*PR*60.00", "PO1*2*6*PR*61.00"))
    shipped = _variant(
        tmp_path,
        "856.edi",
        ASN,
        ("TD5*B*2*UPSN~\n", "TD5*B*2*UPSN~\nDTM*011*20261113*1700~\n"),
        ("SE*18*0001", "SE*19*0001"),
    )
    again = _second_asn(tmp_path, "856-b.edi", "ASN100235", 100)
    invoice_again = _variant(tmp_path, "810-b.edi", INVOICE, ("000000203", "000000204"))
    return [ORDER, ack, shipped, again, INVOICE, invoice_again]


CHAIN_TIMING = """
id: chain-timing
title: "855 in 24 hours, ASN in 2 hours, invoice in 3 business days"
extends: x12
rules:
  - use: timing.acknowledgment
    with: {hours: 24}
  - use: timing.ship_notice
    with: {hours: 2}
  - use: timing.invoice
    with: {business_days: 3}
"""
_CHAIN_CODES = sorted(
    ["EDI603", "EDI603", "EDI606", "EDI613", "EDI615", "EDI616", "EDI617", "EDI617"]
)


def _chain_options(tmp_path: Path) -> list[str]:
    profile = tmp_path / "chain-timing.yaml"
    profile.write_text(CHAIN_TIMING)
    return ["--profile", str(profile), "--format", "json"]


def _json_codes(output: str) -> list[tuple[str, str, int, int]]:
    report = json.loads(output)
    return [
        (v["code"], f["file"], v["location"]["line"], v["location"]["element"])
        for f in report["files"]
        for d in f["documents"]
        for v in d["violations"]
    ]


# -- SQLite -------------------------------------------------------------------------------
def test_chain_added_one_at_a_time_gives_the_findings_of_the_set(tmp_path: Path) -> None:
    """Each document in its own `edikit book add` process, as if days apart."""
    paths = _faulty_chain(tmp_path)
    options = _chain_options(tmp_path)
    together = CliRunner().invoke(main, ["validate", "--set", *options, *map(str, paths)])
    assert together.exit_code == 1
    expected = _json_codes(together.output)
    assert sorted(c[0] for c in expected) == _CHAIN_CODES
    book = tmp_path / "book.db"
    found = []
    for path in paths:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "edikit",
                "book",
                "add",
                "--book",
                str(book),
                *options,
                str(path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        assert "recorded" in done.stderr
        found += _json_codes(done.stdout)
    assert found == expected


def test_a_file_added_twice_is_recorded_once(tmp_path: Path) -> None:
    with OrderBook(book_url(tmp_path / "b.db")) as book:
        assert book.add(ORDER, received_at=NOW).recorded
        first = book.add(ASN, received_at=NOW)
        second = book.add(ASN, received_at=NOW)
        assert first.recorded and not second.recorded
        assert _found([second.result]) == []  # not compared with itself
        assert book.counts()["files"] == 2
        [summary] = book.report()
        assert (summary.ordered, summary.shipped, summary.is_open) == (
            Decimal(18),
            Decimal(18),
            False,
        )


def test_validate_against_the_book_records_nothing(tmp_path: Path) -> None:
    url = book_url(tmp_path / "b.db")
    with OrderBook(url) as book:
        book.add(ORDER, received_at=NOW)
        book.add(ASN, received_at=NOW)
        again = _second_asn(tmp_path, "again.edi", "ASN100234", 100)
        codes = sorted(code for code, *_ in _found(book.check([again], received_at=NOW)))
        assert codes == ["EDI603", "EDI603", "EDI605"]
        assert book.counts()["files"] == 2


def test_a_replacement_takes_the_place_of_the_original_in_the_book(tmp_path: Path) -> None:
    replacement = _variant(tmp_path, "replace.edi", ASN, ("BSN*00*", "BSN*05*"))
    with OrderBook(book_url(tmp_path / "b.db")) as book:
        for path in (ORDER, ASN, replacement):
            assert _found([book.add(path, received_at=NOW).result]) == []
        [summary] = book.report()
        assert summary.shipped == 18


def test_numbers_stay_taken_for_their_horizon(tmp_path: Path) -> None:
    """An SSCC is free again after 12 months; an invoice number stays taken for 2 years."""
    later = NOW + dt.timedelta(days=400)
    reused = _variant(
        tmp_path,
        "reused.edi",
        ASN,
        ("ASN100234", "ASN100299"),
        ("SN1**12*PR", "SN1**0*PR"),
        ("SN1**6*PR", "SN1**0*PR"),
        ("CTT*6*18", "CTT*6*0"),
    )
    with OrderBook(book_url(tmp_path / "b.db")) as book:
        for path in (ORDER, ASN, INVOICE):
            book.add(path, received_at=NOW)
        soon = [c for c, *_ in _found(book.check([reused], received_at=NOW))]
        assert soon == ["EDI604", "EDI604"]
        assert _found(book.check([reused], received_at=later)) == []
        invoice = _variant(tmp_path, "810-b.edi", INVOICE, ("000000203", "000000204"))
        # still a duplicate number after 400 days (and it bills the shipped units again)
        codes = [c for c, *_ in _found(book.check([invoice], received_at=later))]
        assert codes == ["EDI606", "EDI609", "EDI609"]


def _add_all(url: str, paths: list[str]) -> int:
    with OrderBook(url) as book:
        return sum(book.add(Path(p), received_at=NOW).recorded for p in paths)


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    url = book_url(tmp_path / "b.db")
    with OrderBook(url) as book:
        book.add(ORDER, received_at=NOW)
    notices = [
        _second_asn(tmp_path, f"{n}.edi", f"ASN2{n:05d}", 1000 + 2 * n) for n in range(1, 41)
    ]
    shared = str(notices[0])  # both writers add this one: it is recorded once
    halves = [[shared, *map(str, notices[1::2])], [shared, *map(str, notices[2::2])]]
    with get_context("spawn").Pool(2) as pool:
        recorded = pool.starmap(_add_all, [(url, half) for half in halves])
    assert sum(recorded) == 40
    with OrderBook(url) as book:
        counts = book.counts()
        assert counts["files"] == 41
        assert counts["shipped"] == 80  # two lines per ship notice
        assert counts["uses"] == 40 * 3  # BSN02 and two SSCCs each
        [summary] = book.report()
        assert summary.shipped == 40 * 18


def test_schema_version_is_recorded_and_a_newer_book_is_refused(tmp_path: Path) -> None:
    url = book_url(tmp_path / "b.db")
    OrderBook(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        assert connection.execute(text("SELECT version FROM schema_version")).scalar() == (
            SCHEMA_VERSION
        )
        connection.execute(text("UPDATE schema_version SET version = 99"))
    engine.dispose()
    with pytest.raises(BookError, match="upgrade edikit"):
        OrderBook(url)
    result = CliRunner().invoke(main, ["book", "report", "--book", str(tmp_path / "b.db")])
    assert result.exit_code == 3
    assert "upgrade edikit" in result.output


def test_book_report_cli(tmp_path: Path) -> None:
    """Units per document kind, and the findings of each document added, per PO and in all
    (a ship notice for a PO the book does not know is listed, linked to no summary)."""
    book = str(tmp_path / "b.db")
    runner = CliRunner()
    assert runner.invoke(main, ["book", "add", "--book", book, str(ORDER)]).exit_code == 0
    report = json.loads(
        runner.invoke(main, ["book", "report", "--book", book, "--format", "json"]).output
    )
    assert report["schema"] == "edikit.book-report/3"
    assert report["orders"] == [
        {
            "number": "4500012345",
            "file": str(ORDER),
            "ordered": "18",
            "acknowledged": "0",
            "shipped": "0",
            "invoiced": "0",
            "open": True,
            "state": "open",
            "errors": 0,
            "warnings": 0,
        }
    ]
    over = _variant(tmp_path, "856.edi", ASN, ("SN1**6*PR", "SN1**7*PR"), ("CTT*6*18", "CTT*6*19"))
    stray = _variant(tmp_path, "856-stray.edi", ASN, ("PRF*4500012345", "PRF*4599999999"))
    stray = _variant(tmp_path, "856-stray.edi", stray, ("ASN100234", "ASN100299"))
    for path in (ACK, over, INVOICE):
        runner.invoke(main, ["book", "add", "--book", book, str(path)])
    runner.invoke(main, ["book", "add", "--book", book, str(stray)])
    report = json.loads(
        runner.invoke(main, ["book", "report", "--book", book, "--format", "json"]).output
    )
    [order] = report["orders"]
    assert (order["acknowledged"], order["shipped"], order["invoiced"]) == ("18", "19", "18")
    assert (order["open"], order["errors"]) == (False, 1)
    found = [(f["file"], f["order"], f["code"], f["line"]) for f in report["findings"]]
    assert found == [
        (str(over), "4500012345", "EDI603", 18),
        (str(stray), "4599999999", "EDI601", 8),
        (str(stray), "4599999999", "EDI604", 10),
        (str(stray), "4599999999", "EDI604", 15),
    ]
    text_report = runner.invoke(main, ["book", "report", "--book", book]).output
    assert "over-shipped" in text_report  # 19 shipped against 18 ordered is not complete
    assert report["orders"][0]["state"] == "over-shipped"
    assert f"{over}:18:" in text_report and "EDI603 (PO 4500012345)" in text_report


def test_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["book", "add", "--book", str(tmp_path / "b.db"), str(tmp_path / "missing.edi")]
    )
    assert result.exit_code == 3
    assert "EDI005" in result.output


# -- PostgreSQL ---------------------------------------------------------------------------
@pytest.fixture
def pg_book(postgres_url: str, request: pytest.FixtureRequest) -> str:
    """A new, empty database on the test server for each test."""
    name = "book_" + request.node.name.lower().replace("[", "_").replace("]", "")[:40]
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"


def test_postgres_book_gives_the_findings_of_the_set(pg_book: str, tmp_path: Path) -> None:
    paths = _faulty_chain(tmp_path)
    options = _chain_options(tmp_path)
    together = CliRunner().invoke(main, ["validate", "--set", *options, *map(str, paths)])
    assert sorted(c[0] for c in _json_codes(together.output)) == _CHAIN_CODES
    found = []
    for path in paths:
        result = CliRunner().invoke(main, ["book", "add", "--book", pg_book, *options, str(path)])
        assert result.exit_code in (0, 1), result.output
        found += _json_codes(result.stdout)
    assert found == _json_codes(together.output)


def test_postgres_two_processes_lose_nothing(pg_book: str, tmp_path: Path) -> None:
    with OrderBook(pg_book) as book:
        book.add(ORDER, received_at=NOW)
    notices = [
        _second_asn(tmp_path, f"{n}.edi", f"ASN3{n:05d}", 5000 + 2 * n) for n in range(1, 21)
    ]
    shared = str(notices[0])
    halves = [[shared, *map(str, notices[1::2])], [shared, *map(str, notices[2::2])]]
    with get_context("spawn").Pool(2) as pool:
        recorded = pool.starmap(_add_all, [(pg_book, half) for half in halves])
    assert sum(recorded) == 20
    with OrderBook(pg_book) as book:
        counts = book.counts()
        assert (counts["files"], counts["shipped"], counts["uses"]) == (21, 40, 60)


def test_a_po_from_a_file_of_several_orders_is_found(tmp_path: Path) -> None:
    second = ORDER.read_text().replace("4500012345", "4500012346").replace("000000101", "000000102")
    orders = tmp_path / "orders.edi"
    orders.write_text(ORDER.read_text() + second)
    notice = _variant(tmp_path, "856.edi", ASN, ("PRF*4500012345", "PRF*4500012346"))
    with OrderBook(book_url(tmp_path / "b.db")) as book:
        assert _found([book.add(orders, received_at=NOW).result]) == []
        added = book.add(notice, received_at=NOW).result
        assert _found([added]) == []
        links = [v.message for v in added.all_violations() if v.code == "EDI600"]
        assert links == [f"this 856 is linked to PO 4500012346 (850 0001 in {orders})"]
        assert {o.number: o.shipped for o in book.report()} == {
            "4500012345": Decimal(0),
            "4500012346": Decimal(18),
        }


def test_a_version_1_book_is_migrated_and_keeps_its_records(tmp_path: Path) -> None:
    """A book written before invoiced units were kept (schema 1) gains the table on open."""
    url = book_url(tmp_path / "old.db")
    engine = create_engine(url)
    with engine.begin() as connection:
        schema.MIGRATIONS[0](connection)
        connection.execute(schema.schema_version.insert().values(version=1))
    engine.dispose()
    with OrderBook(url) as book:  # migrated here
        book.add(ORDER, received_at=NOW)
        book.add(ASN, received_at=NOW)
        assert _found([book.add(INVOICE, received_at=NOW).result]) == []
        assert book.counts()["files"] == 3
        [summary] = book.report()
        assert (summary.shipped, summary.invoiced) == (Decimal(18), Decimal(18))
    engine = create_engine(url)
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version FROM schema_version")).scalar()
        assert version == schema.SCHEMA_VERSION == 6
        assert connection.execute(text("SELECT count(*) FROM invoiced")).scalar() == 2
    engine.dispose()


def test_a_version_2_book_keeps_its_ship_notices_for_invoices(tmp_path: Path) -> None:
    """A ship notice recorded by schema 2 left shipped units but no shipment row with a ship
    time nor a store: after the migration an invoice is still matched with it (no EDI614)."""
    url = book_url(tmp_path / "v2.db")
    engine = create_engine(url)
    with engine.begin() as connection:  # what edikit with schema 2 wrote for the 850 and 856
        for step in schema.MIGRATIONS[:2]:
            step(connection)
        connection.execute(schema.schema_version.insert().values(version=2))
        for number, path in enumerate((ORDER, ASN), start=1):
            connection.execute(
                schema.files.insert().values(
                    id=number,
                    sha256=str(number),
                    name=str(path),
                    received_at=NOW,
                    content=path.read_bytes(),
                )
            )
        connection.execute(
            schema.orders.insert().values(number="4500012345", file_id=1, position=0)
        )
        for line, quantity in enumerate((12, 6)):
            connection.execute(
                text(
                    "INSERT INTO order_lines (order_number, line, quantity, unit) "
                    f"VALUES ('4500012345', {line}, {quantity}, 'PR')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO shipped (order_number, line, shipment, units, file_id) "
                    f"VALUES ('4500012345', {line}, 'ASN100234', {quantity}, 2)"
                )
            )
    engine.dispose()
    with OrderBook(url) as book:
        assert _found([book.add(INVOICE, received_at=NOW).result]) == []
        assert book.counts()["shipments"] == 0
        [summary] = book.report()
        assert (summary.shipped, summary.invoiced) == (Decimal(18), Decimal(18))


def test_validate_with_a_book_checks_the_inputs_against_each_other_too(tmp_path: Path) -> None:
    """Two ship notices checked against a book that holds only the PO: the second one's
    reused cartons and units shipped twice are found, and nothing is recorded; --set adds
    nothing to --book."""
    book = str(tmp_path / "b.db")
    runner = CliRunner()
    assert runner.invoke(main, ["book", "add", "--book", book, str(ORDER)]).exit_code == 0
    again = _variant(tmp_path, "856-again.edi", ASN, ("ASN100234", "ASN100235"))
    outputs = []
    for extra in ([], ["--set"]):
        result = runner.invoke(
            main, ["validate", *extra, "--book", book, "--format", "json", str(ASN), str(again)]
        )
        assert result.exit_code == 1, result.output
        report = json.loads(result.output)
        outputs.append(
            [
                (f["file"], v["code"])
                for f in report["files"]
                for d in f["documents"]
                for v in d["violations"]
            ]
        )
    # both cartons reused, both lines shipped a second time; the first ship notice is clean
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == [(str(again), "EDI603")] * 2 + [(str(again), "EDI604")] * 2
    with OrderBook(book_url(book)) as order_book:
        assert order_book.counts()["files"] == 1


_TIMING = """
id: book-timing
title: "855 in 48 hours, invoice in 3 business days"
extends: x12
rules:
  - use: timing.acknowledgment
    with: {hours: 48}
  - use: timing.invoice
    with: {business_days: 3}
"""


def test_timing_rules_read_the_received_times_of_earlier_documents(tmp_path: Path) -> None:
    """The PO was received on Monday 2026-11-02 08:00; its 855 on Thursday (73 hours later);
    the ship notice says shipped Friday 2026-11-06 16:00; the invoice came the Friday after
    (5 business days). Each check reads the earlier document's time from the book."""
    profile_path = tmp_path / "timing.yaml"
    profile_path.write_text(_TIMING)
    profile = ruleset(load_profile(profile_path))
    shipped = _variant(
        tmp_path,
        "856.edi",
        ASN,
        ("TD5*B*2*UPSN~\n", "TD5*B*2*UPSN~\nDTM*011*20261106*1600~\n"),
        ("SE*18*0001", "SE*19*0001"),
    )
    monday = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
    with OrderBook(book_url(tmp_path / "b.db")) as book:
        book.add(ORDER, received_at=monday, rules=profile)
        ack = book.add(ACK, received_at=monday + dt.timedelta(hours=73), rules=profile).result
        book.add(shipped, received_at=monday + dt.timedelta(days=4, hours=9), rules=profile)
        invoice = book.add(INVOICE, received_at=monday + dt.timedelta(days=11), rules=profile)
    assert _found([ack]) == [("EDI615", str(ACK), 4, 3)]
    assert _found([invoice.result]) == [("EDI617", str(INVOICE), 4, 2)]
    # by the senders' envelopes the 855 came 25.5 hours after the PO
    with OrderBook(book_url(tmp_path / "e.db")) as book:
        book.add(ORDER, rules=profile)
        ack = book.add(ACK, rules=profile).result
    assert _found([ack]) == []


def test_units_per_store_add_up_across_the_book(tmp_path: Path) -> None:
    """A PO line of 12 pairs distributed 8 to store 0042 and 4 to 0043 (SDQ): 6 pairs for
    0042, then 4 for 0043, then 3 more for 0042 (9 of its 8), each added on its own."""
    order = _variant(
        tmp_path,
        "850.edi",
        ORDER,
        (
            "PO1*1*12*PR*54.50**UP*012345678905~\n",
            "PO1*1*12*PR*54.50**UP*012345678905~\nSDQ*PR*92*0042*8*0043*4~\n",
        ),
        ("SE*7*0001", "SE*8*0001"),
    )

    def for_store(name: str, number: str, serial: int, store: str, pairs: int) -> Path:
        notice = _second_asn(tmp_path, name, number, serial)
        return _variant(
            tmp_path,
            name,
            notice,
            ("PRF*4500012345~\n", f"PRF*4500012345~\nN1*BY*STORE*92*{store}~\n"),
            ("SN1**12*PR", f"SN1**{pairs}*PR"),
            (
                "HL*5*2*P~\nMAN*GM*"
                + _sscc(serial + 1)
                + "~\nHL*6*5*I~\nLIN**UP*012345678912*VN*RUN-200-10~\nSN1**6*PR~\n",
                "",
            ),
            ("CTT*6*18", f"CTT*4*{pairs}"),
            ("SE*18*0001", "SE*14*0001"),
        )

    with OrderBook(book_url(tmp_path / "b.db")) as book:
        book.add(order, received_at=NOW)
        first = book.add(for_store("a.edi", "ASN1", 100, "0042", 6), received_at=NOW).result
        second = book.add(for_store("b.edi", "ASN2", 200, "0043", 4), received_at=NOW).result
        third = book.add(for_store("c.edi", "ASN3", 300, "0042", 3), received_at=NOW).result
    assert _found([first, second]) == []
    found = [
        (v.code, v.location.segment_id)
        for v in third.all_violations()
        if v.severity is Severity.ERROR
    ]
    assert found == [("EDI603", "SN1"), ("EDI619", "SN1")]


def test_a_cancelled_po_stays_cancelled_in_the_book(tmp_path: Path) -> None:
    """The PO, then (another day, another process) its cancellation, then a ship notice."""
    cancel = _variant(
        tmp_path, "850-cancel.edi", ORDER, ("BEG*00*SA*", "BEG*01*SA*"), ("000000101", "000000109")
    )
    book = str(tmp_path / "b.db")
    runner = CliRunner()
    for path in (ORDER, cancel):
        assert runner.invoke(main, ["book", "add", "--book", book, str(path)]).exit_code == 0
    result = runner.invoke(main, ["book", "add", "--book", book, "--format", "json", str(ASN)])
    assert result.exit_code == 1
    codes = [
        (v["code"], v["location"]["segment_id"])
        for f in json.loads(result.stdout)["files"]
        for d in f["documents"]
        for v in d["violations"]
    ]
    assert codes == [("EDI620", "PRF")]
    report = json.loads(
        runner.invoke(main, ["book", "report", "--book", book, "--format", "json"]).output
    )
    assert [(o["number"], o["state"], o["open"]) for o in report["orders"]] == [
        ("4500012345", "cancelled", False)
    ]


def test_postgres_keeps_values_with_nul_characters(pg_book: str, tmp_path: Path) -> None:
    """PostgreSQL text cannot hold NUL: a faulty PO number and BSN02 with one are stored and
    compared as they are (the second ship notice reuses the first one's BSN02)."""
    order = _variant(tmp_path, "850.edi", ORDER, ("4500012345", "45000\x0012345"))
    first = _variant(
        tmp_path,
        "856.edi",
        ASN,
        ("PRF*4500012345", "PRF*45000\x0012345"),
        ("ASN100234", "A\x00\\1"),
    )
    second = _second_asn(tmp_path, "856-b.edi", "A\x00\\1", 100)
    second = _variant(tmp_path, "856-b.edi", second, ("PRF*4500012345", "PRF*45000\x0012345"))
    with OrderBook(pg_book) as book:
        for path in (order, first):
            book.add(path, received_at=NOW)
        again = book.add(second, received_at=NOW).result
        [summary] = book.report()
    codes = [v.code for v in again.all_violations() if v.severity is Severity.ERROR]
    assert sorted(set(codes)) == ["EDI305", "EDI603", "EDI605"]
    assert summary.number == "45000\x0012345" and summary.shipped == Decimal(36)


def test_a_profile_sets_how_long_a_number_stays_taken(tmp_path: Path) -> None:
    """invoice.unique_number's horizon_days: an invoice number reused after 400 days is a
    duplicate by the book's default (2 years), not with a profile's 1 year."""
    later = NOW + dt.timedelta(days=400)
    profile = tmp_path / "year.yaml"
    profile.write_text(
        "id: year\ntitle: invoice numbers for a year\nextends: x12\nrules:\n"
        "  - use: invoice.unique_number\n    with: {horizon_days: 365}\n    id: INV-9\n",
        encoding="utf-8",
    )
    invoice = _variant(tmp_path, "810-b.edi", INVOICE, ("000000203", "000000204"))
    with OrderBook(book_url(tmp_path / "b.db")) as book:
        for path in (ORDER, ASN, INVOICE):
            book.add(path, received_at=NOW)
        default = [c for c, *_ in _found(book.check([invoice], received_at=later))]
        assert "EDI606" in default
        year = ruleset(profile)
        found = book.check([invoice], received_at=later, rules=year)
        assert "EDI606" not in [c for c, *_ in _found(found)]
        soon = book.check([invoice], received_at=NOW + dt.timedelta(days=30), rules=year)
        duplicates = [v for r in soon for v in r.iter_violations() if v.code == "EDI606"]
        assert [v.rule_id for v in duplicates] == ["INV-9"]


def _codes(output: str) -> list[str]:
    """The codes of a one-file JSON report: the file's findings and its documents'."""
    [found] = json.loads(output[output.index("{") :])["files"]
    inside = [v for document in found["documents"] for v in document["violations"]]
    return [v["code"] for v in [*found["violations"], *inside]]


def test_with_a_book_holding_no_order_an_unknown_po_stays_an_error(tmp_path: Path) -> None:
    """Without a book, a set with no 850 says so once (EDI621, information); with --book the
    book is the record of every order, so a ship notice naming a PO it lacks is EDI601, even
    when the book holds no 850 at all."""
    book = str(tmp_path / "b.db")
    runner = CliRunner()
    made = runner.invoke(main, ["book", "add", "--book", book, "--format", "json", str(INVOICE)])
    assert _codes(made.stdout) == ["EDI601"]
    result = runner.invoke(main, ["validate", "--book", book, "--format", "json", str(ASN)])
    assert _codes(result.stdout) == ["EDI601"] and result.exit_code == 1
    shown = ["--min-severity", "info", "--format", "json"]  # information is hidden by default
    alone = runner.invoke(main, ["validate", "--set", *shown, str(ASN)])
    assert _codes(alone.stdout) == ["EDI621"] and alone.exit_code == 0
