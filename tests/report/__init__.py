"""Tests of the SARIF and JUnit reporters, and the bridge from a parse to their input."""

from __future__ import annotations

from pathlib import Path

import edikit
from edikit.rules.result import FileResult

# What reading finds: the input, the envelope and the structure (EDI0xx-EDI2xx).
READING = edikit.ruleset(select=["EDI0", "EDI1", "EDI2"])


def parse_corpus(corpus: Path, name: str) -> FileResult:
    """What reading a corpus file in place finds; the result names it relative to the corpus,
    as a CI job run from a checkout's root would."""
    return edikit.validate_file(corpus / name, READING, name=name)


# Files of the shared corpus with envelope and transaction-set violations of several kinds,
# one that is not X12 at all, and a clean one.
CORPUS_FILES = [
    "olmelabs__EdiEngine/ControlNumbersMismatch.edi",
    "hellooops__vscode-edi-support/docs/diagnosctics.x12",
    "olmelabs__EdiEngine/NonEdi.edi",
    "olmelabs__EdiEngine/850.OK.edi",
]
