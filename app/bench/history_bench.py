"""How fast the history view opens on a store of 1,000,000 step results, beside a naive load.

``history_open_ms`` is the time from constructing the history view on an open store until its
first page is shown (laid out and painted once on Qt's offscreen platform, in this process):
the bot names for the filter, the count for the pager, the first page of runs and the steps of
the newest run. The median of five openings is reported. Two baselines are measured in the same
run: the same view opened with a filter on one bot and one result (the case the paging indexes
are for), and a naive open that reads every run into the table at once, as a history without
paging would.

The store is built once through the store's own writer (``Store.insert`` and
``Store.add_step_result``, batched on its writer thread) and cached in the temporary folder, so
only the first call pays for it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

STEP_RESULTS = 1_000_000
REPEATS = 5
_BOTS = ("Ekonomiskt bistånd", "SFI-ansökan", "Frånvaro timanställda", "Avsluta anställning",
         "Färdtjänst", "Arbetsgivarintyg", "Förfallna fakturor", "Kassaavstämning")
_STEP_TYPES = ("click", "type_text", "key", "wait", "hotkey", "scroll")
_ERRORS = ("the picture of 'Spara' was not found on the screen within 10 s",
           "the window 'Ärende – Socialsystemet' did not have the keyboard focus")
_DONE = "complete"


def store_folder(step_results: int = STEP_RESULTS, directory: Path | None = None) -> Path:
    base = directory or Path(tempfile.gettempdir())
    return base / f"robotfabrik-history-bench-{step_results}"


def build_store(step_results: int = STEP_RESULTS, directory: Path | None = None,
                seed: int = 8) -> Path:
    """A store holding ``step_results`` step results in runs of 10–70 steps across a year and
    eight bots, mostly succeeded; built once, then found again. Returns the database's path."""
    from app.core.store import Store, new_id

    folder = store_folder(step_results, directory)
    database = folder / "store.sqlite"
    if (folder / _DONE).exists():
        return database
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("store.sqlite*"):
        stale.unlink()
    rng = random.Random(seed)
    written = 0
    clock = time.time() - 365 * 86400
    with Store(database) as store:
        while written < step_results:
            steps = min(rng.randint(10, 70), step_results - written)
            status = rng.choices(("succeeded", "failed", "aborted"), weights=(90, 8, 2))[0]
            run_id = new_id()
            started = clock
            for index in range(steps):
                failed = status != "succeeded" and index == steps - 1
                duration = rng.uniform(0.1, 2.0)
                store.add_step_result(
                    run_id=run_id, step_id=f"{rng.getrandbits(48):012x}", step_index=index,
                    step_type=rng.choice(_STEP_TYPES),
                    status="failed" if failed else "succeeded", started_at=clock,
                    ended_at=clock + duration, found_by="none" if failed else "anchor",
                    score=None if failed else round(rng.uniform(0.85, 1.0), 3),
                    error=rng.choice(_ERRORS) if failed else None,
                    screenshot=f"runs/{run_id}/step-{index + 1:03d}.png" if failed else None)
                clock += duration
            store.insert("runs", {
                "id": run_id, "bot_name": rng.choice(_BOTS), "bot_path": "/bots/bench",
                "started_at": started, "ended_at": clock, "status": status,
                "reason": None if status == "succeeded" else f"step {steps}: not found",
                "parameters_json": '{"losenord": "•••"}'})
            written += steps
            clock += rng.uniform(30, 600)
    (folder / _DONE).write_text("built\n")
    return database


def _application() -> object:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.gui.qt import QtWidgets

    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def _open_once(database: Path, *, naive: bool = False, bot: str | None = None,
               status: str | None = None) -> float:
    from app.core.results.history import recent_runs
    from app.core.store import Store
    from app.gui.history_view import HistoryView
    from app.gui.qt import QtWidgets

    with Store(database) as store:
        started = time.perf_counter()
        view = HistoryView(store)
        if bot is not None or status is not None:
            view.bot_filter.setCurrentIndex(max(view.bot_filter.findData(bot), 0))
            view.status_filter.setCurrentIndex(max(view.status_filter.findData(status), 0))
        if naive:
            view.run_model.set_runs(recent_runs(store, limit=0))
        view.resize(1200, 800)
        view.show()
        view.repaint()
        QtWidgets.QApplication.processEvents()
        elapsed = (time.perf_counter() - started) * 1000
        view.close()
        view.deleteLater()
        QtWidgets.QApplication.processEvents()
    return elapsed


def history_open_ms(database: Path | None = None, repeats: int = REPEATS) -> float:
    """Median milliseconds from constructing the history view on the bench store (built if
    need be) until its first page is shown; the issue's bound is 300 ms."""
    _application()
    database = database or build_store()
    return statistics.median(_open_once(database) for _ in range(repeats))


def baselines(database: Path, repeats: int = REPEATS) -> dict[str, float]:
    """The same view with a bot-and-result filter, and a naive open that reads every run."""
    _application()
    return {
        "history_open_filtered_ms": statistics.median(
            _open_once(database, bot=_BOTS[0], status="failed") for _ in range(repeats)),
        "history_naive_open_ms": statistics.median(
            _open_once(database, naive=True) for _ in range(repeats)),
    }


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--step-results", type=int, default=STEP_RESULTS,
                        help=f"step results in the bench store (default {STEP_RESULTS:,})")


def measure(arguments: argparse.Namespace) -> dict[str, object]:
    started = time.perf_counter()
    database = build_store(arguments.step_results)
    built_s = time.perf_counter() - started
    figures: dict[str, object] = {
        "step_results": arguments.step_results,
        "store_ready_s": round(built_s, 3),
        "history_open_ms": round(history_open_ms(database), 3),
    }
    figures.update({name: round(value, 3) for name, value in baselines(database).items()})
    return figures
