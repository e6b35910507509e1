"""Finding a step's element again through the accessibility tree, before any picture.

The player's first way to a target (issue 10): ask the window the step was recorded in for its
showing elements of the selector's role, take the one the selector means
(``app.core.model.selector_match``), check that a person could act on it there (enabled, inside
its window, and the window on top at that point), and act at the recorded offset inside it.
Anything short of that is "not found by selector", and the picture, the window point and the
absolute point follow as before.

Also here, for typing: whether the element with the keyboard focus is the one a type step
recorded (``focused_field``), and whether text read back from it shows what was typed
(``typed_text_shows``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.model.bot import Point, Selector
from app.core.model.selector_match import action_point, choose, is_meant
from app.core.platform.accessibility import AccessibilityTree, ElementInfo
from app.core.platform.desktop import Desktop, WindowInfo


@dataclass(frozen=True)
class FoundElement:
    """Where to act on the element a selector found, how sure (``score``) and which it was."""

    point: Point
    score: int
    element: ElementInfo


def find_by_selector(tree: AccessibilityTree, selector: Selector, window: WindowInfo,
                     desktop: Desktop | None = None) -> FoundElement | None:
    """The point to act on for ``selector`` in ``window``, or None when the tree cannot say
    for certain (no tree, no single good candidate, disabled, outside the window, or another
    window on top there when ``desktop`` is given to ask)."""
    if not tree.available:
        return None
    match = choose(selector, tree.find(window, selector.role), window, tree.path_of)
    if match is None or not match.element.enabled:
        return None
    point = action_point(selector, match.element)
    if not window.contains(point.x, point.y):
        return None
    if desktop is not None:
        on_top = desktop.window_at(point.x, point.y)
        if on_top is None or on_top.id != window.id:
            return None
    return FoundElement(point, match.score, match.element)


@dataclass(frozen=True)
class FocusedField:
    """The element with the keyboard focus in a window, and whether a type step's recorded
    element (``selector``) means it."""

    element: ElementInfo
    is_recorded: bool


def focused_field(tree: AccessibilityTree, selector: Selector,
                  window: WindowInfo) -> FocusedField | None:
    """The focused element of ``window`` checked against ``selector``; None when the tree cannot
    say (no tree, or the application names no focused element)."""
    if not tree.available:
        return None
    focused = tree.focused_element(window)
    if focused is None:
        return None
    chosen = None
    if not selector.element_id:
        match = choose(selector, tree.find(window, selector.role), window, tree.path_of)
        chosen = None if match is None else match.element
    return FocusedField(focused, is_meant(selector, focused, chosen))


def _plain(text: str) -> str:
    return " ".join(text.replace("\r\n", "\n").replace("\u2029", "\n").split())


def typed_text_shows(before: str, after: str, typed: str, *, secret: bool) -> bool:
    """Whether a field that held ``before`` and now holds ``after`` took ``typed``.

    Nothing arriving is always a failure. A secret is never compared, only whether something
    arrived (a password field reads back as bullets). Otherwise the typed text must be in the
    field, whitespace aside: a field may complete what is typed ("Hy" to "Hyra") or keep what
    it held, but text that is not there went somewhere else.
    """
    if after == before:
        return not typed
    if secret or not typed.strip():
        return True
    return _plain(typed) in _plain(after)
