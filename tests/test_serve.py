"""`build.py serve`: both editions previewed; saving a YAML file refreshes the page; a file with problems
shows them on the page."""

from __future__ import annotations

import html
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from funnbank import preview
from funnbank.pipeline import Paths
from funnbank.serve import edited_study, preview_paths, refresh

from conftest import ROOT

STUDY_PAGE = "studier/alpha-2020/"
ENGLISH_STUDY_PAGE = "en/studies/alpha-2020/"
HEADING = "Fellesskap i gruppa"  # a finding's title in the fixture study, alone on its line
# The same line with a `: ` in unquoted text (a YAML error) and markup that must show as typed.
BROKEN_HEADING = "Fellesskap: <b>i</b> gruppa"
BANNER = 'id="funnbank-preview-problems"'


@dataclass(frozen=True)
class Preview:
    url: str  # the study page
    log: Path  # the server's terminal output

    def fetch(self) -> str:
        with urllib.request.urlopen(self.url, timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_until(self, condition: Callable[[str], bool], what: str, seconds: float = 30) -> str:
        """Poll the page until `condition` holds for it; fail with the server's output after `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                page = self.fetch()
                if condition(page):
                    return page
            except OSError:
                pass
            if time.monotonic() > deadline:
                output = self.log.read_text(encoding="utf-8")[-3000:]
                raise AssertionError(f"the preview never showed {what}; the server said:\n{output}")
            time.sleep(0.2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_serve(content: Path, docs: Path, log: Path) -> Iterator[Preview]:
    """`build.py serve` on `content`, until the block ends."""
    port = _free_port()
    with log.open("w", encoding="utf-8") as out:  # a file, not a pipe nobody reads, which could fill and block it
        proc = subprocess.Popen(
            [sys.executable, "build.py", "serve", "--content", str(content), "--docs", str(docs), "--port", str(port)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )
        try:
            running = Preview(f"http://127.0.0.1:{port}/{STUDY_PAGE}", log)
            running.wait_until(lambda page: True, "the study page", seconds=60)
            yield running
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(path: Path, words: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if words in line)


def test_a_broken_file_shows_its_problem_on_the_page_until_it_is_fixed(corpus_dir: Path, tmp_path: Path) -> None:
    study = corpus_dir / "studies" / "alpha-2020.yaml"
    docs = tmp_path / "docs"
    with running_serve(corpus_dir, docs, tmp_path / "serve.log") as running:
        assert BANNER not in running.fetch()

        _edit(study, HEADING, BROKEN_HEADING)
        located = html.escape(f"{study}:{_line_of(study, BROKEN_HEADING)}:")
        page = running.wait_until(lambda page: located in page, "the located problem")
        assert BANNER in page and "a `: ` inside a text that is not in quotes" in page
        assert html.escape(BROKEN_HEADING) in page and BROKEN_HEADING not in page, "content text shows as typed"
        assert HEADING in page, "the last good page stays under the banner"
        # Only the served preview carries the banner: not the generated Markdown, which a build would
        # publish, nor the preview's built pages.
        assert not any(BANNER in md.read_text(encoding="utf-8") for md in docs.rglob("*.md"))
        preview_site = preview_paths(Paths(docs=docs)).out
        assert not any(BANNER in page.read_text(encoding="utf-8") for page in preview_site.rglob("*.html"))
        assert not preview.problems_file(docs).is_relative_to(docs)

        _edit(study, BROKEN_HEADING, "Fellesskap rettet")
        page = running.wait_until(lambda page: "Fellesskap rettet" in page and BANNER not in page, "the fixed page")
        assert located not in page


def test_both_editions_are_previewed_and_follow_an_edit(corpus_dir: Path, tmp_path: Path) -> None:
    study = corpus_dir / "studies" / "alpha-2020.yaml"
    with running_serve(corpus_dir, tmp_path / "docs", tmp_path / "serve.log") as running:
        english = Preview(running.url.replace(STUDY_PAGE, ENGLISH_STUDY_PAGE), running.log)
        assert "A test summary." in english.fetch()
        _edit(study, "A test summary.", "An English summary, edited.")
        english.wait_until(lambda page: "An English summary, edited." in page, "the edited English page")
        # One study saved: its pages were put up first, then the whole preview was rebuilt.
        deadline = time.monotonic() + 30
        while "Rebuilt at" not in running.log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        said = running.log.read_text(encoding="utf-8")
        assert 0 <= said.find("The page of alpha-2020 at") < said.find("Rebuilt at"), said[-2000:]
        missing = urllib.request.Request(running.url.replace(STUDY_PAGE, "finnes-ikke/"))
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(missing, timeout=5)
        assert answer.value.code == 404


def test_a_template_error_is_shown_with_its_file_and_line(corpus_dir: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    paths = Paths(content=corpus_dir, templates=templates, docs=tmp_path / "docs")
    assert refresh(paths) and preview.read_problems(paths.docs) == []
    markdown = {p: p.read_bytes() for p in paths.docs.rglob("*.md")}

    with (templates / "pages" / "home.md.j2").open("a", encoding="utf-8") as template:
        template.write("{% if %}\n")
    assert not refresh(paths)
    [problem] = preview.read_problems(paths.docs)
    assert problem.startswith(f"{templates / 'pages' / 'home.md.j2'}:")
    assert {p: p.read_bytes() for p in paths.docs.rglob("*.md")} == markdown, "the last good pages stay as they were"


def test_the_banner_escapes_problems_and_sits_at_the_top_of_the_body() -> None:
    page = '<html><body class="x"><h1>Side</h1></body></html>'
    shown = preview.with_banner(page, ["a.yaml:3:1: <script>alert(1)</script> & more"])
    assert shown.startswith('<html><body class="x"><div id="funnbank-preview-problems" role="alert"')
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in shown and "<script>" not in shown
    assert shown.endswith("<h1>Side</h1></body></html>")
    assert preview.with_banner(page, []) == page


def test_only_one_saved_study_file_puts_its_pages_up_first() -> None:
    content = Path("content")
    study, other = content / "studies" / "alpha-2020.yaml", content / "studies" / "beta-2021.yaml"
    concept = content / "concepts" / "haap.yaml"
    before = {study: 1.0, other: 1.0, concept: 1.0}
    assert edited_study(before, {**before, study: 2.0}, content) == "alpha-2020"
    assert edited_study(before, before, content) is None
    assert edited_study(before, {**before, study: 2.0, other: 2.0}, content) is None  # two files
    assert edited_study(before, {**before, concept: 2.0}, content) is None  # not a study
    new = content / "studies" / "gamma-2022.yaml"
    assert edited_study(before, {**before, new: 1.0}, content) is None  # a new file: its pages link nowhere yet
    assert edited_study(before, {other: 1.0, concept: 1.0}, content) is None  # a removed file
    notes = content / "studies" / "notes.txt"
    assert edited_study({**before, notes: 1.0}, {**before, notes: 2.0}, content) is None


def test_problems_are_written_only_when_they_change(tmp_path: Path) -> None:
    # Each write makes MkDocs rebuild the preview, so an unchanged outcome must not touch the file.
    docs = tmp_path / "docs"
    preview.write_problems(docs, ["a.yaml:1:1: x"])
    written = preview.problems_file(docs).stat().st_mtime_ns
    time.sleep(0.01)
    preview.write_problems(docs, ["a.yaml:1:1: x"])
    assert preview.problems_file(docs).stat().st_mtime_ns == written
    preview.write_problems(docs, [])
    assert preview.read_problems(docs) == []


@pytest.mark.browser
def test_the_open_page_follows_edits_and_problems(  # type: ignore[no-untyped-def]
    page, corpus_dir: Path, tmp_path: Path
) -> None:
    study = corpus_dir / "studies" / "alpha-2020.yaml"
    with running_serve(corpus_dir, tmp_path / "docs", tmp_path / "serve.log") as running:
        page.goto(running.url)
        assert HEADING in page.inner_text("article")
        # The preview's live reload reloads the open page itself; nothing here reloads it.
        _edit(study, HEADING, "Endret overskrift")
        page.wait_for_function("document.body.innerText.includes('Endret overskrift')", timeout=20_000)

        _edit(study, "Endret overskrift", BROKEN_HEADING)
        banner = page.wait_for_selector("#funnbank-preview-problems", timeout=20_000)
        assert BROKEN_HEADING in banner.inner_text()  # shown as typed, not as markup
        assert page.locator("#funnbank-preview-problems b").count() == 0

        _edit(study, BROKEN_HEADING, "Rettet overskrift")
        page.wait_for_function("document.body.innerText.includes('Rettet overskrift')", timeout=20_000)
        assert page.locator("#funnbank-preview-problems").count() == 0

        # The language switch leads to the English edition of the same page, previewed too.
        page.locator("a[hreflang='en']").first.click()
        page.wait_for_url("**/" + ENGLISH_STUDY_PAGE + "**")
        assert "A test summary." in page.inner_text("article")
