"""Pagefind's indexing service (`pagefind --service`), spoken to in batches of requests.

This is the protocol of the `pagefind` Python package (base64 JSON messages, each ended by a comma),
without its asyncio client, which waits 0.1 s before reading each response: 25,000 records would take
40 minutes.

The index files are asked for in the response (`GetFiles`) and written here, not by Pagefind
(`WriteFiles`). Pagefind 1.5.2 answers `WriteFiles` while its last file writes may still be in flight,
and it ends on `exit(0)` when its input closes, so any stop after that answer could cut a file (seen:
a 0-byte `pagefind-entry.json` and a wasm file cut at 64 KiB). Bytes we hold are written whole.

HTML pages are sent one by one (`AddFile`), as records are, not as a folder (`AddDir`): Pagefind reads
a folder's files all at once, each with its parse state, so its memory grows with the whole site's HTML
(508 MB for the pages of 1,000 studies); here it holds at most one batch of pages besides what it keeps
of each. And Pagefind numbers its pages in the order they come, which is the order a caller gives.

Several indexes (one per edition) are made at once, a service each, where the machine has a core for
each and the memory for all (`build_indexes`); otherwise one after another.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from funnbank.errors import BuildError

# Seconds Pagefind gets to end on its own once its input is closed (it ends at once in practice).
EXIT_TIMEOUT = 10.0
# The most `fits_at_once` expects a Pagefind service to hold: a base and so much per byte it is given
# (the pages' HTML, the records' text). Measured at 1,000 studies: 1.3-1.9 GB for an edition's 101-114 MB,
# 12-18 bytes per byte, the most when two ran at once; and the peak grows in step with the pages (0.51 MB
# per page at 1,000 studies, 0.49 at 10,000). With room to spare, as a service that runs out of memory
# stops the build (or the machine).
PEAK_BASE = 256 * 2**20
PEAK_PER_BYTE = 24


@dataclass(frozen=True)
class IndexRecord:
    """One custom record, as Pagefind's `AddRecord` takes it."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]

    @property
    def size(self) -> int:
        """About how many bytes Pagefind is given: the text and the metadata's values."""
        return len(self.content) + sum(map(len, self.meta.values()))

    def request(self, index: str, lang: str) -> dict[str, Any]:
        return {"type": "AddRecord", "index_id": index, "url": self.url, "content": self.content,
                "language": lang, "meta": self.meta, "filters": self.filters}


@dataclass(frozen=True)
class HtmlPage:
    """One built HTML page, as Pagefind's `AddFile` takes it: read from `path` only when it is sent, so
    neither process holds the whole site's HTML at once."""

    url: str  # from the edition's root, e.g. "/studier/rose-nakuhel-2016/"
    path: Path

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def request(self, index: str, lang: str) -> dict[str, Any]:
        return {"type": "AddFile", "index_id": index, "url": self.url,
                "file_contents": self.path.read_text(encoding="utf-8")}


Document = IndexRecord | HtmlPage


def build_index(lang: str, exclude_selectors: list[str], documents: Iterable[Document] = (),
                on_batch: Callable[[int], object] | None = None) -> dict[str, bytes]:
    """The files of one index for `lang`, by path inside the index folder.

    The index holds the `documents` (custom records and HTML pages), numbered in the order given: a
    search without words lists them in that order when its sort key follows it, and a sort that follows
    the page numbers is a run of consecutive numbers, which costs next to nothing in the index's
    metadata. `on_batch(n)` is called after each batch of `n` documents is sent.
    """
    return _index_alone(IndexJob(lang, exclude_selectors, list(documents)), on_batch)


@dataclass(frozen=True)
class IndexJob:
    """One index to make: its language, what Pagefind leaves out of its pages, and its documents."""

    lang: str
    exclude_selectors: list[str]
    documents: Sequence[Document]


def build_indexes(jobs: Sequence[IndexJob], on_batch: Callable[[int], object] | None = None,
                  at_once: bool | None = None) -> list[dict[str, bytes]]:
    """Each job's index files, as `build_index` makes them; all at the same time where `at_once`.

    Pagefind indexes on one core, so two indexes made at once take about the time of the larger one.
    But each service holds its whole index until it is done (16 GB for an edition of 10,000 studies),
    so by default (`at_once` None) they are made at once only where the machine has a core for each
    and the memory for all of them (`fits_at_once`), and one after another otherwise."""
    if at_once is None:
        at_once = fits_at_once(jobs)
    if not at_once or len(jobs) < 2:
        return [_index_alone(job, on_batch) for job in jobs]
    # The services start and stop in this thread, each fed from a thread of its own. An error in any
    # job, Ctrl-C or SIGTERM (an exception here while this thread waits) leaves the `with` block, which
    # kills every service; that ends the other threads' waits for an answer, so no Pagefind process
    # outlives the call. The threads are daemons: one stuck elsewhere cannot hold up the exit.
    results: list[dict[str, bytes] | BaseException | None] = [None] * len(jobs)
    finished: queue.SimpleQueue[int] = queue.SimpleQueue()
    with ExitStack() as services:
        started = [services.enter_context(PagefindService()) for _ in jobs]

        def run(k: int) -> None:
            try:
                results[k] = _index_with(started[k], jobs[k], on_batch)
            except BaseException as err:  # noqa: BLE001: handed to the calling thread, which raises it
                results[k] = err
            finally:
                finished.put(k)

        for k in range(len(jobs)):
            threading.Thread(target=run, args=(k,), daemon=True).start()
        for _ in jobs:
            if isinstance(error := results[finished.get()], BaseException):
                raise error
    return [result for result in results if isinstance(result, dict)]


def fits_at_once(jobs: Sequence[IndexJob]) -> bool:
    """Whether the machine has a core for each of several `jobs` and the memory for all of them."""
    available = available_memory()
    if len(jobs) < 2 or (os.cpu_count() or 1) < len(jobs) or available is None:
        return False
    return sum(expected_peak(job) for job in jobs) <= available


def expected_peak(job: IndexJob) -> int:
    """An upper bound on the bytes Pagefind holds at most while it makes `job`'s index (`PEAK_PER_BYTE`)."""
    return PEAK_BASE + PEAK_PER_BYTE * sum(document.size for document in job.documents)


def available_memory() -> int | None:
    """The bytes of memory the machine can give without swapping (Linux's MemAvailable), or None
    where that is not known."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _index_alone(job: IndexJob, on_batch: Callable[[int], object] | None) -> dict[str, bytes]:
    with PagefindService() as service:
        return _index_with(service, job, on_batch)


def _index_with(service: PagefindService, job: IndexJob,
                on_batch: Callable[[int], object] | None) -> dict[str, bytes]:
    index = service.request({"type": "NewIndex", "config": {
        "force_language": job.lang, "exclude_selectors": job.exclude_selectors}})["index_id"]
    for batch in _batches(job.documents, PagefindService.BATCH):
        service.request_all([document.request(index, job.lang) for document in batch])
        if on_batch:
            on_batch(len(batch))
    return service.get_files(index)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@lru_cache(maxsize=None)
def shipped_assets(lang: str) -> dict[str, bytes]:
    """The scripts, styles and wasm files the installed Pagefind puts in every index for `lang`.

    Made once per language by indexing one record: these files do not depend on the content, so the
    check of a published index (`indexcheck`) can compare its copies with these byte for byte.
    """
    files = build_index(lang, [], [IndexRecord("/", "funnbanken", {"title": "funnbanken"}, {})])
    return {name: data for name, data in files.items() if is_asset(name)}


def is_asset(name: str) -> bool:
    """Files that are the same for every index of a language: Pagefind's scripts, styles and wasm."""
    return name.endswith((".js", ".css")) or (name.startswith("wasm.") and name.endswith(".pagefind"))


def write_index(files: dict[str, bytes], folder: Path) -> None:
    """Write the index files into `folder` (which must not exist yet: it is a fresh build's)."""
    made: set[Path] = set()
    for name, data in sorted(files.items()):
        # A name is checked by its parts, not by resolving its path: the folder is new, so nothing in it
        # leads elsewhere, and resolving each of 26,000 files was half the time it took to write them.
        parts = PurePosixPath(name).parts
        if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
            raise BuildError(f"Search indexing (Pagefind) named a file outside its folder: {name}")
        path = folder.joinpath(*parts)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)


class PagefindService:
    """One `pagefind --service` process. Leaving the `with` block closes its input and waits for it to
    end; on an error, Ctrl-C or SIGTERM (an exception here) it is killed at once. Either way no Pagefind
    process outlives the block."""

    # Requests written before their responses are read: small enough that the responses
    # (about 400 bytes each) never fill the pipe while we are still writing.
    BATCH = 64

    def __init__(self) -> None:
        from pagefind.service import get_executable

        executable = get_executable()
        if executable is None:
            raise BuildError("Search indexing needs Pagefind: pip install -r requirements.txt")
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._pending = b""

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self._end()
        else:
            self._process.kill()
            self._process.wait()

    def _end(self) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.close()
            self._process.wait(timeout=EXIT_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()

    @property
    def returncode(self) -> int | None:
        """The process's exit status once it has ended (negative: killed by that signal)."""
        return self._process.poll()

    def get_files(self, index: str) -> dict[str, bytes]:
        """The finished index's files, by path inside the index folder."""
        response = self.request({"type": "GetFiles", "index_id": index})
        return {file["path"]: base64.b64decode(file["content"]) for file in response["files"]}

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.request_all([payload])[0]

    def request_all(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send `payloads`, then read their responses; raise BuildError on any error response."""
        assert self._process.stdin is not None and self._process.stdout is not None
        messages = []
        for payload in payloads:
            self._next_id += 1
            message = json.dumps({"message_id": self._next_id, "payload": payload}).encode()
            messages.append(base64.b64encode(message) + b",")
        try:
            self._process.stdin.write(b"".join(messages))
            self._process.stdin.flush()
            results = [json.loads(base64.b64decode(self._read_message()))["payload"] for _ in payloads]
        except (OSError, ValueError) as err:
            raise BuildError(f"Search indexing (Pagefind) stopped: {err}") from None
        for result in results:
            if result.get("type") == "Error":
                raise BuildError(f"Search indexing (Pagefind) failed: {result.get('message')}")
        return results

    def _read_message(self) -> bytes:
        assert self._process.stdout is not None
        chunks = [self._pending]
        while (end := chunks[-1].find(b",")) < 0:
            chunk = self._process.stdout.read1(1 << 20)
            if not chunk:
                raise OSError("Pagefind ended without answering")
            chunks.append(chunk)
        # Joined once: a GetFiles answer is megabytes long, and `+=` per chunk would copy it each time.
        head = b"".join(chunks[:-1])
        message, self._pending = head + chunks[-1][:end], chunks[-1][end + 1:]
        return message
