"""Cross-document checks (EDI6xx): a fold of documents' facts into a ledger."""

from edikit.rules.crossdoc.context import Arrival
from edikit.rules.crossdoc.fold import check_arrivals
from edikit.rules.crossdoc.ledger import Ledger

__all__ = ["Arrival", "Ledger", "check_arrivals"]
