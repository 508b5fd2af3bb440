"""Generated documentation stays in step with the code."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import click

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


def test_sources_cite_what_a_reader_of_the_repository_can_open() -> None:
    outside = ("shared/reference", "shared/research", "DESIGN decision", "DESIGN, ")
    pages = [REPO / "README.md", *(REPO / "docs").rglob("*.md"), *(REPO / "src").rglob("*.py")]
    cited = [
        f"{page.relative_to(REPO)}: {phrase}"
        for page in pages
        for phrase in outside
        if phrase in page.read_text(encoding="utf-8")
    ]
    assert not cited


def test_every_install_line_names_the_distribution() -> None:
    import re

    pages = [REPO / "README.md", *(REPO / "docs").glob("*.md")]
    for page in pages:
        for line in page.read_text(encoding="utf-8").splitlines():
            for match in re.finditer(r"pip install (?:-\S+ )*'?([\w.\[\]-]+)", line):
                package = match.group(1)
                local = package.startswith(".")  # this checkout, with its extras
                assert local or package.startswith("edikit-x12"), (page, line)


def test_help_names_only_options_that_exist() -> None:
    import re

    from click.testing import CliRunner

    from edikit.cli import main

    def commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        found = [path]
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                found += commands(command, (*path, name))
            else:
                found.append((*path, name))
        return found

    every_option = {
        option
        for command in _all_commands(main)
        for parameter in command.params
        for option in [*getattr(parameter, "opts", []), *getattr(parameter, "secondary_opts", [])]
    }
    for path in commands(main):
        text = CliRunner().invoke(main, [*path, "--help"], terminal_width=200).output
        named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", text)) - {"--help", "--version"}
        assert named <= every_option, (path, named - every_option)


def _all_commands(group: click.Group) -> list[click.Command]:
    found: list[click.Command] = [group]
    for command in group.commands.values():
        found += _all_commands(command) if isinstance(command, click.Group) else [command]
    return found
