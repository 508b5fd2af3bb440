"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per
finding, which a workflow run shows as an annotation on the file and line.

The format (``::error file=F,line=L,col=C,title=T::message``, with ``%``, CR and LF escaped
in the message and ``:`` and ``,`` too in properties) is GitHub's "workflow commands" syntax.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Final

from edikit.report.limits import DEFAULT_LIMITS, FindingLimits, omitted_note
from edikit.report.text import names
from edikit.rules.plugins import catalog
from edikit.rules.result import FileResult
from edikit.vocabulary import Severity, Violation

LEVEL: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write_github(
    results: Iterable[FileResult], out: IO[str], limits: FindingLimits = DEFAULT_LIMITS
) -> None:
    """Every finding of ``results`` as a workflow command, then a notice for each file whose
    report left findings out."""
    for result in results:
        for violation in result.iter_violations():
            out.write(annotation(result.path, violation) + "\n")
        if result.omitted:
            note = _data(omitted_note(result, limits))
            out.write(f"::notice file={_property(result.path)}::{note}\n")


def annotation(path: str, violation: Violation) -> str:
    """One finding as a workflow command."""
    where = violation.location
    properties = [f"file={_property(where.file or path)}"]
    if where.line is not None:
        properties.append(f"line={where.line}")
        if where.column is not None:
            properties.append(f"col={where.column}")
    rule = catalog().get(violation.code)
    title = f"{violation.code} {rule.name}" if rule is not None else violation.code
    properties.append(f"title={_property(title)}")
    reference = where.reference()
    named = not reference or names(violation.message, reference)
    message = violation.message if named else f"{reference}: {violation.message}"
    return f"::{LEVEL[violation.severity]} {','.join(properties)}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
