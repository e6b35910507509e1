"""Which element of a window a recorded selector means: scoring candidates, pure.

A selector is found again by asking the window for its showing elements of the recorded role
and scoring each: the same id counts most (Qt's objectName chain or a web page's HTML id
survive a moved window, another style and a changed name), then the name, the labels, the
path from the window, and last the place in the window. Only a single best candidate with
enough score is taken; a tie or a weak best (role and place alone) is no match, so the player
falls through to the picture instead of acting on a guess.

Also here: the selector the recorder keeps for an element it was told about
(``selector_for``) and the point inside a found element where the action lands
(``action_point``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.core.model.bot import Point, Selector
from app.core.platform.accessibility import ElementInfo, PathStep
from app.core.platform.desktop import WindowInfo

SCORE_ID = 100
SCORE_NAME = 10
SCORE_LABELS = 5
SCORE_PATH = 3
SCORE_NTH = 2
SCORE_BOX = 1
# Below this a candidate is only "an element of that role around there": not enough to act on.
MIN_SCORE = 5
BOX_TOLERANCE_PX = 8


@dataclass(frozen=True)
class SelectorMatch:
    """The element a selector found and how sure the finding is (``score``)."""

    element: ElementInfo
    score: int


def selector_for(element: ElementInfo, window: WindowInfo,
                 point: tuple[int, int] | None = None) -> Selector:
    """What the recorder keeps of ``element`` of ``window``; ``point`` is where the click went."""
    x, y, width, height = element.box
    offset = None
    if point is not None and element.contains(*point):
        offset = Point(point[0] - x, point[1] - y)
    api = element.api if element.api in ("atspi", "uia", "ax") else "atspi"
    return Selector(
        api=api,  # type: ignore[arg-type]  # checked against the three just above
        role=element.role, name=element.name, element_id=element.element_id,
        app=element.app, window=element.window, labels=tuple(element.labels),
        path=tuple(element.path), nth=element.nth,
        box_in_window=(x - window.x, y - window.y, width, height), offset=offset)


def score(selector: Selector, candidate: ElementInfo, window: WindowInfo,
          path: tuple[PathStep, ...] | None = None) -> int:
    """How well ``candidate`` (an element of ``window`` with the selector's role) fits."""
    if candidate.role != selector.role:
        return 0
    total = 0
    if selector.element_id and candidate.element_id == selector.element_id:
        total += SCORE_ID
    if selector.name and candidate.name == selector.name:
        total += SCORE_NAME
    if selector.labels and tuple(candidate.labels) == tuple(selector.labels):
        total += SCORE_LABELS
    if path is not None and selector.path and tuple(path) == tuple(selector.path):
        total += SCORE_PATH
    if selector.box_in_window is not None:
        x, y, width, height = candidate.box
        was = selector.box_in_window
        now = (x - window.x, y - window.y, width, height)
        if all(abs(a - b) <= BOX_TOLERANCE_PX for a, b in zip(now, was, strict=True)):
            total += SCORE_BOX
    return total


def choose(selector: Selector, candidates: Sequence[ElementInfo], window: WindowInfo,
           path_of: Callable[[ElementInfo], tuple[PathStep, ...]] | None = None,
           ) -> SelectorMatch | None:
    """The one candidate the selector means, or None when none fits well enough or two fit
    equally well.

    ``candidates`` are in the tree's order, so the selector's ``nth`` (its place among equals
    of the same name) separates identical elements. ``path_of`` is asked only for the
    contenders whose order the path could still change, since paths cost the most to read.
    """
    usable = [c for c in candidates if c.role == selector.role and c.showing]
    if not usable:
        return None
    scores = [score(selector, c, window) for c in usable]
    if selector.name:
        same_name = [i for i, c in enumerate(usable) if c.name == selector.name]
        if len(same_name) > 1 and selector.nth < len(same_name):
            scores[same_name[selector.nth]] += SCORE_NTH
    if path_of is not None and selector.path and _path_could_decide(scores):
        best = max(scores)
        for i, candidate in enumerate(usable):
            # Only a contender the path could lift to the top, or part of a tie, is worth it.
            if scores[i] + SCORE_PATH >= best:
                scores[i] += score(selector, candidate, window, path_of(candidate)) - score(
                    selector, candidate, window)
    ranked = sorted(range(len(usable)), key=lambda i: scores[i], reverse=True)
    top = scores[ranked[0]]
    if top < MIN_SCORE:
        return None
    if len(ranked) > 1 and scores[ranked[1]] == top:
        return None
    return SelectorMatch(usable[ranked[0]], top)


def _path_could_decide(scores: list[int]) -> bool:
    """Whether the path's points could change the outcome: the best is weak, or another
    candidate is within reach of it."""
    ranked = sorted(scores, reverse=True)
    if ranked[0] < MIN_SCORE:
        return ranked[0] + SCORE_PATH >= MIN_SCORE
    return len(ranked) > 1 and ranked[1] + SCORE_PATH >= ranked[0]


def is_meant(selector: Selector, element: ElementInfo, chosen: ElementInfo | None) -> bool:
    """Whether ``element`` (the one with the keyboard focus) is what ``selector`` means: the
    same id where the selector has one, else the very element ``choose`` picked among the
    window's candidates (``chosen``)."""
    if element.role != selector.role:
        return False
    if selector.element_id:
        return element.element_id == selector.element_id
    return chosen is not None and (chosen.name, chosen.element_id, chosen.box, chosen.path) == (
        element.name, element.element_id, element.box, element.path)


def element_words(element: ElementInfo | Selector) -> str:
    """An element as a person finds it on the screen: its name, else its label, else the last
    part of its id, with its role ("'Hemkommun' (text)")."""
    shown = (element.name or (element.labels[0] if element.labels else "")
             or element.element_id.rsplit(".", 1)[-1])
    return f"{shown!r} ({element.role})" if shown else f"a {element.role}"


def action_point(selector: Selector, element: ElementInfo) -> Point:
    """Where to act on a found element: the recorded offset inside it, kept inside its box
    (the element may have shrunk), or its centre when no offset was recorded."""
    x, y, width, height = element.box
    if selector.offset is None or width <= 0 or height <= 0:
        return Point(x + width // 2, y + height // 2)
    return Point(x + min(max(selector.offset.x, 0), width - 1),
                 y + min(max(selector.offset.y, 0), height - 1))
