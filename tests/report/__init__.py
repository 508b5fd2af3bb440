"""Tests of the SARIF and JUnit reporters, and the bridge from a parse to their input."""

from __future__ import annotations

from pathlib import Path

import edikit
from edikit.io.envelope import X12File
from edikit.report.results import DocumentResult, FileResult


def file_result(x12: X12File, path: str) -> FileResult:
    """What a validation run would hand the reporters for ``x12``: envelope violations on the
    file, and each transaction set's own on its document."""
    documents = [
        DocumentResult(
            name=f"{tx.set_id} {tx.control_number}",
            set_id=tx.set_id,
            control_number=tx.control_number,
            interchange_control=tx.context.interchange_control,
            group_control=tx.context.group_control,
            line=tx.header.line or None,  # 0 means a segment built in code: no line
            violations=list(tx.violations),
        )
        for tx in x12.transactions
    ]
    return FileResult(path=path, violations=list(x12.violations), documents=documents)


def parse_corpus(corpus: Path, name: str) -> FileResult:
    """Parse a corpus file in place; the result names it relative to the corpus, as a CI job
    run from a checkout's root would."""
    return file_result(edikit.parse(corpus / name), name)


# Files of the shared corpus with envelope and transaction-set violations of several kinds,
# one that is not X12 at all, and a clean one.
CORPUS_FILES = [
    "olmelabs__EdiEngine/ControlNumbersMismatch.edi",
    "hellooops__vscode-edi-support/docs/diagnosctics.x12",
    "olmelabs__EdiEngine/NonEdi.edi",
    "olmelabs__EdiEngine/850.OK.edi",
]
