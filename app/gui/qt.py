"""The single place the program imports Qt from, so the binding can be swapped or pinned once."""

import ctypes
import sys

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot

if sys.version_info < (3, 12):
    # shiboken6 6.12 hands back None from every call of a void Qt function, and True or False
    # from every signal emit, without taking a reference. Python 3.12 and later do not count
    # references to these objects (they are immortal there); 3.11 does, so a few thousand Qt
    # calls (a dozen edits with undo in the step table) bring the count to zero and the
    # process aborts with "deallocating None". Give them a count no session can wear down.
    for _constant in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_constant)).value += 1 << 40

__all__ = ["Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot"]
