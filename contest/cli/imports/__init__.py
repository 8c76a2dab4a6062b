"""``contest import …`` and ``contest template …``."""
