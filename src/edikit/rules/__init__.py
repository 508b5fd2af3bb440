"""Rules: the registry of every violation code, and the checks that produce them."""

from edikit.rules.registry import REGISTRY, Rule, get_rule
from edikit.vocabulary import Severity, Violation

__all__ = ["REGISTRY", "Rule", "Severity", "Violation", "get_rule"]
