"""Fuzz the profile loader: YAML bytes written to a file, then
``edikit.profiles.loader.load_profile(path)``.

Promised: a profile loads or is refused with ``ProfileError``, nothing else. A profile that
loads must then be usable: validating the clean chain's documents (850, 855, 856, 810) with
it gives violations, never an exception. Inputs over MAX_PROFILE bytes are skipped (a real
profile is a few kilobytes; libFuzzer's ``-max_len`` should stay below it too).

    python fuzz/fuzz_profile.py build/fuzz/profile build/fuzz-seeds/profile \\
        -dict=fuzz/profile.dict -max_len=4096
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from harness import REPO, fuzz, instrument_edikit
from known import TOLERATE_ENV, yaml_alias_bomb

instrument_edikit("yaml")

import edikit  # noqa: E402
from edikit.errors import ProfileError  # noqa: E402
from edikit.profiles.loader import load_profile  # noqa: E402

MAX_PROFILE = 16 * 1024
CHAIN = REPO / "fixtures" / "chains" / "clean"
DOCUMENTS = [(CHAIN / f"{name}.edi").read_bytes() for name in ("850", "855", "856", "810")]
# One file, written again for each input: the loader reads profiles from paths.
_FOLDER = Path(tempfile.mkdtemp(prefix="edikit-fuzz-profile-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
PROFILE_PATH = _FOLDER / "fuzzed.yaml"
TOLERATE_KNOWN = os.environ.get(TOLERATE_ENV) == "1"


def test_one_input(data: bytes) -> None:
    if len(data) > MAX_PROFILE:
        return
    if TOLERATE_KNOWN and yaml_alias_bomb(data.decode("utf-8", "replace")):
        return  # known issue: the loader expands aliases without a bound
    PROFILE_PATH.write_bytes(data)
    try:
        profile = load_profile(PROFILE_PATH)
    except ProfileError:
        return
    for document in DOCUMENTS:
        edikit.validate(document, profile=profile)


if __name__ == "__main__":
    fuzz(test_one_input)
