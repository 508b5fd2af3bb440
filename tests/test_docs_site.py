"""The docs site builds with ``mkdocs build --strict`` (a broken link, a page outside the
navigation or a reference that does not resolve fails it), every page is in the navigation,
and the command and API references are generated from the code, so they list everything."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

import edikit
from edikit.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return target


def _nav_pages(entries: list[object]) -> set[str]:
    pages: set[str] = set()
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages |= _nav_pages(value) if isinstance(value, list) else {str(value)}
    return pages


def test_every_page_is_in_the_navigation() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    listed = _nav_pages(config["nav"])
    pages = {
        p.relative_to(REPO / "docs").as_posix()
        for p in (REPO / "docs").rglob("*.md")
        if not re.fullmatch(r"EDI\d+\.md", p.name)  # one page per rule, from rules/index.md
    }
    assert pages == listed
    assert "index.md" in listed and "document-sets.md" in listed


def test_the_site_builds_strict_with_a_home_page(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "pip install edikit-x12" in home


def _commands(group: click.Group, prefix: str = "edikit") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        found[f"{prefix} {name}"] = command
        if isinstance(command, click.Group):
            found |= _commands(command, f"{prefix} {name}")
    return found


def test_the_command_reference_lists_every_command_and_option(site: Path) -> None:
    page = (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    for name, command in _commands(main).items():
        assert name in page, name
        for parameter in command.params:
            for option in getattr(parameter, "opts", []):
                if option.startswith("--"):
                    assert option in page, (name, option)


def test_the_api_reference_documents_every_public_name(site: Path) -> None:
    page = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    missing = [
        name
        for name in edikit.__all__
        if name != "__version__" and f'id="edikit.{name}"' not in page
    ]
    assert not missing
