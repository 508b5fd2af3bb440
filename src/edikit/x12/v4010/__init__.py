"""X12 004010: generated segment views."""
