"""The order book: documents that arrive days apart, checked against what came before."""

from edikit.book.engine import BookError, book_url, masked_url
from edikit.book.queries import Finding, OrderSummary
from edikit.book.scorecard import Figures, Scorecard, Windows
from edikit.book.store import AddResult, OrderBook

__all__ = [
    "AddResult",
    "BookError",
    "Figures",
    "Finding",
    "OrderBook",
    "OrderSummary",
    "Scorecard",
    "Windows",
    "book_url",
    "masked_url",
]
