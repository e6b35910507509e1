"""Turns a recording's raw events into the steps a superuser reads: a pure function.

Clicks become click steps (double clicks merged), presses that travel become drags, runs of scroll
ticks one scroll step, keystrokes one type-text step per field (Backspace applied), Tab and Enter
key steps that end a field, and modifier combinations hotkey steps. Each step keeps the human's
pause before it as information; the player never sleeps for it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from app.core.hotkeys import MODIFIER_NAMES, MODIFIER_ORDER
from app.core.model.bot import (
    ClickStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    Point,
    ScrollStep,
    Selector,
    Step,
    Target,
    TypeTextStep,
)
from app.core.recording.events import (
    LOCK_KEYS,
    TEXT_MODIFIERS,
    ClickContext,
    InputEvent,
)

CLICK_DISTANCE = 5
DRAG_DISTANCE = 8
DOUBLE_CLICK_S = 0.5
SCROLL_RUN_GAP_S = 1.0
SECRET_PARAMETER = "losenord"


def secret_name(number: int) -> str:
    """The parameter a recording's n-th secret is bound to: losenord, losenord_2, …"""
    return SECRET_PARAMETER if number == 1 else f"{SECRET_PARAMETER}_{number}"


def secret_placeholders(steps: Iterable[Step]) -> list[str]:
    """The secret parameters the coalesced steps refer to, in order."""
    names = []
    for step in steps:
        if isinstance(step, TypeTextStep) and step.text.startswith("{{" + SECRET_PARAMETER):
            names.append(step.text.strip("{}"))
    return names


@dataclass
class _State:
    steps: list[Step] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    text_think: float | None = None
    window_title: str | None = None
    last_end: float | None = None
    held_modifiers: dict[int | str, str] = field(default_factory=dict)
    pressed_at: dict[str, InputEvent] = field(default_factory=dict)
    last_click: tuple[ClickStep, InputEvent] | None = None
    scroll: tuple[ScrollStep, float] | None = None
    secrets: int = 0
    keys_ignored: bool = False
    ignored_buttons: set[str] = field(default_factory=set)
    # What the accessibility tree named, by event seq, and the element typing goes into now.
    selectors: Mapping[int, Selector] = field(default_factory=dict)
    focused: Selector | None = None


def _think(state: _State, t: float) -> float | None:
    return None if state.last_end is None else round(max(0.0, t - state.last_end), 3)


def _flush_text(state: _State) -> None:
    if state.text:
        state.steps.append(TypeTextStep(text="".join(state.text), window_title=state.window_title,
                                        think_time_s=state.text_think, element=state.focused))
    state.text = []


def _target(event: InputEvent, context: ClickContext | None,
            selector: Selector | None = None) -> Target:
    x, y = event.x or 0, event.y or 0
    if (selector is not None and context is not None and context.window_title is not None
            and selector.window != context.window_title):
        # The tree was asked after the click had already changed the window (a login that
        # opens the next page): that element is not what was clicked, and a robot following
        # it would press something else.
        selector = None
    target = Target(absolute=Point(x, y), selector=selector)
    if context is None:
        return target
    target.window_title = context.window_title
    if context.window_x is not None and context.window_y is not None:
        target.window_point = Point(x - context.window_x, y - context.window_y)
    if context.anchor:
        target.anchor = context.anchor
        target.anchor_offset = Point(x - context.anchor_left, y - context.anchor_top)
    return target


def _key_token(event: InputEvent) -> str:
    if event.key == "char" and event.char:
        return event.char.lower()
    return event.key or "?"


def _modifiers(state: _State) -> list[str]:
    held = set(state.held_modifiers.values())
    return [name for name in MODIFIER_ORDER if name in held]


def _on_key_down(state: _State, event: InputEvent, contexts: Mapping[int, ClickContext],
                 ignored: Collection[frozenset[str]]) -> None:
    name = event.key or ""
    context = contexts.get(event.seq)
    if context is not None:
        state.keys_ignored = context.ignored
    if state.keys_ignored:
        return
    if event.seq in state.selectors:
        state.focused = state.selectors[event.seq]
    if context is not None and context.window_title and context.window_title != state.window_title:
        _flush_text(state)
        state.window_title = context.window_title
    slot: int | str = event.keycode if event.keycode is not None else name
    if name in MODIFIER_NAMES:
        state.held_modifiers[slot] = MODIFIER_NAMES[name]
        return
    if name in TEXT_MODIFIERS or name in LOCK_KEYS:
        return
    modifiers = _modifiers(state)
    command_modifiers = [m for m in modifiers if m != "shift"]
    think = _think(state, event.t)
    if command_modifiers or (modifiers and name != "char"):
        keys = [*modifiers, _key_token(event)]
        if frozenset(keys) in ignored:
            return
        _flush_text(state)
        state.focused = None
        state.steps.append(HotkeyStep(keys=keys, window_title=state.window_title,
                                      think_time_s=think))
    elif name == "char" and event.char:
        if not state.text:
            state.text_think = think
        state.text.append(event.char)
    elif name == "space":
        if not state.text:
            state.text_think = think
        state.text.append(" ")
    elif name == "backspace" and state.text:
        state.text.pop()
    else:
        if frozenset([name]) in ignored:
            return
        _flush_text(state)
        state.focused = None
        state.steps.append(KeyStep(key=name, window_title=state.window_title, think_time_s=think))
    state.last_end = event.t


def _on_release(state: _State, event: InputEvent, contexts: Mapping[int, ClickContext]) -> None:
    button = event.button or "left"
    press = state.pressed_at.pop(button, None)
    if press is None:
        return
    context = contexts.get(press.seq)
    if context is not None and context.window_title:
        state.window_title = context.window_title
    distance = max(abs((event.x or 0) - (press.x or 0)), abs((event.y or 0) - (press.y or 0)))
    think = _think(state, press.t)
    if distance >= DRAG_DISTANCE:
        # The drop point is in the window the drag started in; its picture was never taken.
        end = _target(event, context)
        end.anchor = end.anchor_offset = None
        state.steps.append(DragStep(target=_target(press, context, state.selectors.get(press.seq)),
                                    end=end,
                                    button=button, think_time_s=think))  # type: ignore[arg-type]
        state.last_click = None
    else:
        previous = state.last_click
        if (previous is not None and previous[0].button == button and previous[0].clicks == 1
                and press.t - previous[1].t <= DOUBLE_CLICK_S
                and abs((press.x or 0) - (previous[1].x or 0)) <= CLICK_DISTANCE
                and abs((press.y or 0) - (previous[1].y or 0)) <= CLICK_DISTANCE
                and state.steps and state.steps[-1] is previous[0]):
            previous[0].clicks = 2
            state.last_click = None
        else:
            step = ClickStep(target=_target(press, context, state.selectors.get(press.seq)),
                             button=button, think_time_s=think)  # type: ignore[arg-type]
            state.steps.append(step)
            state.last_click = (step, press)
    state.last_end = event.t


def _on_scroll(state: _State, event: InputEvent, contexts: Mapping[int, ClickContext]) -> None:
    current = state.scroll
    if (current is not None and state.steps and state.steps[-1] is current[0]
            and event.t - current[1] <= SCROLL_RUN_GAP_S):
        current[0].dx += event.dx
        current[0].dy += event.dy
    else:
        _flush_text(state)
        step = ScrollStep(target=_target(event, contexts.get(event.seq)), dx=event.dx,
                          dy=event.dy, think_time_s=_think(state, event.t))
        state.steps.append(step)
        current = (step, event.t)
    state.scroll = (current[0], event.t)
    state.last_end = event.t


def _on_mark(state: _State, event: InputEvent) -> None:
    if event.key in ("pause", "resume"):
        # Keys and buttons released while paused were never seen; nothing is still held.
        state.held_modifiers.clear()
        state.pressed_at.clear()
        state.ignored_buttons.clear()
        _flush_text(state)
        if event.key == "resume":
            state.last_end = None
    elif event.key == "secret":
        _flush_text(state)
        state.secrets += 1
        state.steps.append(TypeTextStep(text=f"{{{{{secret_name(state.secrets)}}}}}",
                                        window_title=state.window_title,
                                        think_time_s=_think(state, event.t),
                                        element=state.selectors.get(event.seq)))
        state.last_end = event.t


def coalesce(events: Iterable[InputEvent], contexts: Mapping[int, ClickContext] | None = None,
             ignored_hotkeys: Collection[frozenset[str]] = (),
             selectors: Mapping[int, Selector] | None = None) -> list[Step]:
    """The steps a recording amounts to.

    ``contexts`` maps an event's ``seq`` to what was captured then: the anchor picture and window
    at a mouse press, the focused window at the first key of a field. ``ignored_hotkeys`` are
    the recorder's own control keys (e.g. stop), never steps. ``selectors`` maps a press to the
    element it hit and the first key of typing (or its secret mark) to the focused element.
    """
    contexts = contexts or {}
    state = _State(selectors=selectors or {})
    for event in sorted(events, key=lambda e: e.seq):
        if event.kind == "key_down":
            _on_key_down(state, event, contexts, ignored_hotkeys)
        elif event.kind == "key_up":
            slot: int | str = event.keycode if event.keycode is not None else (event.key or "")
            state.held_modifiers.pop(slot, None)
            if event.keycode is None and event.key in MODIFIER_NAMES:
                # Without key codes, any release of a modifier name ends that modifier.
                for held_slot, name in list(state.held_modifiers.items()):
                    if name == MODIFIER_NAMES[event.key]:
                        del state.held_modifiers[held_slot]
        elif event.kind == "press":
            context = contexts.get(event.seq)
            if context is not None and context.ignored:
                state.ignored_buttons.add(event.button or "left")
                continue
            state.keys_ignored = False
            _flush_text(state)
            state.focused = None
            state.pressed_at[event.button or "left"] = event
        elif event.kind == "release":
            if (event.button or "left") in state.ignored_buttons:
                state.ignored_buttons.discard(event.button or "left")
                continue
            _on_release(state, event, contexts)
        elif event.kind == "mark":
            _on_mark(state, event)
        elif event.kind == "scroll":
            _on_scroll(state, event, contexts)
    _flush_text(state)
    return state.steps
