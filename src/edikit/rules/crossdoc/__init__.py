"""Cross-document checks (EDI6xx): the documents of one set, linked by PO number."""

from edikit.rules.crossdoc.checks import CrossDocOptions, check_document_set

__all__ = ["CrossDocOptions", "check_document_set"]
