"""L2 structure data: which transaction sets edikit knows, per version (the grammar stage
compiles them: :func:`edikit.grammar.compiler.compiled_structure`).

Data: ``_data/<version>/structure/<set>.json`` (sources in ``_data/SOURCE.md``) for every
version in ``VERSIONS``. A file is read with its own version's tables; a version edikit has
no tables for is read through the nearest older one (``resolve_version``), and the caller
says so to the user (EDI208).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from functools import cache
from importlib import resources
from typing import Any, Final

from edikit.io.datatypes import is_digits
from edikit.x12.dictionary import segment_specs

# Every version with dictionary and structure data (``_data/<version>/``), oldest first.
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
# The version a GS08 that is no version number at all (empty, ``X``) is read with: the one
# most retail partners send.
DEFAULT_VERSION: Final = "004010"


def resolve_version(gs08: str) -> tuple[str, bool]:
    """The data version for a GS08 value and whether it is exact.

    ``004010VICS`` reads as 004010 exactly (an industry suffix does not change the standard),
    ``003050`` as 003050. A release edikit has no tables for reads through the nearest older
    one (``004060`` as 004030, ``005020`` as 005010; one older than 003010 as 003010), and a
    GS08 that is no release at all as 004010; neither is exact.
    """
    release = gs08[:6]
    if release in VERSIONS:
        return release, True
    if len(release) != 6 or not is_digits(release):
        return DEFAULT_VERSION, False
    return VERSIONS[max(bisect_right(VERSIONS, release) - 1, 0)], False


def at_least(gs08: str, version: str) -> bool:
    """Whether the tables ``gs08`` is read with are those of ``version`` or a later one
    (``at_least("005020", "005010")``: compares resolved versions, not strings)."""
    return resolve_version(gs08)[0] >= version


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
    return frozenset(segment_specs(version))
