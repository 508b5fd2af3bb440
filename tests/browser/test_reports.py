"""Each kind of HTML report opened in Chromium: the tree, the highlights, the filters and the
charts render and work, and a document carrying ``<script>`` runs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page

import edikit
from edikit.book import OrderBook, book_url
from edikit.cli import main
from tests.book.generated_book import Book, plan_book, write_book_files
from tests.browser.conftest import screenshot
from tests.report.test_html import hostile_document

REPO = Path(__file__).resolve().parents[2]
CHAIN = REPO / "fixtures" / "chains" / "clean"


def _report(tmp_path: Path, *args: str) -> Path:
    output = tmp_path / "report.html"
    result = CliRunner().invoke(main, [*args, "-o", str(output)])
    assert result.exit_code in (0, 1), result.output
    return output


def _open(page: Page, path: Path) -> list[str]:
    """Open a report; the console's messages and the page's errors, to check nothing ran."""
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))
    page.on("pageerror", lambda error: said.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    return said


def _visible_findings(page: Page) -> int:
    """The findings listed under each file and shown (each is also drawn at its segment
    once the file's tree is open)."""
    return page.locator(".finding.listed:visible").count()


def test_explain_report_draws_the_tree_and_runs_no_script_from_the_input(
    page: Page, tmp_path: Path, artifacts: Path
) -> None:
    report = _report(tmp_path, "explain", "--format", "html", str(hostile_document(tmp_path)))
    said = _open(page, report)
    assert page.title() == "edikit explain"  # the input's script would have renamed it
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    assert not [s for s in said if "pwned" in s]
    shown = page.get_by_text('<script>document.title="pwned"</script>')
    assert shown.count() == 1 and shown.is_visible()  # shown as text, where it stood
    labels = page.locator("details.loop > summary .label").all_inner_texts()
    levels = [label for label in labels if "(HL " in label]
    assert levels[:4] == ["Shipment (HL 1)", "Order (HL 2)", "Pack (HL 3)", "Item (HL 4)"]
    flagged = page.locator("li.flagged")
    assert flagged.count() == 2  # MAN02 of the bad SSCC, and PID05 is not flagged
    assert flagged.first.locator("i").inner_text() == "MAN02"
    background = flagged.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background != "rgba(0, 0, 0, 0)"  # highlighted
    assert _visible_findings(page) == int(page.locator("#visible-count").inner_text())
    flagged.first.scroll_into_view_if_needed()
    screenshot(page, artifacts, "explain-report", docs=True)


def test_validate_report_filters_count_the_findings_shown(
    page: Page, tmp_path: Path, artifacts: Path
) -> None:
    bad_invoice = tmp_path / "810-bad.edi"
    bad_invoice.write_bytes((CHAIN / "810.edi").read_bytes().replace(b"TDS*101400", b"TDS*101401"))
    report = _report(
        tmp_path,
        "validate",
        "--format",
        "html",
        "--min-severity",
        "info",
        "--set",
        str(hostile_document(tmp_path)),
        str(CHAIN / "850.edi"),
        str(bad_invoice),
    )
    _open(page, report)
    total = _visible_findings(page)
    assert total == int(page.locator("#visible-count").inner_text()) > 3
    page.select_option("#filter-severity", "error")
    errors = _visible_findings(page)
    assert 0 < errors < total
    assert errors == int(page.locator("#visible-count").inner_text())
    assert page.locator(".finding:visible[data-severity=info]").count() == 0
    page.select_option("#filter-severity", "")
    page.select_option("#filter-rule", "EDI505")
    assert _visible_findings(page) == 1
    page.select_option("#filter-rule", "")
    page.select_option("#filter-file", "f3")  # the invoice
    assert page.locator("section.file:visible").count() == 1
    assert page.locator("section.file:visible h2").inner_text().endswith("810-bad.edi")
    page.select_option("#filter-file", "")
    assert page.locator(".seg").count() == 0  # the trees are drawn when opened
    page.locator("section.file[data-file=f1] details.tree > summary").click()
    page.wait_for_selector("section.file[data-file=f1] .seg")  # drawn on the toggle event
    segments = page.locator(".seg:visible").count()
    assert segments > 20
    flagged = page.locator("section.file[data-file=f1] li.flagged i").all_inner_texts()
    assert "MAN02" in flagged  # the bad SSCC's element, highlighted
    page.check("#filter-only")
    assert 0 < page.locator(".seg:visible").count() < segments
    page.select_option("#filter-severity", "error")
    assert _visible_findings(page) == errors
    page.locator("section.file[data-file=f3] .finding.listed:visible a.goto").first.click()
    assert page.locator("section.file[data-file=f3] .seg.has-findings").first.is_visible()
    page.locator(".finding.listed:visible a[href='#rule-EDI502']").first.click()
    assert page.evaluate("location.hash") == "#rule-EDI502"
    assert page.locator("#rule-EDI502").is_visible()
    page.locator("section.file[data-file=f1] .seg.has-findings").first.scroll_into_view_if_needed()
    screenshot(page, artifacts, "validate-report", docs=True)


# A retailer whose ISA ID (15 characters) is markup: the scorecard shows it as text.
HOSTILE_RETAILER = "<b id=x>RT</b>"


def _scorecard(folder: Path, book: Book) -> Path:
    with OrderBook(book_url(folder / "book.sqlite")) as order_book:
        for path, profile in write_book_files(book, folder):
            order_book.add(path, rules=edikit.ruleset(profile, min_severity="warning"))
    output = folder / "scorecard.html"
    book_path = str(folder / "book.sqlite")
    result = CliRunner().invoke(
        main, ["book", "report", "--book", book_path, "--format", "html", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="module")
def scorecard_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scorecard of a small generated book (3 retailers x 12 weeks, 4 POs a week each)."""
    return _scorecard(tmp_path_factory.mktemp("scorecard"), plan_book(per_week=4, seed=11))


def test_a_retailer_id_carrying_markup_is_shown_as_text(
    page: Page, tmp_path: Path, artifacts: Path
) -> None:
    book = plan_book(retailers=1, weeks=2, per_week=3, seed=3)
    for plan in book.plans:
        plan.retailer = HOSTILE_RETAILER
    book.retailers = (HOSTILE_RETAILER,)
    book.fee_scale = {HOSTILE_RETAILER: 1}
    _open(page, _scorecard(tmp_path, book))
    assert page.locator("#totals tr th.mono").all_inner_texts() == [HOSTILE_RETAILER, "all"]
    assert page.locator("#x").count() == 0  # the ID's markup made no element
    legend = page.locator("#chart-otif svg text", has_text=HOSTILE_RETAILER)
    assert legend.count() == 1  # the chart's legend holds it as text
    screenshot(page, artifacts, "scorecard-hostile-retailer")


def test_scorecard_report_draws_its_charts(
    page: Page, scorecard_report: Path, artifacts: Path
) -> None:
    said = _open(page, scorecard_report)
    assert not [s for s in said if "Content Security Policy" in s]
    for chart in ("otif", "exposure", "rules"):
        svg = page.locator(f"#chart-{chart} svg")
        box = svg.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100, chart
        assert svg.locator("path").count() > 3, chart  # lines, bars and axes are drawn
    retailers = page.locator("#totals tr th.mono").all_inner_texts()
    assert retailers == ["RETAILERA", "RETAILERB", "RETAILERC", "all"]
    assert page.locator("#definitions").is_visible()
    assert page.locator("#top-rules tr").count() > 1
    screenshot(page, artifacts, "scorecard-report", docs=True)
