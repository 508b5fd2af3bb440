"""X12 005010: generated segment views."""
