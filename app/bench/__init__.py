"""``robotfabrik bench``: every performance figure, each measured beside its baseline in one run."""


class BenchError(Exception):
    """A benchmark cannot run here (no xdotool, no window); the message says why, on one line."""
