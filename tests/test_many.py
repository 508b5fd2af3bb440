"""Many files on many cores and many machines: ``validate_many`` in worker processes
(``--jobs``) and on a real Dask cluster (``--scheduler``) gives, in input order, what
validating the files one after another gives; the cross-document checks fold the facts
afterwards the same way; the progress bar shows on a terminal only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

import edikit
from edikit.cli import main
from edikit.many import cores, validate_many

REPO = Path(__file__).resolve().parent.parent
CHAIN = sorted((REPO / "fixtures" / "chains" / "clean").glob("*.edi"))
CATALOG = Path(edikit.__file__).resolve().parent / "rules" / "catalog"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Clean and faulty documents, a second ship notice that ships the chain's order again
    (cross-document findings), a file that is no X12 and one that cannot be read."""
    root = tmp_path_factory.mktemp("inbox")
    sources = [*CHAIN, *sorted(CATALOG.glob("EDI[1-5]*/case.edi"))[::3]]
    for number, source in enumerate(sources):
        (root / f"{number:03d}-{source.parent.name}-{source.name}").write_bytes(source.read_bytes())
    (root / "900-again-856.edi").write_bytes((CHAIN[-1]).read_bytes())
    (root / "901-notes.txt").write_text("not X12 at all\n")
    (root / "902-gone.edi").symlink_to(root / "nowhere.edi")  # cannot be read
    return root


def _paths(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def _dumped(results: list[edikit.FileResult]) -> list[dict[str, object]]:
    return [r.model_dump(mode="json") for r in results]


@pytest.mark.parametrize("together", [False, True])
def test_worker_processes_give_what_one_process_gives(folder: Path, together: bool) -> None:
    paths = _paths(folder)
    rules = edikit.ruleset()
    alone = validate_many(paths, rules, jobs=1, together=together)
    seen: list[Path] = []
    pooled = validate_many(
        paths, rules, jobs=2, together=together, progress=lambda path, _: seen.append(path)
    )
    assert _dumped(pooled) == _dumped(alone)
    assert [r.path for r in pooled] == [str(p) for p in paths]
    assert seen == paths  # a process pool's results come in input order
    codes = {v.code for r in alone for v in r.iter_violations()}
    assert ("EDI605" in codes) is together  # the ship notice sent twice, seen only as a set
    assert {"EDI002", "EDI005"} <= codes  # not X12; cannot be read


def test_cli_jobs_writes_the_report_jobs_1_writes(folder: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(main, ["validate", "--format", "json", "--jobs", "1", str(folder)])
    two = runner.invoke(main, ["validate", "--format", "json", "--jobs", "2", str(folder)])
    assert one.exit_code == two.exit_code == 3  # an unreadable input
    assert json.loads(two.stdout) == json.loads(one.stdout)


def test_jobs_default_to_the_cores_available() -> None:
    assert cores() == len(os.sched_getaffinity(0))
    result = CliRunner().invoke(main, ["validate", "--help"])
    assert f"{cores()} here" in result.output


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """A real Dask cluster of two worker processes on this machine."""
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_a_dask_cluster_gives_what_one_process_gives(folder: Path, cluster: LocalCluster) -> None:
    paths = _paths(folder)
    rules = edikit.ruleset("nordstrom-example")
    alone = validate_many(paths, rules, jobs=1, together=True)
    seen: list[Path] = []
    with Client(cluster) as client:  # type: ignore[no-untyped-call]
        spread = validate_many(
            paths, rules, client=client, together=True, progress=lambda p, _: seen.append(p)
        )
        workers = client.run(os.getpid)
    assert _dumped(spread) == _dumped(alone)
    assert sorted(seen) == paths
    assert len(set(workers.values()) - {os.getpid()}) == 2  # two processes but this one


def test_cli_scheduler_writes_the_report_jobs_1_writes(folder: Path, cluster: LocalCluster) -> None:
    runner = CliRunner()
    one = runner.invoke(main, ["validate", "--set", "--format", "json", "-j", "1", str(folder)])
    address = cluster.scheduler_address
    spread = runner.invoke(
        main, ["validate", "--set", "--format", "json", "--scheduler", address, str(folder)]
    )
    assert spread.exit_code == one.exit_code
    assert json.loads(spread.stdout) == json.loads(one.stdout)


def test_an_unreachable_scheduler_is_exit_3() -> None:
    arguments = ["--scheduler", "tcp://127.0.0.1:9", "--connect-timeout", "1", str(CHAIN[0])]
    result = CliRunner().invoke(main, ["validate", *arguments])
    assert result.exit_code == 3
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


def test_dask_is_imported_only_when_asked_for() -> None:
    code = (
        "import sys, edikit, edikit.many, edikit.cli.validate;"
        "edikit.validate_many([sys.argv[1]], jobs=1);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code, str(CHAIN[0])], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"


def _cli(arguments: list[str], **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **environment}
    if not environment:  # standard error is a pipe, and nothing says otherwise
        for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
            env.pop(name, None)
    command = [sys.executable, "-m", "edikit", *arguments]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_the_progress_bar_shows_files_and_segments_per_second_on_a_terminal(
    folder: Path,
) -> None:
    arguments = ["validate", "--format", "json", "-j", "2", *map(str, CHAIN)]
    on_terminal = _cli(arguments, FORCE_COLOR="1", TTY_COMPATIBLE="1", TTY_INTERACTIVE="1")
    assert "files/s" in on_terminal.stderr and "segments/s" in on_terminal.stderr
    on_pipe = _cli(arguments)
    assert on_pipe.stderr == ""
    assert json.loads(on_pipe.stdout) == json.loads(on_terminal.stdout)


def test_jobs_and_scheduler_can_come_from_the_configuration_file(
    folder: Path, tmp_path: Path, cluster: LocalCluster
) -> None:
    (tmp_path / "edikit.toml").write_text(f'jobs = 2\nscheduler = "{cluster.scheduler_address}"\n')
    arguments = ["--config", str(tmp_path / "edikit.toml"), "validate", "--format", "json"]
    spread = CliRunner().invoke(main, [*arguments, str(folder)])
    one = CliRunner().invoke(main, ["--isolated", "validate", "--format", "json", str(folder)])
    assert json.loads(spread.stdout) == json.loads(one.stdout)
    (tmp_path / "edikit.toml").write_text('scheduler = "tcp://127.0.0.1:9"\n')
    unreachable = CliRunner().invoke(main, [*arguments, "--connect-timeout", "1", str(folder)])
    assert unreachable.exit_code == 3  # the address was read from the file
    (tmp_path / "edikit.toml").write_text("jobs = 0\n")
    refused = CliRunner().invoke(main, [*arguments, str(folder)])
    assert refused.exit_code == 2
    assert "jobs must be a number of processes (1 or more), not 0" in refused.output
