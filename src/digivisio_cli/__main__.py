"""Entry point: ``digivisio`` and ``python -m digivisio_cli``."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    if os.environ.get("_DIGIVISIO_COMPLETE", "").startswith("complete_"):
        # A Tab in the shell: answer before importing Typer if we can (completion.py says why).
        from digivisio_cli.completion import fast_complete

        answer = fast_complete(os.environ)
        if answer is not None:
            text, code = answer
            sys.stdout.write(text)
            sys.stdout.flush()
            return code
    from digivisio_cli.cli import run

    if sys.stderr is None:
        # Started with stderr closed (2>&-): print() would send messages to stdout, into the
        # data. They go nowhere instead.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
