"""Choosing a new picture for a step on the live screen: "Pick again on screen".

``ScreenPick`` hides the studio's window, takes a picture of the whole screen (through
``ScreenGrabber``, the one user of mss) and lays ``RegionPicker`` over it, full size: the person
drags a rectangle around what the robot should look for, then clicks the spot inside it where
the action lands. Esc cancels at any time; a right click starts the rectangle again. The result
is the rectangle cut out of that screen picture as PNG, and the clicked spot relative to it,
which is what a step's ``Target.anchor`` and ``anchor_offset`` hold.

The overlay shows a still picture rather than being a see-through window, so nothing on the
screen changes while the person chooses, and what they see is exactly what is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.model.bot import Point
from app.gui.i18n import tr
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

# Smaller than this is a slip of the hand, not a picture the robot can find again.
MIN_SIDE = 8
# Long enough for the window system to take the hidden studio off the screen before the picture.
HIDE_DELAY_MS = 300


@dataclass(frozen=True)
class PickedPicture:
    """A picture cut out of the screen, and where in it the action lands."""

    png: bytes
    offset: Point


def cut_out(screen: QtGui.QImage, region: QtCore.QRect, point: QtCore.QPoint) -> PickedPicture:
    """The part ``region`` of ``screen`` as PNG, with ``point`` (screen pixels) made relative."""
    part = screen.copy(region)
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    # PySide's stubs say bytes, but the binding takes the format only as str.
    part.save(buffer, "PNG")  # type: ignore[call-overload]
    return PickedPicture(bytes(buffer.data().data()),
                         Point(point.x() - region.left(), point.y() - region.top()))


def grab_screen() -> QtGui.QImage:
    """The whole desktop as it is now, every monitor together."""
    # Imported here: mss and OpenCV take a while to load and most studio sessions never pick.
    from app.core.vision.screen import ScreenGrabber

    with ScreenGrabber() as grabber:
        pixels = grabber.grab_colour_full()
    height, width = pixels.shape[:2]
    image = QtGui.QImage(pixels.tobytes(), width, height, width * 3,
                         QtGui.QImage.Format.Format_BGR888)
    # The bytes object above goes away; the copy owns its pixels.
    return image.copy()


class RegionPicker(QtWidgets.QWidget):
    """A full-screen still of the screen on which the person drags a rectangle, then clicks.

    ``picked`` gives the rectangle and the point in the screen picture's pixels; ``cancelled``
    comes after Esc.
    """

    picked = Signal(QtCore.QRect, QtCore.QPoint)
    cancelled = Signal()

    def __init__(self, screen: QtGui.QImage, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool)
        self.setObjectName("regionPicker")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._screen = screen
        self._pixmap = QtGui.QPixmap.fromImage(screen)
        self._press: QtCore.QPoint | None = None
        self._region: QtCore.QRect | None = None  # screen-picture pixels
        self._choosing_point = False
        # The hint moves to the bottom while the pointer is under it, so it never hides what
        # the person wants to pick.
        self._hint_at_bottom = False
        self._hint_box = QtCore.QRect()
        self._hint = ""
        self._show_hint()

    # ------------------------------------------------------------ state

    def region(self) -> QtCore.QRect | None:
        return self._region

    def is_choosing_point(self) -> bool:
        return self._choosing_point

    def hint(self) -> str:
        return self._hint

    def hint_box(self) -> QtCore.QRect:
        """Where the hint was last drawn, in widget pixels."""
        return QtCore.QRect(self._hint_box)

    def _show_hint(self, problem: str = "") -> None:
        if self._choosing_point:
            hint = tr("Now click the spot inside the rectangle where the robot should act. "
                      "Right-click to draw the rectangle again, Esc to cancel.")
        else:
            hint = tr("Drag a rectangle around what the robot should look for, for example "
                      "a button with its text. Esc cancels.")
        self._hint = f"{problem} {hint}".strip()
        self.update()

    # ------------------------------------------------------------ coordinates

    def _scale(self) -> tuple[float, float]:
        """Screen-picture pixels per widget pixel (not 1 on a high-DPI screen)."""
        width, height = max(1, self.width()), max(1, self.height())
        return self._screen.width() / width, self._screen.height() / height

    def _to_picture(self, point: QtCore.QPointF | QtCore.QPoint) -> QtCore.QPoint:
        sx, sy = self._scale()
        x = min(max(0, int(point.x() * sx)), self._screen.width() - 1)
        y = min(max(0, int(point.y() * sy)), self._screen.height() - 1)
        return QtCore.QPoint(x, y)

    def _to_widget(self, region: QtCore.QRect) -> QtCore.QRectF:
        sx, sy = self._scale()
        return QtCore.QRectF(region.left() / sx, region.top() / sy,
                             region.width() / sx, region.height() / sy)

    # ------------------------------------------------------------ input

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            self.close()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        where = self._to_picture(event.position())
        if event.button() == Qt.MouseButton.RightButton:
            self._region, self._press, self._choosing_point = None, None, False
            self._show_hint()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self._choosing_point and self._region is not None:
            if self._region.contains(where):
                region = QtCore.QRect(self._region)
                self.picked.emit(region, where)
                self.close()
            else:
                self._show_hint(tr("That was outside the rectangle."))
            return
        self._press = where
        self._region = QtCore.QRect(where, where)
        self.update()

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        near_hint = self._hint_box.adjusted(-40, -40, 40, 40).contains(event.position().toPoint())
        if near_hint:
            self._hint_at_bottom = not self._hint_at_bottom
            self.update()
        if self._press is not None and not self._choosing_point:
            self._region = QtCore.QRect(self._press,
                                        self._to_picture(event.position())).normalized()
            self.update()

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        if self._press is None or self._choosing_point:
            return
        region = QtCore.QRect(self._press, self._to_picture(event.position())).normalized()
        self._press = None
        if region.width() < MIN_SIDE or region.height() < MIN_SIDE:
            self._region = None
            self._show_hint(tr("That rectangle is too small: drag across the whole thing."))
            return
        self._region = region
        self._choosing_point = True
        self._show_hint()

    # ------------------------------------------------------------ drawing

    def paintEvent(self, _: QtGui.QPaintEvent) -> None:  # noqa: N802
        painter = QtGui.QPainter(self)
        painter.drawPixmap(self.rect(), self._pixmap)
        # Dim everything but the rectangle, so the person sees what will be kept.
        shade = QtGui.QColor(0, 0, 0, 110)
        outside = QtGui.QRegion(self.rect())
        if self._region is not None:
            chosen = self._to_widget(self._region)
            outside = outside.subtracted(QtGui.QRegion(chosen.toAlignedRect()))
            painter.setClipRegion(outside)
            painter.fillRect(self.rect(), shade)
            painter.setClipping(False)
            painter.setPen(QtGui.QPen(QtGui.QColor("#ff8c00"), 2))
            painter.drawRect(chosen)
        else:
            painter.fillRect(self.rect(), shade)
        self._paint_hint(painter)
        painter.end()

    def _paint_hint(self, painter: QtGui.QPainter) -> None:
        font = QtGui.QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        metrics = QtGui.QFontMetrics(font)
        width = min(self.width() - 40, 900)
        text_rect = metrics.boundingRect(QtCore.QRect(0, 0, width - 32, 1000),
                                         Qt.TextFlag.TextWordWrap, self._hint)
        box = QtCore.QRect(0, 0, width, text_rect.height() + 24)
        centre_y = self.height() - 24 - box.height() // 2 if self._hint_at_bottom \
            else 24 + box.height() // 2
        box.moveCenter(QtCore.QPoint(self.width() // 2, centre_y))
        self._hint_box = box
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QtGui.QColor(32, 32, 32, 230))
        painter.drawRoundedRect(box, 8, 8)
        painter.setPen(QtGui.QColor("white"))
        painter.drawText(box.adjusted(16, 12, -16, -12),
                         Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter, self._hint)


class ScreenPick(QtCore.QObject):
    """One "pick again on screen": hide the window, picture the screen, let the person choose.

    ``finished`` gives a ``PickedPicture``, or None when the person cancelled or the screen
    could not be pictured (``failed`` says why, in words for the person). The window is shown
    again in every case.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, window: QtWidgets.QWidget, *,
                 grab: Callable[[], QtGui.QImage] = grab_screen,
                 hide_delay_ms: int = HIDE_DELAY_MS,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        # A dialog's owner (the studio behind a branch step's window) would be in the
        # picture too.
        owner = window.parentWidget()
        self._windows = [window] if owner is None else [window, owner.window()]
        self._grab = grab
        self._hide_delay_ms = hide_delay_ms
        self._screen: QtGui.QImage | None = None
        self.picker: RegionPicker | None = None

    def start(self) -> None:
        for window in self._windows:
            window.hide()
        QtCore.QTimer.singleShot(self._hide_delay_ms, self, self._show_picker)

    def _show_picker(self) -> None:
        try:
            self._screen = self._grab()
        except Exception as error:  # the display refused (Wayland, a locked screen …)
            self._restore()
            self.failed.emit(tr("The screen could not be pictured: {reason}")
                             .format(reason=str(error) or type(error).__name__))
            self.finished.emit(None)
            return
        picker = RegionPicker(self._screen)
        picker.picked.connect(self._picked)
        picker.cancelled.connect(self._cancelled)
        desktop = QtGui.QGuiApplication.primaryScreen().virtualGeometry()
        picker.setGeometry(desktop)
        picker.show()
        picker.raise_()
        picker.activateWindow()
        picker.setFocus()
        self.picker = picker

    def _picked(self, region: QtCore.QRect, point: QtCore.QPoint) -> None:
        assert self._screen is not None
        picture = cut_out(self._screen, region, point)
        self._restore()
        self.finished.emit(picture)

    def _cancelled(self) -> None:
        self._restore()
        self.finished.emit(None)

    def _restore(self) -> None:
        self.picker = None
        for window in reversed(self._windows):
            window.show()
            window.raise_()
            window.activateWindow()
