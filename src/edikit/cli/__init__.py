"""The ``edikit`` command line (click). Exit codes are API (README.md, docs/reference/cli.md):

0 nothing at or above ``--fail-on``, 1 violations at or above it, 2 usage or configuration
error, 3 an input could not be read or holds no X12 at all.
"""

from edikit.cli.app import main

__all__ = ["main"]
