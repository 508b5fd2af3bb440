"""``python -m edikit.cli``."""

from edikit.cli.main import main

main()
