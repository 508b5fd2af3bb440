"""Time the compliance scorecard on a large generated order book, and check it: 3 retailers x
12 weeks x N purchase orders a week each (default 1,000: 36,000 POs and their 855s, 856s and
810s), faults planted as in tests/book/generated_book.py. Every figure of every retailer and
week is compared with the one computed from the generator's plan.

    python benchmarks/scorecard.py                 # 1,000 POs per retailer and week, SQLite
    python benchmarks/scorecard.py --per-week 100  # a smaller book

Reports the time to build the book (book add of each retailer's files), to compute the
scorecard (OrderBook.scorecard), and to write its HTML report. The machine is shared and
noisy: read orders of magnitude.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' generator

from tests.book.generated_book import expected_figures, plan_book, write_book_files

import edikit
from edikit.book import OrderBook, book_url
from edikit.report.html import write_scorecard_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-week", type=int, default=1_000)
    options = parser.parse_args()
    book = plan_book(per_week=options.per_week)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        files = write_book_files(book, folder)
        url = book_url(folder / "book.sqlite")
        started = time.perf_counter()
        # Every finding recorded: each retailer's ship notices are one file of up to 12,000
        # documents, past the report's default caps (1,000 of a code per file).
        rules = {
            p: edikit.ruleset(p, min_severity="warning", max_per_rule=None, max_per_file=None)
            for _, p in files
        }
        with OrderBook(url) as order_book:
            for path, profile in files:
                order_book.add(path, rules=rules[profile])
        built = time.perf_counter() - started
        documents = sum(path.read_text().count("ST*") for path, _ in files)
        print(f"{len(book.plans):,} POs, {documents:,} documents: book built in {built:.1f} s")
        with OrderBook(url, create=False) as order_book:
            started = time.perf_counter()
            card = order_book.scorecard()
            computed = time.perf_counter() - started
        started = time.perf_counter()
        page = io.StringIO()
        write_scorecard_html(card.to_json(), page, title="scorecard")
        drawn = time.perf_counter() - started
        omitted = card.totals().findings_omitted
        print(
            f"scorecard computed in {computed:.2f} s ({omitted} findings left out by caps); "
            f"HTML ({len(page.getvalue()) / 1e3:.0f} kB) written in {drawn:.2f} s"
        )
        expected = expected_figures(book)
        found = {(r, p): f for r, periods in card.retailers.items() for p, f in periods.items()}
        wrong = [
            key
            for key, figures in expected.items()
            if key not in found or found[key].to_json() != figures.to_json()
        ]
        extra = set(found) - set(expected)
        for key in wrong[:3]:  # what differs, to find why
            mine, truth = found.get(key), expected[key].to_json()
            shown = mine.to_json() if mine else {}
            print(key, {k: (shown.get(k), v) for k, v in truth.items() if shown.get(k) != v})
        print(
            f"{len(expected)} retailer-weeks compared with the generator's plan: "
            f"{len(wrong)} differ, {len(extra)} unexpected"
        )
        if wrong or extra:
            sys.exit(1)


if __name__ == "__main__":
    main()
