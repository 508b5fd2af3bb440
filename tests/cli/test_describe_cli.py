"""``edikit describe``: an analyst reads what a segment, an element and a code mean in one
version's dictionary, without a file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from edikit.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["describe", *args])
    return result.exit_code, result.output


def test_a_code_is_named_with_its_meaning() -> None:
    code, output = run("BEG02", "SA")
    assert code == 0
    assert (
        output == "BEG02 Purchase Order Type Code (92, ID 2/2, mandatory): SA Stand-alone Order\n"
    )


def test_a_code_that_is_not_one_exits_1_with_the_nearest() -> None:
    code, output = run("TD504", "zz")
    assert code == 1
    assert "zz (not a code of the element)" in output
    assert "nearest: ZZ Mutually defined" in output


def test_an_element_lists_every_code_with_its_meaning() -> None:
    code, output = run("BEG01")
    lines = output.splitlines()
    assert code == 0
    assert lines[0] == "BEG01 Transaction Set Purpose Code (353, ID 2/2, mandatory)"
    assert "  00  Original" in lines and "  01  Cancellation" in lines
    assert len(lines) == 1 + 65  # every 004010 code of 353


def test_an_element_number_and_the_version_of_the_tables() -> None:
    code, output = run("353", "--x12", "003010")
    assert code == 0
    assert output.splitlines()[0] == "353 Transaction Set Purpose Code (003010): 24 codes"
    assert run("BEG05", "--x12", "003050")[1] == "BEG05 Date (373, DT 6/6, mandatory)\n"
    assert run("BEG05")[1] == "BEG05 Date (373, DT 8/8, mandatory)\n"


def test_a_segment_and_a_component() -> None:
    code, output = run("BEG")
    assert code == 0
    assert output.splitlines()[:2] == [
        "BEG Beginning Segment for Purchase Order (004010)",
        "  BEG01 Transaction Set Purpose Code (353, ID 2/2, mandatory)",
    ]
    assert run("N1")[1].splitlines()[-1] == "  syntax notes: R0203 P0304"
    assert run("MEA04-1", "CT")[1].endswith("(355, ID 2/2, mandatory): CT Carton\n")


def test_a_partial_list_says_so() -> None:
    code, output = run("143", "999", "--x12", "005010")
    assert code == 0
    assert "partial list: KA Software's 00501 schema counts 320" in output
    assert "999  Implementation Acknowledgment" in output
    assert "partial list: external: ISO 3166" in run("26")[1]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["BEG", "--x12", "004060"], "no X12 tables for version '004060'"),
        (["BEG", "00"], "a code belongs to an element"),
        (["BEG99"], "no element BEG99 in 004010's tables"),
        (["ZZZ"], "no segment ZZZ in 004010's tables"),
        (["324"], "324 Purchase Order Number has no code list"),
        (["beg-1"], "is neither a segment"),
    ],
)
def test_what_edikit_cannot_describe_is_a_usage_error(args: list[str], said: str) -> None:
    code, output = run(*args)
    assert code == 2
    assert said in output
