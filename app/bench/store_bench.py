"""How fast the store takes step results, measured beside plain row-by-row sqlite-utils.

The figure that matters is how many rows per second reach the disk through
`Store.add_step_result` and `Store.flush`; the baseline is what writing each row as it comes
(sqlite-utils' defaults, no WAL) manages on the same machine in the same run. The store's target
is ten times the baseline.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import TypedDict

import sqlite_utils

from app.core.store import Store, new_id

_STEP_TYPES = ("click", "double_click", "type_text", "press_keys", "wait_for", "scroll")
_ERRORS = (
    "picture of 'Spara' not found on screen after 10.0 s",
    "window 'Ärendehantering - Procapita' is not open",
    "the text field did not accept 'Åsa Öberg'",
)


class StepResultRow(TypedDict):
    run_id: str
    step_id: str
    step_index: int
    step_type: str
    status: str
    started_at: float
    ended_at: float
    found_by: str | None
    score: float | None
    error: str | None
    screenshot: str | None


def step_result_rows(count: int, seed: int = 1) -> list[StepResultRow]:
    """Step results as a player writes them: several runs, mostly successes, some failures."""
    rng = random.Random(seed)
    rows: list[StepResultRow] = []
    run_id = new_id()
    step_index = 0
    clock = 1_780_000_000.0
    for _ in range(count):
        if step_index >= rng.randint(20, 60):
            run_id, step_index = new_id(), 0
        status = rng.choices(("succeeded", "failed", "skipped"), weights=(90, 4, 6))[0]
        found_by = rng.choice(("picture", "window_point", "screen_point"))
        duration = rng.uniform(0.05, 2.5)
        rows.append(
            {
                "run_id": run_id,
                "step_id": f"s{rng.getrandbits(48):012x}",
                "step_index": step_index,
                "step_type": rng.choice(_STEP_TYPES),
                "status": status,
                "started_at": clock,
                "ended_at": clock + duration,
                "found_by": None if status == "skipped" else found_by,
                "score": round(rng.uniform(0.8, 1.0), 4) if found_by == "picture" else None,
                "error": rng.choice(_ERRORS) if status == "failed" else None,
                "screenshot": f"screens/{run_id}-{step_index}.png" if status == "failed" else None,
            }
        )
        clock += duration
        step_index += 1
    return rows


def bench_store(
    rows: int = 100_000, baseline_rows: int = 5_000, directory: Path | None = None
) -> dict[str, float | int]:
    """Rows per second through the store and through row-by-row sqlite-utils, in a fresh
    temporary directory (inside `directory` when given, to measure a particular disk)."""
    step_rows = step_result_rows(max(rows, baseline_rows))
    with tempfile.TemporaryDirectory(prefix="robotfabrik-bench-", dir=directory) as folder:
        # Opening and migrating happen once per program, so they stay out of the figure.
        with Store(Path(folder) / "store.sqlite") as store:
            started = time.perf_counter()
            for row in step_rows[:rows]:
                store.add_step_result(**row)
            store.flush()
            store_seconds = time.perf_counter() - started

        baseline = sqlite_utils.Database(Path(folder) / "baseline.sqlite")
        try:
            table = baseline.table("step_results")
            started = time.perf_counter()
            for row in step_rows[:baseline_rows]:
                table.insert(dict(row))
            baseline_seconds = time.perf_counter() - started
        finally:
            baseline.close()

    rows_per_s = rows / store_seconds
    baseline_rows_per_s = baseline_rows / baseline_seconds
    return {
        "rows": rows,
        "rows_per_s": rows_per_s,
        "baseline_rows": baseline_rows,
        "baseline_rows_per_s": baseline_rows_per_s,
        "speedup": rows_per_s / baseline_rows_per_s,
    }


if __name__ == "__main__":
    for name, value in bench_store().items():
        print(f"{name}: {value:,.1f}" if isinstance(value, float) else f"{name}: {value:,}")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=100_000, help="rows through the store")
    parser.add_argument("--baseline-rows", type=int, default=5_000,
                        help="rows written one by one for the baseline (each waits for the disk)")


def measure(arguments: argparse.Namespace) -> dict[str, float | int]:
    return bench_store(rows=arguments.rows, baseline_rows=arguments.baseline_rows)
