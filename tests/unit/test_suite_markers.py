"""Every end-to-end test says it drives an X display, and no other test claims to.

``-m "not x11"`` must leave out exactly the tests under ``tests/e2e`` (each starts a private Xvfb
and injects input), so a machine without Xvfb can run the rest. The suite is collected in a
separate pytest process, the way a developer's run collects it, and every test's ``x11`` mark is
read there; a small suite made up here shows that the check finds both kinds of mistake.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A pytest plugin for the collecting process: it writes every collected test's id and whether
# it is marked x11 (on itself, its class or its module) to the file named in the environment.
REPORTER = '''
import json
import os


def pytest_collection_finish(session):
    marks = {item.nodeid: item.get_closest_marker("x11") is not None for item in session.items}
    with open(os.environ["X11_MARKS_REPORT"], "w", encoding="utf-8") as report:
        json.dump(marks, report)
'''


def x11_marks(root: Path, scratch: Path, *arguments: str) -> dict[str, bool]:
    """Test id -> marked ``x11``, for every test pytest collects in ``root``."""
    (scratch / "x11_marks_reporter.py").write_text(REPORTER, encoding="utf-8")
    report = scratch / "marks.json"
    environment = dict(os.environ, X11_MARKS_REPORT=str(report),
                       PYTHONPATH=os.pathsep.join([str(scratch), str(root)]))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-p", "x11_marks_reporter", *arguments],
        cwd=root, env=environment, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    marks: dict[str, bool] = json.loads(report.read_text(encoding="utf-8"))
    return marks


def misplaced(marks: dict[str, bool]) -> list[str]:
    """Tests under tests/e2e without the mark, and tests elsewhere with it."""
    return sorted(test for test, marked in marks.items()
                  if test.startswith("tests/e2e/") != marked)


def test_end_to_end_tests_and_only_they_are_marked_x11(tmp_path: Path) -> None:
    marks = x11_marks(ROOT, tmp_path, "tests")
    assert any(test.startswith("tests/e2e/") for test in marks)
    assert any(test.startswith("tests/unit/") for test in marks)
    assert misplaced(marks) == []


def test_the_marker_check_finds_an_unmarked_end_to_end_test_and_a_marked_unit_test(
        tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    for folder in ("tests/e2e", "tests/unit"):
        (suite / folder).mkdir(parents=True)
    (suite / "pytest.ini").write_text(
        "[pytest]\naddopts = --strict-markers\nmarkers =\n    x11: drives an X display\n",
        encoding="utf-8")
    (suite / "tests/e2e/test_display.py").write_text(textwrap.dedent('''
        import pytest

        pytestmark = pytest.mark.x11


        def test_marked_by_its_module():
            pass
    '''), encoding="utf-8")
    (suite / "tests/e2e/test_forgotten.py").write_text(textwrap.dedent('''
        import pytest


        @pytest.mark.x11
        def test_marked_itself():
            pass


        def test_not_marked():
            pass
    '''), encoding="utf-8")
    (suite / "tests/unit/test_pure.py").write_text(textwrap.dedent('''
        import pytest


        def test_pure():
            pass


        @pytest.mark.x11
        def test_marked_by_mistake():
            pass
    '''), encoding="utf-8")
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    marks = x11_marks(suite, scratch, "tests")

    assert len(marks) == 5
    assert misplaced(marks) == ["tests/e2e/test_forgotten.py::test_not_marked",
                                "tests/unit/test_pure.py::test_marked_by_mistake"]
