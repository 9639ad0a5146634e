#!/usr/bin/env python3
"""Funnbanken's command line. Run `python build.py --help`."""

import sys

from funnbank.cli import main

if __name__ == "__main__":
    sys.exit(main())
