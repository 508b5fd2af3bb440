"""Write the published JSON Schemas of edikit's report outputs: docs/explain-schema.json
(``edikit explain --format json``) from the explained tree's models.

    python tools/gen_report_schemas.py          # rewrite them
    python tools/gen_report_schemas.py --check  # exit 1 if one is stale
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from edikit.report.explain import Explanation

DOCS = Path(__file__).resolve().parent.parent / "docs"


def explain_schema() -> str:
    schema = Explanation.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "edikit explain (edikit.explain/1)"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


SCHEMAS: dict[str, Callable[[], str]] = {"explain-schema.json": explain_schema}


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
