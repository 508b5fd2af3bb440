"""Fuzz the profile loader: YAML bytes written to a file, then ``edikit.ruleset(path)`` (the
profile loaded, its extends chain resolved and composed with the rule catalog).

Promised: a profile loads or is refused with ``ProfileError``, nothing else. A profile that
loads must then be usable: validating the clean chain's documents (850, 855, 856, 810) with
it gives violations, never an exception. Inputs over MAX_PROFILE bytes are skipped (a real
profile is a few kilobytes; libFuzzer's ``-max_len`` should stay below it too).

    python fuzz/fuzz_profile.py build/fuzz/profile build/fuzz-seeds/profile \\
        -dict=fuzz/profile.dict -max_len=4096
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from harness import REPO, fuzz, instrument_edikit

instrument_edikit("yaml")

import edikit  # noqa: E402
from edikit.errors import ProfileError  # noqa: E402

MAX_PROFILE = 16 * 1024
CHAIN = REPO / "fixtures" / "chains" / "clean"
DOCUMENTS = [(CHAIN / f"{name}.edi").read_bytes() for name in ("850", "855", "856", "810")]
# One file, written again for each input: the loader reads profiles from paths.
_FOLDER = Path(tempfile.mkdtemp(prefix="edikit-fuzz-profile-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
PROFILE_PATH = _FOLDER / "fuzzed.yaml"


def test_one_input(data: bytes) -> None:
    if len(data) > MAX_PROFILE:
        return
    PROFILE_PATH.write_bytes(data)
    try:
        rules = edikit.ruleset(str(PROFILE_PATH))
    except ProfileError:
        return
    for document in DOCUMENTS:
        edikit.validate_file(document, rules)


if __name__ == "__main__":
    fuzz(test_one_input)
