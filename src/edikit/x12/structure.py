"""L2 structure data: which transaction sets edikit knows, per version (the grammar stage
compiles them: :func:`edikit.grammar.compiler.compiled_structure`).

Data: ``_data/<version>/structure/<set>.json`` (sources in ``_data/SOURCE.md``) for every
version in ``VERSIONS``. Files are still *read* through the nearest of 004010 and 005010
(``resolve_version``), and the caller says so to the user: their segment tables differ in
places. Reading each file with its own version's tables is a later change (SOURCE.md).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Final

from edikit.io.datatypes import is_digits

# Every version with dictionary and structure data (``_data/<version>/``).
VERSIONS: Final = (
    "003010",
    "003020",
    "003030",
    "003040",
    "003050",
    "003060",
    "004010",
    "004030",
    "005010",
)
# The versions files are read with today (``resolve_version``): the others are read through
# the nearest of these two until the checks read each file with its own version's tables.
READ_VERSIONS: Final = ("004010", "005010")


def resolve_version(gs08: str) -> tuple[str, bool]:
    """The data version for a GS08 value and whether it is exact.

    ``004010VICS`` reads as 004010 exactly (an industry suffix does not change the standard);
    ``003060`` or ``004030`` read as 004010 and ``005020`` or later as 005010, not exactly.
    """
    release = gs08[:6]
    if release in READ_VERSIONS:
        return release, True
    if is_digits(release) and release >= "005000":
        return "005010", False
    return "004010", False


@cache
def _data_root() -> Any:
    return resources.files("edikit.x12") / "_data"


@cache
def supported_sets(version: str) -> frozenset[str]:
    folder = _data_root() / version / "structure"
    return frozenset(entry.name.removesuffix(".json") for entry in folder.iterdir())


def structure_data(set_id: str, version: str) -> dict[str, Any] | None:
    """The segment table of ``set_id`` in ``version`` as stored, or None if edikit has none."""
    if set_id not in supported_sets(version):
        return None
    text = (_data_root() / version / "structure" / f"{set_id}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def known_segments(version: str) -> frozenset[str]:
    """Every segment ID of the version's dictionary."""
    text = (_data_root() / version / "segments.json").read_text("utf-8")
    return frozenset(json.loads(text))
