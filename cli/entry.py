"""The console script's entry point: briefbot's own imports, then :func:`cli.main.main`.

Importing the command line (pydantic, SQLAlchemy, sumy ...) takes a second or more; a Ctrl-C
meanwhile, or while the arguments and settings are read, ends in one line and status 130 as
it does once a command runs, never in a traceback.
"""

from __future__ import annotations

import sys

INTERRUPTED_STATUS = 130


def main() -> int:
    """Run the ``briefbot`` command; Ctrl-C at any point is one line."""
    try:
        from cli.main import main as run

        return run()
    except KeyboardInterrupt:
        print("briefbot: interrupted", file=sys.stderr)
        return INTERRUPTED_STATUS
