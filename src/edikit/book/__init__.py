"""The order book: documents that arrive days apart, checked against what came before."""

from edikit.book.store import AddResult, Finding, OrderBook, OrderSummary, book_url

__all__ = ["AddResult", "Finding", "OrderBook", "OrderSummary", "book_url"]
