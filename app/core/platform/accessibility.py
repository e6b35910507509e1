"""What the rest of Robotfabrik may ask of a desktop's accessibility tree, on any system.

Applications describe their windows to screen readers as a tree of elements (a button named
"Spara", a text field labelled "Namn:"); the recorder asks which element is under a click or
has the keyboard, and the player finds an element again by what it was called. Each system has
its own tree (AT-SPI on Linux, UI Automation on Windows); ``accessibility_for_this_system`` in
the package's ``__init__`` chooses the implementation, and where none can be reached it hands
out ``NoAccessibility``, which answers every question with "nothing found", so that a robot
without the tree works as it did before, by pictures and points.

Rules every implementation keeps: questions go only to the process that owns the window in
question (a hung application elsewhere cannot block); every question has a time limit; none is
ever asked from the GUI thread of the application being asked (it answers on that thread).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from app.core.platform.desktop import WindowInfo

Box = tuple[int, int, int, int]
PathStep = tuple[str, int]

# Roles a person acts on. A hit-test lands on the deepest element, which in a browser is the
# text inside a button; the recorder climbs to the nearest of these.
ACTIONABLE_ROLES = frozenset({
    "push button", "toggle button", "check box", "radio button", "combo box", "entry", "text",
    "password text", "link", "list item", "menu item", "check menu item", "radio menu item",
    "page tab", "spin button", "slider", "table cell", "tree item", "editbar", "list box",
})
# Roles whose text a person types into.
TEXT_ROLES = frozenset({"entry", "text", "password text", "editbar", "spin button"})
PASSWORD_ROLE = "password text"


@dataclass(frozen=True)
class ElementInfo:
    """One element of a window as its application describes it, at the moment it was asked.

    ``role`` is the system's non-localised role name ("push button", "password text");
    ``element_id`` the most stable key the application gives (Qt's objectName chain, a web
    page's HTML id, UI Automation's AutomationId), "" when there is none; ``labels`` the names
    of what labels it; ``path`` role and index in parent from the window down; ``nth`` its place
    among the window's showing elements of the same role and name; ``box`` its screen box
    (x, y, width, height). ``handle`` is the implementation's own reference, valid only while
    the application runs.
    """

    api: str
    app: str
    window: str
    role: str
    name: str
    element_id: str = ""
    labels: tuple[str, ...] = ()
    path: tuple[PathStep, ...] = ()
    nth: int = 0
    box: Box = (0, 0, 0, 0)
    enabled: bool = True
    showing: bool = True
    focused: bool = False
    handle: object = field(default=None, compare=False, repr=False)

    @property
    def is_password(self) -> bool:
        return self.role == PASSWORD_ROLE

    def contains(self, x: int, y: int) -> bool:
        bx, by, bw, bh = self.box
        return bx <= x < bx + bw and by <= y < by + bh


class AccessibilityTree(Protocol):
    """The elements of the desktop's windows. Every method answers None or [] when it cannot
    tell (no tree, the application publishes none, it did not answer in time); none raises."""

    @property
    def available(self) -> bool:
        """True when the tree could be reached at all."""
        ...

    @property
    def reason(self) -> str:
        """Why the tree is not available, for a log line or a status message; "" when it is."""
        ...

    def element_at(self, x: int, y: int, window: WindowInfo) -> ElementInfo | None:
        """The element a click at the screen point would act on, in ``window`` (which the caller
        found on top at that point), fully described (labels, path, index among equals)."""
        ...

    def focused_element(self, window: WindowInfo) -> ElementInfo | None:
        """The element of ``window`` that has the keyboard focus, fully described."""
        ...

    def find(self, window: WindowInfo, role: str) -> list[ElementInfo]:
        """The showing elements of ``window`` with this role, in the tree's order, with their
        name, id, labels and box (not their path: ``path_of`` asks for it, it costs more)."""
        ...

    def path_of(self, element: ElementInfo) -> tuple[PathStep, ...]:
        """Role and index in parent of each element from the window down to ``element``."""
        ...

    def text_of(self, element: ElementInfo) -> str | None:
        """The text the element shows or holds now, or None where it exposes no text."""
        ...

    def chosen_names(self, window: WindowInfo) -> frozenset[str] | None:
        """What the drop-downs of ``window`` show as chosen: the names of its selected items
        and of its combo boxes (a Qt combo box is named by its value). None when the tree
        cannot say."""
        ...

    def close(self) -> None:
        """Give back the connection; safe to call more than once."""
        ...


class NoAccessibility:
    """The tree where there is none: every question is answered with "nothing found"."""

    def __init__(self, reason: str) -> None:
        self._reason = reason

    @property
    def available(self) -> bool:
        return False

    @property
    def reason(self) -> str:
        return self._reason

    def element_at(self, x: int, y: int, window: WindowInfo) -> ElementInfo | None:
        return None

    def focused_element(self, window: WindowInfo) -> ElementInfo | None:
        return None

    def find(self, window: WindowInfo, role: str) -> list[ElementInfo]:
        return []

    def path_of(self, element: ElementInfo) -> tuple[PathStep, ...]:
        return ()

    def text_of(self, element: ElementInfo) -> str | None:
        return None

    def chosen_names(self, window: WindowInfo) -> frozenset[str] | None:
        return None

    def close(self) -> None:
        return None
