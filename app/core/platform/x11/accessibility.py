"""The Linux accessibility tree (AT-SPI2) over D-Bus with jeepney: the one place that knows it.

Applications (Qt, GTK, Chromium) publish their elements on the accessibility bus, whose address
the session bus gives out (``org.a11y.Bus.GetAddress``). AT-SPI knows no stacking order between
windows, so the caller finds the window through X11 (``WindowInfo`` with its pid) and this module
asks only the application of that pid: the registry lists the applications, and the bus daemon
(never the application itself, which may hang) says which process each one is. Every call has a
time limit, and one unanswered call ends the whole question with "nothing found".

Facts this rests on, measured in ``shared/notes/accessibility-selectors.md``: ``GetMatches``
needs the canonical sort order and "any" for roles (GTK and Chromium find nothing otherwise);
hidden pages of a Qt stacked widget stay in the tree without SHOWING; Qt's ``AccessibleId`` is
the objectName chain and Chromium's HTML id is in ``GetAttributes``; role names from
``GetRoleName`` are English and stable (the localised ones are never stored).

The connection is not shared between threads: one lock serialises the calls.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from app.core.platform.accessibility import (
    ACTIONABLE_ROLES,
    Box,
    ElementInfo,
    PathStep,
)
from app.core.platform.desktop import WindowInfo

log = logging.getLogger(__name__)

ACCESSIBLE = "org.a11y.atspi.Accessible"
COMPONENT = "org.a11y.atspi.Component"
TEXT = "org.a11y.atspi.Text"
COLLECTION = "org.a11y.atspi.Collection"
PROPERTIES = "org.freedesktop.DBus.Properties"
REGISTRY = "org.a11y.atspi.Registry"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
NULL_PATH = "/org/a11y/atspi/null"
SCREEN_COORDS = 0
LABELLED_BY = 2
MATCH_ALL, MATCH_ANY = 1, 2
CANONICAL = 1
MATCH_RULE = "(aiia{ss}iaiiasib)uib"

# AtspiStateType bits.
STATE_ENABLED, STATE_EXPANDED, STATE_FOCUSED, STATE_SELECTED, STATE_SHOWING = 8, 10, 12, 23, 25
# What an open drop-down list offers to choose from.
LIST_CHOICE_ROLES = ("menu item", "list item")
# AtspiRole, in the enum's order: the number an application answers to GetRole is the truth
# (Qt 6.12 answers GetRoleName "text" for a password field whose role is 40, "password text").
ROLE_NAMES = (
    "invalid", "accelerator label", "alert", "animation", "arrow", "calendar", "canvas",
    "check box", "check menu item", "color chooser", "column header", "combo box",
    "date editor", "desktop icon", "desktop frame", "dial", "dialog", "directory pane",
    "drawing area", "file chooser", "filler", "focus traversable", "font chooser", "frame",
    "glass pane", "html container", "icon", "image", "internal frame", "label", "layered pane",
    "list", "list item", "menu", "menu bar", "menu item", "option pane", "page tab",
    "page tab list", "panel", "password text", "popup menu", "progress bar", "push button",
    "radio button", "radio menu item", "root pane", "row header", "scroll bar", "scroll pane",
    "separator", "slider", "spin button", "split pane", "status bar", "table", "table cell",
    "table column header", "table row header", "tearoff menu item", "terminal", "text",
    "toggle button", "tool bar", "tool tip", "tree", "tree table", "unknown", "viewport",
    "window", "extended", "header", "footer", "paragraph", "ruler", "application",
    "autocomplete", "editbar", "embedded", "entry", "chart", "caption", "document frame",
    "heading", "page", "section", "redundant object", "form", "link", "input method window",
    "table row", "tree item", "document spreadsheet", "document presentation", "document text",
    "document web", "document email", "comment", "list box", "grouping", "image map",
    "notification", "info bar", "level bar", "title bar", "block quote", "audio", "video",
    "definition", "article", "landmark", "log", "marquee", "math", "timer", "static",
)
ROLE_NUMBERS = {name: number for number, name in enumerate(ROLE_NAMES)}
# A search for one of these also asks for the others, then keeps the wanted role: toolkits
# disagree on which of them a field is (Qt's GetMatches for "text" returns password fields).
ROLE_FAMILIES = (frozenset({"text", "password text", "entry"}),)
DEFAULT_TIMEOUT_S = 0.5
WINDOW_CACHE_SIZE = 64
SCALE_TOLERANCE = 0.05
MAX_DEPTH = 64
# A combo box's items sit in its list, which sits in the combo box (or in a popup under it).
COMBO_DEPTH = 3
ITEM_ROLES = frozenset({"list item", "menu item"})

Ref = tuple[str, str]


class AtspiUnavailableError(Exception):
    """The accessibility bus cannot be reached; the message says why."""


class _NoAnswerError(Exception):
    """An application did not answer (in time, or with an error): stop asking it this question."""


def _state_bits(states: tuple[int, int] | list[int]) -> set[int]:
    low, high = int(states[0]), int(states[1])
    word = low | high << 32
    return {bit for bit in range(64) if word >> bit & 1}


def _match_rule(states: list[int], role: str | None) -> tuple[Any, ...]:
    state_words = [0, 0]
    for state in states:
        state_words[state // 32] |= 1 << (state % 32)
    role_words = [0, 0, 0, 0]
    if role is not None:
        family = next((f for f in ROLE_FAMILIES if role in f), frozenset({role}))
        for member in family:
            number = ROLE_NUMBERS[member]
            role_words[number // 32] |= 1 << (number % 32)
    return (state_words, MATCH_ALL, {}, MATCH_ALL, role_words,
            MATCH_ANY if role is not None else MATCH_ALL, [], MATCH_ALL, False)


def _scale(tree_box: Box, window: WindowInfo) -> float:
    """Screen pixels per application coordinate for a window.

    Qt 6 on X11 scaled by ``QT_SCALE_FACTOR`` or a ``QT_FONT_DPI`` above 96 reports extents in
    its device-independent pixels (measured: a window at 700,138 sized 1250x875 said
    560,110 1000x700 at 120 dpi), so everything it says is divided by the same factor. A
    window's size in the tree against its size in X11 gives the factor; a difference of a few
    per cent is a window manager's frame, which GTK counts in (zenity: 273 wide against 271).
    """
    _x, _y, width, height = tree_box
    if width <= 0 or height <= 0 or window.width <= 0 or window.height <= 0:
        return 1.0
    across, down = window.width / width, window.height / height
    if abs(across - 1) < SCALE_TOLERANCE or abs(across - down) > SCALE_TOLERANCE:
        return 1.0
    return across


def _scaled(box: Box, scale: float) -> Box:
    if scale == 1.0:
        return box
    x, y, width, height = box
    return round(x * scale), round(y * scale), round(width * scale), round(height * scale)


class AtspiTree:
    """``AccessibilityTree`` on the AT-SPI bus of this session (``DBUS_SESSION_BUS_ADDRESS``,
    or the session bus at ``session_address``).

    Connects on construction; raises ``AtspiUnavailableError`` when there is no bus to reach.
    """

    api = "atspi"

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S,
                 session_address: str | None = None, *, switch_on: bool = True) -> None:
        try:
            from jeepney import DBusAddress, new_method_call
            from jeepney.io.blocking import open_dbus_connection
        except ImportError as exc:
            raise AtspiUnavailableError("the jeepney package is missing") from exc
        if session_address is None and not os.environ.get("DBUS_SESSION_BUS_ADDRESS") \
                and not os.environ.get("XDG_RUNTIME_DIR"):
            raise AtspiUnavailableError("no D-Bus session bus in this session")
        self._timeout_s = timeout_s
        self._lock = threading.Lock()
        self._pids: dict[str, int | None] = {}
        self._windows: dict[tuple[int, str, int | None], tuple[Ref, str, float]] = {}
        self._connection: Any = None
        try:
            with open_dbus_connection(session_address or "SESSION") as session:
                request = new_method_call(
                    DBusAddress("/org/a11y/bus", "org.a11y.Bus", "org.a11y.Bus"), "GetAddress")
                reply = session.send_and_get_reply(request, timeout=2.0)
                if switch_on:
                    _switch_accessibility_on(session)
            if reply.header.message_type.name == "error" or not reply.body[0]:
                raise AtspiUnavailableError(f"no accessibility bus: {reply.body}")
            self._connection = open_dbus_connection(reply.body[0])
        except AtspiUnavailableError:
            raise
        except Exception as exc:  # jeepney raises OSError, KeyError, TimeoutError, ValueError…
            raise AtspiUnavailableError(f"the accessibility bus cannot be reached: {exc}") from exc

    @property
    def available(self) -> bool:
        return self._connection is not None

    @property
    def reason(self) -> str:
        return "" if self.available else "the accessibility bus connection was closed"

    def close(self) -> None:
        with self._lock:
            connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except OSError:
                log.debug("closing the accessibility bus failed", exc_info=True)

    # -- D-Bus ---------------------------------------------------------------------------

    def _call(self, ref: Ref, interface: str, method: str, signature: str | None = None,
              body: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        from jeepney import DBusAddress, MessageType, new_method_call

        bus, path = ref
        message = new_method_call(DBusAddress(path, bus, interface), method, signature, body)
        connection = self._connection
        if connection is None:
            raise _NoAnswerError("closed")
        try:
            reply = connection.send_and_get_reply(message, timeout=self._timeout_s)
        except TimeoutError as exc:
            raise _NoAnswerError(f"{bus} did not answer {method} in time") from exc
        except OSError as exc:
            raise _NoAnswerError(f"{method}: {exc}") from exc
        if reply.header.message_type == MessageType.error:
            raise _NoAnswerError(f"{interface}.{method}: {reply.body}")
        return tuple(reply.body)

    def _call_many(self, calls: list[tuple[Ref, str, str, str | None, tuple[Any, ...]]],
                   ) -> list[tuple[Any, ...] | None]:
        """Many calls sent at once and their answers collected as they come (None for an
        error answer): one round trip's wait instead of one per call, which is what makes a
        browser window of a hundred elements quick to search. Past the time limit, the whole
        batch is unanswered."""
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.low_level import HeaderFields

        connection = self._connection
        if connection is None:
            raise _NoAnswerError("closed")
        waiting: dict[int, int] = {}
        try:
            for position, (ref, interface, method, signature, body) in enumerate(calls):
                serial = next(connection.outgoing_serial)
                connection.send(new_method_call(DBusAddress(ref[1], ref[0], interface), method,
                                                signature, body), serial=serial)
                waiting[serial] = position
            answers: list[tuple[Any, ...] | None] = [None] * len(calls)
            deadline = time.monotonic() + self._timeout_s
            while waiting:
                message = connection.receive(timeout=max(0.0, deadline - time.monotonic()))
                reply_to = int(message.header.fields.get(HeaderFields.reply_serial, -1))
                if reply_to not in waiting:
                    continue  # a signal, or the late answer to a call that timed out
                position = waiting.pop(reply_to)
                if message.header.message_type != MessageType.error:
                    answers[position] = tuple(message.body)
        except TimeoutError as exc:
            raise _NoAnswerError(f"{len(waiting)} of {len(calls)} calls unanswered") from exc
        except OSError as exc:
            raise _NoAnswerError(f"batch of {len(calls)} calls: {exc}") from exc
        return answers

    def _describe_many(self, refs: list[Ref], window_title: str, app: str, window: Ref,
                       scale: float) -> list[ElementInfo]:
        """What ``_describe`` says without the path, for many elements in two round trips.
        An element that fails to answer one of the questions is left out."""
        questions: list[tuple[str, str, str | None, tuple[Any, ...]]] = [
            (ACCESSIBLE, "GetState", None, ()),
            (ACCESSIBLE, "GetRole", None, ()),
            (PROPERTIES, "Get", "ss", (ACCESSIBLE, "Name")),
            (PROPERTIES, "Get", "ss", (ACCESSIBLE, "AccessibleId")),
            (ACCESSIBLE, "GetAttributes", None, ()),
            (ACCESSIBLE, "GetRelationSet", None, ()),
            (COMPONENT, "GetExtents", "u", (SCREEN_COORDS,)),
        ]
        answers = self._call_many([(ref, *question) for ref in refs for question in questions])
        per_element = [answers[i:i + len(questions)]
                       for i in range(0, len(answers), len(questions))]
        label_refs = [[target for kind, targets in (relations[0] if relations else [])
                       if kind == LABELLED_BY for value in targets
                       if (target := self._ref(value)) is not None]
                      for *_, relations, _extents in per_element]
        label_answers = iter(self._call_many(
            [(target, PROPERTIES, "Get", "ss", (ACCESSIBLE, "Name"))
             for targets in label_refs for target in targets]))
        described = []
        for ref, answered, labels in zip(refs, per_element, label_refs, strict=True):
            label_names = tuple(str(answer[0][1]) for _ in labels
                                if (answer := next(label_answers)) is not None and answer[0][1])
            states, role_number, name, accessible_id, attributes, _relations, extents = answered
            if states is None or role_number is None or name is None or extents is None:
                continue
            number = int(role_number[0])
            role = (ROLE_NAMES[number] if 0 < number < len(ROLE_NAMES) else self._role(ref))
            element_id = str(accessible_id[0][1]) if accessible_id else ""
            if not element_id and attributes:
                element_id = str(dict(attributes[0]).get("id", ""))
            bits = _state_bits(states[0])
            x, y, width, height = extents[0]
            described.append(ElementInfo(
                api=self.api, app=app, window=window_title, role=role, name=str(name[0][1]),
                element_id=element_id, labels=label_names,
                box=_scaled((int(x), int(y), int(width), int(height)), scale),
                enabled=STATE_ENABLED in bits, showing=STATE_SHOWING in bits,
                focused=STATE_FOCUSED in bits, handle=(ref, window)))
        return described

    def _roles_and_names(self, refs: list[Ref]) -> list[tuple[str, str] | None]:
        answers = self._call_many([call for ref in refs for call in (
            (ref, ACCESSIBLE, "GetRole", None, ()),
            (ref, PROPERTIES, "Get", "ss", (ACCESSIBLE, "Name")))])
        pairs: list[tuple[str, str] | None] = []
        for role_number, name in zip(answers[::2], answers[1::2], strict=True):
            if role_number is None or name is None:
                pairs.append(None)
                continue
            number = int(role_number[0])
            pairs.append((ROLE_NAMES[number] if 0 < number < len(ROLE_NAMES) else "unknown",
                          str(name[0][1])))
        return pairs

    def _property(self, ref: Ref, interface: str, name: str) -> Any:
        return self._call(ref, PROPERTIES, "Get", "ss", (interface, name))[0][1]

    @staticmethod
    def _ref(value: Any) -> Ref | None:
        bus, path = value
        return None if not bus or path == NULL_PATH else (str(bus), str(path))

    def _children(self, ref: Ref) -> list[Ref]:
        return [r for value in self._call(ref, ACCESSIBLE, "GetChildren")[0]
                if (r := self._ref(value)) is not None]

    def _pid_of(self, bus: str) -> int | None:
        # Answered by the bus daemon, never by the (possibly hung) application.
        if bus not in self._pids:
            try:
                self._pids[bus] = int(self._call(
                    ("org.freedesktop.DBus", "/org/freedesktop/DBus"), "org.freedesktop.DBus",
                    "GetConnectionUnixProcessID", "s", (bus,))[0])
            except _NoAnswerError:
                self._pids[bus] = None
        return self._pids[bus]

    # -- windows -------------------------------------------------------------------------

    def _window_ref(self, window: WindowInfo) -> tuple[Ref, str, float] | None:
        """The tree's top-level element for an X11 window, its application's name, and how many
        screen pixels one of the application's coordinates is (``_scale``).

        Remembered per X11 window and title (a new window has a new X id); a remembered one
        that no longer answers is forgotten by ``_Answering``.
        """
        key = (window.id, window.title, window.pid)
        if key in self._windows:
            return self._windows[key]
        found = self._look_up_window(window)
        if found is not None:
            if len(self._windows) > WINDOW_CACHE_SIZE:
                self._windows.clear()
            self._windows[key] = found
        return found

    def _look_up_window(self, window: WindowInfo) -> tuple[Ref, str, float] | None:
        if window.pid is None:
            return None
        apps = [app for app in self._children((REGISTRY, ROOT_PATH))
                if self._pid_of(app[0]) == window.pid]
        for app in apps:
            app_name = str(self._property(app, ACCESSIBLE, "Name"))
            tops = self._children(app)
            named = [top for top in tops
                     if str(self._property(top, ACCESSIBLE, "Name")) == window.title]
            if named:
                return named[0], app_name, _scale(self._box(named[0]), window)
            # Titles that differ (a window manager's suffix): the showing top-level whose box
            # is the window's; GTK's box includes the frame, so contains, not equals.
            for top in tops:
                box = self._box(top)
                x, y, w, h = _scaled(box, _scale(box, window))
                if (x <= window.x and y <= window.y and x + w >= window.x + window.width
                        and y + h >= window.y + window.height
                        and STATE_SHOWING in self._states(top)):
                    return top, app_name, _scale(box, window)
        return None

    def _box(self, ref: Ref) -> Box:
        x, y, w, h = self._call(ref, COMPONENT, "GetExtents", "u", (SCREEN_COORDS,))[0]
        return int(x), int(y), int(w), int(h)

    def _states(self, ref: Ref) -> set[int]:
        return _state_bits(self._call(ref, ACCESSIBLE, "GetState")[0])

    def _role(self, ref: Ref) -> str:
        number = int(self._call(ref, ACCESSIBLE, "GetRole")[0])
        if 0 < number < len(ROLE_NAMES):
            return ROLE_NAMES[number]
        return str(self._call(ref, ACCESSIBLE, "GetRoleName")[0])

    def _name(self, ref: Ref) -> str:
        return str(self._property(ref, ACCESSIBLE, "Name"))

    def _element_id(self, ref: Ref) -> str:
        try:
            accessible_id = str(self._property(ref, ACCESSIBLE, "AccessibleId"))
        except _NoAnswerError:
            accessible_id = ""  # older toolkits have no such property
        if accessible_id:
            return accessible_id
        attributes = dict(self._call(ref, ACCESSIBLE, "GetAttributes")[0])
        return str(attributes.get("id", ""))

    def _labels(self, ref: Ref) -> tuple[str, ...]:
        labels = []
        for kind, targets in self._call(ref, ACCESSIBLE, "GetRelationSet")[0]:
            if kind == LABELLED_BY:
                labels += [self._name(target) for value in targets
                           if (target := self._ref(value)) is not None]
        return tuple(label for label in labels if label)

    def _parent(self, ref: Ref) -> Ref | None:
        return self._ref(self._property(ref, ACCESSIBLE, "Parent"))

    def _matches(self, ref: Ref, states: list[int], role: str | None) -> list[Ref]:
        rule = _match_rule(states, role)
        found = self._call(ref, COLLECTION, "GetMatches", MATCH_RULE, (rule, CANONICAL, 0, True))
        return [r for value in found[0] if (r := self._ref(value)) is not None]

    def _describe(self, ref: Ref, window_title: str, app: str, *, full: bool,
                  window: Ref | None = None, scale: float = 1.0) -> ElementInfo:
        states = self._states(ref)
        role = self._role(ref)
        name = self._name(ref)
        path: tuple[PathStep, ...] = ()
        nth = 0
        if full and window is not None:
            path = self._path(ref, window)
            nth = self._nth(ref, window, role, name)
        return ElementInfo(
            api=self.api, app=app, window=window_title, role=role, name=name,
            element_id=self._element_id(ref), labels=self._labels(ref), path=path, nth=nth,
            box=_scaled(self._box(ref), scale), enabled=STATE_ENABLED in states,
            showing=STATE_SHOWING in states, focused=STATE_FOCUSED in states,
            handle=(ref, window))

    def _path(self, ref: Ref, window: Ref) -> tuple[PathStep, ...]:
        steps: list[PathStep] = []
        current: Ref | None = ref
        for _ in range(MAX_DEPTH):
            if current is None or current == window:
                break
            index = int(self._call(current, ACCESSIBLE, "GetIndexInParent")[0])
            steps.append((self._role(current), index))
            current = self._parent(current)
        return tuple(reversed(steps))

    def _nth(self, ref: Ref, window: Ref, role: str, name: str) -> int:
        searched = role if role in ROLE_NUMBERS else None
        candidates = self._matches(window, [STATE_SHOWING], searched)
        same = [r for r, pair in zip(candidates, self._roles_and_names(candidates), strict=True)
                if pair == (role, name)]
        return same.index(ref) if ref in same else 0

    def _showing_ancestor(self, ref: Ref, window: Ref) -> Ref:
        current: Ref | None = ref
        for _ in range(MAX_DEPTH):
            if current is None or current == window or STATE_SHOWING in self._states(current):
                break
            current = self._parent(current)
        return current if current is not None else window

    def _owning_combo(self, ref: Ref, window: Ref) -> Ref:
        """The combo box a focused item of its list belongs to, else ``ref``. Typing into a
        closed combo box picks an item by its first letters (Qt gives that item the focus):
        the keys went to the combo box, which is the field to find again."""
        if self._role(ref) not in ITEM_ROLES:
            return ref
        current: Ref | None = self._parent(ref)
        for _ in range(COMBO_DEPTH):
            if current is None or current == window:
                break
            if self._role(current) == "combo box":
                return current
            current = self._parent(current)
        return ref

    def _actionable(self, ref: Ref, window: Ref) -> Ref:
        """The nearest element at or above ``ref`` that a person acts on (a browser's hit lands
        on the text run inside a button); ``ref`` itself when none is found below the window."""
        current: Ref | None = ref
        for _ in range(MAX_DEPTH):
            if current is None or current == window:
                break
            if self._role(current) in ACTIONABLE_ROLES:
                return current
            current = self._parent(current)
        return ref

    def _open_list_choice_at(self, x: int, y: int, window: Ref) -> Ref | None:
        """The choice at (x, y) of a drop-down list open in ``window``, if any.

        Chromium draws a ``<select>``'s open list in a window of its own that the page's
        hit-test does not reach: it answers with whatever lies under the list on the page (the
        next field). The list's choices are in the tree, showing, under the expanded combo box.
        """
        for combo in self._matches(window, [STATE_EXPANDED, STATE_SHOWING], "combo box"):
            for role in LIST_CHOICE_ROLES:
                for choice in self._matches(combo, [STATE_SHOWING], role):
                    left, top, width, height = self._box(choice)
                    if left <= x < left + width and top <= y < top + height:
                        return choice
        return None

    # -- AccessibilityTree ---------------------------------------------------------------

    def element_at(self, x: int, y: int, window: WindowInfo) -> ElementInfo | None:
        with self._answers("element_at") as lock_held:
            if not lock_held:
                return None
            found = self._window_ref(window)
            if found is None:
                return None
            top, app, scale = found
            # The application's own coordinates, where it scales (Qt with QT_SCALE_FACTOR).
            app_x, app_y = round(x / scale), round(y / scale)
            choice = self._open_list_choice_at(app_x, app_y, top)
            if choice is not None:
                return self._describe(choice, window.title, app, full=True, window=top,
                                      scale=scale)
            current = top
            for _ in range(MAX_DEPTH):
                hit = self._ref(self._call(current, COMPONENT, "GetAccessibleAtPoint", "iiu",
                                           (app_x, app_y, SCREEN_COORDS))[0])
                if hit is None or hit == current:
                    break
                current = hit
                if STATE_SHOWING not in self._states(current):
                    break
            # A closed list's items claim to lie inside their combo box (Chromium hit-tests
            # straight to one): what is not showing is never what a click hits, its nearest
            # showing ancestor is.
            current = self._showing_ancestor(current, top)
            if current == top:
                return None
            element = self._actionable(current, top)
            return self._describe(element, window.title, app, full=True, window=top,
                                  scale=scale)
        return None

    def focused_element(self, window: WindowInfo) -> ElementInfo | None:
        with self._answers("focused_element") as lock_held:
            if not lock_held:
                return None
            found = self._window_ref(window)
            if found is None:
                return None
            top, app, scale = found
            focused = self._matches(top, [STATE_FOCUSED, STATE_SHOWING], None)
            if not focused:
                return None
            return self._describe(self._owning_combo(focused[-1], top), window.title, app,
                                  full=True, window=top, scale=scale)
        return None

    def find(self, window: WindowInfo, role: str) -> list[ElementInfo]:
        with self._answers("find") as lock_held:
            if not lock_held:
                return []
            found = self._window_ref(window)
            if found is None:
                return []
            top, app, scale = found
            searched = role if role in ROLE_NUMBERS else None
            refs = self._matches(top, [STATE_SHOWING], searched)
            if len(refs) > 1 and (searched is None
                                  or any(role in family for family in ROLE_FAMILIES)):
                # Only the wanted role is worth describing: a search by role family or a walk
                # of every showing element brings others.
                refs = [ref for ref, pair in zip(refs, self._roles_and_names(refs), strict=True)
                        if pair is not None and pair[0] == role]
            return self._describe_many(refs, window.title, app, top, scale)
        return []

    def path_of(self, element: ElementInfo) -> tuple[PathStep, ...]:
        ref, window = self._handle(element)
        if ref is None or window is None:
            return ()
        with self._answers("path_of") as lock_held:
            if not lock_held:
                return ()
            return self._path(ref, window)
        return ()

    def chosen_names(self, window: WindowInfo) -> frozenset[str] | None:
        with self._answers("chosen_names") as lock_held:
            if not lock_held:
                return None
            found = self._window_ref(window)
            if found is None:
                return None
            top, _app, _scale = found
            # A closed list's items are not showing, so selected ones are asked for by state.
            refs = self._matches(top, [STATE_SELECTED], None)
            refs += self._matches(top, [STATE_SHOWING], "combo box")
            return frozenset(pair[1] for pair in self._roles_and_names(refs)
                             if pair is not None and pair[1]
                             and (pair[0] in ITEM_ROLES or pair[0] == "combo box"))
        return None

    def text_of(self, element: ElementInfo) -> str | None:
        ref, _window = self._handle(element)
        if ref is None:
            return None
        with self._answers("text_of") as lock_held:
            if not lock_held:
                return None
            count = int(self._property(ref, TEXT, "CharacterCount"))
            return str(self._call(ref, TEXT, "GetText", "ii", (0, count))[0])
        return None

    @staticmethod
    def _handle(element: ElementInfo) -> tuple[Ref | None, Ref | None]:
        handle = element.handle
        if (isinstance(handle, tuple) and len(handle) == 2
                and (handle[0] is None or isinstance(handle[0], tuple))):
            return handle[0], handle[1]
        return None, None

    def _answers(self, question: str) -> _Answering:
        return _Answering(self._lock, question, self._forget)

    def _forget(self) -> None:
        """After an unanswered question: windows and processes are looked up afresh."""
        self._windows.clear()
        self._pids.clear()


def _switch_accessibility_on(session: Any) -> None:
    """Tell the desktop's applications to describe their elements (``org.a11y.Status``).

    Qt applications publish their tree only when asked to (the status's ``IsEnabled``, which
    Qt follows also while it runs), GTK ones always do; a caseworker's desktop without a screen
    reader has it off. The recorder and the robot switch it on for the session as they start,
    the way a screen reader does; it stays on, since the robot needs it again next time.
    """
    from jeepney import DBusAddress, Properties

    status = DBusAddress("/org/a11y/bus", "org.a11y.Bus", "org.a11y.Status")
    try:
        reply = session.send_and_get_reply(Properties(status).get("IsEnabled"), timeout=2.0)
        if reply.header.message_type.name == "error" or reply.body[0][1]:
            return
        session.send_and_get_reply(Properties(status).set("IsEnabled", "b", True), timeout=2.0)
        log.info("switched the desktop's accessibility on, so applications name their elements")
    except Exception as error:  # pictures still work without it; say why selectors may not
        log.warning("could not switch the desktop's accessibility on: %s", error)


class _Answering:
    """Holds the connection's lock for one question; an application that does not answer, or
    answers with an error, ends the question quietly (the ``with`` body is skipped past)."""

    def __init__(self, lock: threading.Lock, question: str,
                 forget: Callable[[], None]) -> None:
        self._lock, self._question, self._forget = lock, question, forget

    def __enter__(self) -> bool:
        self._lock.acquire()
        return True

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: object) -> bool:
        try:
            if isinstance(error, _NoAnswerError | ValueError):
                log.info("accessibility %s found nothing: %s", self._question, error)
                self._forget()
                return True
            return False
        finally:
            self._lock.release()

