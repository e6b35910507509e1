"""The store benchmark runs end to end and reports every figure; timings are not judged here."""

from __future__ import annotations

from pathlib import Path

from app.bench.store_bench import bench_store, step_result_rows


def test_the_store_benchmark_reports_both_figures(tmp_path: Path) -> None:
    figures = bench_store(rows=2000, baseline_rows=200, directory=tmp_path)
    assert set(figures) == {"rows", "rows_per_s", "baseline_rows", "baseline_rows_per_s", "speedup"}
    assert figures["rows"] == 2000
    assert figures["baseline_rows"] == 200
    assert all(value > 0 for value in figures.values())
    # The benchmark cleans up after itself.
    assert list(tmp_path.glob("robotfabrik-bench-*")) == []


def test_benchmark_rows_look_like_a_players_step_results() -> None:
    rows = step_result_rows(3000)
    assert {row["status"] for row in rows} == {"succeeded", "failed", "skipped"}
    assert all(row["error"] for row in rows if row["status"] == "failed")
    assert len({row["run_id"] for row in rows}) > 10
    assert len({row["step_id"] for row in rows}) == len(rows)
