"""Write a tree of generated files, touching only what changed.

A file whose bytes are unchanged keeps its modification time, so MkDocs'
live reload and any file watcher see only real edits, and a second build with
unchanged content rewrites nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int

    def __add__(self, other: WriteStats) -> WriteStats:
        return WriteStats(self.written + other.written, self.unchanged + other.unchanged,
                          self.removed + other.removed)


def write_tree(files: Mapping[str, str | bytes], out_dir: Path) -> WriteStats:
    """Make `out_dir` hold exactly `files` (relative POSIX paths → content)."""
    stats = write_files(files, out_dir)
    removed = _remove_stale(out_dir, {out_dir / rel for rel in files})
    return WriteStats(stats.written, stats.unchanged, removed)


def write_files(files: Mapping[str, str | bytes], out_dir: Path) -> WriteStats:
    """Write `files` (relative POSIX paths → content) into `out_dir`, leaving every other file there."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = unchanged = 0
    for rel, content in sorted(files.items()):
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = out_dir / rel
        try:
            if path.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # never leave a half-written page for a watcher to pick up
        written += 1
    return WriteStats(written, unchanged, 0)


def _remove_stale(out_dir: Path, keep: set[Path]) -> int:
    removed = 0
    for root, dirs, names in os.walk(out_dir, topdown=False):
        for name in names:
            path = Path(root) / name
            if path not in keep:
                path.unlink()
                removed += 1
        for name in dirs:
            try:
                (Path(root) / name).rmdir()  # only succeeds when empty
            except OSError:
                pass
    return removed
