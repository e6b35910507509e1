"""The real studio on a test's display, with a line-by-line channel for the test.

Run as a program of its own, as a caseworker runs ``robotfabrik``::

    python studio_driver.py

It opens the ``StudioWindow`` and reads one JSON command per line from stdin; it writes one JSON
event per line to stdout, as things happen on the screen. Whatever a person does with the mouse
and the keyboard the test does with xdotool; the channel stands in only for what a person would
read off the screen or type into a form: which window shows, which step the robot is on, the
values of the parameter form.

Commands: ``place`` (lay the studio exactly over the window titled ``title``, on top),
``select`` (a bot folder), ``select_rows`` (steps in the table), ``fill`` (the open parameter
form's fields, then Run), ``data`` (Run with a data file, the file chosen), ``accept_summary``
(Run on the data file's summary), ``trigger`` (a studio action by attribute name, as its menu
item does), ``set_text`` (a type-text step's text, the fix a superuser makes in the editor),
``save``, ``quit``. ``set_text`` goes through the editor's undoable edit, as the property
panel's text field does.

Events: ``ready`` (with the window's geometry), ``form`` (the parameter form is open, with its
fields), ``summary`` (a data file's summary), ``message`` (a message box), ``hidden``
(the X server no longer shows the studio window), ``step`` (a step started), ``problem`` (the
robot asked a question: in these tests that is a failure, so the question is answered "stop"),
``finished`` (with status and outcome line), ``back`` (the studio window is on the screen again),
``recording`` (the recorder films, with its session id), ``recorded`` (the steps the open bot
has now), ``saved`` and ``error``.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
from pathlib import Path
from typing import Any

from app.core.model.bot import TypeTextStep
from app.core.platform.x11.desktop import X11Desktop
from app.gui.qt import QtCore, QtWidgets
from app.gui.studio import StudioWindow
from app.gui.studio_run import run_outcome

# Set to leave the robot's questions open for a person to look at (and answer).
KEEP_QUESTIONS = "STUDIO_DRIVER_KEEP_QUESTIONS"


def say(event: str, **details: Any) -> None:
    print(json.dumps({"event": event, "t": time.time(), **details}, ensure_ascii=False),
          flush=True)


class Driver(QtCore.QObject):
    def __init__(self, window: StudioWindow) -> None:
        super().__init__(window)
        self.window = window
        self.commands: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self.desktop = X11Desktop()
        self.seen: dict[str, object] = {}
        self.heard: set[int] = set()
        threading.Thread(target=self._read, daemon=True).start()
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        window.record.finished.connect(self._recorded)

    def _read(self) -> None:
        for line in sys.stdin:
            self.commands.put(line)
        self.commands.put(None)

    # ------------------------------------------------------------ what shows on the screen

    def _on_screen(self) -> bool:
        title = self.window.windowHandle().title()
        own = int(self.window.winId())
        return any(info.id == own for info in self.desktop.find_windows(title))

    def _once(self, key: str, value: object, event: str, **details: Any) -> None:
        if self.seen.get(key) != value:
            self.seen[key] = value
            if value:
                say(event, **details)

    def _tick(self) -> None:
        while True:
            try:
                line = self.commands.get_nowait()
            except queue.Empty:
                break
            if line is None:
                self.window.close()
                return
            try:
                self._do(json.loads(line))
            except Exception as error:
                say("error", reason=f"{type(error).__name__}: {error}")
        run = self.window.run
        form = run.parameter_form
        self._once("form", form is not None and form.isVisible(), "form",
                   fields=[p.name for p in form.parameters] if form is not None else [])
        summary = run.data_summary
        self._once("summary", summary is not None and summary.isVisible(), "summary",
                   heading=summary.heading_label.text() if summary is not None else "",
                   problems=summary.problem_list.toPlainText() if summary is not None else "")
        message = self.window.message_box
        self._once("message", message is not None and message.isVisible(), "message",
                   text=message.text() if message is not None else "")
        busy = run.is_running() or self.window.record.is_recording()
        if busy:
            self._once("hidden", not self._on_screen(), "hidden")
        else:
            self.seen.pop("hidden", None)
        self._once("problem", run.problem_dialog is not None, "problem",
                   text=(run.problem_dialog.problem.message if run.problem_dialog else ""))
        if (run.problem_dialog is not None and run.problem_dialog.isVisible()
                and not os.environ.get(KEEP_QUESTIONS)):
            # A question means the robot could not see what it needed: stop it, say so.
            run.problem_dialog.choose("abort")
        decision = run.decision_dialog
        if (decision is not None and decision.isVisible()
                and not getattr(decision, "announced", False)):
            # Where the caseworker clicks to decide, and what the dialog shows; once per dialog
            # (an id could come again for the next one).
            decision.announced = True  # type: ignore[attr-defined]

            def centre(button: QtWidgets.QPushButton) -> list[int]:
                point = button.mapToGlobal(button.rect().center())
                return [point.x(), point.y()]

            say("decision", approve=centre(decision.approve_button),
                reject=centre(decision.reject_button),
                values={name: decision.raw_value(name) for name in decision.fields})
        controller = run.controller
        if controller is not None and id(controller) not in self.heard:
            self.heard.add(id(controller))
            controller.step_started.connect(self._step_started)
        if controller is not None and controller.result is not None:
            result = controller.result
            self._once("finished", id(result), "finished", status=result.status,
                       outcome=run_outcome(result), steps=len(result.steps),
                       status_line=self.window.run_status_label.text(),
                       cases=[[label, outcome.status] for label, outcome in controller.outcomes],
                       found_by=[step.found_by for step in result.steps])
            self._once("back", id(result) if self._on_screen() else None, "back")
        recorder = self.window.record.recorder
        toolbar = self.window.record.toolbar
        if recorder is not None and recorder.state == "recording" and toolbar is not None:
            self._once("recording", recorder.session_id, "recording",
                       session=recorder.session_id,
                       toolbar=[toolbar.x(), toolbar.y(), toolbar.width(), toolbar.height()])

    def _step_started(self, result: Any) -> None:
        panel = self.window.run.panel
        stop = None
        if panel is not None:
            centre = panel.stop_button.mapToGlobal(panel.stop_button.rect().center())
            stop = [centre.x(), centre.y()]
        say("step", index=result.index, stop_button=stop,
            progress=panel.progress() if panel is not None else "")

    def _recorded(self) -> None:
        entry = self.window.current_entry()
        steps = entry.bot.steps if entry is not None and entry.bot is not None else []
        say("recorded", kinds=[step.kind for step in steps],
            texts=[step.text for step in steps if isinstance(step, TypeTextStep)],
            rows=self.window.step_table.model().rowCount(),
            modified=self.window.is_modified(), on_screen=self._on_screen())

    # ------------------------------------------------------------ commands

    def _do(self, command: dict[str, Any]) -> None:
        what = command["do"]
        window = self.window
        if what == "place":
            [target] = self.desktop.find_windows(command["title"])[:1]
            window.setGeometry(target.x, target.y, target.width, target.height)
            window.raise_()
            window.activateWindow()
            say("placed", x=target.x, y=target.y, width=target.width, height=target.height)
        elif what == "select":
            window.refresh()
            say("selected", ok=window.open_bot_folder(command["folder"]))
        elif what == "fill":
            form = window.run.parameter_form
            assert form is not None, "no parameter form is open"
            for name, value in command["values"].items():
                form.set_value(name, value)
            form.accept()
            if form.isVisible():
                say("error", reason="the form refused a value")
            else:
                say("filled")
        elif what == "select_rows":
            table = window.step_table
            table.clearSelection()
            flags = QtCore.QItemSelectionModel.SelectionFlag
            for row in command["rows"]:
                table.selectionModel().select(table.model().index(row, 0),
                                              flags.Select | flags.Rows)
            say("rows_selected", rows=window.run.selected_rows())
        elif what == "data":
            window.run.start_with_data_file(Path(command["file"]))
        elif what == "accept_summary":
            summary = window.run.data_summary
            assert summary is not None, "no data file summary is open"
            summary.accept()
        elif what == "trigger":
            getattr(window, command["action"]).trigger()
        elif what == "set_text":
            # The editor's own undoable edit, as its property panel makes it.
            entry = window.current_entry()
            assert entry is not None and entry.bot is not None
            step = entry.bot.steps[command["index"]]
            assert isinstance(step, TypeTextStep), step
            assert window.editor.apply_step_edit(step.id, {"text": command["text"]})
            changed = window.current_entry()
            assert changed is not None and changed.bot is not None
            edited = changed.bot.steps[command["index"]]
            assert isinstance(edited, TypeTextStep)
            say("changed", text=edited.text, modified=window.is_modified())
        elif what == "save":
            say("saved", ok=window.save())
        elif what == "quit":
            window.close()


def main() -> int:
    application = QtWidgets.QApplication(["robotfabrik"])
    application.setStyle("Fusion")
    window = StudioWindow()
    window.ask_about_unsaved_changes = lambda name: "discard"  # type: ignore[method-assign]
    window.show()
    driver = Driver(window)
    QtCore.QTimer.singleShot(0, lambda: say(
        "ready", x=window.x(), y=window.y(), width=window.width(), height=window.height(),
        id=int(window.winId())))
    code = application.exec()
    driver.timer.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
