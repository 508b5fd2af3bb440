"""The pre-commit hooks as docs/profiles.md sets them up, run by pre-commit itself
(``pre-commit try-repo`` installs this checkout into a hook environment, as a user's
``pre-commit install`` would) on a sample repository of profiles."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ORDER = REPO / "fixtures" / "chains" / "clean" / "850.edi"

PROFILE = """\
id: acme-sports
title: Acme Sports (a sample profile)
extends: retail-common
"""
BROKEN_PROFILE = """\
id: acme-broken
title: A profile with a key edikit does not know
extends: retail-common
colour: blue
"""
WORKFLOW = """\
name: profiles
on: [push]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - run: edikit profile lint profiles/*.yaml
"""


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A repository of profiles as docs/profiles.md describes: profiles/, tests/edi/ with
    documents and expectation files, and a GitHub workflow, all YAML."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "profiles-repo"
    (root / "profiles").mkdir(parents=True)
    (root / "profiles" / "acme-sports.yaml").write_text(PROFILE)
    (root / "profiles" / "broken.yaml").write_text(BROKEN_PROFILE)
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "profiles.yaml").write_text(WORKFLOW)
    (root / "tests" / "edi").mkdir(parents=True)
    shutil.copy(ORDER, root / "tests" / "edi" / "850.edi")
    (root / "tests" / "edi" / "850.expected.yaml").write_text(
        "profile: ../../profiles/acme-sports.yaml\nviolations: []\n"
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def test_the_documented_hooks_lint_profiles_only_and_test_documents(
    sample: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "--all-files", "--verbose"],
        cwd=sample,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output  # the broken profile, and nothing else
    lint = output[output.index("edikit profile lint") : output.index("edikit profile test")]
    assert "Failed" in lint and "broken.yaml" in lint and "colour" in lint
    assert "profiles/acme-sports.yaml: ok" in lint
    assert "workflows" not in lint and "expected.yaml" not in lint  # other YAML left alone
    test = output[output.index("edikit profile test") :]
    assert "Passed" in test and "1 passed, 0 failed" in test
