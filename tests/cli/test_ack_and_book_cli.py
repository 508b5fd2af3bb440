"""``edikit ack`` numbers every acknowledgment from a counter that persists; ``edikit book``
says what it creates, what it already holds, and the state of each PO in words."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import edikit
from edikit.cli import main
from edikit.report.counter import LARGEST, take

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
PO = FIXTURES / "structure" / "850-clean.edi"
BROKEN = FIXTURES / "structure" / "850-missing-beg.edi"
CHAIN = FIXTURES / "chains" / "clean"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def isa13(data: bytes) -> str:
    return data.decode("latin-1")[90:99]


def test_each_ack_takes_the_next_control_number(tmp_path: Path) -> None:
    counter = tmp_path / "counter"
    first = invoke("ack", "--counter", str(counter), str(PO))
    second = invoke("ack", "--counter", str(counter), str(PO))
    assert (isa13(first.stdout_bytes), isa13(second.stdout_bytes)) == ("000000001", "000000002")
    assert "control number 1" in first.stderr and "a new counter" in first.stderr
    assert counter.read_text() == "2\n"


def test_the_default_counter_is_the_users_state_file() -> None:
    numbers = [isa13(invoke("ack", str(PO)).stdout_bytes) for _ in range(2)]
    assert numbers == ["000000001", "000000002"]
    state = Path(os.environ["XDG_STATE_HOME"]) / "edikit" / "control-number"
    assert state.read_text() == "2\n"


def test_a_number_given_is_used_and_a_repeat_is_said(tmp_path: Path) -> None:
    counter = tmp_path / "counter"
    counter.write_text("41\n")
    given = invoke("ack", "--counter", str(counter), "--control-number", "7", str(PO))
    assert isa13(given.stdout_bytes) == "000000007"
    assert "warning: control number 7 was reached by the counter before" in given.stderr
    assert counter.read_text() == "41\n"
    assert isa13(invoke("ack", "--counter", str(counter), str(PO)).stdout_bytes) == "000000042"


def test_the_counter_wraps_after_the_largest_isa13(tmp_path: Path) -> None:
    counter = tmp_path / "counter"
    counter.write_text(f"{LARGEST}\n")
    assert take(counter).number == 1


def test_a_counter_that_is_not_a_number_is_a_usage_error(tmp_path: Path) -> None:
    counter = tmp_path / "counter"
    counter.write_text("seven\n")
    result = invoke("ack", "--counter", str(counter), str(PO))
    assert result.exit_code == 2 and "not a number" in result.stderr


def _take_many(counter: str) -> list[int]:
    return [take(Path(counter)).number for _ in range(20)]


def test_two_processes_never_get_the_same_number(tmp_path: Path) -> None:
    counter = str(tmp_path / "counter")
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        numbers = [n for batch in pool.map(_take_many, [counter, counter]) for n in batch]
    assert sorted(numbers) == list(range(1, 41))


def test_ack_type_replaces_version_and_o_has_help(tmp_path: Path) -> None:
    result = invoke("ack", "--type", "999", "-o", str(tmp_path / "a.x12"), str(PO))
    assert result.exit_code == 0
    assert edikit.parse((tmp_path / "a.x12").read_bytes()).documents[0].__class__.__name__ == (
        "ImplementationAck"
    )
    assert invoke("ack", "--version", "999", str(PO)).exit_code == 2  # no longer an option
    help_text = invoke("ack", "--help").stdout
    assert "-o, --output FILE" in help_text and "Write the acknowledgment to" in help_text


def test_ack_counter_from_the_configuration_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "edikit.toml").write_text('ack-counter = "state/acks"\n')
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "acks").write_text("99\n")
    monkeypatch.chdir(tmp_path)
    assert isa13(invoke("ack", str(PO)).stdout_bytes) == "000000100"


# -- the order book -----------------------------------------------------------------------
def test_reading_commands_refuse_a_missing_book(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    for args in (["book", "report"], ["validate", str(PO)]):
        result = invoke(*args, "--book", str(typo))
        assert result.exit_code == 3, args
        assert "no order book" in result.stderr and "book add makes one" in result.stderr
    assert not typo.exists()


def test_book_add_says_it_created_the_book_and_a_file_already_in_it(tmp_path: Path) -> None:
    book = str(tmp_path / "orders.db")
    first = invoke("book", "add", "--book", book, str(PO))
    assert first.exit_code == 0
    assert f"created the order book {book}" in first.stderr
    broken = invoke("book", "add", "--book", book, str(BROKEN))
    assert broken.exit_code == 1 and "created" not in broken.stderr
    again = invoke("book", "add", "--book", book, str(BROKEN))
    assert again.exit_code == 0  # reported when it was added; not again
    [line] = [line for line in again.stderr.splitlines() if str(BROKEN) in line]
    assert "already in the book (added 20" in line and "not recorded again" in line
    assert "EDI204" not in again.stdout


def test_book_add_takes_the_reporting_options_of_validate(tmp_path: Path) -> None:
    book = str(tmp_path / "orders.db")
    out = tmp_path / "report.json"
    result = invoke(
        "book",
        "add",
        "--book",
        book,
        "--format",
        "json",
        "-o",
        str(out),
        "--ignore",
        "EDI2",
        str(BROKEN),
    )
    assert result.exit_code == 0
    assert json.loads(out.read_text())["summary"]["error"] == 0
    result = invoke(
        "book",
        "add",
        "--book",
        str(tmp_path / "b2.db"),
        "--select",
        "EDI204",
        "--statistics",
        str(BROKEN),
    )
    assert result.stdout.splitlines()[0].split()[:2] == ["1", "EDI204"]


def test_book_report_words_and_states(tmp_path: Path) -> None:
    book = str(tmp_path / "orders.db")
    order = CHAIN / "850.edi"
    invoke("book", "add", "--book", book, str(order))
    report = invoke("book", "report", "--book", book)
    assert report.stdout.splitlines()[-1] == "1 file recorded, 1 purchase order, 0 findings"
    assert "open" in report.stdout  # nothing shipped yet
    data = json.loads(invoke("book", "report", "--book", book, "--format", "json").stdout)
    assert data["orders"][0]["state"] == "open"


@pytest.mark.parametrize(
    ("shipped", "state"), [("18", "complete"), ("12", "short"), ("20", "over-shipped")]
)
def test_book_report_states_of_shipping(shipped: str, state: str) -> None:
    from decimal import Decimal

    from edikit.book.queries import OrderSummary

    summary = OrderSummary("PO1", "po.edi", ordered=Decimal(18), shipped=Decimal(shipped))
    summary.open_lines = int(Decimal(shipped) < 18)
    summary.over_lines = int(Decimal(shipped) > 18)
    assert summary.state == state
    summary.cancelled = True
    assert summary.state == "cancelled"
