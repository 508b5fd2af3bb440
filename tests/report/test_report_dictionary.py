"""The reports name segments, elements and codes from the tables a document was read with."""

from __future__ import annotations

import pytest

from edikit.report import dictionary
from edikit.x12.structure import resolve_version


@pytest.mark.parametrize(
    ("gs08", "tables"),
    [("004010VICS", "004010"), ("003050", "003050"), ("004060", "004030"), (None, "004010")],
)
def test_the_reports_read_the_tables_validation_reads(gs08: str | None, tables: str) -> None:
    assert dictionary.table_version(gs08) == tables
    assert tables == resolve_version(gs08 or "")[0]
