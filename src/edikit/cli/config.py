"""The configuration file: ``edikit.toml``, or the ``[tool.edikit]`` table of
``pyproject.toml``, in the current folder or the nearest folder above it that has one (in one
folder, ``edikit.toml`` wins). Its values are the defaults of the command-line options, so an
option given on the command line overrides it.

```toml
[tool.edikit]
profile = "profiles/acme.yaml"   # a built-in id, or a path relative to this file
select = ["EDI"]
ignore = ["EDI5"]
include = ["*.edi", "*.txt"]
exclude = ["archive/"]
fail-on = "warning"
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

SEVERITIES: Final = ("error", "warning", "info")


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def _severity(value: Any) -> str | None:
    return value if value in SEVERITIES else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


@dataclass(frozen=True)
class _Key:
    parameter: str  # the option's parameter name in the commands
    read: Callable[[Any], Any]
    expected: str
    commands: tuple[str, ...]  # where it applies: "validate", "book add", "parse", "ack"


_ALL_RUNS: Final = ("validate", "book add")
_CHECKS: Final = (*_ALL_RUNS, "explain")  # explain shows the findings validate would
KEYS: Final = {
    "profile": _Key("profile_ref", _text, "a profile id or path", _CHECKS),
    "select": _Key("select", _strings, "a list of code prefixes", _ALL_RUNS),
    "ignore": _Key("ignore", _strings, "a list of code prefixes", _ALL_RUNS),
    "fail-on": _Key("fail_on", _severity, "error, warning or info", _CHECKS),
    "min-severity": _Key("min_severity", _severity, "error, warning or info", _CHECKS),
    "include": _Key("include", _strings, "a list of patterns", ("validate", "parse")),
    "exclude": _Key("exclude", _strings, "a list of patterns", ("validate", "parse")),
    "respect-gitignore": _Key("respect_gitignore", _flag, "true or false", ("validate", "parse")),
    "ack-counter": _Key("counter", _text, "a file path", ("ack",)),
    "jobs": _Key("jobs", _count, "a number of processes (1 or more)", _ALL_RUNS),
    "scheduler": _Key("scheduler", _text, "a Dask scheduler's address", ("validate",)),
}
_PATHS: Final = frozenset({"profile", "ack-counter"})  # relative to the file's folder


class ConfigError(Exception):
    """A configuration file that cannot be read or holds a value edikit does not take."""


def find(start: Path) -> Path | None:
    """The configuration file that applies in ``start``: the nearest folder, from ``start``
    up, with an ``edikit.toml`` or a ``pyproject.toml`` that has ``[tool.edikit]``."""
    for folder in (start, *start.parents):
        own = folder / "edikit.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "edikit" in _read(project).get("tool", {}):
            return project
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc


def settings(path: Path) -> dict[str, Any]:
    """The edikit settings of a configuration file, by key, checked."""
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("edikit", {})
        where = f"{path} [tool.edikit]"
    else:
        where = str(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{where} is not a table")
    found: dict[str, Any] = {}
    for key, value in data.items():
        spec = KEYS.get(key)
        if spec is None:
            known = ", ".join(KEYS)
            raise ConfigError(f"{where}: {key!r} is not an edikit setting (settings: {known})")
        checked = spec.read(value)
        if checked is None:
            raise ConfigError(f"{where}: {key} must be {spec.expected}, not {value!r}")
        if key in _PATHS and (path.parent / checked).exists():
            checked = str(path.parent / checked)
        found[key] = checked
    return found


def default_map(found: dict[str, Any]) -> dict[str, Any]:
    """The settings as click's ``default_map``: per command, option defaults by parameter."""
    defaults: dict[str, Any] = {}
    for key, value in found.items():
        spec = KEYS[key]
        for command in spec.commands:
            table = defaults
            for part in command.split():
                table = table.setdefault(part, {})
            table[spec.parameter] = value
    return defaults
