"""Crashes already reported and not fixed yet, recognised narrowly.

With ``EDIKIT_FUZZ_TOLERATE_KNOWN=1`` (the short CI run sets it) an exception that one of
these matches is not a crash: the harness notes it once on standard error and goes on, so CI
stays green for a reported bug while any *other* crash still fails it. Long runs leave the
variable unset and record these crashes like any other. Each entry names its reproducers in
fuzz/crashes/ (see FINDINGS.md there). Delete an entry as soon as its fix has landed: the CI
run then guards the fix, replaying those reproducers.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TOLERATE_ENV = "EDIKIT_FUZZ_TOLERATE_KNOWN"


@dataclass(frozen=True, slots=True)
class KnownIssue:
    name: str
    summary: str
    matches: Callable[[BaseException, bytes], bool]  # the exception and the input


def _raised_in(exc: BaseException, *files: str) -> bool:
    """Whether ``exc`` passed through one of ``files`` (paths inside src/, e.g.
    ``edikit/models/documents/ship_notice.py``)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return any(Path(f.filename).as_posix().endswith(files) for f in frames)


def _promise(exc: BaseException, key: str, text: str = "") -> bool:
    """A harness's BrokenPromiseError with this key (any key for ``""``), whose message holds
    ``text``."""
    from harness import BrokenPromiseError  # the harness module imports this one

    return isinstance(exc, BrokenPromiseError) and key in ("", exc.key) and text in str(exc)


KNOWN_ISSUES: tuple[KnownIssue, ...] = ()


def known_issue(exc: BaseException, data: bytes) -> KnownIssue | None:
    """The known issue ``exc``, raised for input ``data``, is, if any."""
    return next((issue for issue in KNOWN_ISSUES if issue.matches(exc, data)), None)


def tolerating(test_one_input: Callable[[bytes], None]) -> Callable[[bytes], None]:
    """``test_one_input`` with the known issues noted (once each) instead of raised."""
    noted: set[str] = set()

    def tolerant(data: bytes) -> None:
        try:
            test_one_input(data)
        except Exception as exc:
            issue = known_issue(exc, data)
            if issue is None:
                raise
            if issue.name not in noted:
                noted.add(issue.name)
                print(f"known issue tolerated: {issue.name}: {issue.summary}", file=sys.stderr)

    return tolerant
