"""`book watch`: a real watcher process, edited files, a broken file, Ctrl-C."""

from __future__ import annotations

import hashlib
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from .conftest import ROOT, pdftotext

MINI = ROOT / "tests" / "fixtures" / "mini"


class Watcher:
    def __init__(self, *args):
        # SIGINT back to its default, as in a terminal (a background shell job ignores it).
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "book.cli", "watch", *map(str, args)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, needle: str, timeout=90) -> list[str]:
        """Lines up to and including the first that contains ``needle``."""
        got, end = [], time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            got.append(line)
            self.seen.append(line)
            if needle in line:
                return got
        raise AssertionError(f"no line with {needle!r} in {timeout} s; output so far:\n" + "\n".join(self.seen))

    def stop(self, sig=signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout=60)
        self.reader.join(timeout=10)  # every line it printed is in the queue
        return code


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_watch_rebuilds_what_changed_keeps_outputs_on_errors_and_stops_cleanly(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    out = tmp_path / "out"
    watcher = Watcher(event, "--out", out, "--only", "day-sheet", "--only", "book", "--edition", "en")
    try:
        first = watcher.until("watching")
        assert any(line.startswith("built ") for line in first)
        sheet = out / "mini" / "days" / "2024-03-04-en.pdf"
        book = out / "mini" / "book-en.pdf"
        other_day = sorted((out / "mini" / "days").glob("2024-03-05*.pdf"))
        assert sheet.is_file() and book.is_file() and other_day
        before_other = {p: _sha(p) for p in other_day}

        # An edit to one session: its day's sheets and the book are rebuilt, the other day's are not.
        sessions = event / "sessions.yaml"
        sessions.write_text(
            sessions.read_text(encoding="utf-8").replace("Local Policy Cases", "Local Policy Cases Revisited"),
            encoding="utf-8",
        )
        got = watcher.until("built ")
        assert any("changed: sessions.yaml" in line for line in got)
        assert "Local Policy Cases Revisited" in " ".join(pdftotext(sheet).split())
        assert "Local Policy Cases Revisited" in " ".join(pdftotext(book).split())
        assert {p: _sha(p) for p in other_day} == before_other
        rebuilt = sorted(Path(line.split()[2]).name for line in got if line.startswith(("day-sheet", "book")))
        # --edition en: only the English sheet and book, as in `book build --edition en`.
        assert rebuilt == ["2024-03-04-en.pdf", "book-en.pdf"], got
        assert not (out / "mini" / "days" / "2024-03-04-ko.pdf").exists()

        # A broken file: a clear error with file and line, the previous outputs untouched, still watching.
        good = {sheet: _sha(sheet), book: _sha(book)}
        text = sessions.read_text(encoding="utf-8")
        sessions.write_text(text.replace('  start: "11:00"', '  start: "11:00"\n   oops: [', 1), encoding="utf-8")
        got = watcher.until("error")
        got += watcher.until("sessions.yaml:")
        assert not any("Traceback" in line for line in watcher.seen)
        assert {sheet: _sha(sheet), book: _sha(book)} == good

        # Fixed again: rebuilt once more.
        sessions.write_text(text.replace("Revisited", "Again"), encoding="utf-8")
        watcher.until("built ")
        assert "Local Policy Cases Again" in " ".join(pdftotext(sheet).split())
    finally:
        code = watcher.stop()
    assert code == 0
    rest = []
    while not watcher.lines.empty():
        rest.append(watcher.lines.get())
    assert "stopped watching" in rest
    assert not any("Traceback" in line for line in watcher.seen + rest)
    assert not list(out.rglob("*.tmp")), "a temporary file was left behind"


def test_watch_stops_on_sigterm_during_a_build(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    out = tmp_path / "out"
    watcher = Watcher(event, "--out", out)
    end = time.monotonic() + 60
    while not list(out.rglob(".*.tmp")) and time.monotonic() < end:  # the first build is writing
        time.sleep(0.02)
    assert list(out.rglob(".*.tmp")), "the build never started writing"
    assert watcher.stop(signal.SIGTERM) == 0
    rest = []
    while not watcher.lines.empty():
        rest.append(watcher.lines.get())
    assert "stopped watching" in rest, rest
    assert not any(line.startswith("built ") for line in rest), "stopped after the build, not during it"
    assert not any("Traceback" in line for line in rest), "\n".join(rest)
    time.sleep(0.5)
    leftovers = subprocess.run(["pgrep", "-f", f"book.cli watch {event}"], capture_output=True, text=True).stdout
    assert not leftovers.strip(), f"processes left running: {leftovers}"
    assert not list(out.rglob("*.tmp")), "temporary files left behind"
    assert not (out / "mini" / "build.json").exists(), "nothing is published by a stopped build"


def test_watch_of_a_missing_folder_says_so_and_exits(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "book.cli", "watch", tmp_path / "no-such-event", "--out", tmp_path / "out"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "no-such-event is not a folder" in done.stderr and "hint:" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_stopping_a_builder_that_has_already_ended_is_quiet():
    """The cause of a flaky run, once: Ctrl-C arriving after the rebuild had been reaped. The
    watcher then waited for it again, got ChildProcessError (an OSError) and exited 1. Stopping
    the warm builder after it has ended, and been reaped, must be as quiet as any stop."""
    import os

    from book.pipeline.warm import Builder

    builder = Builder(lambda: 0, Path("/tmp") / "book-test-scratch", workers=1)
    try:
        assert builder.build() == 0
        os.kill(builder.pid, signal.SIGKILL)
        os.waitpid(builder.pid, 0)  # reaped, as by a signal landing at the wrong moment
        builder.stop()
        assert builder.pid == 0
        assert builder.build() == 0  # and a fresh one starts
    finally:
        builder.stop()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_killed_builder_or_worker_is_replaced_and_the_save_still_builds(tmp_path):
    """The warm builder (book/pipeline/warm.py) and its layout workers are processes that can die
    (the kernel's OOM killer, a crash in a C library). A save after that still builds."""
    import os

    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    out = tmp_path / "out"
    sessions = event / "sessions.yaml"
    text = sessions.read_text(encoding="utf-8")
    watcher = Watcher(event, "--out", out, "--only", "book", "--edition", "en")
    try:
        watcher.until("watching")
        builders = _children(watcher.proc.pid)
        assert len(builders) == 1, builders
        workers = _children(builders[0])
        assert workers, "the builder has its layout workers"
        os.kill(workers[0], signal.SIGKILL)
        sessions.write_text(text.replace("Local Policy Cases", "Local Policy Cases One"), encoding="utf-8")
        watcher.until("built ")
        assert "Local Policy Cases One" in " ".join(pdftotext(out / "mini" / "book-en.pdf").split())
        assert workers[0] not in _children(builders[0])

        os.kill(builders[0], signal.SIGKILL)
        time.sleep(0.5)
        sessions.write_text(text.replace("Local Policy Cases", "Local Policy Cases Two"), encoding="utf-8")
        got = watcher.until("built ")
        assert any("starting a fresh one" in line for line in got)
        assert "Local Policy Cases Two" in " ".join(pdftotext(out / "mini" / "book-en.pdf").split())
    finally:
        assert watcher.stop() == 0
    assert not any("Traceback" in line for line in watcher.seen)
