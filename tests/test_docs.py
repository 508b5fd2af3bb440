"""Generated documentation stays in step with the code."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from edikit.rules.registry import REGISTRY

REPO = Path(__file__).resolve().parent.parent


def load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_codes_page_is_current() -> None:
    tool = load_tool("gen_codes_doc")
    assert (REPO / "docs" / "codes.md").read_text(encoding="utf-8") == tool.render()


def test_registry_codes_are_well_formed() -> None:
    for code, rule in REGISTRY.items():
        assert code == rule.code
        assert len(code) == 6 and code.startswith("EDI") and code[3:].isdigit()
        assert rule.title.endswith(".") and rule.hint.endswith(".")


def test_generated_segment_views_are_current() -> None:
    tool = load_tool("gen_segments")
    for version in tool.VERSIONS:
        path = tool.target(version)
        assert path.read_text(encoding="utf-8") == tool.render(version), (
            f"{path} is stale: run python tools/gen_segments.py"
        )


def test_rule_pages_are_current() -> None:
    tool = load_tool("gen_rule_docs")
    assert tool.main(["--check"]) == 0, "docs/rules is stale: run python tools/gen_rule_docs.py"


def test_every_code_has_a_page_with_its_rationale() -> None:
    for code, rule in REGISTRY.items():
        page = (REPO / "docs" / "rules" / f"{code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {code} ")
        assert rule.rationale and rule.rationale in page


def test_profile_schema_and_reference_are_current() -> None:
    tool = load_tool("gen_profile_docs")
    assert tool.main(["--check"]) == 0, "run python tools/gen_profile_docs.py"


def test_profile_schema_accepts_the_builtins() -> None:
    import json

    import jsonschema
    import yaml

    from edikit.profiles.loader import builtin_ids

    schema = json.loads((REPO / "docs" / "profile-schema.json").read_text(encoding="utf-8"))
    folder = REPO / "src" / "edikit" / "profiles" / "builtin"
    for reference in builtin_ids():
        data = yaml.safe_load((folder / f"{reference}.yaml").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
