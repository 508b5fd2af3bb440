"""``python -m edikit``: the same as the ``edikit`` command."""

from edikit.cli.app import run

run()
