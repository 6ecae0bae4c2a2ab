"""Entry point: ``digivisio`` and ``python -m digivisio_cli``."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    from digivisio_cli.settings import ENV_COMPLETE

    if os.environ.get(ENV_COMPLETE, "").startswith("complete_"):
        # A Tab in the shell: answer before importing Typer if we can (completion.py says why).
        from digivisio_cli.app.completion import fast_complete

        answer = fast_complete(os.environ)
        if answer is not None:
            text, code = answer
            sys.stdout.write(text)
            sys.stdout.flush()
            return code
    from digivisio_cli.app.cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
