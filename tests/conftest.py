"""Shared fixtures: one real build of the default event, reused by all tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVENT = ROOT / "data" / "whrcf2021"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Build WHRCF 2021 once into a temporary output root."""
    from book.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("out")
    manifest = build(EVENT, out, BuildOptions.of(html=True))
    return {"out": out / manifest["event"], "manifest": manifest}


def pdftotext(path, first=None, last=None, layout=False, raw=False) -> str:
    """Text by poppler: reading order, ``layout`` (columns kept) or ``raw`` (drawing order)."""
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        cmd.append("-layout")
    if raw:
        cmd.append("-raw")
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    return subprocess.run(cmd + [str(path), "-"], check=True, capture_output=True, text=True).stdout


def pages_text(path) -> list[str]:
    """The text of each page, via poppler (independent of pypdf)."""
    return pdftotext(path).split("\f")[:-1]


def words(path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) of every word on a page (poppler, points from the top left)."""
    import re

    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        (float(a), float(b), float(c), float(d), w)
        for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
        )
    ]


def folio(path, page: int) -> str:
    """The text in the bottom margin of a page (below 92 % of its height): the page number."""
    from pypdf import PdfReader

    height = float(PdfReader(path).pages[page - 1].mediabox.height)
    return " ".join(w for _, y0, _, _, w in words(path, page) if y0 > 0.92 * height)


def load_manifest(out: Path) -> dict:
    return json.loads((out / "build.json").read_text(encoding="utf-8"))


def planned_view(event, kind: str, edition: str):
    """The view the output kind ``kind`` plans for ``edition`` of the event."""
    from book.outputs import kind as output_kind
    from book.outputs.base import PlanContext
    from book.paths import TEMPLATES
    from book.pipeline import build_date

    ctx = PlanContext(
        when=build_date(event), editions=(edition,), cache=ROOT / "out" / ".cache", style_dirs=(str(TEMPLATES),)
    )
    return next(j.layout.view for j in output_kind(kind).plan(event, ctx).jobs if j.edition == edition)


def require(tool):
    if not shutil.which(tool):
        pytest.fail(f"{tool} is not installed: run `make setup`")


class FileProgress:
    """A line as each test file finishes (with xdist too): how many passed and failed, and how
    long the file took, so a long run shows where it is instead of dots alone."""

    def __init__(self, reporter):
        from collections import Counter

        self.reporter = reporter
        self.total, self.done, self.failed = Counter(), Counter(), Counter()
        self.bad: set[str] = set()
        self.started: dict[str, float] = {}
        self.since_line = 0  # tests finished (a mark each on the line) since the last file's line

    @staticmethod
    def _file(nodeid: str) -> str:
        return nodeid.split("::")[0]

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids):
        if not self.total:
            self.total.update(self._file(i) for i in ids)

    def pytest_collection_finish(self, session):
        if not self.total:
            self.total.update(self._file(item.nodeid) for item in session.items)

    def pytest_runtest_logreport(self, report):
        import time

        name = self._file(report.nodeid)
        self.started.setdefault(name, time.monotonic())
        if report.failed:
            self.bad.add(report.nodeid)
        if report.when != "teardown":
            return
        self.done[name] += 1
        self.since_line += 1
        self.failed[name] += report.nodeid in self.bad
        if self.done[name] == self.total.get(name):
            took = time.monotonic() - self.started[name]
            failed = f", {self.failed[name]} failed" if self.failed[name] else ""
            if self.since_line:
                self.reporter.write("\n")
            self.since_line = 0
            self.reporter.write_line(f"{name}: {self.done[name] - self.failed[name]} passed{failed} ({took:.0f} s)")


@pytest.hookimpl(trylast=True)  # after the terminal reporter is there
def pytest_configure(config):
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and not hasattr(config, "workerinput"):  # the controller, or a run without xdist
        config.pluginmanager.register(FileProgress(reporter), "file-progress")
