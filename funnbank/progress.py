"""Progress of a long build: a bar on a terminal, nothing in CI or when output is piped.

The build reports phases (`phase`) and steps within them (`advance`); this module only draws.
MkDocs builds its pages in one call, so its progress is read from the number of pages already in
the output folder (`watch_files`), which works with any engine.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """Draws `phase  [#####.....]  done/total` on one terminal line; silent unless `enabled`."""

    def __init__(self, enabled: bool, stream: TextIO = sys.stderr) -> None:
        self.enabled, self.stream = enabled, stream
        self.name, self.total, self.done = "", 0, 0
        self._drawn_at = 0.0
        self._lock = threading.Lock()  # the search indexes may advance from a thread each (`pagefind`)

    @classmethod
    def for_terminal(cls) -> Progress:
        """A bar when stderr is a terminal and this is not CI."""
        return cls(sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1"))

    def phase(self, name: str, total: int) -> None:
        self.name, self.total, self.done = name, total, 0
        self._draw(force=True)

    def advance(self, steps: int = 1) -> None:
        with self._lock:
            self.done += steps
            self._draw()

    def set(self, done: int) -> None:
        self.done = done
        self._draw()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._drawn_at < 0.1 and self.done < self.total):
            return
        self._drawn_at = now
        width = 30
        filled = width * min(self.done, self.total) // max(self.total, 1)
        self.stream.write(f"\r\033[K{self.name:<14} [{'#' * filled}{'.' * (width - filled)}] "
                          f"{self.done}/{self.total}")
        self.stream.flush()


@contextmanager
def watch_files(progress: Progress, count: Callable[[], int], every: float = 0.25) -> Iterator[None]:
    """While the block runs, set the progress to `count()` a few times a second (in a thread)."""
    if not progress.enabled:
        yield
        return
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(every):
            progress.set(count())

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
