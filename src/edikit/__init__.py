"""edikit: read, write and check ANSI ASC X12 retail EDI.

>>> import edikit
>>> x12 = edikit.parse("po.edi")            # a path, bytes, X12 text or an open file
>>> for tx in x12.transactions: ...
>>> edikit.serialize(x12)                   # the same bytes back
"""

from edikit.api import (
    ErrorMode,
    TransactionStream,
    parse,
    serialize,
    stream,
    validate,
    validate_set,
)
from edikit.errors import (
    ConfigurationError,
    EdikitError,
    EdiSyntaxError,
    InputError,
    ProfileError,
)
from edikit.io.decode import Source, open_source
from edikit.io.delimiters import Delimiters
from edikit.io.envelope import Group, Interchange, Transaction, X12File
from edikit.io.segment import Segment
from edikit.io.tokenizer import Gap
from edikit.io.writer import GroupWriter, X12Writer
from edikit.location import Location
from edikit.report.ack import build_ack
from edikit.rules.violation import Severity, Violation

__version__ = "0.1.0.dev0"

__all__ = [
    "ConfigurationError",
    "Delimiters",
    "EdiSyntaxError",
    "EdikitError",
    "ErrorMode",
    "Gap",
    "Group",
    "GroupWriter",
    "InputError",
    "Interchange",
    "Location",
    "ProfileError",
    "Segment",
    "Severity",
    "Source",
    "Transaction",
    "TransactionStream",
    "Violation",
    "X12File",
    "X12Writer",
    "__version__",
    "build_ack",
    "open_source",
    "parse",
    "serialize",
    "stream",
    "validate",
    "validate_set",
]
