"""Profiles from installed plugins: an entry point of the group ``edikit.profiles`` names a
package (or module) whose folder holds profile YAML files; they become profile IDs like the
built-ins. ``EDIKIT_NO_PLUGINS=1`` (``edikit --no-plugins``) turns discovery off."""

from __future__ import annotations

import os
from functools import cache
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path

from edikit.errors import ConfigurationError

GROUP = "edikit.profiles"


def plugins_enabled() -> bool:
    return os.environ.get("EDIKIT_NO_PLUGINS", "") not in ("1", "true", "yes")


@cache
def profile_folders() -> tuple[Path, ...]:
    """The folders of profiles installed plugins provide (none when plugins are off)."""
    if not plugins_enabled():
        return ()
    return tuple(_folder(ep.value) for ep in entry_points(group=GROUP))


def _folder(value: str) -> Path:
    module = import_module(value.split(":", maxsplit=1)[0])
    location = getattr(module, "__file__", None)
    if location is None:
        raise ConfigurationError(f"{GROUP} entry point {value!r} is not a package")
    return Path(location).parent
