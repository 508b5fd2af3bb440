"""Time the HTML report of many files: write the ``validate --format html`` report of N files
(default 500), then open it in Chromium (Debian's, driven by Playwright) and filter it.

    python benchmarks/html_report.py                  # 500 files, 5 runs
    python benchmarks/html_report.py --files 2000 --runs 3 --chromium /usr/bin/chromium

The files are small retail documents from ``generate.py`` (850, 856 and 810 in turn, about 60
segments each), one in four with a planted fault (a segment count, an SSCC check digit). For
each run a fresh browser page opens the report from disk (offline) and the times are:

- open: from ``goto`` to the report's script having run (``body[data-ready]``), the page
  parsed, styled and laid out;
- filter: choosing "error" in the severity filter until the page is laid out again, and the
  visible findings counted (Playwright's round trips included); and, measured in the page
  itself, choosing a rule until the page is laid out again.

The machine is shared and noisy: compare medians.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from edikit.api import ruleset
from edikit.many import validate_many
from edikit.report.html import write_validate_html
from generate import generate

KINDS = ("850", "856", "810")


def write_inputs(folder: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        text = generate(kind, 60, seed=number).decode("latin-1")
        if number % 4 == 0:  # a wrong segment count: EDI132
            text = re.sub(r"SE\*(\d+)\*", lambda m: f"SE*{int(m.group(1)) + 1}*", text, count=1)
        if number % 8 == 1 and "MAN*GM*" in text:  # a wrong SSCC check digit: EDI502
            text = re.sub(r"(MAN\*GM\*\d{19})(\d)", lambda m: m.group(1) + "0", text, count=1)
        path = folder / f"{number:04d}-{kind}.edi"
        path.write_bytes(text.encode("latin-1"))
        paths.append(path)
    return paths


def write_report(paths: list[Path], output: Path) -> tuple[float, int]:
    started = time.perf_counter()
    results = validate_many(paths, ruleset(min_severity="warning"))
    with output.open("w", encoding="utf-8") as out:
        write_validate_html(results, out)
    findings = sum(1 for r in results for _ in r.iter_violations())
    return time.perf_counter() - started, findings


# In the page: choose a rule in the filter, and the time until the page is laid out again.
IN_PAGE_FILTER = """() => {
  const started = performance.now();
  const select = document.getElementById("filter-rule");
  select.value = select.options[1].value;
  select.dispatchEvent(new Event("change"));
  document.body.offsetHeight;
  const elapsed = performance.now() - started;
  select.value = "";
  select.dispatchEvent(new Event("change"));
  return elapsed / 1000;
}"""


def open_and_filter(page: Page, report: Path) -> tuple[float, float, float, int, int]:
    started = time.perf_counter()
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    opened = time.perf_counter() - started
    everything = int(page.locator("#visible-count").inner_text())
    in_page = float(page.evaluate(IN_PAGE_FILTER))
    started = time.perf_counter()
    page.select_option("#filter-severity", "error")
    page.evaluate("document.body.offsetHeight")  # the layout after the filter
    errors = page.locator(".finding.listed:visible").count()
    filtered = time.perf_counter() - started
    return opened, filtered, in_page, everything, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "in").mkdir()
        paths = write_inputs(folder / "in", options.files)
        report = folder / "report.html"
        seconds, findings = write_report(paths, report)
        size = report.stat().st_size
        print(
            f"{len(paths)} files, {findings} findings: report written in {seconds:.2f} s, "
            f"{size / 1e6:.1f} MB"
        )
        opens, filters, in_pages = [], [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=options.chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            for run in range(options.runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                found = open_and_filter(context.new_page(), report)
                opened, filtered, in_page, shown, errors = found
                context.close()
                opens.append(opened)
                filters.append(filtered)
                in_pages.append(in_page)
                print(
                    f"run {run + 1}: open {opened:.3f} s, filter {filtered:.3f} s (in the page "
                    f"{in_page * 1000:.1f} ms; {shown} findings, {errors} errors shown)"
                )
            browser.close()
        print(
            f"median of {options.runs}: open {statistics.median(opens):.3f} s "
            f"(min {min(opens):.3f}, max {max(opens):.3f}), filter "
            f"{statistics.median(filters):.3f} s (in the page "
            f"{statistics.median(in_pages) * 1000:.1f} ms); open + filter "
            f"{statistics.median(o + f for o, f in zip(opens, filters, strict=True)):.3f} s"
        )


if __name__ == "__main__":
    main()
