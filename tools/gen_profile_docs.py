"""Write docs/profile-schema.json (JSON Schema for editors) and docs/profile-reference.md
from the Profile model.

    python tools/gen_profile_docs.py          # rewrite both
    python tools/gen_profile_docs.py --check  # exit 1 if either is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from edikit.profiles.model import Profile

DOCS = Path(__file__).resolve().parent.parent / "docs"
SCHEMA = DOCS / "profile-schema.json"
REFERENCE = DOCS / "profile-reference.md"


def schema_text() -> str:
    schema = Profile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "edikit retailer profile"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def reference_text() -> str:
    schema = Profile.model_json_schema(by_alias=True)
    lines = [
        "# Profile reference",
        "",
        "Generated from `src/edikit/profiles/model.py` by `tools/gen_profile_docs.py`; do not",
        "edit. The JSON Schema for editors is [profile-schema.json](profile-schema.json).",
        "",
    ]
    lines += _object("Profile", schema)
    for name, definition in sorted(schema.get("$defs", {}).items()):
        lines += _object(name, definition)
    return "\n".join(lines) + "\n"


def _object(name: str, definition: dict[str, Any]) -> list[str]:
    lines = [f"## {name}", ""]
    if definition.get("description"):
        lines += [" ".join(definition["description"].split()), ""]
    lines += ["| field | type | required | description |", "|---|---|---|---|"]
    required = set(definition.get("required", []))
    for field, spec in definition.get("properties", {}).items():
        description = " ".join(str(spec.get("description", "")).split())
        lines.append(
            f"| `{field}` | {_type(spec)} | {'yes' if field in required else ''} | {description} |"
        )
    return [*lines, ""]


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        target = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{target}](#{target.lower()})"
    if "anyOf" in spec:
        return " or ".join(_type(option) for option in spec["anyOf"])
    if "enum" in spec:
        return " \\| ".join(f"`{value}`" for value in spec["enum"])
    if spec.get("type") == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if spec.get("type") == "object":
        extra = spec.get("additionalProperties")
        return f"map of {_type(extra)}" if isinstance(extra, dict) else "map"
    return str(spec.get("type", "any"))


def main(argv: list[str]) -> int:
    wanted = {SCHEMA: schema_text(), REFERENCE: reference_text()}
    if "--check" in argv:
        stale = [p for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text]
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in wanted.items():
        path.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
