"""The envelope summary of a file (:class:`~edikit.rules.result.InterchangeInfo`), built as the
reader announces each ISA, GS, GE and IEA, so a streaming validation keeps no envelope tree."""

from __future__ import annotations

import datetime as dt

from edikit.io.envelope import Context
from edikit.io.segment import Segment
from edikit.rules.crossdoc.timing import group_time
from edikit.rules.result import GroupInfo, InterchangeInfo

GroupKey = tuple[int, int]


class EnvelopeSummary:
    """Interchanges and groups as they are read; :meth:`interchanges` once reading ended."""

    def __init__(self) -> None:
        self._done: list[InterchangeInfo] = []
        self._open: InterchangeInfo | None = None
        self._groups: list[GroupInfo] = []
        self._transactions: dict[GroupKey, int] = {}
        self._sent: dict[GroupKey, dt.datetime | None] = {}

    def seen(self, segment: Segment, context: Context) -> None:
        tag = segment.tag
        if tag == "ISA":
            self._close()
            self._open = InterchangeInfo(
                index=context.interchange,
                sender=(segment[5], segment[6].rstrip()),
                receiver=(segment[7], segment[8].rstrip()),
                date=segment[9],
                time=segment[10],
                version=segment[12],
                control_number=segment[13],
                usage=segment[15],
            )
        elif tag == "GS" and context.group is not None:
            key = (context.interchange, context.group)
            self._sent[key] = group_time(segment)
            self._groups.append(
                GroupInfo(
                    index=context.group,
                    interchange=context.interchange,
                    functional_id=segment[1],
                    sender=segment[2],
                    receiver=segment[3],
                    date=segment[4],
                    time=segment[5],
                    control_number=segment[6],
                    version=segment[8],
                )
            )
        elif tag == "GE" and self._groups:
            self._groups[-1] = self._groups[-1].model_copy(update={"declared": segment[1]})
        elif tag == "IEA":
            self._close()

    def transaction(self, context: Context) -> None:
        """Count a transaction set of its group."""
        if context.group is not None:
            key = (context.interchange, context.group)
            self._transactions[key] = self._transactions.get(key, 0) + 1

    def sent_at(self, context: Context) -> dt.datetime | None:
        """GS04/GS05 of the group ``context`` is in, as a time (None when not a real one)."""
        if context.group is None:
            return None
        return self._sent.get((context.interchange, context.group))

    def interchanges(self) -> tuple[InterchangeInfo, ...]:
        self._close()
        return tuple(self._done)

    def _close(self) -> None:
        if self._open is None:
            return
        groups = tuple(
            group.model_copy(
                update={"transactions": self._transactions.get((group.interchange, group.index), 0)}
            )
            for group in self._groups
        )
        self._done.append(self._open.model_copy(update={"groups": groups}))
        self._open = None
        self._groups = []
