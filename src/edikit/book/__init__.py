"""The order book: documents that arrive days apart, checked against what came before."""

from edikit.book.store import AddResult, OrderBook, OrderSummary, book_url

__all__ = ["AddResult", "OrderBook", "OrderSummary", "book_url"]
