"""Fuzz ``edikit.build_ack(edikit.validate(data))``, 997 and 999, under each policy.

Promised (tests/report/test_ack.py): the acknowledgment is valid X12, that is it validates
with no error and reads back byte for byte, or ``build_ack`` refuses with the ``ValueError``
it documents: no functional group to acknowledge (none, or only FA groups), interchanges from
different partners, or an interchange ID that cannot be written back (over 15 characters, or
holding a delimiter of the acknowledgment).

    python fuzz/fuzz_ack.py build/fuzz/ack build/fuzz-seeds/x12 -dict=fuzz/x12.dict
"""

from __future__ import annotations

import zlib
from datetime import datetime

from harness import BrokenPromiseError, fuzz, instrument_edikit

instrument_edikit()

import edikit  # noqa: E402
from edikit.report.ack import AckPolicy, AckVersion, build_ack  # noqa: E402
from edikit.rules.result import FileResult  # noqa: E402
from edikit.vocabulary import Severity, Violation  # noqa: E402

TIMESTAMP = datetime(2024, 1, 5, 12, 30)
VERSIONS: tuple[AckVersion, ...] = ("997", "999")
POLICIES: tuple[AckPolicy, ...] = ("note", "reject", "accept")
# What build_ack's docstring gives as reasons to refuse.
NO_GROUP = "no functional group"
REFUSALS = ("different partners",)
ADDRESSING = "give sender and receiver"


def test_one_input(data: bytes) -> None:
    x12 = edikit.validate(data)
    policy = POLICIES[zlib.crc32(data) % len(POLICIES)]
    for version in VERSIONS:
        try:
            ack = build_ack(x12, version=version, timestamp=TIMESTAMP, policy=policy)
        except ValueError as refusal:
            if not documented_refusal(x12, str(refusal)):
                raise
            continue
        check_ack(ack)


def documented_refusal(x12: FileResult, message: str) -> bool:
    """A refusal build_ack documents: no group when there is none but FA groups, one of
    REFUSALS, or an interchange qualifier or ID (ISA05-ISA08) that the acknowledgment cannot
    be addressed with (too long, holding one of its delimiters, not an I05 code), which it
    quotes and asks for sender and receiver."""
    if NO_GROUP in message:
        groups = [group for ic in x12.interchanges for group in ic.groups]
        return all(group.functional_id == "FA" for group in groups)
    if any(reason in message for reason in REFUSALS):
        return True
    if not message.endswith(ADDRESSING):
        return False
    values = {
        # as the refusal quotes it: as read, or without the ISA's padding; the writer quotes
        # at most the first 40 characters of a value that is too long
        repr(shown)
        for ic in x12.interchanges
        for party in (ic.sender, ic.receiver)
        for value in party
        for shown in (value, value.rstrip(), value[:40], value.rstrip()[:40])
    }
    return any(value in message for value in values)


def _echoed_identifier(violation: Violation) -> bool:
    """AK101 and AK201 name the group and the set answered as they were received, codes or
    not (docs/acknowledgments.md): an EDI306 there is the input's, echoed on purpose."""
    where = violation.location
    return violation.code == "EDI306" and (where.segment_id, where.element) in (
        ("AK1", 1),
        ("AK2", 1),
    )


def check_ack(ack: bytes) -> None:
    """As tests/report/test_ack.py's assert_valid: no error, and the same bytes back."""
    checked = edikit.validate(ack)
    errors = [
        v
        for v in checked.all_violations()
        if v.severity is Severity.ERROR and not _echoed_identifier(v)
    ]
    if errors:
        shown = "\n".join(str(v) for v in errors[:5])
        key = "+".join(sorted({v.code for v in errors}))
        raise BrokenPromiseError(f"the acknowledgment has errors:\n{shown}\n{ack!r}", key)
    if edikit.serialize(edikit.parse(ack)) != ack:
        raise BrokenPromiseError(
            f"the acknowledgment does not read back byte for byte\n{ack!r}", "bytes"
        )


if __name__ == "__main__":
    fuzz(test_one_input)
