"""The order book under hostile input (issue 10): secrets never printed, a silent server
times out, other databases are refused, corrupt books and bad URLs give a message and an exit
code, never a traceback."""

from __future__ import annotations

import datetime as dt
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from edikit.book import BookError, OrderBook, book_url, masked_url
from edikit.cli import main
from edikit.errors import ConfigurationError
from tests.book.conftest import PASSWORD, PASSWORD_USER

CHAIN = Path(__file__).resolve().parent.parent.parent / "fixtures" / "chains" / "clean"
ORDER = CHAIN / "850.edi"
SECRET = "s3cretPW"


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    # SystemExit is how click ends with an exit code; anything else is a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


# -- item 2: the password is never printed ----------------------------------------------------
def test_the_password_is_masked_in_every_message() -> None:
    url = f"postgresql+psycopg://edikit:{SECRET}@127.0.0.1:1/orders"
    assert masked_url(url) == "postgresql+psycopg://edikit:***@127.0.0.1:1/orders"
    for command in (
        ["book", "report", "--book", url],
        ["book", "add", "--book", url, str(ORDER)],
        ["validate", "--book", url, str(ORDER)],
    ):
        result = invoke(*command)
        assert result.exit_code == 3, result.output
        assert SECRET not in result.output
        assert "edikit:***@127.0.0.1:1/orders" in result.output
    with pytest.raises(BookError) as raised:
        OrderBook(book_url(url))
    assert SECRET not in str(raised.value) and SECRET not in repr(raised.value)
    assert SECRET not in str(raised.value.__cause__)


def test_a_password_with_url_escapes_is_masked_too() -> None:
    url = "postgresql://edikit:p%40ss%2Fw0rd@127.0.0.1:1/orders"
    result = invoke("book", "report", "--book", url)
    assert result.exit_code == 3
    assert "p%40ss" not in result.output and "p@ss/w0rd" not in result.output


@pytest.fixture
def password_database(postgres_url: str, postgres_port: int) -> str:
    """A database the password user owns; the URL names no password."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS book_password"))
        connection.execute(text(f"CREATE DATABASE book_password OWNER {PASSWORD_USER}"))
    admin.dispose()
    return f"postgresql://{PASSWORD_USER}@127.0.0.1:{postgres_port}/book_password"


def test_a_url_without_password_reads_pgpassword(
    password_database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    refused = invoke("book", "add", "--book", password_database, str(ORDER))
    assert refused.exit_code == 3 and "password" in refused.output
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    added = invoke("book", "add", "--book", password_database, str(ORDER))
    assert added.exit_code == 0, added.output
    assert PASSWORD not in added.output


def test_a_url_without_password_reads_the_pgpass_file(
    password_database: str, postgres_port: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{postgres_port}:book_password:{PASSWORD_USER}:{PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    result = invoke("book", "add", "--book", password_database, str(ORDER))
    assert result.exit_code == 0, result.output


def test_a_service_file_names_the_server_user_and_password(
    password_database: str, postgres_port: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[edi]\nhost=127.0.0.1\nport={postgres_port}\nuser={PASSWORD_USER}\n"
        f"password={PASSWORD}\ndbname=book_password\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    result = invoke("book", "add", "--book", "postgresql:///?service=edi", str(ORDER))
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("PGSERVICE", "edi")
    report = invoke("book", "report", "--book", "postgresql://", "--format", "json")
    assert report.exit_code == 0 and '"4500012345"' in report.output


# -- item 2: a server that accepts and never answers ------------------------------------------
@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            held.append(connection)

    threading.Thread(target=accept, daemon=True).start()
    yield int(server.getsockname()[1])
    server.close()
    for connection in held:
        connection.close()


def test_a_silent_server_times_out_with_exit_3(
    silent_server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"postgresql://edikit:{SECRET}@127.0.0.1:{silent_server}/orders"
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    started = time.monotonic()
    result = invoke("book", "report", "--book", url, "--connect-timeout", "2")
    assert time.monotonic() - started < 30
    assert result.exit_code == 3 and "timeout" in result.output and SECRET not in result.output
    monkeypatch.setenv("EDIKIT_CONNECT_TIMEOUT", "2")
    started = time.monotonic()
    result = invoke("validate", "--book", url, str(ORDER))
    assert time.monotonic() - started < 30
    assert result.exit_code == 3 and "timeout" in result.output


def test_a_bad_timeout_setting_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    monkeypatch.setenv("EDIKIT_CONNECT_TIMEOUT", "soon")
    result = invoke("book", "report", "--book", "postgresql://u@127.0.0.1:1/db")
    assert result.exit_code == 2 and "EDIKIT_CONNECT_TIMEOUT" in result.output
    assert invoke("book", "report", "--book", "x.db", "--connect-timeout", "0").exit_code == 2


# -- item 10: other databases, corrupt books --------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        f"mysql://edikit:{SECRET}@127.0.0.1/orders",
        f"postgresql+psycopg2://edikit:{SECRET}@127.0.0.1/orders",
        "oracle://scott@db/orders",
        "not a url://",
    ],
)
def test_an_unsupported_database_is_a_configuration_error(url: str) -> None:
    with pytest.raises(ConfigurationError):
        book_url(url)
    for command in (["book", "report", "--book", url], ["validate", "--book", url, str(ORDER)]):
        result = invoke(*command)
        assert result.exit_code == 2, result.output
        assert "SQLite file or a PostgreSQL" in result.output or "not a database" in result.output
        assert SECRET not in result.output


def _book_with_the_chain(tmp_path: Path) -> Path:
    book = tmp_path / "b.db"
    for name in ("850", "855", "856", "810"):
        assert invoke("book", "add", "--book", str(book), str(CHAIN / f"{name}.edi")).exit_code == 0
    return book


def test_book_report_on_corrupt_pages_exits_3(tmp_path: Path) -> None:
    book = _book_with_the_chain(tmp_path)
    with sqlite3.connect(book) as connection:
        pages = dict(connection.execute("SELECT name, rootpage FROM sqlite_master"))
    connection.close()
    data = bytearray(book.read_bytes())
    page = int(pages["order_lines"])
    data[(page - 1) * 4096 : page * 4096] = b"\xa5" * 4096
    book.write_bytes(bytes(data))
    result = invoke("book", "report", "--book", str(book))
    assert result.exit_code == 3 and "malformed" in result.output
    data[4096 * 2 : 4096 * 6] = b"\xff" * 4096 * 4  # the schema's own pages too
    book.write_bytes(bytes(data))
    for command in (["book", "report"], ["book", "add"], ["validate"]):
        files = [str(ORDER)] if command != ["book", "report"] else []
        result = invoke(*command, "--book", str(book), *files)
        assert result.exit_code == 3 and "order book" in result.output


def test_a_file_that_is_not_a_database_exits_3(tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("shopping list\n" * 1000)
    result = invoke("book", "add", "--book", str(not_sqlite), str(ORDER))
    assert result.exit_code == 3 and "not a database" in result.output


# -- item 17: other databases are not taken for books; when a file was added -----------------
def test_book_add_refuses_a_database_that_is_not_a_book(tmp_path: Path) -> None:
    other = tmp_path / "crm.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    connection.close()
    before = other.read_bytes()
    result = invoke("book", "add", "--book", str(other), str(ORDER))
    assert result.exit_code == 3 and "not an edikit order book" in result.output
    assert "customers" in result.output
    assert other.read_bytes() == before  # nothing created in it


def test_book_add_refuses_a_postgres_database_with_other_tables(pg_other: str) -> None:
    result = invoke("book", "add", "--book", pg_other, str(ORDER))
    assert result.exit_code == 3 and "not an edikit order book" in result.output


@pytest.fixture
def pg_other(postgres_url: str) -> str:
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS other_app"))
        connection.execute(text("CREATE DATABASE other_app"))
    admin.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/other_app"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer)"))
    engine.dispose()
    return url


def test_report_and_validate_do_not_create_a_book(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for command in (["book", "report"], ["validate"]):
        files = [str(ORDER)] if command == ["validate"] else []
        result = invoke(*command, "--book", str(missing), *files)
        assert result.exit_code == 3 and "no order book at" in result.output
        assert not missing.exists()


def test_already_in_the_book_names_when_it_was_added(tmp_path: Path) -> None:
    order = tmp_path / "850.edi"
    order.write_bytes(ORDER.read_bytes())
    long_ago = dt.datetime(2001, 2, 3, tzinfo=dt.UTC).timestamp()
    os.utime(order, (long_ago, long_ago))
    book = str(tmp_path / "b.db")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert invoke("book", "add", "--book", book, str(order)).exit_code == 0
    again = invoke("book", "add", "--book", book, str(order))
    assert "already in the book (added " in again.output and "2001" not in again.output
    added = again.output.split("(added ", 1)[1].split(")", 1)[0]
    assert before <= dt.datetime.fromisoformat(added) <= dt.datetime.now(dt.UTC)
    with OrderBook(book_url(book)) as opened:
        result = opened.add(order)
    assert not result.recorded and result.added_at is not None
    assert result.added_at.year != 2001


def test_findings_that_quote_a_huge_value_are_stored_bounded(tmp_path: Path) -> None:
    huge = tmp_path / "850-huge.edi"
    huge.write_text(ORDER.read_text().replace("4500012345", "4" * 1_000_000, 1))
    book = str(tmp_path / "b.db")
    assert invoke("book", "add", "--book", book, str(huge)).exit_code == 1
    with OrderBook(book_url(book)) as opened:
        messages = [finding.message for finding in opened.findings()]
    assert messages and max(map(len, messages)) < 1_000
    report = invoke("book", "report", "--book", book)
    assert report.exit_code == 0 and len(report.output) < 20_000
