"""``python -m slant``: the same command line as the ``slant`` script."""

from slant.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
