"""``book add`` in bulk (``OrderBook.add_many``): many files to a transaction, few statements
each, and the same findings and the same records as adding the files one by one; on SQLite
and on a real PostgreSQL server (conftest.postgres_url)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, event, select, text

from edikit.book import OrderBook, book_url, schema
from edikit.cli import main
from tests.book.test_book import (
    ASN,
    INVOICE,
    NOW,
    ORDER,
    _chain_options,
    _faulty_chain,
    _second_asn,
    _variant,
)


def _documents(tmp_path: Path) -> list[Path]:
    """The faulty chain (findings against earlier documents), a replacement ship notice, a
    cancellation of another PO with a ship notice against it, a file given twice, and more
    orders and notices than a batch holds."""
    chain = _faulty_chain(tmp_path)
    replacement = _variant(tmp_path, "856-replace.edi", chain[2], ("BSN*00*", "BSN*05*"))
    other = _variant(tmp_path, "850-other.edi", ORDER, ("4500012345", "4500099999"))
    cancel = _variant(tmp_path, "850-cancel.edi", other, ("BEG*00*", "BEG*01*"))
    late = _second_asn(tmp_path, "856-late.edi", "ASN7", 300)
    late = _variant(tmp_path, "856-late.edi", late, ("PRF*4500012345", "PRF*4500099999"))
    more = [_second_asn(tmp_path, f"856-{n}.edi", f"ASN9{n:03d}", 400 + 2 * n) for n in range(5)]
    return [*chain, replacement, other, cancel, late, ASN, *more, INVOICE, chain[1]]


def _records(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, each file named by its name rather than its id, without the ids
    and times of adding (which differ from one run to the next), sorted."""
    engine = create_engine(url)
    records: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        names = dict(connection.execute(select(schema.files.c.id, schema.files.c.name)).all())
        for table in schema.metadata.sorted_tables:
            columns = [c for c in table.c if c.name not in ("id", "added_at")]
            rows = connection.execute(select(*columns)).all()
            named = [
                tuple(
                    names[value] if column.name == "file_id" else value
                    for column, value in zip(columns, row, strict=True)
                )
                for row in rows
            ]
            records[table.name] = sorted(named, key=repr)
    engine.dispose()
    return records


@contextmanager
def _statements(book: OrderBook) -> Iterator[list[str]]:
    """The SQL statements the book sends while the block runs (an executemany is one)."""
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(args[2])

    event.listen(book.engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(book.engine, "before_cursor_execute", count)


def _dumped(added: list[Any]) -> list[tuple[bool, dict[str, Any]]]:
    return [(a.recorded, a.result.model_dump(mode="json")) for a in added]


def _compare(one_url: str, bulk_url: str, paths: list[Path]) -> None:
    with OrderBook(one_url) as book:
        one = [book.add(path, received_at=NOW) for path in paths]
    with OrderBook(bulk_url) as book:
        bulk = book.add_many(paths, received_at=NOW, batch=4)
    assert _dumped(bulk) == _dumped(one)
    assert [a.recorded for a in one].count(False) == 2  # the ship notice and 855 again
    codes = {v.code for a in one for v in a.result.all_violations()}
    assert {"EDI603", "EDI606", "EDI613"} <= codes
    records = _records(one_url)
    assert records == _records(bulk_url)
    assert all(records[t] for t in ("orders", "uses", "shipped", "shipments", "cancellations"))


def test_bulk_add_gives_the_findings_and_records_of_one_by_one(tmp_path: Path) -> None:
    paths = _documents(tmp_path)
    _compare(book_url(tmp_path / "one.db"), book_url(tmp_path / "bulk.db"), paths)


@pytest.fixture
def pg_books(postgres_url: str) -> list[str]:
    """Two new, empty databases on the test server."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    names = ["bulk_one_by_one", "bulk_in_batches"]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return [postgres_url.rsplit("/", 1)[0] + f"/{name}" for name in names]


def test_postgres_bulk_add_gives_the_records_of_one_by_one(
    pg_books: list[str], tmp_path: Path
) -> None:
    one_url, bulk_url = pg_books
    _compare(one_url, bulk_url, _documents(tmp_path))


def test_bulk_add_sends_fewer_statements(tmp_path: Path) -> None:
    """The digests are looked up once per batch, the numbers a ship notice uses written in
    one statement, and one commit made per batch."""
    notices = [
        _second_asn(tmp_path, f"856-{n}.edi", f"ASN8{n:03d}", 600 + 2 * n) for n in range(20)
    ]
    with OrderBook(book_url(tmp_path / "one.db")) as book:
        book.add(ORDER, received_at=NOW)
        with _statements(book) as one:
            for path in notices:
                book.add(path, received_at=NOW)
    with OrderBook(book_url(tmp_path / "bulk.db")) as book:
        book.add(ORDER, received_at=NOW)
        with _statements(book) as bulk:
            book.add_many(notices, received_at=NOW)
    count = len(notices)
    assert sum(1 for s in one if s.startswith("BEGIN")) == count  # a transaction per file
    assert sum(1 for s in bulk if s.startswith("BEGIN")) == 1
    # ... and a look-up of its digest per file, where the batch makes one
    assert len(bulk) == len(one) - 2 * (count - 1)
    for sent in (one, bulk):  # the three numbers of a notice: one statement
        assert sum(1 for s in sent if s.startswith("INSERT INTO uses")) == count
        assert not any(s.startswith("DELETE FROM uses") for s in sent)


def test_cli_book_add_of_many_files_records_what_one_by_one_records(tmp_path: Path) -> None:
    paths = [str(p) for p in _documents(tmp_path)[:8]]
    options = [*_chain_options(tmp_path), "--received", "2026-11-20T12:00:00"]
    runner = CliRunner()
    one_book, bulk_book = tmp_path / "one.db", tmp_path / "bulk.db"
    one = []
    for path in paths:
        result = runner.invoke(main, ["book", "add", "--book", str(one_book), *options, path])
        assert result.exit_code in (0, 1), result.output
        one += json.loads(result.stdout)["files"]
    bulk = runner.invoke(
        main, ["book", "add", "--book", str(bulk_book), "-j", "2", *options, *paths]
    )
    assert bulk.exit_code == 1, bulk.output
    assert json.loads(bulk.stdout)["files"] == one
    assert _records(book_url(one_book)) == _records(book_url(bulk_book))
