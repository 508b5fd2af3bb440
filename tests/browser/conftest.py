"""A real browser for the HTML report tests: Debian's Chromium (``chromium``; .ci/run installs
it where it is missing), driven by Playwright for Python, launched with the system browser's
executable (Playwright cannot download its own here). The tests are not skipped: a machine
without Chromium fails them, saying how to install it.

Screenshots are test artifacts, written to ``test-artifacts/browser/`` (or
``$EDIKIT_ARTIFACTS``); with ``EDIKIT_UPDATE_SCREENSHOTS=1`` the one of each report kind is
also written to ``docs/images/``, where the docs pages show it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

REPO = Path(__file__).resolve().parents[2]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str:
    configured = os.environ.get("EDIKIT_CHROMIUM")
    if configured:
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "no Chromium found: apt-get install -y chromium (.ci/run does), or set EDIKIT_CHROMIUM"
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu"],  # as root in a container; no GPU here
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    folder = Path(os.environ.get("EDIKIT_ARTIFACTS", REPO / "test-artifacts")) / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page: Page, artifacts: Path, name: str, *, docs: bool = False) -> Path:
    """A screenshot of the page as a test artifact (and for the docs when asked to update)."""
    path = artifacts / f"{name}.png"
    page.screenshot(path=str(path))
    if docs and os.environ.get("EDIKIT_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(path, REPO / "docs" / "images" / f"{name}.png")
    return path
