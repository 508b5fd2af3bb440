"""The guide-to-profile cookbook (docs/cookbook.md): each recipe is a folder of
fixtures/cookbook/ with the profile the page shows, a document that breaks it and one that
passes. The breaking one reports exactly the findings of ``expected.yaml``, each with its rule
id, place, severity and citation; the passing one reports no error or warning; and the page
shows each recipe's profile as it is."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest
import yaml

import edikit
from edikit.vocabulary import Severity, Violation

ROOT: Final = Path(__file__).resolve().parent.parent.parent
RECIPES: Final = sorted(p for p in (ROOT / "fixtures" / "cookbook").iterdir() if p.is_dir())
# Recipes whose documents are a set (validate --set): the cross-document rules.
SETS: Final = frozenset({"09-cross-document", "10-unknown-po"})


def _findings(recipe: Path, document: str) -> list[Violation]:
    data = (recipe / document).read_bytes()
    profile = recipe / "profile.yaml"
    if recipe.name in SETS:
        result = edikit.validate_set([data], profile=profile)[0]
    else:
        result = edikit.validate(data, profile=profile)
    return [v for v in result.all_violations() if v.severity is not Severity.INFO]


def _shown(violation: Violation) -> dict[str, object]:
    location = violation.location
    found: dict[str, object] = {"code": violation.code, "id": violation.rule_id}
    if location.segment_id is not None:
        found["segment"] = location.segment_id
    if location.segment_position is not None:
        found["position"] = location.segment_position
    if location.element is not None:
        found["element"] = location.element
    found["severity"] = violation.severity.value
    found["citation"] = violation.citation
    return found


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.name for r in RECIPES])
def test_the_bad_document_breaks_the_recipe(recipe: Path) -> None:
    expected = yaml.safe_load((recipe / "expected.yaml").read_text("utf-8"))
    assert [_shown(v) for v in _findings(recipe, "bad.edi")] == expected


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.name for r in RECIPES])
def test_the_good_document_passes(recipe: Path) -> None:
    assert [_shown(v) for v in _findings(recipe, "good.edi")] == []


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.name for r in RECIPES])
def test_the_page_shows_the_recipe(recipe: Path) -> None:
    page = (ROOT / "docs" / "cookbook.md").read_text("utf-8")
    profile = (recipe / "profile.yaml").read_text("utf-8")
    assert f"```yaml\n{profile}```" in page, recipe.name
    assert f"fixtures/cookbook/{recipe.name}/" in page
