"""Checks of the X12 standard itself (EDI3xx elements and syntax notes)."""
