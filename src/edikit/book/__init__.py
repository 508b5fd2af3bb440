"""The order book: documents that arrive days apart, checked against what came before."""

from edikit.book.store import (
    AddResult,
    BookError,
    Finding,
    OrderBook,
    OrderSummary,
    book_url,
    masked_url,
)

__all__ = [
    "AddResult",
    "BookError",
    "Finding",
    "OrderBook",
    "OrderSummary",
    "book_url",
    "masked_url",
]
