"""Every edition built at once, one process each, where the machine has more than one core.

An edition's process writes its Markdown (Jinja) and runs MkDocs on it. Both render on one core, so
on a machine with two the editions take the time of the slowest instead of the sum. Each edition builds into a folder of its own (MkDocs empties its output folder, and the
source edition's holds the others), and the others are moved into the source edition's folder once all
have succeeded. On an error, Ctrl-C or SIGTERM (an exception in this process, `cli`) every edition's
process still running is killed at once, so nothing writes into a folder that is being removed.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError

from funnbank.errors import BuildError, FunnbankError
from funnbank.incremental import link_reusable, reuse_plan
from funnbank.site import mkdocs_build, preload_mkdocs
from funnbank.writer import WriteStats


@dataclass(frozen=True)
class EditionBuild:
    """One edition's build: its configuration, its generated Markdown, and where its site goes."""

    config: Path
    docs: Path
    out: Path  # its place in the staged site
    extra: dict[str, Any] = field(default_factory=dict)
    # Writes the edition's Markdown into `docs` and returns what it wrote (None: `docs` is written already).
    write: Callable[[], EditionFiles] | None = None
    # The previous build's digests of this edition's files, and its folder in the previous site: the
    # pages whose digest is unchanged are taken from there (`incremental`). None: render every page.
    previous: Mapping[str, str] | None = None
    old: Path | None = None


@dataclass(frozen=True)
class EditionFiles:
    """What an edition's generation wrote: its pages, the write's counts, each file's digest."""

    pages: int
    written: WriteStats
    digests: dict[str, str]


@dataclass(frozen=True)
class EditionResult:
    files: EditionFiles
    reused: int  # pages taken from the previous build
    seconds: dict[str, float]  # "generate" and "mkdocs"
    peak_mb: float  # the peak resident memory of the process that built it (a report of the build's cost)


def build_edition(job: EditionBuild, out: Path) -> EditionResult:
    """One edition into `out`: its Markdown written, the reusable pages linked in, MkDocs for the rest."""
    start = time.perf_counter()
    files = job.write() if job.write else EditionFiles(0, WriteStats(0, 0, 0), {})
    generated = time.perf_counter()
    reuse = (reuse_plan(job.previous, files.digests, job.old, job.docs)
             if job.write and job.previous is not None and job.old is not None else None)
    reused = link_reusable(reuse, out) if reuse else 0
    mkdocs_build(job.config, job.docs, out, job.extra, dirty=reuse is not None)
    seconds = {"generate": generated - start, "mkdocs": time.perf_counter() - generated}
    return EditionResult(files, reused, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _in_child(conn: Connection, job: EditionBuild, out: Path) -> None:
    """A child process's work: build, then send its result, or the error's message."""
    try:
        conn.send(build_edition(job, out))
    except BaseException as err:  # anything still ends the parent's wait with a message
        conn.send(describe(err))
    finally:
        conn.close()


def describe(error: BaseException) -> str:
    """An error of an edition's process as the message the build stops with (the process's exception
    cannot cross to this one with its traceback, so a template's file and line are put in the words)."""
    if isinstance(error, TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: {error.message}"
    if isinstance(error, FunnbankError):
        return str(error)
    if isinstance(error, TemplateError):
        return f"the pages could not be generated: {type(error).__name__}: {error}"
    traceback.print_exc()
    return f"the build failed: {error!r}"


def build_editions(jobs: Sequence[EditionBuild], scratch: Path) -> list[EditionResult]:
    """Build every edition; the first job is the source edition, whose folder holds the others.

    `scratch` is an empty folder outside every job's `out` where the other editions are built first.
    With one core (or one edition) the editions are built one after the other, in this process."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        return [build_edition(job, job.out) for job in jobs]
    preload_mkdocs()
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
        results = [_result(process, receiver) for process, receiver in running]
    finally:
        for process, _ in running:
            if process.is_alive():
                process.kill()
            process.join()
    errors = [result for result in results if isinstance(result, str)]
    if errors:
        raise BuildError(errors[0])
    for job, out in zip(jobs[1:], outs[1:], strict=True):
        shutil.rmtree(job.out, ignore_errors=True)
        os.replace(out, job.out)
    return [result for result in results if isinstance(result, EditionResult)]


def _result(process: Any, receiver: Connection) -> EditionResult | str:
    """What an edition's process reported (its result, or an error); a process that ended without a
    word is an error too."""
    try:
        return receiver.recv()  # type: ignore[no-any-return]
    except EOFError:
        process.join()
        return f"MkDocs ended without finishing (exit status {process.exitcode})"
