"""The scorecard's charts, drawn by matplotlib as SVG text that the HTML report holds inline
(no script, nothing fetched): OTIF by period per retailer, chargeback exposure by period per
retailer, and findings by rule.

matplotlib is an optional dependency (``pip install 'edikit-x12[charts]'``); without it the report
says so and shows the same figures in its tables. Figures are made with ``Figure`` (not pyplot:
no global state, safe in a server), text kept as SVG text, and no date or random ID written, so
the same scorecard gives the same SVG.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

MAX_RULES: Final = 15  # bars in the findings-by-rule chart


def scorecard_charts(card: Mapping[str, Any]) -> dict[str, str] | None:
    """SVG text by chart name (``otif``, ``exposure``, ``rules``) for a scorecard's JSON form;
    None when matplotlib is not installed."""
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        return None
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # text stays text (the page's font, selectable, small)
            "svg.hashsalt": "edikit",  # the same IDs every time
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        return {
            "otif": _trend(Figure, card, "otif_rate", "OTIF (on time in full)", percent=True),
            "exposure": _trend(Figure, card, "exposure", _exposure_title(card), percent=False),
            "rules": _rules(Figure, card),
        }


def _periods(card: Mapping[str, Any]) -> list[str]:
    return sorted({p["period"] for r in card["retailers"] for p in r["periods"]})


def _currency(card: Mapping[str, Any]) -> str:
    """The currency the exposure chart shows: the one with the most exposure."""
    totals: dict[str, Decimal] = {}
    for currency, amount in card["totals"]["exposure"].items():
        totals[currency] = totals.get(currency, Decimal(0)) + Decimal(amount)
    return max(totals, key=lambda c: totals[c]) if totals else "USD"


def _exposure_title(card: Mapping[str, Any]) -> str:
    return f"Chargeback exposure ({_currency(card)})"


def _value(figures: Mapping[str, Any], measure: str, currency: str) -> float | None:
    if measure == "exposure":
        return float(Decimal(figures["exposure"].get(currency, "0")))
    value = figures.get(measure)
    return None if value is None else float(value) * 100


def _trend(figure: Any, card: Mapping[str, Any], measure: str, title: str, percent: bool) -> str:
    periods = _periods(card)
    currency = _currency(card)
    chart = figure(figsize=(6.4, 3.0), dpi=100)
    axes = chart.add_subplot()
    for retailer in card["retailers"]:
        by_period = {p["period"]: _value(p, measure, currency) for p in retailer["periods"]}
        values = [by_period.get(p) for p in periods]
        xs = [n for n, v in enumerate(values) if v is not None]
        axes.plot(xs, [values[n] for n in xs], marker="o", markersize=3, label=retailer["retailer"])
    axes.set_title(title, loc="left")
    axes.set_xticks(range(len(periods)), periods, rotation=45, ha="right")
    if percent:
        axes.set_ylim(0, 100)
        axes.set_ylabel("% of POs")
    else:
        axes.set_ylabel(currency)
    if card["retailers"]:
        axes.legend(loc="best", fontsize=8, frameon=False)
    chart.tight_layout()
    return _svg(chart)


def _rules(figure: Any, card: Mapping[str, Any]) -> str:
    rules: Sequence[Mapping[str, Any]] = card["findings_by_rule"][:MAX_RULES]
    chart = figure(figsize=(6.4, max(1.8, 0.6 + 0.25 * len(rules))), dpi=100)
    axes = chart.add_subplot()
    names = [r["rule_id"] for r in rules][::-1]
    counts = [r["findings"] for r in rules][::-1]
    axes.barh(range(len(names)), counts, color="#b3261e")
    axes.set_yticks(range(len(names)), names)
    axes.set_title("Findings by rule", loc="left")
    axes.set_xlabel("findings")
    if not rules:
        axes.text(0.5, 0.5, "no findings", ha="center", va="center", transform=axes.transAxes)
    chart.tight_layout()
    return _svg(chart)


def _svg(chart: Any) -> str:
    buffer = io.StringIO()
    chart.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # the XML prolog and DOCTYPE do not belong inline
