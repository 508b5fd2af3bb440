"""Small X12 builders for tests: readable, and correct unless a test breaks them on purpose."""

from __future__ import annotations

from collections.abc import Sequence


def isa(
    control: str = "000000001",
    version: str = "00401",
    element: str = "*",
    component: str = ">",
    isa11: str = "U",
) -> str:
    fields = [
        "ISA",
        "00",
        " " * 10,
        "00",
        " " * 10,
        "ZZ",
        "SENDER".ljust(15),
        "ZZ",
        "RECEIVER".ljust(15),
        "240105",
        "1230",
        isa11,
        version,
        control,
        "0",
        "P",
        component,
    ]
    return element.join(fields)


def interchange(
    bodies: Sequence[Sequence[str]] = (("BEG*00*SA*PO1**20240105", "PO1*1*1*EA"),),
    *,
    terminator: str = "~",
    suffix: str = "\n",
    functional_id: str = "PO",
    set_id: str = "850",
) -> str:
    """One interchange with one group; each body is the segments of one transaction set."""
    segments = [isa(), f"GS*{functional_id}*SENDER*RECEIVER*20240105*1230*1*X*004010"]
    for number, body in enumerate(bodies, start=1):
        control = f"{number:04d}"
        segments += [f"ST*{set_id}*{control}", *body, f"SE*{len(body) + 2}*{control}"]
    segments += [f"GE*{len(bodies)}*1", "IEA*1*000000001"]
    end = terminator + suffix
    return end.join(segments) + end
