"""The Windows accessibility tree (UI Automation through comtypes): written, not yet run.

The Windows twin of ``x11/accessibility.py``, written against Microsoft's documented
IUIAutomation API (``shared/notes/accessibility-selectors.md``, "Windows: UI Automation"); no
Windows machine has run it yet, so ``accessibility_for_this_system`` does not hand it out until
it has been tried (see the selectors branch's notes). What it shares with the Linux module is
the vocabulary: UI Automation's control types are named with the same non-localised role names
AT-SPI uses ("push button", "text", "password text"), so a selector means the same on both
and scores the same.

The first half is pure (role names, boxes, what to look for) and unit-tested on any system;
``UiaTree`` applies it through comtypes, imported when the tree is first made. Rules kept as on
Linux: only elements of the window's own process are described; every call is bounded (the
IUIAutomation2 connection and transaction timeouts); never called from the GUI thread of the
application asked (UI Automation answers on it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from app.core.platform.accessibility import (
    ACTIONABLE_ROLES,
    Box,
    ElementInfo,
    PathStep,
)
from app.core.platform.desktop import WindowInfo

log = logging.getLogger(__name__)

# UIA_ControlTypeIds (UIAutomationClient.h), named as AT-SPI names the same kind of element.
CONTROL_TYPE_ROLES: dict[int, str] = {
    50000: "push button", 50001: "calendar", 50002: "check box", 50003: "combo box",
    50004: "text", 50005: "link", 50006: "image", 50007: "list item", 50008: "list",
    50009: "menu", 50010: "menu bar", 50011: "menu item", 50012: "progress bar",
    50013: "radio button", 50014: "scroll bar", 50015: "slider", 50016: "spin button",
    50017: "status bar", 50018: "page tab list", 50019: "page tab", 50020: "label",
    50021: "tool bar", 50022: "tool tip", 50023: "tree", 50024: "tree item", 50025: "unknown",
    50026: "panel", 50027: "unknown", 50028: "table", 50029: "table cell",
    50030: "document frame", 50031: "push button", 50032: "frame", 50033: "panel",
    50034: "header", 50035: "column header", 50036: "table", 50037: "title bar",
    50038: "separator",
}
EDIT_CONTROL = 50004
PASSWORD_ROLE = "password text"
# Property ids used in conditions and cache requests.
UIA_CONTROL_TYPE_PROPERTY = 30003
UIA_IS_PASSWORD_PROPERTY = 30019
TREE_SCOPE_DESCENDANTS = 4
UIA_VALUE_PATTERN = 10002
UIA_TEXT_PATTERN = 10014
TIMEOUT_MS = 500
MAX_DEPTH = 64


def role_for(control_type: int, is_password: bool = False) -> str:
    """The role name of a UI Automation element: an edit field marked as a password is a
    "password text", as on Linux."""
    if control_type == EDIT_CONTROL and is_password:
        return PASSWORD_ROLE
    return CONTROL_TYPE_ROLES.get(control_type, "unknown")


def control_types_for(role: str) -> list[int]:
    """The control types to ask UI Automation for, to find elements of ``role``."""
    if role == PASSWORD_ROLE:
        return [EDIT_CONTROL]
    return sorted(number for number, name in CONTROL_TYPE_ROLES.items() if name == role)


def box_from_rect(left: int, top: int, right: int, bottom: int) -> Box:
    """UI Automation's bounding rectangle (edges, physical pixels) as (x, y, width, height)."""
    return int(left), int(top), max(0, int(right) - int(left)), max(0, int(bottom) - int(top))


@dataclass(frozen=True)
class RawElement:
    """What one UI Automation element said about itself, read in one go (a cache request)."""

    control_type: int
    name: str
    automation_id: str
    is_password: bool
    rect: tuple[int, int, int, int]
    enabled: bool
    offscreen: bool
    focused: bool
    process_id: int
    labelled_by: str = ""


def element_info(raw: RawElement, window: WindowInfo, app: str, *,
                 path: tuple[PathStep, ...] = (), nth: int = 0,
                 handle: object = None) -> ElementInfo:
    """An ``ElementInfo`` from what UI Automation said (the pure half of ``UiaTree``)."""
    return ElementInfo(
        api="uia", app=app, window=window.title,
        role=role_for(raw.control_type, raw.is_password), name=raw.name,
        element_id=raw.automation_id,
        labels=(raw.labelled_by,) if raw.labelled_by else (), path=path, nth=nth,
        box=box_from_rect(*raw.rect), enabled=raw.enabled, showing=not raw.offscreen,
        focused=raw.focused, handle=handle)


def actionable_index(roles_upwards: list[str]) -> int:
    """Which of an element and its ancestors (deepest first) a click acts on: the first with
    an actionable role, else the element itself (0)."""
    return next((i for i, role in enumerate(roles_upwards) if role in ACTIONABLE_ROLES), 0)


def nth_among(same_role: list[RawElement], chosen: RawElement) -> int:
    """The chosen element's place among the window's showing elements of its role and name."""
    equals = [raw for raw in same_role if not raw.offscreen and raw.name == chosen.name]
    return equals.index(chosen) if chosen in equals else 0


class UiaUnavailableError(Exception):
    """UI Automation cannot be reached; the message says why."""


class UiaTree:
    """``AccessibilityTree`` through IUIAutomation (comtypes). Not yet run on Windows."""

    api = "uia"

    def __init__(self) -> None:
        try:
            import comtypes.client

            comtypes.client.GetModule("UIAutomationCore.dll")
            from comtypes.gen import UIAutomationClient
        except Exception as exc:  # ImportError off Windows, OSError without the DLL
            raise UiaUnavailableError(f"UI Automation cannot be loaded: {exc}") from exc
        self._client: Any = UIAutomationClient
        self._uia: Any = comtypes.client.CreateObject(
            UIAutomationClient.CUIAutomation, interface=UIAutomationClient.IUIAutomation)
        try:  # IUIAutomation2 (Windows 8+): a hung application cannot block for long
            second = self._uia.QueryInterface(UIAutomationClient.IUIAutomation2)
            second.ConnectionTimeout = TIMEOUT_MS
            second.TransactionTimeout = TIMEOUT_MS
        except Exception:
            log.info("UI Automation without timeouts (no IUIAutomation2)")
        self._walker: Any = self._uia.ControlViewWalker

    @property
    def available(self) -> bool:
        return True

    @property
    def reason(self) -> str:
        return ""

    def close(self) -> None:
        self._uia = None

    def _raw(self, element: Any) -> RawElement:
        rect = element.CurrentBoundingRectangle
        labelled = element.CurrentLabeledBy
        return RawElement(
            control_type=int(element.CurrentControlType), name=str(element.CurrentName or ""),
            automation_id=str(element.CurrentAutomationId or ""),
            is_password=bool(element.CurrentIsPassword),
            rect=(rect.left, rect.top, rect.right, rect.bottom),
            enabled=bool(element.CurrentIsEnabled), offscreen=bool(element.CurrentIsOffscreen),
            focused=bool(element.CurrentHasKeyboardFocus),
            process_id=int(element.CurrentProcessId),
            labelled_by=str(labelled.CurrentName or "") if labelled else "")

    def _window_element(self, window: WindowInfo) -> Any:
        return self._uia.ElementFromHandle(window.id)

    def _path(self, element: Any, top: Any) -> tuple[PathStep, ...]:
        steps: list[PathStep] = []
        current = element
        for _ in range(MAX_DEPTH):
            if current is None or self._uia.CompareElements(current, top):
                break
            parent = self._walker.GetParentElement(current)
            index, sibling = 0, self._walker.GetFirstChildElement(parent) if parent else None
            while sibling is not None and not self._uia.CompareElements(sibling, current):
                index += 1
                sibling = self._walker.GetNextSiblingElement(sibling)
            raw = self._raw(current)
            steps.append((role_for(raw.control_type, raw.is_password), index))
            current = parent
        return tuple(reversed(steps))

    def _describe(self, element: Any, window: WindowInfo, *, full: bool) -> ElementInfo | None:
        raw = self._raw(element)
        if window.pid is not None and raw.process_id != window.pid:
            return None  # another process's element lying over the window
        top = self._window_element(window)
        path: tuple[PathStep, ...] = ()
        nth = 0
        if full:
            path = self._path(element, top)
            same = [self._raw(e) for e in self._find_raw(top, raw.control_type)]
            nth = nth_among(same, raw)
        return element_info(raw, window, window.app_class, path=path, nth=nth, handle=element)

    def _find_raw(self, top: Any, control_type: int) -> list[Any]:
        condition = self._uia.CreatePropertyCondition(UIA_CONTROL_TYPE_PROPERTY, control_type)
        found = top.FindAll(TREE_SCOPE_DESCENDANTS, condition)
        return [found.GetElement(i) for i in range(found.Length)]

    def element_at(self, x: int, y: int, window: WindowInfo) -> ElementInfo | None:
        try:
            hit = self._uia.ElementFromPoint(self._client.tagPOINT(x, y))
            chain = [hit]
            while len(chain) < MAX_DEPTH:
                parent = self._walker.GetParentElement(chain[-1])
                if parent is None or self._uia.CompareElements(
                        parent, self._window_element(window)):
                    break
                chain.append(parent)
            roles = [role_for(self._raw(e).control_type, self._raw(e).is_password)
                     for e in chain]
            return self._describe(chain[actionable_index(roles)], window, full=True)
        except Exception as error:  # COMError, timeouts: "nothing found"
            log.debug("UI Automation element_at found nothing: %s", error)
            return None

    def focused_element(self, window: WindowInfo) -> ElementInfo | None:
        try:
            return self._describe(self._uia.GetFocusedElement(), window, full=True)
        except Exception as error:
            log.debug("UI Automation focused_element found nothing: %s", error)
            return None

    def find(self, window: WindowInfo, role: str) -> list[ElementInfo]:
        try:
            top = self._window_element(window)
            found = []
            for control_type in control_types_for(role):
                for element in self._find_raw(top, control_type):
                    info = self._describe(element, window, full=False)
                    if info is not None and info.role == role and info.showing:
                        found.append(info)
            return found
        except Exception as error:
            log.debug("UI Automation find found nothing: %s", error)
            return []

    def path_of(self, element: ElementInfo) -> tuple[PathStep, ...]:
        return ()  # find() leaves paths out; scoring then goes by id, name, labels and box

    def chosen_names(self, window: WindowInfo) -> frozenset[str] | None:
        # Not asked on Windows yet (SelectionItemPattern.CurrentIsSelected would say): a choice
        # there is checked by nothing more than the element clicked.
        return None

    def text_of(self, element: ElementInfo) -> str | None:
        try:
            native: Any = element.handle
            pattern = native.GetCurrentPattern(UIA_VALUE_PATTERN)
            if pattern:
                value = pattern.QueryInterface(self._client.IUIAutomationValuePattern)
                return str(value.CurrentValue)
            pattern = native.GetCurrentPattern(UIA_TEXT_PATTERN)
            if pattern:
                text = pattern.QueryInterface(self._client.IUIAutomationTextPattern)
                return str(text.DocumentRange.GetText(-1))
            return None
        except Exception as error:
            log.debug("UI Automation text_of found nothing: %s", error)
            return None
