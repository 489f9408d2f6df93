"""What a build says while it runs: plain lines for logs and pipes, a bar on a terminal.

The build (book/pipeline/run.py) tells its progress of each phase and of
each output made; ``book build`` and ``book watch`` choose how it is shown.
"""

from __future__ import annotations

import sys

from ..wording import count


class Lines:
    """Progress as plain lines on stderr, for logs and pipes."""

    def phase(self, message):
        print(f"{message}…", file=sys.stderr, flush=True)

    def made(self, entry, done, total):
        print(f"made {entry['path']} ({count(entry['pages'], 'page')}) [{done}/{total}]", file=sys.stderr, flush=True)

    def stop(self):
        pass


class Bar:
    """Progress on a terminal: the phase, then a bar that fills as each output is made."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
            console=Console(stderr=True),
        )
        self.task = self.bar.add_task("building", total=None)
        self.bar.start()

    def phase(self, message):
        self.bar.update(self.task, description=message)

    def made(self, entry, done, total):
        self.bar.update(self.task, description=f"made {entry['path']}", completed=done, total=total)

    def stop(self):
        self.bar.stop()
