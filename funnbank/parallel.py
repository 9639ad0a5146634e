"""MkDocs for every edition at once, one process each, where the machine has more than one core.

MkDocs renders on one core, so on a machine with two the editions take the time of the slowest instead
of the sum. Each edition builds into a folder of its own (MkDocs empties its output folder, and the
source edition's holds the others), and the others are moved into the source edition's folder once all
have succeeded. On an error, Ctrl-C or SIGTERM (an exception in this process, `cli`) every edition's
process still running is killed at once, so nothing writes into a folder that is being removed.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from funnbank.errors import BuildError
from funnbank.site import mkdocs_build


@dataclass(frozen=True)
class EditionBuild:
    """One edition's MkDocs build: its configuration, its generated Markdown, and where its site goes."""

    config: Path
    docs: Path
    out: Path  # its place in the staged site
    extra: dict[str, Any] = field(default_factory=dict)


def _in_child(conn: Connection, job: EditionBuild, out: Path) -> None:
    """A child process's work: build, then send None, or the error's message."""
    try:
        mkdocs_build(job.config, job.docs, out, job.extra)
        conn.send(None)
    except BuildError as err:
        conn.send(str(err))
    except BaseException as err:  # anything else still ends the parent's wait with a message
        conn.send(f"MkDocs failed: {err!r}")
    finally:
        conn.close()


def build_editions(jobs: Sequence[EditionBuild], scratch: Path) -> None:
    """Build every edition; the first job is the source edition, whose folder holds the others.

    `scratch` is an empty folder outside every job's `out` where the other editions are built first.
    With one core (or one edition) the editions are built one after the other, in this process."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        for job in jobs:
            mkdocs_build(job.config, job.docs, job.out, job.extra)
        return
    context = multiprocessing.get_context("fork")  # the child inherits the registered kinds and editions
    outs = [jobs[0].out, *(scratch / str(k) for k in range(1, len(jobs)))]
    running: list[tuple[Any, Connection]] = []
    try:
        for job, out in zip(jobs, outs, strict=True):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_in_child, args=(sender, job, out), daemon=True)
            process.start()
            sender.close()
            running.append((process, receiver))
        errors = [_result(process, receiver) for process, receiver in running]
    finally:
        for process, _ in running:
            if process.is_alive():
                process.kill()
            process.join()
    if any(errors):
        raise BuildError(next(error for error in errors if error))
    for job, out in zip(jobs[1:], outs[1:], strict=True):
        shutil.rmtree(job.out, ignore_errors=True)
        os.replace(out, job.out)


def _result(process: Any, receiver: Connection) -> str | None:
    """What an edition's process reported; a process that ended without a word is an error too."""
    try:
        return receiver.recv()  # type: ignore[no-any-return]
    except EOFError:
        process.join()
        return f"MkDocs ended without finishing (exit status {process.exitcode})"
