"""The published search index is whole: Pagefind ends on its own, and every build checks its index."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from funnbank import pagefind
from funnbank.errors import BuildError
from funnbank.indexcheck import IndexCheckError, check_index, decode_meta
from funnbank.pagefind import PagefindService, shipped_assets
from funnbank.pipeline import Paths, build

from conftest import ROOT, BuiltSite


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- Pagefind ends on its own, or is killed ----------------------------------------------------------

def test_the_service_ends_on_its_own_after_a_normal_run() -> None:
    with PagefindService() as service:
        service.request({"type": "NewIndex", "config": {"force_language": "nb"}})
    assert service.returncode == 0, "Pagefind was killed instead of ending on its own"


def test_the_service_is_killed_on_an_error() -> None:
    with pytest.raises(RuntimeError):
        with PagefindService() as service:
            raise RuntimeError("a failure while indexing")
    assert service.returncode == -9


# --- two indexes at once ------------------------------------------------------------------------------

def _jobs(n: int = 300) -> list[pagefind.IndexJob]:
    return [pagefind.IndexJob(lang, [], [pagefind.IndexRecord(f"/{lang}/{k}/", f"{word} nummer {k}", {"title": str(k)},
                                                              {"type": [word]}) for k in range(n)])
            for lang, word in (("nb", "tilhørighet"), ("en", "belonging"))]


def _stable(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files Pagefind makes the same from run to run (not its filter files, nor the files naming them)."""
    return {name: data for name, data in files.items()
            if not name.startswith("filter/") and name != "pagefind-entry.json" and not name.endswith(".pf_meta")}


def test_indexes_made_at_once_equal_indexes_made_one_after_another() -> None:
    at_once = pagefind.build_indexes(_jobs(), at_once=True)
    one_by_one = pagefind.build_indexes(_jobs(), at_once=False)
    assert [len(files) for files in at_once] == [len(files) for files in one_by_one]
    assert [_stable(files) for files in at_once] == [_stable(files) for files in one_by_one]
    assert _stable(at_once[0]) != _stable(at_once[1])  # each job got its own documents


def test_an_error_in_one_index_made_at_once_kills_every_service(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    services: list[PagefindService] = []
    start = PagefindService.__init__

    def recording(self: PagefindService) -> None:
        start(self)
        services.append(self)

    monkeypatch.setattr(PagefindService, "__init__", recording)
    jobs = _jobs(3000)
    missing = pagefind.HtmlPage("/borte/", tmp_path / "borte.html")
    jobs[1] = pagefind.IndexJob("en", [], [missing])
    with pytest.raises(FileNotFoundError):
        pagefind.build_indexes(jobs, at_once=True)
    assert len(services) == 2 and [service.returncode for service in services] == [-9, -9]


def test_indexes_are_made_at_once_only_with_a_core_and_the_memory_for_each(
        monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _jobs(10)
    needed = sum(map(pagefind.expected_peak, jobs))
    assert needed > 2 * pagefind.PEAK_BASE  # the documents count
    monkeypatch.setattr(pagefind.os, "cpu_count", lambda: 2)
    for available, expected in ((needed, True), (needed - 1, False), (None, False)):
        monkeypatch.setattr(pagefind, "available_memory", lambda: available)
        assert pagefind.fits_at_once(jobs) is expected, available
    monkeypatch.setattr(pagefind, "available_memory", lambda: 10 * needed)
    monkeypatch.setattr(pagefind.os, "cpu_count", lambda: 1)
    assert not pagefind.fits_at_once(jobs)
    assert not pagefind.fits_at_once(jobs[:1])


@pytest.mark.parametrize("name", ["../utenfor.js", "/tmp/utenfor.js", "fragment/../../utenfor.js", ""])
def test_an_index_file_named_outside_its_folder_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(BuildError, match="outside its folder"):
        pagefind.write_index({"pagefind.js": b"//", name: b"//"}, tmp_path / "site" / "pagefind")
    assert not (tmp_path / "utenfor.js").exists() and not (tmp_path / "site" / "utenfor.js").exists()


def test_index_files_are_written_into_their_folders(tmp_path: Path) -> None:
    files = {"pagefind.js": b"a", "fragment/nb_1.pf_fragment": b"b", "fragment/nb_2.pf_fragment": b"c",
             "index/nb_1.pf_index": b"d"}
    pagefind.write_index(files, tmp_path / "pagefind")
    assert _tree(tmp_path / "pagefind") == files


def test_the_machine_s_available_memory_is_read() -> None:
    available = pagefind.available_memory()
    assert available is not None and 0 < available < os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


# --- the check finds every kind of broken file -------------------------------------------------------

def _cut(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _first(folder: Path, pattern: str) -> Path:
    return sorted(folder.glob(pattern))[0]


CORRUPTIONS: dict[str, tuple[Callable[[Path], Path], Callable[[Path], None], str]] = {
    "entry emptied": (lambda f: f / "pagefind-entry.json", _empty, "pagefind-entry.json is empty"),
    "entry garbled": (lambda f: f / "pagefind-entry.json", lambda p: p.write_text("{\"languages\": "),
                      "pagefind-entry.json does not parse"),
    "wasm cut": (lambda f: _first(f, "wasm.*.pagefind"), _cut, "differs from the one Pagefind ships"),
    "script cut": (lambda f: f / "pagefind.js", _cut, "pagefind.js differs from the one Pagefind ships"),
    "script missing": (lambda f: f / "pagefind-worker.js", Path.unlink, "pagefind-worker.js is missing"),
    "meta cut": (lambda f: _first(f, "*.pf_meta"), _cut, "is cut short or corrupt"),
    "meta missing": (lambda f: _first(f, "*.pf_meta"), Path.unlink, "is missing (named by pagefind-entry.json)"),
    "fragment cut": (lambda f: _first(f, "fragment/*"), _cut, "is cut short or corrupt"),
    "fragment emptied": (lambda f: _first(f, "fragment/*"), _empty, "is empty"),
    "fragment missing": (lambda f: _first(f, "fragment/*"), Path.unlink, ".pf_fragment is missing (named by"),
    "index chunk missing": (lambda f: _first(f, "index/*"), Path.unlink, ".pf_index is missing (named by"),
    "filter missing": (lambda f: _first(f, "filter/*"), Path.unlink, ".pf_filter is missing (named by"),
    "filter cut": (lambda f: _first(f, "filter/*"), _cut, "is cut short or corrupt"),
}


@pytest.mark.parametrize("case", CORRUPTIONS)
def test_the_check_names_a_broken_index_file(fixture_site: BuiltSite, tmp_path: Path, case: str) -> None:
    for lang, edition in (("nb", ""), ("en", "en/")):
        folder = tmp_path / lang / "pagefind"
        shutil.copytree(fixture_site.path / edition / "pagefind", folder)
        check_index(folder, shipped_assets(lang))  # whole as built
        pick, corrupt, message = CORRUPTIONS[case]
        target = pick(folder)
        corrupt(target)
        with pytest.raises(IndexCheckError) as err:
            check_index(folder, shipped_assets(lang), shown_as="site/pagefind")
        text = str(err.value)
        assert message in text and "\n" not in text
        assert f"site/pagefind/{target.relative_to(folder).as_posix()}" in text


def test_the_meta_file_names_every_fragment_chunk_and_filter(fixture_site: BuiltSite) -> None:
    folder = fixture_site.path / "pagefind"
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    (index_hash,) = [language["hash"] for language in entry["languages"].values()]
    meta = decode_meta(gzip.decompress((folder / f"pagefind.{index_hash}.pf_meta").read_bytes()))
    pages, chunks, filters = meta[1], meta[2], meta[3]
    assert {f"{p[0]}.pf_fragment" for p in pages} == {p.name for p in (folder / "fragment").iterdir()}
    assert {f"{c[2]}.pf_index" for c in chunks} == {p.name for p in (folder / "index").iterdir()}
    assert {f"{f[1]}.pf_filter" for f in filters} == {p.name for p in (folder / "filter").iterdir()}


def test_a_cut_index_fails_the_build_and_keeps_the_previous_site(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = Paths(content=corpus_dir, out=tmp_path / "out" / "site", docs=tmp_path / "docs")
    build(paths)
    before = _tree(paths.out)
    write_index = pagefind.write_index

    def write_then_cut_the_english_wasm(files: dict[str, bytes], folder: Path) -> None:
        write_index(files, folder)
        if folder.parent.name == "en":  # as seen: the English wasm cut at 64 KiB
            wasm = _first(folder, "wasm.unknown.pagefind")
            wasm.write_bytes(wasm.read_bytes()[:65536])

    monkeypatch.setattr(pagefind, "write_index", write_then_cut_the_english_wasm)
    with pytest.raises(IndexCheckError, match=r"site/en/pagefind/wasm\.unknown\.pagefind differs"):
        build(paths)
    assert _tree(paths.out) == before
    assert [p.name for p in paths.out.parent.iterdir()] == ["site"], "a temporary folder was left behind"


def test_the_cli_reports_a_broken_index_in_one_line(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from funnbank.cli import main

    write_index = pagefind.write_index

    def write_then_empty_the_entry(files: dict[str, bytes], folder: Path) -> None:
        write_index(files, folder)
        (folder / "pagefind-entry.json").write_bytes(b"")

    monkeypatch.setattr(pagefind, "write_index", write_then_empty_the_entry)
    out = tmp_path / "site"
    code = main(["build", "--content", str(corpus_dir), "--out", str(out), "--docs", str(tmp_path / "docs")])
    errors = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert code == 1
    assert errors == [f"error: Search index check failed: {out.as_posix()}/pagefind/pagefind-entry.json is empty; "
                      "the previous site is unchanged"]
    assert not out.exists()


# --- repeated builds of the real content on a busy machine --------------------------------------------

def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.fixture
def busy_cores() -> Iterator[None]:
    """Both cores kept busy by other processes (each stops by itself after at most ten minutes)."""
    workers = [multiprocessing.Process(target=_spin, args=(600,), daemon=True) for _ in range(2)]
    for worker in workers:
        worker.start()
    try:
        yield
    finally:
        for worker in workers:
            worker.kill()
            worker.join()


def test_repeated_builds_under_load_publish_a_whole_index(tmp_path: Path, busy_cores: None) -> None:
    paths = Paths(content=ROOT / "content", out=tmp_path / "site", docs=tmp_path / "docs")
    for _ in range(5):
        build(paths)
        for lang, edition in (("nb", ""), ("en", "en/")):
            # As published, checked again from outside the build.
            check_index(paths.out / edition / "pagefind", shipped_assets(lang))
