"""Kept while the stages move to :mod:`edikit.vocabulary`, where these now live."""

from edikit.vocabulary import Severity, Violation

__all__ = ["Severity", "Violation"]
