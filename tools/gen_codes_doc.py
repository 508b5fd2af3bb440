"""Write docs/codes.md from the rule registry (run after changing a rule).

python tools/gen_codes_doc.py          # rewrite the page
python tools/gen_codes_doc.py --check  # exit 1 if the page is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from edikit.rules.registry import REGISTRY

PAGE = Path(__file__).resolve().parent.parent / "docs" / "codes.md"


def render() -> str:
    lines = [
        "# Violation codes",
        "",
        "Generated from the rule catalog (`src/edikit/rules/catalog/`) by",
        "`tools/gen_codes_doc.py`; do not edit.",
        "Codes are API: never reused. `TA1`, `AK905`, `AK502`, `AK304` and `AK403` are the",
        "acknowledgment codes a TA1 or 997/999 reports for the problem.",
        "",
        "| code | name | severity | what it means | what to do "
        "| TA1 | AK905 | AK502 | AK304 | AK403 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for rule in REGISTRY.values():
        lines.append(
            f"| {rule.code} | {rule.name} | {rule.severity.value} | {rule.title} | "
            f"{rule.hint} | {rule.ta1 or ''} | {rule.ak905 or ''} | {rule.ak502 or ''} | "
            f"{rule.ak304 or ''} | {rule.ak403 or ''} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE} is stale: run python tools/gen_codes_doc.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
