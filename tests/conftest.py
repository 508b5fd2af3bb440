"""Shared test fixtures: the corpus of real X12 files under ``../shared`` (read in place)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "x12"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared X12 corpus is not beside this checkout ({CORPUS})")
    return CORPUS
