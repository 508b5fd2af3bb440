"""``python -m edikit``: the same as the ``edikit`` command."""

from edikit.cli.main import main

main()
