"""Rules from installed plugins (docs/profiles.md, Plugins), discovered lazily.

An entry point of the group ``edikit.rules`` names an object with

- ``catalog``: the path of a folder of rule folders, laid out as edikit's own catalog (a
  ``rule.yaml`` and its examples per code), with the plugin's own code prefix, not ``EDI``;
- ``check(parsed)``: called with each :class:`~edikit.grammar.transaction.ParsedTransaction`
  a validation reads; it returns the :class:`~edikit.vocabulary.Problem` values it finds.

A rule set records the plugins' entry point names, not their objects: a worker process or
machine loads the same plugins by name. ``EDIKIT_NO_PLUGINS=1`` (``edikit --no-plugins``)
turns discovery off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from edikit.errors import ConfigurationError
from edikit.grammar.transaction import ParsedTransaction
from edikit.profiles.plugins import plugins_enabled
from edikit.rules.registry import REGISTRY, Rule, catalog_folders, load_rule
from edikit.vocabulary import Problem

if TYPE_CHECKING:
    from edikit.rules.ruleset import RuleSet

GROUP = "edikit.rules"
Check = Callable[[ParsedTransaction], Iterable[Problem]]


class RulePlugin(Protocol):
    catalog: Path

    def check(self, parsed: ParsedTransaction) -> Iterable[Problem]: ...


@dataclass(frozen=True, slots=True)
class Plugin:
    """One installed rule plugin: its entry point name, its rules, its check."""

    name: str
    rules: tuple[Rule, ...]
    check: Check


@cache
def rule_plugins() -> tuple[Plugin, ...]:
    """Every installed rule plugin (none when plugins are off)."""
    if not plugins_enabled():
        return ()
    found = []
    for entry in entry_points(group=GROUP):
        found.append(_plugin(entry.name, entry.load()))
    _check_codes(found)
    return tuple(found)


def _plugin(name: str, plugin: RulePlugin) -> Plugin:
    folder = Path(plugin.catalog)
    rules = tuple(load_rule(entry) for entry in catalog_folders(folder))
    for rule in rules:
        if rule.code.startswith("EDI"):
            raise ConfigurationError(
                f"plugin {name!r}: code {rule.code} uses edikit's own prefix; choose another"
            )
    return Plugin(name, rules, plugin.check)


def _check_codes(found: list[Plugin]) -> None:
    seen: dict[str, str] = {}
    for plugin in found:
        for rule in plugin.rules:
            if rule.code in seen or rule.code in REGISTRY:
                raise ConfigurationError(
                    f"plugin {plugin.name!r}: code {rule.code} is already registered"
                )
            seen[rule.code] = plugin.name


def catalog(with_plugins: bool = True) -> dict[str, Rule]:
    """edikit's rules and, unless turned off, those of the installed plugins, by code."""
    rules = dict(REGISTRY)
    if with_plugins:
        for plugin in rule_plugins():
            rules.update({rule.code: rule for rule in plugin.rules})
    return rules


def plugin_checks(rules: RuleSet) -> tuple[Check, ...]:
    """The checks of the plugins ``rules`` was composed with, loaded in this process."""
    if not rules.plugins:
        return ()
    by_name = {plugin.name: plugin for plugin in rule_plugins()}
    return tuple(by_name[name].check for name in rules.plugins if name in by_name)
