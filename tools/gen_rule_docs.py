"""Write docs/rules/ (one page per violation code, and an index) from the rule registry.

python tools/gen_rule_docs.py          # rewrite the pages
python tools/gen_rule_docs.py --check  # exit 1 if a page is stale or missing
"""

from __future__ import annotations

import sys
from pathlib import Path

from edikit.rules.pages import index_page, rule_page
from edikit.rules.registry import REGISTRY

FOLDER = Path(__file__).resolve().parent.parent / "docs" / "rules"


def pages() -> dict[Path, str]:
    found = {FOLDER / f"{code}.md": rule_page(code) for code in REGISTRY}
    found[FOLDER / "index.md"] = index_page()
    return found


def main(argv: list[str]) -> int:
    wanted = pages()
    if "--check" in argv:
        stale = [p for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text]
        extra = [p for p in FOLDER.glob("*.md") if p not in wanted]
        for path in stale + extra:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale or extra else 0
    FOLDER.mkdir(parents=True, exist_ok=True)
    for path in FOLDER.glob("*.md"):
        if path not in wanted:
            path.unlink()
    for path, text in wanted.items():
        path.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
