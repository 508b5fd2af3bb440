"""``python -m edikit.cli``."""

from edikit.cli.app import run

run()
