"""The Qt face: studio, practice system and, later, tray and recording toolbar.

Talks to ``app.core`` through plain calls and listener callbacks; Qt comes in only through
``app.gui.qt``.
"""
