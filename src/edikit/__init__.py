"""edikit: read, write and check ANSI ASC X12 retail EDI.

>>> import edikit
>>> x12 = edikit.parse("po.edi")               # a path, bytes, X12 text or an open file
>>> for tx in x12.transactions: ...            # each transaction set, with its loop tree
>>> edikit.serialize(x12)                      # the same bytes back
>>> rules = edikit.ruleset("retail-common")    # the standard, business rules and a profile
>>> result = edikit.validate_file("asn.edi", rules)
>>> result.all_violations(), result.facts

The names here are the user-level API; plumbing stays importable from its own module.
"""

from edikit._version import __version__
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
    "validate_set",
]
