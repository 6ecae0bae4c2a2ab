"""Entry point: ``digivisio`` and ``python -m digivisio_cli``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    from digivisio_cli.cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
