"""Where the order book lives: SQLite by default (a file, no server), PostgreSQL by URL for a
shared team store, both through SQLAlchemy; the book's URL as people see it (password
masked), and its failures as :class:`BookError` with the database's own message."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, Final, ParamSpec, TypeVar
from urllib.parse import quote_plus

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from edikit.errors import ConfigurationError, EdikitError
from edikit.quoting import bounded
from edikit.rules.crossdoc.ledger import UniqueKind

# How long a number stays taken: GS1 asks that an SSCC is not reused within at least 12
# months; retailers match invoice numbers over years, as their vendor guides say.
DEFAULT_HORIZONS: Final[dict[UniqueKind, dt.timedelta]] = {
    "sscc": dt.timedelta(days=365),
    "shipment": dt.timedelta(days=365),
    "invoice": dt.timedelta(days=730),
}
PG_LOCK: Final = 0x6564696B  # "edik": the advisory lock of every book in a database


# Seconds a PostgreSQL server has to let edikit in, when neither the caller, the URL
# (connect_timeout=) nor libpq's PGCONNECT_TIMEOUT says: a server that accepts the connection
# and never answers must not hang a CI job.
DEFAULT_CONNECT_TIMEOUT: Final = 10
CONNECT_TIMEOUT_VARIABLE: Final = "EDIKIT_CONNECT_TIMEOUT"


class BookError(EdikitError):
    """The order book could not be opened, read or written. The message names the book with
    its password masked and never holds the password."""


def book_url(reference: str | Path) -> str:
    """A SQLAlchemy URL for ``reference``: a path as a SQLite file; a ``sqlite:`` URL as it is;
    a PostgreSQL URL (``postgresql://``, ``postgres://`` or ``postgresql+psycopg://``) for the
    psycopg driver. Any other database is a :class:`~edikit.errors.ConfigurationError`."""
    text = str(reference)
    if "://" not in text:
        return f"sqlite:///{Path(text).resolve()}"
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise ConfigurationError(f"not a database URL: {masked_url(text)}") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        return text
    if backend in ("postgresql", "postgres") and url.drivername in (
        "postgresql",
        "postgres",
        "postgresql+psycopg",
    ):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise ConfigurationError(
        f"the order book is a SQLite file or a PostgreSQL database "
        f"(postgresql://user@host/db), not {masked_url(text)}"
    )


def masked_url(url: str | URL) -> str:
    """``url`` with its password shown as ``***``: what messages and reports name a book by."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _PASSWORD_IN_URL.sub(r"\1***@", str(url))


_PASSWORD_IN_URL: Final = re.compile(r"(://[^:/@]*:)[^@]*@")


def _secrets(url: str) -> list[str]:
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        found = _PASSWORD_IN_URL.search(url)
        password = found.group(0)[len(found.group(1)) : -1] if found else None
    if not password:
        return []
    return sorted({str(password), quote_plus(str(password))}, key=len, reverse=True)


def describe_error(error: BaseException, url: str) -> str:
    """What went wrong, for a person: the database's own message (not the SQL statement nor
    its parameters), without the password, cut to a few lines."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    message = str(cause).strip() or type(cause).__name__
    for secret in _secrets(url):
        message = message.replace(secret, "***")
    return bounded(" ".join(message.split()), 500)


Returned = TypeVar("Returned")
Arguments = ParamSpec("Arguments")


def guarded(
    what: str,
) -> Callable[[Callable[Arguments, Returned]], Callable[Arguments, Returned]]:
    """A method of an order book whose database failures are a :class:`BookError`."""

    def decorate(method: Callable[Arguments, Returned]) -> Callable[Arguments, Returned]:
        @wraps(method)
        def guarded(*args: Arguments.args, **kwargs: Arguments.kwargs) -> Returned:
            try:
                return method(*args, **kwargs)
            except SQLAlchemyError as exc:
                book: Any = args[0]  # an OrderBook: its URL, as shown and as used
                problem = describe_error(exc, book.url)
                raise BookError(
                    f"the order book {book.display_url} failed {what}: {problem}"
                ) from exc

        return guarded

    return decorate


def make_engine(url: str, connect_timeout: int | None = None) -> Engine:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise ConfigurationError(f"not a database URL: {masked_url(url)}") from None
    if parsed.get_backend_name() != "sqlite":
        timeout = _connect_timeout(parsed, connect_timeout)
        arguments = {"connect_timeout": timeout} if timeout is not None else {}
        try:
            return create_engine(parsed, connect_args=arguments)
        except ImportError as exc:
            raise ConfigurationError(
                f"the order book {masked_url(url)} needs the {parsed.get_driver_name()} driver: "
                "pip install 'edikit-x12[postgres]'"
            ) from exc
        except ArgumentError as exc:
            raise ConfigurationError(
                f"the order book {masked_url(url)}: {describe_error(exc, url)}"
            ) from exc
    engine = create_engine(url, connect_args={"timeout": 120})

    # pysqlite's own BEGIN is deferred; a book's writes must take the write lock first, so
    # edikit issues BEGIN IMMEDIATE itself (the SQLAlchemy recipe for SQLite transactions).
    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _connect_timeout(url: URL, given: int | None) -> int | None:
    """The caller's timeout; else none when the URL or libpq's environment sets one (libpq
    reads it); else ``EDIKIT_CONNECT_TIMEOUT``; else the default."""
    if given is not None:
        return given
    if "connect_timeout" in url.query or os.environ.get("PGCONNECT_TIMEOUT"):
        return None
    configured = os.environ.get(CONNECT_TIMEOUT_VARIABLE, "").strip()
    if not configured:
        return DEFAULT_CONNECT_TIMEOUT
    try:
        seconds = int(configured)
    except ValueError:
        seconds = 0
    if seconds < 1:
        raise ConfigurationError(
            f"{CONNECT_TIMEOUT_VARIABLE} must be a whole number of seconds, 1 or more"
        )
    return seconds
