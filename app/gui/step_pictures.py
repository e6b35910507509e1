"""A step's pictures as the property panel shows them: where the robot looks and acts.

``TargetBox`` shows one place a step acts on: the step's window picture zoomed, with the anchor
boxed and the click point marked (``WindowPictureView``), the anchor picture alone at a
readable size (``AnchorView``), "Pick again on screen", how alike the screen must be, and the
other recorded ways to find the place. Pictures come from a ``PictureSource``: the bot folder's
images with those not yet saved taking precedence (``folder_pictures``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.model.bot import Point, Selector, Target
from app.core.model.botfile import IMAGES_DIR
from app.core.running.player import DEFAULT_THRESHOLD
from app.gui.i18n import tr
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

if TYPE_CHECKING:
    from app.core.vision.thumbnail_place import ThumbnailPlace

log = logging.getLogger(__name__)

MARK_COLOUR = "#e8590c"
# The window picture is shown up to this many times its stored size (it is 320 pixels wide).
MAX_WINDOW_ZOOM = 2.0
# The anchor alone: zoomed so that small pictures are readable, within the panel's width.
ANCHOR_ZOOM = 2.0
ANCHOR_MAX_WIDTH = 360
NUMBER_FIELD_WIDTH = 160

# A picture's PNG bytes by its file name in the bot's images, or None when there is none. The
# studio gives the bot folder's pictures with any not yet saved (picked again, learned in a
# run) taking precedence: ``folder_pictures`` does that.
PictureSource = Callable[[str], bytes | None]


def folder_pictures(folder: Path | None,
                    pending: Mapping[str, bytes] | None = None) -> PictureSource:
    """Pictures from ``pending`` first, then from the bot folder's ``images``."""
    def read(name: str) -> bytes | None:
        if pending is not None and name in pending:
            return pending[name]
        if folder is None:
            return None
        try:
            return (folder / IMAGES_DIR / name).read_bytes()
        except OSError:
            return None
    return read


def no_pictures(_: str) -> bytes | None:
    return None


def image_from(data: bytes | None) -> QtGui.QImage:
    image = QtGui.QImage()
    if data:
        image.loadFromData(data)
    return image


def _draw_click_mark(painter: QtGui.QPainter, x: float, y: float, radius: float = 9) -> None:
    """A ring with short ticks outside it, drawn twice so it shows on light and dark pictures
    alike; nothing crosses the middle, so the text under the point stays readable."""
    centre = QtCore.QPointF(x, y)
    reach = radius + 6
    for colour, width in (("white", 4.0), (MARK_COLOUR, 2.0)):
        painter.setPen(QtGui.QPen(QtGui.QColor(colour), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius, radius)
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            painter.drawLine(QtCore.QPointF(x + dx * radius, y + dy * radius),
                             QtCore.QPointF(x + dx * reach, y + dy * reach))
    # The exact point, small enough to leave the letters around it visible.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QtGui.QColor(MARK_COLOUR))
    painter.drawEllipse(centre, 1.5, 1.5)


def place_on_window_picture(thumbnail: QtGui.QImage, anchor: QtGui.QImage,
                            target: Target) -> ThumbnailPlace | None:
    """Where the anchor lies on the window picture, or None when it cannot be told."""
    import numpy as np

    from app.core.vision.thumbnail_place import place_on_thumbnail

    def gray(image: QtGui.QImage) -> Any:
        converted = image.convertToFormat(QtGui.QImage.Format.Format_Grayscale8)
        rows = np.frombuffer(converted.constBits(), dtype=np.uint8,
                             count=converted.sizeInBytes())
        return rows.reshape(converted.height(), converted.bytesPerLine())[
            :, :converted.width()].copy()

    try:
        return place_on_thumbnail(gray(thumbnail), gray(anchor), target.anchor_offset,
                                  target.window_point)
    except Exception as error:  # only a mark on a picture is lost; the step is still shown
        log.warning("cannot mark %s on its window picture: %s", target.anchor, error)
        return None


class WindowPictureView(QtWidgets.QWidget):
    """The step's window picture, zoomed to the panel's width, the anchor boxed and the click
    point marked."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QtGui.QImage()
        self._place: ThumbnailPlace | None = None
        policy = QtWidgets.QSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding,
                                       QtWidgets.QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_picture(self, image: QtGui.QImage, place: ThumbnailPlace | None) -> None:
        self._image, self._place = image, place
        self.updateGeometry()
        self.update()

    def place(self) -> ThumbnailPlace | None:
        return self._place

    def _zoom(self, width: int) -> float:
        if self._image.isNull():
            return 1.0
        return min(MAX_WINDOW_ZOOM, width / self._image.width())

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return 0 if self._image.isNull() else round(self._image.height() * self._zoom(width))

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802
        width = round(self._image.width() * MAX_WINDOW_ZOOM) if not self._image.isNull() else 0
        return QtCore.QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802
        return QtCore.QSize(160, self.heightForWidth(160))

    def paintEvent(self, _: QtGui.QPaintEvent) -> None:  # noqa: N802
        if self._image.isNull():
            return
        zoom = self._zoom(self.width())
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform)
        shown = QtCore.QRectF(0, 0, self._image.width() * zoom, self._image.height() * zoom)
        painter.drawImage(shown, self._image)
        painter.setPen(QtGui.QPen(QtGui.QColor("#888888"), 1))
        painter.drawRect(shown.adjusted(0, 0, -1, -1))
        if self._place is not None:
            place = self._place
            painter.setPen(QtGui.QPen(QtGui.QColor(MARK_COLOUR), 2))
            painter.drawRect(QtCore.QRectF(place.left * zoom, place.top * zoom,
                                           place.width * zoom, place.height * zoom))
            _draw_click_mark(painter, place.click_x * zoom, place.click_y * zoom, 7)
        painter.end()


class AnchorView(QtWidgets.QLabel):
    """The anchor picture alone, zoomed to a readable size, with the click point marked."""

    def set_picture(self, image: QtGui.QImage, offset: Point | None) -> None:
        if image.isNull():
            self.clear()
            return
        zoom = min(ANCHOR_ZOOM, ANCHOR_MAX_WIDTH / image.width())
        pixmap = QtGui.QPixmap(round(image.width() * zoom) + 2, round(image.height() * zoom) + 2)
        pixmap.fill(QtGui.QColor("#888888"))
        painter = QtGui.QPainter(pixmap)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.drawImage(QtCore.QRectF(1, 1, image.width() * zoom, image.height() * zoom),
                          image)
        if offset is not None:
            # Wide enough to ring a letter or two rather than cover them.
            _draw_click_mark(painter, 1 + (offset.x + 0.5) * zoom, 1 + (offset.y + 0.5) * zoom, 15)
        painter.end()
        self.setPixmap(pixmap)


class TargetBox(QtWidgets.QGroupBox):
    """One place a step acts on: its pictures, how alike the screen must be, and the other
    recorded ways to find it (room for more, such as an element's name, below them)."""

    pick_requested = Signal(str)
    confidence_edited = Signal(str, object)

    def __init__(self, which: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.which = which
        self.setObjectName(f"target_{which}")
        self.window_view = WindowPictureView()
        self.window_caption = muted_label()
        self.anchor_view = AnchorView()
        self.anchor_view.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.anchor_caption = muted_label()
        self.fallbacks = muted_label()
        self.element_label = QtWidgets.QLabel()
        self.element_label.setObjectName(f"element_{which}")
        self.element_label.setWordWrap(True)
        self.element_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pick_button = QtWidgets.QPushButton()
        self.pick_button.setObjectName(f"pick_{which}")
        self.pick_button.clicked.connect(lambda: self.pick_requested.emit(self.which))
        self.confidence = QtWidgets.QSpinBox()
        self.confidence.setObjectName(f"confidence_{which}")
        # The lowest value stands for "the robot's default"; below half alike finds anything.
        self.confidence.setRange(49, 100)
        self.confidence.setSuffix(" %")
        self.confidence.setMaximumWidth(NUMBER_FIELD_WIDTH)
        self.confidence.setKeyboardTracking(False)
        self.confidence.editingFinished.connect(
            lambda: self.confidence_edited.emit(self.which, self.confidence_value()))
        self.confidence_hint = muted_label()
        self.ways = QtWidgets.QFormLayout()
        self.ways.addRow(self.element_label)
        self.ways.addRow(self.window_view)
        self.ways.addRow(self.window_caption)
        self.ways.addRow(self.anchor_view)
        self.ways.addRow(self.anchor_caption)
        self.ways.addRow(self.pick_button)
        self.confidence_label = QtWidgets.QLabel()
        self.ways.addRow(self.confidence_label, self.confidence)
        self.ways.addRow(self.confidence_hint)
        self.ways.addRow(self.fallbacks)
        self.setLayout(self.ways)

    def confidence_value(self) -> float | None:
        value = self.confidence.value()
        return None if value == self.confidence.minimum() else round(value / 100, 2)

    def retranslate(self, title: str) -> None:
        self.setTitle(title)
        self.pick_button.setText(tr("Pick again on screen…"))
        self.pick_button.setToolTip(tr("Hides the studio and shows the screen as it is now: "
                                       "drag a rectangle around what the robot should look "
                                       "for, then click where it should act."))
        self.confidence_label.setText(tr("How alike:"))
        self.confidence.setSpecialValueText(tr("Standard ({percent} %)").format(
            percent=round(DEFAULT_THRESHOLD * 100)))
        self.confidence_hint.setText(tr("How alike the screen must be to the picture. Lower it "
                                        "if the robot does not find a place that has changed a "
                                        "little; raise it if it finds the wrong one."))

    def show_target(self, target: Target | None, thumbnail: QtGui.QImage,
                    anchor: QtGui.QImage, place: ThumbnailPlace | None, *,
                    waits: bool = False, points_are_fine: bool = False,
                    reads: bool = False) -> None:
        """Show ``target``; ``waits`` when the step waits for the picture rather than acting
        on it, so there is no point where it acts; ``reads`` when it reads the element's text,
        which only the element itself can give (no picture, point or likeness then)."""
        if reads:
            self._show_read(target, thumbnail)
            return
        for row in (self.anchor_caption, self.pick_button, self.confidence,
                    self.confidence_hint):
            self.ways.setRowVisible(row, True)
        has_window = not thumbnail.isNull()
        self.window_view.set_picture(thumbnail, place if has_window else None)
        self.ways.setRowVisible(self.window_view, has_window)
        self.ways.setRowVisible(self.window_caption, has_window)
        if has_window:
            self.window_caption.setText(
                tr("The window when the step was recorded; the box is the picture the robot "
                   "looks for, the ring where it acts.") if place is not None else
                tr("The window when the step was recorded. The picture could not be found on "
                   "it, so the place is not marked."))
        offset = target.anchor_offset if target is not None else None
        self.anchor_view.set_picture(anchor, offset)
        self.ways.setRowVisible(self.anchor_view, not anchor.isNull())
        if (target is None or target.anchor is None) and waits:
            self.anchor_caption.setText(tr("No picture yet: pick the picture to wait for on "
                                           "the screen."))
        elif target is None or target.anchor is None:
            self.anchor_caption.setText(tr("No picture: the robot finds this place only by "
                                           "where it was recorded. Pick a picture on the "
                                           "screen to make it sturdier."))
        elif anchor.isNull():
            self.anchor_caption.setText(tr("Picture {name} could not be read.").format(
                name=target.anchor))
        elif waits or offset is None:
            self.anchor_caption.setText(tr("The picture the robot looks for ({width} × {height} "
                                           "pixels).").format(width=anchor.width(),
                                                              height=anchor.height()))
        else:
            self.anchor_caption.setText(tr("The picture the robot looks for ({width} × {height} "
                                           "pixels); the ring is where it acts.").format(
                width=anchor.width(), height=anchor.height()))
        confidence = target.confidence if target is not None else None
        self.confidence.setValue(self.confidence.minimum() if confidence is None
                                 else round(confidence * 100))
        self.fallbacks.setText(_fallback_text(target, points_are_fine))
        selector = target.selector if target is not None else None
        self.element_label.setText("" if selector is None else tr(
            "First the robot looks for the element {element} in the window “{window}”, then "
            "for the picture.").format(element=element_text(selector), window=selector.window))
        self.element_label.setToolTip("" if selector is None or not selector.element_id else
                                      tr("Its id: {id}").format(id=selector.element_id))
        self.ways.setRowVisible(self.element_label, selector is not None)
        self.ways.setRowVisible(self.fallbacks, bool(self.fallbacks.text()))

    def _show_read(self, target: Target | None, thumbnail: QtGui.QImage) -> None:
        has_window = not thumbnail.isNull()
        self.window_view.set_picture(thumbnail, None)
        self.ways.setRowVisible(self.window_view, has_window)
        self.ways.setRowVisible(self.window_caption, has_window)
        self.window_caption.setText(tr("The window when the step was recorded."))
        for row in (self.anchor_view, self.anchor_caption, self.pick_button, self.confidence,
                    self.confidence_hint, self.fallbacks):
            self.ways.setRowVisible(row, False)
        selector = target.selector if target is not None else None
        window = (selector.window if selector is not None and selector.window
                  else target.window_title if target is not None else "") or ""
        self.element_label.setText("" if selector is None else tr(
            "The robot reads the text the element {element} shows in the window “{window}”. "
            "If the element is not there, it asks you, or an unattended run stops.").format(
                element=element_text(selector), window=window))
        self.element_label.setToolTip("" if selector is None or not selector.element_id else
                                      tr("Its id: {id}").format(id=selector.element_id))
        self.ways.setRowVisible(self.element_label, selector is not None)

    def set_read_only(self, read_only: bool) -> None:
        self.pick_button.setEnabled(not read_only)
        self.confidence.setEnabled(not read_only)


def element_text(selector: Selector) -> str:
    """A recorded element as a person finds it: its name, else its label, with its kind."""
    shown = (selector.name or (selector.labels[0] if selector.labels else "")
             or selector.element_id.rsplit(".", 1)[-1])
    if not shown:
        return selector.role
    return tr("“{name}” ({kind})").format(name=shown, kind=selector.role)


def _fallback_text(target: Target | None, points_are_fine: bool) -> str:
    if target is None:
        return ""
    ways = []
    if target.window_point is not None:
        where = f"({target.window_point.x}, {target.window_point.y})"
        if target.window_title:
            ways.append(tr("the place {where} in the window “{window}”").format(
                where=where, window=target.window_title))
        else:
            ways.append(tr("the place {where} in its window").format(where=where))
    if target.absolute is not None:
        ways.append(tr("the place ({x}, {y}) on the screen").format(
            x=target.absolute.x, y=target.absolute.y))
    if not ways:
        return ""
    way = ways[0] if len(ways) == 1 else tr("{first} or {second}").format(first=ways[0],
                                                                           second=ways[1])
    if points_are_fine:
        return tr("If neither the element nor the picture is found, the robot uses {way}."
                  ).format(way=way)
    return tr("If neither the element nor the picture is found, the robot asks you before it "
              "uses {way}; a robot nobody attends stops there.").format(way=way)


def muted_label(text: str = "") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label
