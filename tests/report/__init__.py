"""Tests of the SARIF and JUnit reporters, and the bridge from a parse to their input."""

from __future__ import annotations

from pathlib import Path

import edikit
from edikit.report.build import file_result
from edikit.report.results import FileResult


def parse_corpus(corpus: Path, name: str) -> FileResult:
    """Parse a corpus file in place; the result names it relative to the corpus, as a CI job
    run from a checkout's root would."""
    return file_result(edikit.parse(corpus / name, name=name))


# Files of the shared corpus with envelope and transaction-set violations of several kinds,
# one that is not X12 at all, and a clean one.
CORPUS_FILES = [
    "olmelabs__EdiEngine/ControlNumbersMismatch.edi",
    "hellooops__vscode-edi-support/docs/diagnosctics.x12",
    "olmelabs__EdiEngine/NonEdi.edi",
    "olmelabs__EdiEngine/850.OK.edi",
]
