"""A plugin package installed for real (into a folder of its own) gives edikit a profile and
a rule; --no-plugins turns it off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent.parent / "fixtures"
PO_WITHOUT_DEPARTMENT = (
    "ISA*00*          *00*          *ZZ*ACME           *ZZ*BRAND          *261120*0930*U*"
    "00401*000000001*0*T*>~\nGS*PO*ACME*BRAND*20261120*0930*1*X*004010~\nST*850*0001~\n"
    "BEG*00*DS*4500012345**20261101~\nPO1*1*12*PR*54.50**UP*012345678905~\nCTT*1~\n"
    "SE*5*0001~\nGE*1*1~\nIEA*1*000000001~\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(HERE / "example_plugin"),
        ],
        check=True,
        capture_output=True,
    )
    return target


def edikit(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    command = [sys.executable, "-m", "edikit.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_plugin_profile_and_rule(site: Path, tmp_path: Path) -> None:
    document = tmp_path / "po.edi"
    document.write_text(PO_WITHOUT_DEPARTMENT)
    listed = edikit(site, "profile", "list")
    assert "acme-example" in listed.stdout, listed.stderr
    result = edikit(
        site, "validate", "--format", "json", "--profile", "acme-example", str(document)
    )
    report = json.loads(result.stdout)
    codes = sorted(v["code"] for d in report["files"][0]["documents"] for v in d["violations"])
    assert codes == ["ACME001", "EDI406"], result.stderr
    rule = edikit(site, "rule", "ACME001")
    assert rule.returncode == 0 and "department" in rule.stdout


def test_no_plugins(site: Path, tmp_path: Path) -> None:
    document = tmp_path / "po.edi"
    document.write_text(PO_WITHOUT_DEPARTMENT)
    result = edikit(site, "--no-plugins", "validate", "--format", "json", str(document))
    report = json.loads(result.stdout)
    assert all(
        v["code"] != "ACME001" for d in report["files"][0]["documents"] for v in d["violations"]
    )
    missing = edikit(site, "--no-plugins", "validate", "--profile", "acme-example", str(document))
    assert missing.returncode == 2
