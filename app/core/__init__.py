"""The core: bot model and file format, recorder, coalescer, player, store and platform drivers.

Nothing in this package imports Qt; the Qt face in ``app.gui`` builds on it.
"""
