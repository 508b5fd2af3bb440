"""The compliance scorecard on a generated order book: 3 retailers x 12 weeks, 1,008 POs with
late, short, over and wrong documents planted. Every figure the book reports is computed again
from the generator's plan (tests/book/generated_book.py: expected_figures), not by edikit."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import edikit
from edikit.book import OrderBook, book_url
from edikit.book.scorecard import DEFINITIONS, Scorecard, period_of
from edikit.cli import main
from tests.book.generated_book import (
    FEES,
    Book,
    codes_of,
    expected_figures,
    plan_book,
    write_book_files,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, Path]:
    book = plan_book()
    folder = tmp_path_factory.mktemp("generated")
    files = write_book_files(book, folder)
    url = book_url(folder / "book.sqlite")
    rules = {p: edikit.ruleset(p, min_severity="warning") for p in {p for _, p in files}}
    with OrderBook(url) as order_book:
        for path, profile in files:
            order_book.add(path, rules=rules[profile])
    return book, folder / "book.sqlite"


@pytest.fixture(scope="module")
def card(generated: tuple[Book, Path]) -> Scorecard:
    _, path = generated
    with OrderBook(book_url(path), create=False) as book:
        return book.scorecard()


def test_the_book_is_as_large_as_asked(generated: tuple[Book, Path]) -> None:
    book, _ = generated
    assert len(book.retailers) == 3
    assert len({period_of(p.received.date(), "week") for p in book.plans}) == 12
    assert len(book.plans) >= 1_000
    planted = Counter(code for _, _, code in codes_of(book))
    assert set(planted) == set(FEES)  # every kind of fault is there
    assert sum(p.late for p in book.plans) and sum(p.early for p in book.plans)
    assert sum(p.shipped[0] < p.ordered[0] for p in book.plans if p.shipped_on)  # short


def test_every_finding_recorded_is_one_planted(generated: tuple[Book, Path]) -> None:
    book, path = generated
    with OrderBook(book_url(path), create=False) as order_book:
        recorded = Counter(f.code for f in order_book.findings())
    assert recorded == Counter(code for _, _, code in codes_of(book))


def test_every_figure_equals_the_ground_truth(
    generated: tuple[Book, Path], card: Scorecard
) -> None:
    book, _ = generated
    expected = expected_figures(book)
    found = {
        (retailer, period): figures
        for retailer, periods in card.retailers.items()
        for period, figures in periods.items()
    }
    assert set(found) == set(expected)
    for key, figures in expected.items():
        assert found[key].to_json() == figures.to_json(), key


def test_totals_and_rates_add_up(generated: tuple[Book, Path], card: Scorecard) -> None:
    book, _ = generated
    totals = card.totals()
    live = [p for p in book.plans if not p.cancelled]
    assert totals.orders == len(live)
    otif = sum(
        p.shipped_on is not None
        and not p.early
        and not p.late
        and all(s >= o for s, o in zip(p.shipped, p.ordered, strict=True))
        for p in live
    )
    assert totals.rates()["otif_rate"] == pytest.approx(otif / len(live))
    ordered = sum(sum(p.ordered) for p in live)
    filled = sum(min(s, o) for p in live for s, o in zip(p.shipped, p.ordered, strict=True))
    assert totals.rates()["unit_fill_rate"] == pytest.approx(filled / ordered)


def test_the_costliest_rules_are_ranked_by_exposure(card: Scorecard) -> None:
    top = card.top_rules()
    amounts = [sum(r.exposure.values()) for r in top]
    assert amounts == sorted(amounts, reverse=True)
    assert {r.code for r in top} == set(FEES)


def test_a_month_card_holds_the_same_totals(generated: tuple[Book, Path], card: Scorecard) -> None:
    _, path = generated
    with OrderBook(book_url(path), create=False) as book:
        monthly = book.scorecard(period="month")
    assert monthly.totals().to_json() == card.totals().to_json()
    assert all(p.count("-") == 1 for r in monthly.retailers.values() for p in r)


def test_book_report_json_has_the_scorecard_with_definitions(
    generated: tuple[Book, Path], card: Scorecard
) -> None:
    _, path = generated
    result = CliRunner().invoke(main, ["book", "report", "--book", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    scorecard = data["scorecard"]
    schema = json.loads((REPO / "docs" / "scorecard-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(scorecard, schema)
    assert scorecard["totals"] == card.totals().to_json()
    assert scorecard["definitions"] == DEFINITIONS


def test_the_definitions_are_in_the_docs() -> None:
    page = " ".join((REPO / "docs" / "scorecard.md").read_text(encoding="utf-8").split())
    for name, text in DEFINITIONS.items():
        assert f"`{name}`" in page and text in page, name


def test_book_report_html_is_one_page_with_charts(
    generated: tuple[Book, Path], tmp_path: Path
) -> None:
    _, path = generated
    output = tmp_path / "scorecard.html"
    result = CliRunner().invoke(
        main, ["book", "report", "--book", str(path), "--format", "html", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    for chart in ("chart-otif", "chart-exposure", "chart-rules"):
        assert f'id="{chart}"><svg' in page
    assert "RETAILERB by week" in page and "Definitions" in page


def test_a_window_per_retailer_changes_its_figures(generated: tuple[Book, Path]) -> None:
    from edikit.book.scorecard import Windows

    _, path = generated
    with OrderBook(book_url(path), create=False) as book:
        strict = book.scorecard(by_retailer={"RETAILERA": Windows(ack_hours=1, asn_hours=1)})
    a, b = strict.retailer_totals("RETAILERA"), strict.retailer_totals("RETAILERB")
    assert a.acknowledged_on_time == 0 and a.shipments_on_time == 0
    assert b.acknowledged_on_time > 0


def test_a_version_5_book_gets_its_documents_when_migrated(tmp_path: Path) -> None:
    """Files recorded before schema 6 are read once for their documents (the scorecard's
    records); their findings keep no fee."""
    from sqlalchemy import create_engine, insert, text

    from edikit.book import schema

    chain = REPO / "fixtures" / "chains" / "clean"
    url = book_url(tmp_path / "v5.sqlite")
    engine = create_engine(url)
    with engine.begin() as connection:
        for step in schema.MIGRATIONS[:5]:
            step(connection)
        connection.execute(schema.schema_version.insert().values(version=5))
        for number, name in enumerate(("850", "856")):
            content = (chain / f"{name}.edi").read_bytes()
            connection.execute(
                insert(schema.files).values(
                    id=number + 1,
                    sha256=f"{number:064d}",
                    name=f"{name}.edi",
                    received_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
                    content=content,
                )
            )
    engine.dispose()
    with OrderBook(url) as book:  # migrated here
        card = book.scorecard()
    with create_engine(url).connect() as connection:
        rows = connection.execute(
            text("SELECT set_id, partner, order_number FROM documents ORDER BY id")
        ).all()
    assert [tuple(r) for r in rows] == [
        ("850", "FOOTRETAILER", "4500012345"),
        ("856", "FOOTRETAILER", "4500012345"),
    ]
    assert card.totals().asns == 1


def test_an_empty_book_has_an_empty_scorecard(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    OrderBook(book_url(path)).close()
    for output_format in ("json", "html", "text"):
        result = CliRunner().invoke(
            main, ["book", "report", "--book", str(path), "--format", output_format]
        )
        assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["book", "report", "--book", str(path), "--format", "json"])
    assert json.loads(result.output)["scorecard"]["retailers"] == []


def test_book_report_takes_a_retailers_own_windows(generated: tuple[Book, Path]) -> None:
    _, path = generated
    command = ["book", "report", "--book", str(path), "--format", "json"]
    result = CliRunner().invoke(main, [*command, "--window", "RETAILERA=1,1"])
    assert result.exit_code == 0, result.output
    by_retailer = {
        r["retailer"]: r["totals"] for r in json.loads(result.output)["scorecard"]["retailers"]
    }
    assert by_retailer["RETAILERA"]["acknowledged_on_time"] == 0
    assert by_retailer["RETAILERA"]["shipments_on_time"] == 0
    assert by_retailer["RETAILERB"]["acknowledged_on_time"] > 0
    refused = CliRunner().invoke(main, [*command, "--window", "RETAILERA=soon"])
    assert refused.exit_code == 2
    assert "RETAILER=ACK,ASN" in refused.output


def test_findings_the_caps_left_out_are_counted_and_said(tmp_path: Path) -> None:
    """A book whose files were added with tight finding caps: the scorecard counts what the
    caps left out (it cannot place those findings one by one) and every report says so."""
    book = plan_book(per_week=4)
    files = write_book_files(book, tmp_path / "files")
    url = book_url(tmp_path / "capped.sqlite")
    left_out = 0
    with OrderBook(url) as order_book:
        for path, profile in files:
            rules = edikit.ruleset(profile, min_severity="warning", max_per_rule=1)
            added = order_book.add(path, rules=rules)
            left_out += added.result.omitted_count
        card = order_book.scorecard()
        recorded = len(order_book.findings())
    planted = sum(1 for _ in codes_of(book))
    assert left_out > 0
    assert card.totals().findings_omitted == left_out
    assert recorded + left_out == planted
    assert card.totals().asn_findings < sum(f.asn_findings for f in expected_figures(book).values())
    report = ["book", "report", "--book", str(tmp_path / "capped.sqlite")]
    text = CliRunner().invoke(main, report)
    assert f"{left_out:,} errors and warnings were left out by the finding caps" in text.output
    page = tmp_path / "card.html"
    CliRunner().invoke(main, [*report, "--format", "html", "-o", str(page)])
    assert 'id="omitted"' in page.read_text(encoding="utf-8")
