"""edikit: read, write and check ANSI ASC X12 retail EDI.

>>> import edikit
>>> x12 = edikit.parse("po.edi")               # a path, bytes, X12 text or an open file
>>> for tx in x12.transactions: ...            # each transaction set, with its loop tree
>>> edikit.serialize(x12)                      # the same bytes back
>>> rules = edikit.ruleset("retail-common")    # the standard, business rules and a profile
>>> result = edikit.validate_file("asn.edi", rules)
>>> result.all_violations(), result.facts
>>> edikit.validate_many(paths, rules, jobs=4)  # in 4 processes; client=: on a Dask cluster

The names here are the user-level API; plumbing stays importable from its own module. Each
is imported on first use, so that ``import edikit`` (and ``edikit --version``) start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from edikit._version import __version__

if TYPE_CHECKING:
    from edikit.api import (
        ErrorMode,
        ParsedFile,
        TransactionStream,
        cross_check,
        load_profile,
        parse,
        ruleset,
        serialize,
        stream,
        validate,
        validate_file,
        validate_set,
    )
    from edikit.errors import (
        ConfigurationError,
        EdikitError,
        EdiSyntaxError,
        InputError,
        ProfileError,
        ProfileProblem,
    )
    from edikit.grammar.transaction import ParsedTransaction
    from edikit.io.delimiters import Delimiters
    from edikit.io.writer import GroupWriter, X12Writer
    from edikit.location import Location
    from edikit.many import validate_many
    from edikit.models.documents import (
        Document,
        FunctionalAck,
        ImplementationAck,
        Invoice,
        POAcknowledgment,
        PurchaseOrder,
        ShipNotice,
    )
    from edikit.report.ack import build_ack
    from edikit.report.explain import Explanation, explain
    from edikit.rules.facts import DocumentFacts
    from edikit.rules.result import DocumentResult, FileResult
    from edikit.rules.ruleset import RuleSet
    from edikit.vocabulary import Severity, Violation

# Where each name of the API lives.
_HOMES = {
    "ConfigurationError": "edikit.errors",
    "Delimiters": "edikit.io.delimiters",
    "Document": "edikit.models.documents",
    "DocumentFacts": "edikit.rules.facts",
    "DocumentResult": "edikit.rules.result",
    "EdiSyntaxError": "edikit.errors",
    "EdikitError": "edikit.errors",
    "Explanation": "edikit.report.explain",
    "ErrorMode": "edikit.api",
    "FileResult": "edikit.rules.result",
    "FunctionalAck": "edikit.models.documents",
    "GroupWriter": "edikit.io.writer",
    "ImplementationAck": "edikit.models.documents",
    "InputError": "edikit.errors",
    "Invoice": "edikit.models.documents",
    "Location": "edikit.location",
    "POAcknowledgment": "edikit.models.documents",
    "ParsedFile": "edikit.api",
    "ParsedTransaction": "edikit.grammar.transaction",
    "ProfileError": "edikit.errors",
    "ProfileProblem": "edikit.errors",
    "PurchaseOrder": "edikit.models.documents",
    "RuleSet": "edikit.rules.ruleset",
    "Severity": "edikit.vocabulary",
    "ShipNotice": "edikit.models.documents",
    "TransactionStream": "edikit.api",
    "Violation": "edikit.vocabulary",
    "X12Writer": "edikit.io.writer",
    "build_ack": "edikit.report.ack",
    "cross_check": "edikit.api",
    "explain": "edikit.report.explain",
    "load_profile": "edikit.api",
    "parse": "edikit.api",
    "ruleset": "edikit.api",
    "serialize": "edikit.api",
    "stream": "edikit.api",
    "validate": "edikit.api",
    "validate_file": "edikit.api",
    "validate_many": "edikit.many",
    "validate_set": "edikit.api",
}

__all__ = [
    "ConfigurationError",
    "Delimiters",
    "Document",
    "DocumentFacts",
    "DocumentResult",
    "EdiSyntaxError",
    "EdikitError",
    "ErrorMode",
    "Explanation",
    "FileResult",
    "FunctionalAck",
    "GroupWriter",
    "ImplementationAck",
    "InputError",
    "Invoice",
    "Location",
    "POAcknowledgment",
    "ParsedFile",
    "ParsedTransaction",
    "ProfileError",
    "ProfileProblem",
    "PurchaseOrder",
    "RuleSet",
    "Severity",
    "ShipNotice",
    "TransactionStream",
    "Violation",
    "X12Writer",
    "__version__",
    "build_ack",
    "cross_check",
    "explain",
    "load_profile",
    "parse",
    "ruleset",
    "serialize",
    "stream",
    "validate",
    "validate_file",
    "validate_many",
    "validate_set",
]


def __getattr__(name: str) -> Any:
    """An API name, imported on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'edikit' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
