"""Funnbanken's scale benchmark: synthetic corpora of N studies, built end to end and measured.

    .venv/bin/python bench/run.py [--sizes 10 100 1000] [--out bench/results.json]
                                  [--no-browser] [--no-serve] [--no-zensical]

For each N it writes a synthetic corpus (seed 0) into a temporary folder and then, each in a
child process of its own so that peak memory is that step's alone:

1. builds it in full (`funnbank.pipeline.build`): pages, seconds per phase from the build's own
   report, peak memory of every process (the build, each edition's, Pagefind);
2. edits one study and builds again, incrementally, as `build.py build` does: seconds, pages
   rendered and taken over;
3. builds the edited corpus in full into another folder and compares every HTML file with the
   incremental build's (they must be equal);
4. builds the same Markdown with Zensical, when `.venv-zensical` has it, for engine parity.

It also measures the built site (study page HTML, site and search-index size, the size of every
section page and the largest page anywhere) and, in headless Chromium, what the first search
transfers from /pagefind/. It times `build.py serve` on the real corpus and on the corpus of
1,000 studies, when that size is run: from saving an edited study to both editions' pages showing
the edit.

Results go to a Markdown table on stdout and to a JSON file; the targets of the benchmark issue
are checked under the table. Nothing here writes into the project's content/, build/ or site/.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
THIS = Path(__file__).resolve()
sys.path.insert(0, str(ROOT))  # funnbank is imported from the project folder, not installed
DEFAULT_SIZES = [10, 100, 1000, 10000]
ZENSICAL_VENV = ROOT / ".venv-zensical"
CHROMIUM = "/usr/bin/chromium"
QUERY = "mestring"
SEED = 0

# The targets of issue 18 (a bank of thousands of studies).
MAX_MS_PER_PAGE = 10.0  # full build, end to end, at 1,000 studies
MAX_GROWTH = 11.0  # time(10,000) ≤ 11 × time(1,000)
MAX_REBUILD_SECONDS = 3.0  # one study edited, at 1,000 studies
MAX_SERVE_SECONDS = {5: 1.0, 1000: 3.0}  # save → both editions' pages show the edit, by corpus size
MAX_PROCESS_MB = {1000: 1024.0, 10000: 4096.0}  # peak resident memory of any one process
MAX_PAGE_KB = 500.0  # every HTML page, at any N
MAX_FIRST_SEARCH_KB = {1000: 300.0, 10000: 500.0}  # the header search's first query
MAX_SEARCH_PAGE_KB = 300.0  # /sok/ opened as a reader first meets it (no query), at 1,000 studies

Json = dict[str, Any]


def log(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Child processes. Each runs in a fresh interpreter from the project folder, prints one JSON line
# as its last line of stdout, and reports its own peak memory.
# ---------------------------------------------------------------------------------------------

def _peak_python_mb() -> float:
    """This process's peak resident memory (ru_maxrss is in KB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _vm_hwm_mb(pid: int) -> float | None:
    """A live process's peak resident memory (VmHWM) from /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return round(int(match.group(1)) / 1024, 1) if match else None


def _record_pagefind_peaks(peaks: list[float]) -> None:
    """Read each Pagefind service's VmHWM just before the build stops it.

    Not RUSAGE_CHILDREN: Python spawns with vfork, and Linux folds the parent's memory at exec
    time into the child's ru_maxrss, so that figure would be Python's RSS at spawn time.
    """
    from funnbank.pagefind import PagefindService as service

    original_exit = service.__exit__

    def exit_recording(self: Any, *exc: object) -> Any:
        process = getattr(self, "_process", None)
        if process is not None and (peak := _vm_hwm_mb(process.pid)) is not None:
            peaks.append(peak)
        return original_exit(self, *exc)

    service.__exit__ = exit_recording


def _record_mkdocs_calls(calls: list[Json]) -> None:
    """Wrap `funnbank.parallel.build_editions` wherever the package imported it, to learn which
    (config, Markdown folder) pairs the build hands to MkDocs: one per edition, however many. (The
    editions' MkDocs runs happen in processes of their own, so MkDocs itself cannot be wrapped here.)"""
    import funnbank.parallel

    original = funnbank.parallel.build_editions

    def recording(jobs: Any, *args: Any, **kwargs: Any) -> Any:
        calls.extend({"config": str(Path(job.config).resolve()), "docs": str(Path(job.docs).resolve())}
                     for job in jobs)
        return original(jobs, *args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("funnbank") and \
                getattr(module, "build_editions", None) is original:
            module.build_editions = recording  # type: ignore[attr-defined]


def _counts(stats: Any) -> Json:
    """WriteStats (or a mapping of them, one per edition) as plain numbers."""
    if isinstance(stats, dict):
        total: Json = {}
        for part in stats.values():
            for key, value in _counts(part).items():
                total[key] = total.get(key, 0) + value
        return total
    return {key: getattr(stats, key) for key in ("written", "unchanged", "removed")}


def child_build(content: Path, docs: Path, site: Path, full: bool) -> Json:
    """One build, as `build.py build` does it (minus the progress bar): incremental unless `full`.
    Phases, pages taken over and each edition's peak memory come from the build's own report."""
    from funnbank.pipeline import Paths, build

    calls: list[Json] = []
    pagefind_peaks: list[float] = []
    _record_mkdocs_calls(calls)
    _record_pagefind_peaks(pagefind_peaks)
    report = build(Paths(content=content, out=site, docs=docs), full=full)
    return {"pages": report.pages, "seconds": report.seconds, "phases": report.phases, "reused": report.reused,
            "written": _counts(report.written), "mkdocs_calls": calls,
            "peak_mb": {"build": _peak_python_mb(), **{f"edition {lang}": mb for lang, mb in report.edition_peak_mb.items()},
                        "pagefind": max(pagefind_peaks, default=None)}}


def run_child(*args: str) -> Json:
    """Run this file in child mode; return its JSON. A failed child stops the benchmark."""
    proc = subprocess.run([sys.executable, str(THIS), "--child", *args], cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"benchmark child `{args[0]}` failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _child_main(args: argparse.Namespace) -> int:
    result = child_build(args.content, args.docs, args.site, args.full)
    print(json.dumps(result))
    return 0


# ---------------------------------------------------------------------------------------------
# The built site, measured from its files
# ---------------------------------------------------------------------------------------------

def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def _edition_roots(site: Path) -> list[Path]:
    """The site root and every folder in it with its own search index (an edition such as `en/`)."""
    return [site] + sorted(d for d in site.iterdir() if d.is_dir() and (d / "pagefind").is_dir())


def page_sizes_kb(site: Path) -> dict[str, float]:
    """Each section page's HTML size, and the mean and largest page of each folder of leaf pages
    (studies, concepts, themes), in KB; keyed by URL. Shows which kinds of page grow with N."""
    sizes: dict[str, float] = {}
    roots = _edition_roots(site)
    for root in roots:
        prefix = "/" + (root.relative_to(site).as_posix() + "/" if root != site else "")
        sizes[prefix] = (root / "index.html").stat().st_size / 1024
        for section in sorted(d for d in root.iterdir() if d.is_dir() and d not in roots):
            if (section / "index.html").is_file():
                sizes[f"{prefix}{section.name}/"] = (section / "index.html").stat().st_size / 1024
            leaves = [p.stat().st_size / 1024 for p in section.glob("*/index.html")]
            if leaves:
                sizes[f"{prefix}{section.name}/* mean"] = sum(leaves) / len(leaves)
                sizes[f"{prefix}{section.name}/* max"] = max(leaves)
    return {key: round(value, 1) for key, value in sizes.items()}


def measure_site(site: Path) -> Json:
    studies = [p.stat().st_size for p in site.glob("studier/*/index.html")]
    return {
        "html_files": sum(1 for _ in site.rglob("*.html")),
        "study_page_kb": round(sum(studies) / len(studies) / 1024, 1) if studies else None,
        "site_mb": round(_size(site) / 2**20, 1),
        "search_index_mb": round(sum(_size(root / "pagefind") for root in _edition_roots(site)) / 2**20, 1),
        "page_sizes_kb": page_sizes_kb(site),
        "largest_page": largest_page(site),
    }


def largest_page(site: Path) -> Json:
    """The largest HTML page anywhere in the site (numbered sub-pages included): its URL and size in KB."""
    path = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return {"url": "/" + path.relative_to(site).as_posix().removesuffix("index.html"),
            "kb": round(path.stat().st_size / 1024, 1)}


# ---------------------------------------------------------------------------------------------
# First search in headless Chromium
# ---------------------------------------------------------------------------------------------

class Browser:
    """One headless Chromium for the whole run; each measurement gets a fresh context (empty cache)."""

    def __enter__(self) -> Browser:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                            "--disable-component-update", "--disable-sync", "--no-first-run"])
        return self

    def __exit__(self, *exc: object) -> None:
        self.browser.close()
        self._playwright.stop()

    def pagefind_transfer(self, url: str, action: Any) -> Json:
        """Response bytes of everything fetched under /pagefind/ from opening `url` until
        `action(page)` has its results (it returns what the page says it found)."""
        context = self.browser.new_context()
        page = context.new_page()
        finished: list[Any] = []
        page.on("requestfinished", lambda request: finished.append(request))
        try:
            page.goto(url, wait_until="load")
            found_text = action(page)
            page.wait_for_load_state("networkidle")
            by_kind: dict[str, float] = {}
            requests = 0
            for request in finished:
                if "/pagefind/" in request.url:
                    kind = _pagefind_kind(request.url)
                    by_kind[kind] = by_kind.get(kind, 0) + request.sizes()["responseBodySize"] / 1024
                    requests += 1
            return {"kb": round(sum(by_kind.values()), 1), "requests": requests, "results": found_text,
                    "by_kind_kb": {kind: round(kb, 1) for kind, kb in sorted(by_kind.items())}}
        finally:
            context.close()


def _pagefind_kind(url: str) -> str:
    """What a Pagefind file is for: the fixed runtime, or index data that may grow with N."""
    name = url.split("?")[0].rsplit("/pagefind/", 1)[1]
    if name.startswith(("index/", "fragment/", "filter/")):
        return name.split("/")[0]
    if name.endswith(".pf_meta"):
        return "meta"
    return "runtime"  # pagefind.js, the WebAssembly module, pagefind-entry.json


def _header_search(query: str) -> Any:
    def action(page: Any) -> None:
        page.keyboard.press("/")  # the site's shortcut: opens the header search and focuses it
        page.keyboard.type(query, delay=40)
        # "attached", not "visible": Playwright finds the link (a block inside the overlay) invisible,
        # though a screenshot shows the results; rendered is what matters for the transfer.
        page.wait_for_selector(".md-search-result__list .md-search-result__link", state="attached",
                               timeout=60_000)
        return page.inner_text(".md-search-result__meta")
    return action


def _search_page_ready(page: Any) -> str:
    page.wait_for_function(
        "() => { const s = document.querySelector('.fb-search-status');"
        " return s && s.textContent && (document.querySelector('.fb-result') ||"
        " !document.querySelector('.fb-no-results').hidden); }", timeout=60_000)
    return page.inner_text(".fb-search-status")


def _search_page_open(page: Any) -> str:
    page.wait_for_selector(".fb-search-status", state="attached", timeout=60_000)
    return ""


def measure_search(browser: Browser, site: Path, query: str) -> Json:
    """The first search's transfer from the header box on the home page; the search page's, opened
    without a query (its first load) and with one (a shared search link)."""
    from urllib.parse import quote

    from funnbank.localserve import serve_folder

    with serve_folder(site) as url:
        header = browser.pagefind_transfer(url, _header_search(query))
        search_page = browser.pagefind_transfer(f"{url}sok/", _search_page_open)
        with_query = browser.pagefind_transfer(f"{url}sok/?q={quote(query)}", _search_page_ready)
    return {"first_search_kb": header["kb"], "search_page_kb": search_page["kb"],
            "search_page_query_kb": with_query["kb"],
            "search_detail": {"header": header, "search_page": search_page, "search_page_query": with_query}}


# ---------------------------------------------------------------------------------------------
# Zensical, for engine parity
# ---------------------------------------------------------------------------------------------

def zensical_executable() -> Path | None:
    candidate = ZENSICAL_VENV / "bin" / "zensical"
    if candidate.exists():
        return candidate
    found = shutil.which("zensical")
    return Path(found) if found else None


def zensical_version(exe: Path) -> str:
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    return (proc.stdout or proc.stderr).strip()


def _merge(base: Json, override: Json) -> Json:
    """MkDocs' INHERIT: mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) \
            else value
    return merged


def _resolved_config(config: Path) -> Json:
    """The MkDocs config with INHERIT applied and the theme's custom_dir made absolute."""
    import yaml

    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(_resolved_config((config.parent / parent).resolve()), data)
    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((config.parent / theme["custom_dir"]).resolve())
    return data


def _plugins(config: Json) -> list[Any]:
    plugins = config.get("plugins") or []
    return [{name: options} for name, options in plugins.items()] if isinstance(plugins, dict) else list(plugins)


def _plugin_names(config: Json) -> set[str]:
    return {item if isinstance(item, str) else next(iter(item)) for item in _plugins(config)}


def _first_error(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if re.search(r"(Error|Exception|panicked)", line)]
    return (errors[-1] if errors else lines[-1] if lines else "no output")[:300]


def zensical_build(exe: Path, calls: list[Json], work: Path) -> Json:
    """Build each of the build's (config, Markdown folder) pairs with Zensical into `work`.

    Zensical 0.0.73 panics on an absolute docs_dir, so each config is written beside its
    Markdown folder and names it relatively. `--clean` drops its cache, so every build is cold.
    """
    seconds, html = 0.0, 0
    for i, call in enumerate(calls):
        docs = Path(call["docs"])
        try:
            config = _resolved_config(Path(call["config"]))
        except Exception as err:  # noqa: BLE001 - any unreadable config is reported, not fatal
            return {"status": "failed", "error": f"config: {err}"[:300]}
        out = work / f"zensical-{i}"
        config.update(docs_dir=docs.name, site_dir=os.path.relpath(out, docs.parent))
        # MkDocs builds no search index here (Pagefind does, after it); Zensical builds its own
        # unless told not to, which would be work MkDocs is not doing.
        config["plugins"] = [*_plugins(config), {"search": {"enabled": False}}] \
            if "search" not in _plugin_names(config) else config["plugins"]
        config_file = docs.parent / f"zensical-{i}.yml"
        config_file.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
        start = time.perf_counter()
        proc = subprocess.run([str(exe), "build", "--clean", "-f", str(config_file)], cwd=docs.parent,
                              capture_output=True, text=True)
        seconds += time.perf_counter() - start
        if proc.returncode != 0:
            return {"status": "failed", "error": _first_error(proc.stderr + proc.stdout)}
        html += sum(1 for _ in out.rglob("*.html"))
        shutil.rmtree(out, ignore_errors=True)
    return {"status": "ok", "seconds": round(seconds, 2), "html_files": html}


# ---------------------------------------------------------------------------------------------
# `build.py serve`: edit a study, time until the served page shows it
# ---------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def edit_one_study(content: Path, marker: str) -> Path:
    """Give the first study a new one-line title (`marker`); return its file."""
    study = sorted((content / "studies").glob("*.yaml"))[0]
    text = study.read_text(encoding="utf-8")
    # A plain one-line title is replaced whole (not a folded `>-` one); JSON quoting is valid YAML.
    edited, count = re.subn(r"^title: (?![>|]).*$", f"title: {json.dumps(marker)}", text, count=1, flags=re.M)
    if not count:
        raise SystemExit(f"benchmark: no one-line title in {study}")
    study.write_text(edited, encoding="utf-8")
    return study


def measure_serve(source: Path, timeout: float = 300.0, startup_timeout: float = 1800.0) -> Json:
    """On a copy of the corpus at `source`: seconds from saving a study with a new title until
    `build.py serve` serves its page with that title in every edition (polled every 50 ms), and
    until the whole preview is built again (`serve` puts the saved study's pages up first and says
    "Rebuilt at …" when every page is: `whole_seconds`)."""
    from funnbank import editions, pages

    with tempfile.TemporaryDirectory(prefix="funnbank-bench-serve-") as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(source, content)
        studies = len(list((content / "studies").glob("*.yaml")))
        study_id = sorted((content / "studies").glob("*.yaml"))[0].stem
        port = _free_port()
        # A session of its own, so the server and anything it starts stop together.
        proc = subprocess.Popen([sys.executable, "build.py", "serve", "--content", str(content),
                                 "--docs", str(Path(tmp) / "docs"), "--port", str(port)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        stderr_lines: list[str] = []
        threading.Thread(target=lambda: stderr_lines.extend(proc.stderr), daemon=True).start()  # type: ignore[arg-type]
        urls = [f"http://127.0.0.1:{port}/" + pages.url_from_root(pages.study_path(study_id, e.lang), e.lang)
                for e in editions.EDITIONS]
        try:
            started = time.monotonic()
            while _fetch(urls[-1]) is None:
                if proc.poll() is not None or time.monotonic() - started > startup_timeout:
                    return {"status": "failed", "studies": studies,
                            "error": "did not start: " + _first_error("".join(stderr_lines))}
                time.sleep(0.2)
            startup = round(time.monotonic() - started, 1)
            time.sleep(2)  # let the first search index finish, as a maintainer's first edit would
            marker = f"Benkmerke {int(time.time())}"
            rebuilt = lambda: sum("Rebuilt at" in line for line in list(stderr_lines))  # noqa: E731
            rebuilt_before = rebuilt()
            edit_one_study(content, marker)
            start = time.monotonic()
            shown: dict[str, float] = {}
            whole: float | None = None
            while time.monotonic() - start < timeout and (len(shown) < len(urls) or whole is None):
                for url in urls:
                    if url not in shown and marker in (_fetch(url) or ""):
                        shown[url] = round(time.monotonic() - start, 2)
                if whole is None and rebuilt() > rebuilt_before:
                    whole = round(time.monotonic() - start, 2)
                time.sleep(0.05)
            if len(shown) < len(urls) or whole is None:
                return {"status": "failed", "studies": studies,
                        "error": f"the edit did not show in every edition within {timeout:.0f} s"}
            return {"status": "ok", "seconds": max(shown.values()), "by_edition": shown, "whole_seconds": whole,
                    "studies": studies, "study": study_id, "startup_seconds": startup}
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


# ---------------------------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------------------------

def code_digest() -> str:
    """A digest of the code and templates a build runs. Compared before and after each size, it
    shows when someone edited them mid-run, which makes that size's figures (and the second
    build's rewrites) mix two versions."""
    import hashlib

    digest = hashlib.sha256()
    files = [*ROOT.glob("funnbank/**/*.py"), *ROOT.glob("templates/**/*"), *ROOT.glob("mkdocs*.yml")]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def write_corpus(n: int, out: Path) -> None:
    subprocess.run([sys.executable, "build.py", "synth", "--studies", str(n), "--out", str(out),
                    "--seed", str(SEED)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def bench_size(n: int, browser: Browser | None, zensical: Path | str, query: str, serve: bool) -> Json:
    """Everything measured at one N. `zensical` is its executable, or why it is not run."""
    with tempfile.TemporaryDirectory(prefix=f"funnbank-bench-{n}-") as tmp:
        base = Path(tmp)
        content, docs, site = base / "content", base / "docs", base / "site"
        log(f"N={n}: writing the synthetic corpus")
        write_corpus(n, content)
        build_args = ("build", "--content", str(content), "--docs", str(docs), "--site", str(site))
        code_before = code_digest()
        log(f"N={n}: building in full")
        first = run_child(*build_args, "--full")
        log(f"N={n}: built in {first['seconds']:.1f} s ({first['pages']:,} pages), peak MB {first['peak_mb']}")
        phases = first["phases"]
        row: Json = {
            "n": n, "pages": first["pages"],
            "seconds_total": round(first["seconds"], 2),
            "ms_per_page": round(first["seconds"] / first["pages"] * 1000, 1),
            "phases": {name: round(seconds, 3) for name, seconds in phases.items()},
            "peak_mb": first["peak_mb"],
            "peak_process_mb": max(mb for mb in first["peak_mb"].values() if mb is not None),
            **measure_site(site),
        }
        if browser:
            log(f"N={n}: first search in Chromium")
            row.update(measure_search(browser, site, query))
            log(f"N={n}: first search {row['first_search_kb']} KB; /sok/ {row['search_page_kb']} KB "
                f"({row['search_page_query_kb']} KB with the query); largest page {row['largest_page']}")
        else:
            row.update(first_search_kb=None, search_page_kb=None, search_page_query_kb=None, search_detail=None)
        log(f"N={n}: one study edited, building again (incremental)")
        edit_one_study(content, f"Endret studie {n}")
        again = run_child(*build_args)
        log(f"N={n}: rebuilt in {again['seconds']:.1f} s ({again['pages'] - again['reused']:,} pages rendered, "
            f"{again['reused']:,} reused), phases {again['phases']}")
        log(f"N={n}: the edited corpus in full, to compare")
        full_site = base / "full-site"
        full = run_child("build", "--content", str(content), "--docs", str(base / "full-docs"), "--site",
                         str(full_site), "--full")
        incremental, expected = html_files(site), html_files(full_site)
        row["rebuild"] = {
            "seconds": round(again["seconds"], 2), "phases": {k: round(v, 3) for k, v in again["phases"].items()},
            "pages_rendered": again["pages"] - again["reused"], "pages_reused": again["reused"],
            "peak_process_mb": max(mb for mb in again["peak_mb"].values() if mb is not None),
            "equals_full_build": incremental == expected,
            "differing_pages": sorted(path for path in expected.keys() | incremental.keys()
                                      if incremental.get(path) != expected.get(path))[:10],
            "full_build_seconds": round(full["seconds"], 2),
        }
        row["code_changed"] = code_digest() != code_before
        shutil.rmtree(full_site)  # a large site is hundreds of MB: keep /tmp small
        if serve and n == 1000:
            log(f"N={n}: `build.py serve` on this corpus")
            row["serve"] = measure_serve(content)
        if isinstance(zensical, Path):
            log(f"N={n}: Zensical on the same Markdown")
            row["zensical"] = zensical_build(zensical, first["mkdocs_calls"], base)
        else:
            row["zensical"] = {"status": zensical}
        return row


# ---------------------------------------------------------------------------------------------
# Targets and the report
# ---------------------------------------------------------------------------------------------

def _row(rows: list[Json], n: int) -> Json | None:
    return next((r for r in rows if r["n"] == n), None)


def _target(name: str, figure: str, ok: bool | None) -> Json:
    return {"target": name, "figure": figure, "status": "n/a" if ok is None else "PASS" if ok else "MISS"}


def check_targets(rows: list[Json], serve: Json | None) -> list[Json]:
    """Every target of issue 18, PASS or MISS, or n/a when this run did not measure it."""
    r1000, r10000 = _row(rows, 1000), _row(rows, 10000)
    targets = [_target(f"full build ≤ {MAX_MS_PER_PAGE:g} ms per page end to end at 1,000 studies",
                       f"{r1000['ms_per_page']} ms/page ({r1000['pages']:,} pages in {r1000['seconds_total']} s)"
                       if r1000 else "needs N=1000", r1000["ms_per_page"] <= MAX_MS_PER_PAGE if r1000 else None)]
    if r1000 and r10000:
        factor = r10000["seconds_total"] / r1000["seconds_total"]
        targets.append(_target(f"time(10,000) ≤ {MAX_GROWTH:g} × time(1,000)",
                               f"{factor:.1f} × ({r10000['seconds_total']} s / {r1000['seconds_total']} s)",
                               factor <= MAX_GROWTH))
    else:
        targets.append(_target(f"time(10,000) ≤ {MAX_GROWTH:g} × time(1,000)", "needs N=1000 and N=10000", None))
    rebuild = r1000["rebuild"] if r1000 else None
    targets.append(_target(f"rebuild after editing one study ≤ {MAX_REBUILD_SECONDS:g} s at 1,000 studies, "
                           "equal to a full build",
                           f"{rebuild['seconds']} s ({rebuild['pages_rendered']:,} pages rendered, "
                           f"{rebuild['pages_reused']:,} reused); equal to a full build: {rebuild['equals_full_build']}"
                           if rebuild else "needs N=1000",
                           rebuild["seconds"] <= MAX_REBUILD_SECONDS and rebuild["equals_full_build"]
                           if rebuild else None))
    unequal = [f"N={r['n']}" for r in rows if not r["rebuild"]["equals_full_build"]]
    targets.append(_target("every incremental rebuild equals a full build, page for page",
                           "unequal at " + ", ".join(unequal) if unequal else f"equal at every N ({len(rows)} sizes)",
                           not unequal))
    for studies, limit in MAX_SERVE_SECONDS.items():
        measured = serve if studies < 10 else (r1000 or {}).get("serve")
        name = f"`serve`: save → both editions show the edit ≤ {limit:g} s at {studies:,} studies"
        if measured is None:
            targets.append(_target(name, "not measured", None))
        elif measured["status"] != "ok":
            targets.append(_target(name, f"failed: {measured['error']}", False))
        else:
            targets.append(_target(name, f"{measured['seconds']} s ({measured['studies']} studies; the whole "
                                         f"preview rebuilt after {measured.get('whole_seconds', '–')} s)",
                                   measured["seconds"] <= limit))
    for studies, limit in MAX_PROCESS_MB.items():
        row = _row(rows, studies)
        peaks = ", ".join(f"{name} {mb:,.0f}" for name, mb in row["peak_mb"].items() if mb is not None) if row else ""
        targets.append(_target(f"peak memory of any one process ≤ {limit:,.0f} MB at {studies:,} studies",
                               f"{row['peak_process_mb']:,.0f} MB ({peaks})" if row else f"needs N={studies}",
                               row["peak_process_mb"] <= limit if row else None))
    largest = max(rows, key=lambda r: r["largest_page"]["kb"])
    targets.append(_target(f"every HTML page ≤ {MAX_PAGE_KB:g} KB at any N",
                           f"largest {largest['largest_page']['kb']} KB ({largest['largest_page']['url']}) at N={largest['n']}",
                           largest["largest_page"]["kb"] <= MAX_PAGE_KB))
    for studies, limit in MAX_FIRST_SEARCH_KB.items():
        row = _row(rows, studies)
        first = row["first_search_kb"] if row else None
        targets.append(_target(f"first search ≤ {limit:g} KB at {studies:,} studies",
                               f"{first} KB" if first is not None else "not measured",
                               first <= limit if first is not None else None))
    page_kb = r1000["search_page_kb"] if r1000 else None
    targets.append(_target(f"/sok/ first load ≤ {MAX_SEARCH_PAGE_KB:g} KB at 1,000 studies",
                           f"{page_kb} KB" if page_kb is not None else "not measured",
                           page_kb <= MAX_SEARCH_PAGE_KB if page_kb is not None else None))
    return targets


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _zensical_cell(z: Json) -> str:
    if z["status"] == "ok":
        return f"{z['seconds']:.1f} s ({z['html_files']:,} HTML)"
    if z["status"] == "not installed":
        return "Zensical not installed"
    if z["status"] == "skipped":
        return "skipped (--no-zensical)"
    return f"failed: {z['error']}"


def render_report(result: Json) -> str:
    rows: list[Json] = result["rows"]
    header = ["N", "pages", "total s", "ms/page", "generate s", "MkDocs s", "search s", "peak MB (any process)",
              "largest page KB", "site MB", "index MB", "first search KB", "/sok/ KB (with query)",
              "rebuild s (rendered / reused)", "= full", "Zensical s (HTML)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        phases, rebuild = r["phases"], r["rebuild"]
        cells = [_fmt(r["n"]), _fmt(r["pages"]), _fmt(r["seconds_total"]), _fmt(r["ms_per_page"]),
                 _fmt(phases.get("generate")), _fmt(phases.get("mkdocs")), _fmt(phases.get("search")),
                 _fmt(r["peak_process_mb"], 0), _fmt(r["largest_page"]["kb"]), _fmt(r["site_mb"]),
                 _fmt(r["search_index_mb"]), _fmt(r["first_search_kb"]),
                 f"{_fmt(r['search_page_kb'])} ({_fmt(r.get('search_page_query_kb'))})",
                 f"{rebuild['seconds']:.1f} ({rebuild['pages_rendered']:,} / {rebuild['pages_reused']:,})",
                 "yes" if rebuild["equals_full_build"] else "NO", _zensical_cell(r["zensical"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Phases come from the build's own report: generate and MkDocs are the slowest edition's (the "
              "editions are built at once, one process each), search is Pagefind for both editions. Peak MB: "
              "the largest of the build's own process, each edition's process and Pagefind (all in "
              "results.json, `peak_mb`). Rebuild: one study's title edited, then `build` as a maintainer runs "
              "it (incremental); = full: every HTML file equal to a full build of the edited corpus. Search KB: "
              "response bodies under /pagefind/ from a plain loopback server (no compression) for "
              f"“{result['query']}”, from a fresh browser: typed in the header box on the home page, and "
              "the search page opened as /sok/ (its first load) and as /sok/?q=… (with the query).",
              "", f"Machine: {result['machine']['cpu_count']} cores, {result['machine']['cpu']}, Python "
              f"{result['machine']['python']}; load average {result['machine']['load_average_start']} at the start, "
              f"{result['machine'].get('load_average_end', '–')} at the end."]
    lines += ["", "Targets:"]
    for t in result["targets"]:
        lines.append(f"- {t['status']:4}  {t['target']}: {t['figure']}")
    changed = [f"N={r['n']}" for r in rows if r.get("code_changed")]
    if changed:
        lines += ["", f"Warning: funnbank/, templates/ or mkdocs*.yml changed while measuring {', '.join(changed)}; "
                  "those figures mix two versions of the code."]
    lines += ["", f"Engine parity: {result['zensical']}"]
    lines += ["", *render_page_sizes(rows)]
    return "\n".join(lines)


def render_page_sizes(rows: list[Json]) -> list[str]:
    """Every section page (and leaf-page mean and max) by N, with growth from the smallest N."""
    names = list(dict.fromkeys(name for r in rows for name in r["page_sizes_kb"]))
    header = ["page (KB)", *[f"N={r['n']:,}" for r in rows], "growth"]
    lines = ["Page HTML sizes by N:", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in names:
        values = [r["page_sizes_kb"].get(name) for r in rows]
        growth = f"{values[-1] / values[0]:.1f} ×" if values[0] and values[-1] else "–"
        lines.append("| " + " | ".join([name, *[_fmt(v) for v in values], growth]) + " |")
    return lines


def _load_average() -> str:
    """Other work on the machine slows every figure; the 1, 5 and 15 minute load averages."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def machine_info() -> Json:
    from importlib import metadata

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "pagefind", "playwright"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return {"cpu_count": os.cpu_count(), "cpu": cpu, "load_average_start": _load_average(), "python": platform.python_version(),
            "platform": platform.platform(), "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "commit": commit.stdout.strip(), "code_digest": code_digest(), "versions": versions}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Funnbanken's scale benchmark (see bench/README.md).")
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, help="numbers of studies")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json", help="JSON results file")
    parser.add_argument("--query", default=QUERY, help="the first search's query")
    parser.add_argument("--no-browser", action="store_true", help="skip the search transfer in Chromium")
    parser.add_argument("--no-serve", action="store_true", help="skip timing `build.py serve`")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical builds")
    # Child mode: one measured step in a fresh process (see run_child).
    parser.add_argument("--child", choices=["build"], help=argparse.SUPPRESS)
    parser.add_argument("--content", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--site", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        return _child_main(args)
    executable = None if args.no_zensical else zensical_executable()
    zensical: Path | str = executable or ("skipped" if args.no_zensical else "not installed")
    result: Json = {"machine": machine_info(), "query": args.query, "sizes": args.sizes, "rows": [],
                    "zensical": ("skipped (--no-zensical)" if args.no_zensical else
                                 f"Zensical {zensical_version(executable)} ({executable})" if executable else
                                 "Zensical not installed (make bench tries to install it into .venv-zensical)"),
                    "serve": None, "targets": []}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with Browser() if not args.no_browser else contextlib.nullcontext() as browser:
        for n in args.sizes:
            result["rows"].append(bench_size(n, browser, zensical, args.query, not args.no_serve))
            # Saved after every size, so a long run that fails late keeps what it measured.
            args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.no_serve:
        log("serve: editing a study of the real corpus")
        result["serve"] = measure_serve(ROOT / "content")
    result["targets"] = check_targets(result["rows"], result["serve"])
    result["machine"]["load_average_end"] = _load_average()
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render_report(result))
    print(f"\nWrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
