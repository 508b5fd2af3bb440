"""JSON text without recursion, for documents as deep as the input makes them.

``json.dumps`` and pydantic's serializers recurse once per level of nesting, so an 856 whose HL
levels nest thousands deep (hostile, but only a few kilobytes of X12) raises ``RecursionError``
or "maximum serialization depth exceeded". :func:`iter_json` writes the same text as
``json.dumps`` with a stack of iterators instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Final

_END: Final = object()


def iter_json(
    value: object,
    *,
    indent: int | None = None,
    ensure_ascii: bool = True,
    separators: tuple[str, str] | None = None,
    indent_depth: int | None = None,
) -> Iterator[str]:
    """The pieces of ``json.dumps(value, indent=..., ensure_ascii=..., separators=...)`` for
    ``value`` made of dicts, lists, tuples, str, int, float, bool and None, nested to any
    depth. :class:`TypeError` for anything else, as ``json.dumps`` raises.

    ``indent_depth`` stops indenting deeper than that many levels (the same JSON, with less
    white space): pretty-printed nesting thousands deep would otherwise grow as the square of
    its depth."""
    if separators is None:
        separators = (", ", ": ") if indent is None else (",", ": ")
    item_separator, key_separator = separators
    # (the container's items, whether it is a dict, whether the next item is its first)
    stack: list[tuple[Iterator[object], bool, list[bool]]] = []
    current: object = value
    while True:
        if isinstance(current, dict):
            if current:
                yield "{"
                stack.append((iter(current.items()), True, [True]))
            else:
                yield "{}"
        elif isinstance(current, list | tuple):
            if current:
                yield "["
                stack.append((iter(current), False, [True]))
            else:
                yield "[]"
        else:
            yield _scalar(current, ensure_ascii)
        while True:
            if not stack:
                return
            items, is_dict, first = stack[-1]
            item = next(items, _END)
            depth = len(stack)
            if item is _END:
                stack.pop()
                if indent is not None:
                    yield "\n" + " " * (indent * _capped(depth - 1, indent_depth))
                yield "}" if is_dict else "]"
                continue
            separator = "" if first[0] else item_separator
            first[0] = False
            if indent is not None:
                separator += "\n" + " " * (indent * _capped(depth, indent_depth))
            if is_dict:
                pair: tuple[object, object] = item  # type: ignore[assignment]
                key, current = pair
                yield separator + _key(key, ensure_ascii) + key_separator
            else:
                current = item
                yield separator
            break


def _capped(depth: int, limit: int | None) -> int:
    return depth if limit is None or depth < limit else limit


def dumps(value: object, *, indent: int | None = None, ensure_ascii: bool = True) -> str:
    """``json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)`` at any depth."""
    return "".join(iter_json(value, indent=indent, ensure_ascii=ensure_ascii))


def _scalar(value: object, ensure_ascii: bool) -> str:
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return json.dumps(value, ensure_ascii=ensure_ascii)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: object, ensure_ascii: bool) -> str:
    """A dict key as ``json.dumps`` writes it: always a string."""
    if isinstance(key, str):
        return json.dumps(key, ensure_ascii=ensure_ascii)
    if key is True or key is False or key is None:
        return f'"{json.dumps(key)}"'
    if isinstance(key, int | float):
        return f'"{json.dumps(key)}"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
