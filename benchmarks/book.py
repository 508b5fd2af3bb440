"""Time the order book: add N purchase orders, then add (check and record) N ship notices
against them, one file per document, as they arrive; report per-document times.

    python benchmarks/book.py                       # 10,000 POs and 10,000 ASNs, SQLite
    python benchmarks/book.py --count 2000 --url postgresql+psycopg://user@host/db

Each ship notice names one PO, ships both of its lines in two cartons, so every add looks up
the PO (read back from the book), two SSCCs, the BSN02 and the units already shipped. For a
comparison point the same ship notices are also validated alone (edikit.validate, no book):
the difference is the cost of the book. No peer library keeps an order book, so there is no
peer column. The machine is shared and noisy: compare medians and ratios.

With ``--bulk``, the same files are then added to a second, new book the way ``edikit book
add`` of many files does (``OrderBook.add_many``: validated first, then recorded in batches
of 500 files to a transaction), and the documents per second of both ways are compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import edikit
from edikit.book import OrderBook, book_url
from edikit.rules.business.gs1 import check_digit

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def _envelope(sender: str, receiver: str, gs01: str, control: int, body: list[str]) -> str:
    isa = (
        f"ISA*00*{'':10}*00*{'':10}*ZZ*{sender:<15}*ZZ*{receiver:<15}*261120*0930*U*00401"
        f"*{control:09d}*0*P*>"
    )
    gs = f"GS*{gs01}*{sender}*{receiver}*20261120*0930*{control}*X*004010"
    segments = [isa, gs, *body, f"GE*1*{control}", f"IEA*1*{control:09d}"]
    return "~\n".join(segments) + "~\n"


def _upc(n: int) -> str:
    body = f"0{n:010d}"
    return body + str(check_digit(body))


def _sscc(n: int) -> str:
    body = f"00812345{n:09d}"
    return f"00{body}{check_digit(body)}"


def purchase_order(n: int) -> str:
    body = [
        "ST*850*0001",
        f"BEG*00*SA*45{n:08d}**20261101",
        f"PO1*1*12*PR*54.50**UP*{_upc(2 * n)}",
        f"PO1*2*6*PR*60.00**UP*{_upc(2 * n + 1)}",
        "CTT*2*18",
        "SE*6*0001",
    ]
    return _envelope("FOOTRETAILER", "STRIDEFOOTWEAR", "PO", n + 1, body)


def ship_notice(n: int) -> str:
    levels = [
        f"BSN*00*ASN{n:08d}*20261120*0930*0001",
        "HL*1**S",
        "TD5*B*2*UPSN",
        "HL*2*1*O",
        f"PRF*45{n:08d}",
        "HL*3*2*P",
        f"MAN*GM*{_sscc(2 * n)}",
        "HL*4*3*I",
        f"LIN**UP*{_upc(2 * n)}",
        "SN1**12*PR",
        "HL*5*2*P",
        f"MAN*GM*{_sscc(2 * n + 1)}",
        "HL*6*5*I",
        f"LIN**UP*{_upc(2 * n + 1)}",
        "SN1**6*PR",
        "CTT*6*18",
    ]
    body = ["ST*856*0001", *levels, f"SE*{len(levels) + 2}*0001"]
    return _envelope("STRIDEFOOTWEAR", "FOOTRETAILER", "SH", n + 1, body)


def _write(folder: Path, count: int) -> tuple[list[Path], list[Path]]:
    orders, notices = [], []
    for n in range(count):
        order, notice = folder / f"850-{n:05d}.edi", folder / f"856-{n:05d}.edi"
        order.write_text(purchase_order(n))
        notice.write_text(ship_notice(n))
        orders.append(order)
        notices.append(notice)
    return orders, notices


def _timed_adds(book: OrderBook, paths: list[Path]) -> tuple[list[float], int]:
    times, problems = [], 0
    for path in paths:
        start = time.perf_counter()
        result = book.add(path, received_at=NOW)
        times.append(time.perf_counter() - start)
        problems += sum(1 for v in result.result.all_violations() if v.severity.rank >= 2)
    return times, problems


def _line(label: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[int(len(ms) * 0.95) - 1]
    return (
        f"{label:<34} {len(ms):>6} docs  median {statistics.median(ms):7.2f} ms  "
        f"p95 {p95:7.2f} ms  total {sum(ms) / 1000:7.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--url", help="a database URL (default: a new SQLite file)")
    parser.add_argument("--bulk", action="store_true", help="also add the files in bulk")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edikit-book-") as tmp:
        folder = Path(tmp)
        orders, notices = _write(folder, args.count)
        alone = []
        for path in notices[: min(len(notices), 2000)]:
            start = time.perf_counter()
            edikit.validate(path)
            alone.append(time.perf_counter() - start)
        url = args.url or book_url(folder / "book.db")
        with OrderBook(url) as book:
            order_times, _ = _timed_adds(book, orders)
            notice_times, problems = _timed_adds(book, notices)
            counts = book.counts()
        print(f"order book at {url.split('://')[0]}: {counts}")
        print(_line("validate 856 alone (no book)", alone))
        print(_line("book add 850", order_times))
        print(_line("book add 856 (check + record)", notice_times))
        tenth = len(notice_times) // 10
        print(_line("  the first 10% of the 856s", notice_times[:tenth]))
        print(_line("  the last 10% of the 856s", notice_times[-tenth:]))
        ratio = statistics.median(notice_times) / statistics.median(alone)
        print(f"856 add / validate alone (medians): {ratio:.2f}x; errors reported: {problems}")
        if args.bulk:
            _compare_bulk(folder, orders, notices, order_times, notice_times, args.url)


def _compare_bulk(
    folder: Path,
    orders: list[Path],
    notices: list[Path],
    order_times: list[float],
    notice_times: list[float],
    url: str | None,
) -> None:
    """The same files added to a new book in bulk: documents per second, both ways."""
    rules = edikit.ruleset()
    with OrderBook(url or book_url(folder / "bulk.db")) as book:
        rates = []
        for label, paths, one_by_one in (
            ("850", orders, order_times),
            ("856", notices, notice_times),
        ):
            start = time.perf_counter()
            validated = [edikit.validate_file(p, rules, name=str(p)) for p in paths]
            checked = time.perf_counter()
            added = book.add_many(paths, received_at=NOW, rules=rules, validated=validated)
            done = time.perf_counter()
            assert all(a.recorded for a in added)
            before, after = len(paths) / sum(one_by_one), len(paths) / (done - start)
            rates.append((label, before, after))
            print(
                f"book add {label} in bulk: validate {checked - start:6.1f} s + record "
                f"{done - checked:6.1f} s = {after:7.0f} docs/s; one by one {before:7.0f} docs/s "
                f"({after / before:.2f}x)"
            )
        print(f"bulk book counts: {book.counts()}")


if __name__ == "__main__":
    main()
