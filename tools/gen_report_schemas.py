"""Write the published JSON Schemas of edikit's report outputs: docs/explain-schema.json
(``edikit explain --format json``) from the explained tree's models, and
docs/scorecard-schema.json (the ``scorecard`` of ``edikit book report --format json``).

    python tools/gen_report_schemas.py          # rewrite them
    python tools/gen_report_schemas.py --check  # exit 1 if one is stale
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from edikit.book.scorecard import SCHEMA as SCORECARD
from edikit.book.scorecard import Figures
from edikit.report.explain import Explanation

DOCS = Path(__file__).resolve().parent.parent / "docs"


def explain_schema() -> str:
    schema = Explanation.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "edikit explain (edikit.explain/1)"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def scorecard_schema() -> str:
    """The scorecard's JSON (``edikit.scorecard/1``), from the figures it holds."""
    figures = Figures()
    counts = [n for n in figures.__slots__ if isinstance(getattr(figures, n), int)]
    units = [n for n in figures.__slots__ if n.startswith("units_")]
    rates = list(figures.rates())
    money = {"type": "object", "additionalProperties": {"type": "string", "pattern": DECIMAL}}
    properties: dict[str, Any] = {name: {"type": "integer", "minimum": 0} for name in counts}
    properties |= {name: {"type": "string", "pattern": DECIMAL} for name in units}
    properties |= {name: {"type": ["number", "null"], "minimum": 0} for name in rates}
    properties["exposure"] = money
    figures_schema = {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }
    period = {
        **figures_schema,
        "properties": {"period": {"type": "string"}, **properties},
        "required": ["period", *sorted(properties)],
    }
    rule = {
        "type": "object",
        "properties": {
            "rule_id": {"type": "string"},
            "code": {"type": "string"},
            "findings": {"type": "integer"},
            "chargebacks": {"type": "integer"},
            "exposure": money,
        },
        "required": ["rule_id", "code", "findings", "chargebacks", "exposure"],
        "additionalProperties": False,
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"edikit compliance scorecard ({SCORECARD})",
        "type": "object",
        "$defs": {"Figures": figures_schema, "Period": period, "Rule": rule},
        "properties": {
            "schema": {"const": SCORECARD},
            "book": {"type": "string"},
            "period": {"enum": ["week", "month"]},
            "windows": {
                "type": "object",
                "properties": {"ack_hours": {"type": "number"}, "asn_hours": {"type": "number"}},
            },
            "definitions": {"type": "object", "additionalProperties": {"type": "string"}},
            "totals": {"$ref": "#/$defs/Figures"},
            "retailers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "retailer": {"type": "string"},
                        "totals": {"$ref": "#/$defs/Figures"},
                        "periods": {"type": "array", "items": {"$ref": "#/$defs/Period"}},
                    },
                    "required": ["retailer", "totals", "periods"],
                },
            },
            "top_rules": {"type": "array", "items": {"$ref": "#/$defs/Rule"}},
            "findings_by_rule": {"type": "array", "items": {"$ref": "#/$defs/Rule"}},
        },
        "required": [
            "schema",
            "period",
            "windows",
            "definitions",
            "totals",
            "retailers",
            "top_rules",
            "findings_by_rule",
        ],
    }
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
SCHEMAS: dict[str, Callable[[], str]] = {
    "explain-schema.json": explain_schema,
    "scorecard-schema.json": scorecard_schema,
}


def main(argv: list[str]) -> int:
    stale = []
    for name, make in SCHEMAS.items():
        path, text = DOCS / name, make()
        if "--check" in argv:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    for name in stale:
        print(f"docs/{name} is stale: run python tools/gen_report_schemas.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
