"""Build hook: compile the message catalogs (.po) into the wheel as .mo files.

The .mo files are never committed. A regular wheel gets freshly compiled copies at
``digivisio_cli/locale/<lang>/LC_MESSAGES/digivisio.mo``; an editable install reads the
package from ``src/``, so there they are compiled in place beside the .po files.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts"))

import catalogs  # noqa: E402  (scripts/catalogs.py: the one place that knows the layout)


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles every language's catalog for the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogs and add them to the wheel being built."""
        if self.target_name != "wheel":
            return
        if version == "editable":
            catalogs.compile_all()
            return
        out = Path(tempfile.mkdtemp(prefix="digivisio-mo-"))
        for mo in catalogs.compile_all(out_dir=out):
            inside = mo.relative_to(out).as_posix()
            build_data["force_include"][str(mo)] = f"digivisio_cli/locale/{inside}"
