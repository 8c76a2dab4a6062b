"""``python -m contest``."""

from contest.cli import main

main()
