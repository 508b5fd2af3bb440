"""The scorecard at the size a brand's lead reads it: 3 retailers x 12 weeks x 1,000 POs a
week (36,000 POs, about 174,000 documents) with late, short, over and wrong documents planted.
Every figure of every retailer and week equals the one computed from the generator's plan
(tests/book/generated_book.py), as test_scorecard.py checks on a book of 1,008 POs.

The largest test of the suite (a few minutes): the book is built once for the module."""

from __future__ import annotations

import pytest

import edikit
from edikit.book import OrderBook, book_url
from edikit.book.scorecard import Scorecard
from tests.book.generated_book import Book, expected_figures, plan_book, write_book_files


@pytest.fixture(scope="module")
def full_size(tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, Scorecard]:
    book = plan_book(per_week=1_000)
    folder = tmp_path_factory.mktemp("full-size")
    files = write_book_files(book, folder)
    # Each retailer's ship notices are one file of up to 12,000 documents: past the report's
    # default caps, so every finding is recorded for the scorecard to count.
    rules = {
        p: edikit.ruleset(p, min_severity="warning", max_per_rule=None, max_per_file=None)
        for p in {p for _, p in files}
    }
    url = book_url(folder / "book.sqlite")
    with OrderBook(url) as order_book:
        for path, profile in files:
            order_book.add(path, rules=rules[profile])
        return book, order_book.scorecard()


def test_the_book_has_1000_pos_a_week_for_each_retailer(full_size: tuple[Book, Scorecard]) -> None:
    book, _ = full_size
    assert len(book.retailers) == 3
    for retailer in book.retailers:
        assert sum(p.retailer == retailer for p in book.plans) == 12 * 1_000


def test_every_figure_of_every_retailer_and_week_equals_the_plan(
    full_size: tuple[Book, Scorecard],
) -> None:
    book, card = full_size
    expected = expected_figures(book)
    found = {(r, p): f for r, periods in card.retailers.items() for p, f in periods.items()}
    assert set(found) == set(expected)
    wrong = [key for key, figures in expected.items() if found[key].to_json() != figures.to_json()]
    assert wrong == []
    assert card.totals().findings_omitted == 0
