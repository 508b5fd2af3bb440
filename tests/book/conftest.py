"""A real PostgreSQL server for the order book tests: initdb and pg_ctl (on the machine image;
.ci/run installs them where they are missing) start one in a temporary directory, on a free
port, for the whole session. Its users are trusted, except :data:`PASSWORD_USER`, who must
give :data:`PASSWORD` (the tests of PGPASSWORD, ~/.pgpass and service files)."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

PASSWORD_USER = "edikit_pw"
PASSWORD = "s3cretPW"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres_user() -> list[str]:
    """initdb refuses to run as root: as root, the server tools run as the postgres user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@pytest.fixture(scope="session")
def postgres_port(postgres_url: str) -> int:
    return int(postgres_url.rsplit(":", 1)[1].split("/", 1)[0])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.fail("initdb/pg_ctl not found: .ci/run installs PostgreSQL where it is missing")
    # Not under pytest's temporary folder: that one is private to the user running the
    # tests, and the server may run as another (postgres, when the tests run as root).
    root = Path(tempfile.mkdtemp(prefix="edikit-postgres-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    prefix = _as_postgres_user()
    if prefix:
        for path in (root, sockets):
            shutil.chown(path, "postgres")
    user = "postgres" if prefix else getpass.getuser()

    def run(*command: str) -> None:
        subprocess.run([*prefix, *command], check=True, capture_output=True, cwd=Path("/"))

    run(initdb, "-D", str(data), "-U", user, "-A", "trust", "--no-sync")
    hba = data / "pg_hba.conf"
    password_line = f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n"
    hba.write_text(password_line + hba.read_text())
    port = _free_port()
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start")
    try:
        with psycopg.connect(
            host="127.0.0.1", port=port, user=user, dbname="postgres", autocommit=True
        ) as admin:
            admin.execute(f"CREATE ROLE {PASSWORD_USER} LOGIN CREATEDB PASSWORD '{PASSWORD}'")
        yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/postgres"
    finally:
        run(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
