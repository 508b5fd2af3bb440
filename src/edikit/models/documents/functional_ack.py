"""The 997 functional and 999 implementation acknowledgments."""

from __future__ import annotations

from typing import ClassVar

from pydantic import computed_field

from edikit.grammar.loops import Loop
from edikit.io.datatypes import as_int
from edikit.models.base import Node
from edikit.models.documents.document import Document


class SetResponse(Node):
    """An AK2 loop: the answer for one received transaction set."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def set_id(self) -> str | None:
        """AK201."""
        return self.value("AK2", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def control_number(self) -> str | None:
        """AK202."""
        return self.value("AK2", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> str | None:
        """AK501 / IK501: A accepted, E accepted with errors, R rejected..."""
        return self.value("AK5", 1) or self.value("IK5", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def segment_errors(self) -> list[str]:
        """AK3/IK3 segments as ``ID@position:code`` (``PO1@12:8``)."""
        return [f"{s[1]}@{s[2]}:{s[4]}" for s in self.loop.walk() if s.tag in ("AK3", "IK3")]


class FunctionalAck(Document):
    """997 (and 999): the receiver's answer for a functional group."""

    set_id: ClassVar[str] = "997"
    responses: list[SetResponse]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def functional_id(self) -> str | None:
        """AK101: the GS01 of the group acknowledged."""
        return self.value("AK1", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def group_control_number(self) -> str | None:
        """AK102: the GS06 acknowledged."""
        return self.value("AK1", 2)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> str | None:
        """AK901: A accepted, E with errors, P partially accepted, R rejected."""
        return self.value("AK9", 1)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accepted_count(self) -> int | None:
        """AK904."""
        return as_int(self.value("AK9", 4) or "")


class ImplementationAck(FunctionalAck):
    """999: the 005010 implementation acknowledgment (IK3/IK4/IK5 instead of AK3/AK4/AK5)."""

    set_id: ClassVar[str] = "999"


def build_functional_ack(loop: Loop, version: str) -> Document:
    responses = [SetResponse.make(ak2, version) for ak2 in loop.loops("AK2")]
    return FunctionalAck.make(loop, version, responses=responses)


def build_implementation_ack(loop: Loop, version: str) -> Document:
    responses = [SetResponse.make(ak2, version) for ak2 in loop.loops("AK2")]
    return ImplementationAck.make(loop, version, responses=responses)
