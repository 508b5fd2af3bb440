"""Plugins through entry points (DESIGN decision 11), discovered lazily on first use.

- ``edikit.profiles``: an entry point naming a package (or module) whose folder holds profile
  YAML files; they become profile IDs like the built-ins.
- ``edikit.rules``: an entry point naming an object with ``rules`` (registry entries with the
  plugin's own code prefix, not ``EDI``) and ``check(transaction)`` (called for every
  transaction set ``edikit.validate`` reads; it appends its violations).

``EDIKIT_NO_PLUGINS=1`` (or ``edikit --no-plugins``) turns discovery off.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

from edikit.errors import ConfigurationError
from edikit.io.envelope import Transaction
from edikit.rules.registry import REGISTRY, Rule


class RulePlugin(Protocol):
    rules: Sequence[Rule]

    def check(self, transaction: Transaction) -> None: ...


@dataclass(frozen=True, slots=True)
class Plugins:
    profile_folders: tuple[Path, ...]
    checks: tuple[Callable[[Transaction], None], ...]


def enabled() -> bool:
    return os.environ.get("EDIKIT_NO_PLUGINS", "") not in ("1", "true", "yes")


@cache
def plugins() -> Plugins:
    """Everything installed plugins provide (nothing when plugins are turned off)."""
    if not enabled():
        return Plugins((), ())
    folders = tuple(_profile_folder(ep.value) for ep in entry_points(group="edikit.profiles"))
    checks = tuple(_register(ep.name, ep.load()) for ep in entry_points(group="edikit.rules"))
    return Plugins(folders, checks)


def _profile_folder(value: str) -> Path:
    module = import_module(value.split(":", maxsplit=1)[0])
    location = getattr(module, "__file__", None)
    if location is None:
        raise ConfigurationError(f"edikit.profiles entry point {value!r} is not a package")
    return Path(location).parent


def _register(name: str, plugin: RulePlugin) -> Callable[[Transaction], None]:
    for rule in plugin.rules:
        if rule.code.startswith("EDI"):
            raise ConfigurationError(
                f"plugin {name!r}: code {rule.code} uses edikit's own prefix; choose another"
            )
        if rule.code in REGISTRY and REGISTRY[rule.code] != rule:
            raise ConfigurationError(f"plugin {name!r}: code {rule.code} is already registered")
        REGISTRY[rule.code] = rule
    return plugin.check
