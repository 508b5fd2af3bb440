"""``python -m edikit.cli``."""

from edikit.cli.app import main

main()
