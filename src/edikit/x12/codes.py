"""Look up the X12 dictionary: code lists with their meanings, element names and the
envelope's value lists, for every version edikit has tables for.

Everything is read on first use and cached: a version's code values come from
``_data/<version>/codes.json`` (the same file the checks read), their meanings from
``_data/meanings.json.gz`` (one wording per element and code, shared by the versions; see
``_data/SOURCE.md``), and the interchange lists from ``_data/envelope.json``. Nothing here
is read when a file is only validated.

    >>> from edikit.x12.codes import code_list
    >>> purpose = code_list("004010", "353")
    >>> purpose.complete, purpose.codes["00"]
    (True, 'Original')
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

from edikit.x12.structure import VERSIONS

__all__ = [
    "CodeList",
    "code_list",
    "element_name",
    "envelope_codes",
    "functional_group_sets",
    "version_of",
]

# Elements of the interchange envelope (ISA, TA1) and of GS whose lists are not kept per
# version: ``envelope_codes`` reads these.
ENVELOPE_ELEMENTS: Final = frozenset(
    {"I01", "I03", "I05", "I10", "I11", "I13", "I14", "I17", "I18"}
    | {"I34", "I37", "I65", "455", "480"}
)


@dataclass(frozen=True, slots=True)
class CodeList:
    """One element's codes in one version.

    ``codes`` maps each code to its meaning (an empty string where no public source gave
    one). ``complete`` is False where the standard takes the codes from outside X12 (country,
    currency, state, postal codes, SCAC, ...) or where no public source has the list
    complete; ``why`` then says which.
    """

    element: str
    version: str
    name: str
    codes: Mapping[str, str]
    complete: bool
    why: str = ""

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def meaning(self, code: str) -> str | None:
        """The code's meaning, ``""`` if unknown, None if the code is not in the list."""
        return self.codes.get(code)


def version_of(gs08: str) -> str:
    """The dictionary version of a version code: ``004010VICS`` -> ``004010``.

    Raises ``KeyError`` for a version edikit has no tables for (see
    ``edikit.x12.structure.VERSIONS``).
    """
    release = gs08[:6]
    if release not in VERSIONS:
        raise KeyError(f"no X12 tables for version {gs08!r} (known: {', '.join(VERSIONS)})")
    return release


def code_list(version: str, element: str) -> CodeList | None:
    """The code list of data element ``element`` (e.g. ``"353"``, ``"I05"``) in ``version``
    (``"004010"``, or a GS08 value such as ``"004010VICS"``), or None if the element has no
    codes in that version (it is not an ID element of the six sets' segments, or is unknown).

    The interchange elements (ISA, TA1: ``I01``...) hold the list of the interchange
    version that goes with ``version`` (00401 for 004010); ``envelope_codes`` has them for any
    interchange version.
    """
    return _code_list(version_of(version), element)


@cache
def _code_list(version: str, element: str) -> CodeList | None:
    data = _version_codes(version)
    complete = element in data["complete"]
    if complete:
        text, why = data["complete"][element], ""
    elif element in data["partial"]:
        text, why = data["partial"][element]["codes"], data["partial"][element].get("why", "")
    else:
        return None
    envelope = _envelope().get(element) if element in ENVELOPE_ELEMENTS else None
    meanings = envelope["codes"] if envelope is not None else _meanings().get(element, {})
    codes = {code: meanings.get(code, "") for code in text.split()}
    return CodeList(
        element,
        version,
        element_name(version, element) or "",
        MappingProxyType(codes),
        complete,
        why,
    )


def element_name(version: str, element: str) -> str | None:
    """The name of data element ``element`` in ``version``, or None if its tables have no
    such element (the tables hold the elements of the six sets' segments and the envelope)."""
    entry = _elements(version_of(version)).get(element)
    return None if entry is None else str(entry["name"])


def envelope_codes(element: str, interchange_version: str | None = None) -> CodeList:
    """The value list of an envelope element: ISA/TA1 elements ``I01``, ``I03``, ``I05``,
    ``I10``, ``I11``, ``I13``, ``I14``, ``I17``, ``I18``, ``I65`` (the repetition separator,
    no list), ISB/ISE's ``I34`` and ``I37``, and GS's ``455`` and ``480`` (version codes;
    their industry suffix is free).

    ``interchange_version`` (an ISA12 value such as ``"00401"``) leaves out the codes the
    sources only list for later interchange versions. GS01 (479) is per version: use
    ``code_list(version, "479")`` and ``functional_group_sets``.
    """
    data = _envelope()
    if element not in data or element == "479_sets":
        raise KeyError(f"no envelope list for {element!r}")
    entry = data[element]
    since: dict[str, str] = entry.get("since", {})
    codes = {
        code: meaning
        for code, meaning in entry["codes"].items()
        if interchange_version is None or since.get(code, "") <= interchange_version
    }
    why = entry.get("partial", "")
    return CodeList(
        element,
        interchange_version or "",
        entry["name"],
        MappingProxyType(codes),
        not why,
        why,
    )


def functional_group_sets(code: str, version: str | None = None) -> tuple[str, ...]:
    """The transaction sets a GS01 functional identifier (479) covers, e.g. ``"PO"`` ->
    ``("850",)``; with ``version``, only the sets that exist in that version (``FA`` covers
    997 and, from 005010 on, 999)."""
    sets: list[str] = _envelope()["479_sets"].get(code, [])
    if version is None:
        return tuple(sets)
    known = _code_list(version_of(version), "143")
    return tuple(s for s in sets if known is None or s in known.codes)


@cache
def _version_codes(version: str) -> dict[str, Any]:
    return _read(f"{version}/codes.json")  # type: ignore[no-any-return]


@cache
def _elements(version: str) -> dict[str, Any]:
    return _read(f"{version}/elements.json")  # type: ignore[no-any-return]


@cache
def _meanings() -> dict[str, dict[str, str]]:
    raw = (resources.files("edikit.x12") / "_data" / "meanings.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))  # type: ignore[no-any-return]


@cache
def _envelope() -> dict[str, Any]:
    return _read("envelope.json")  # type: ignore[no-any-return]


def _read(path: str) -> Any:
    return json.loads((resources.files("edikit.x12") / "_data" / path).read_text("utf-8"))
