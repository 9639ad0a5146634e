"""Shared fixtures: fixture corpora in temporary folders, and a headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from funnbank.localserve import serve_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
SEEDS = ROOT.parent / "shared" / "seeds"
# The content the real-content tests read: the project's, or any other folder given in FUNNBANK_TEST_CONTENT
# (tests/test_any_content.py runs those tests on changed copies: they hold for any valid content).
CONTENT = Path(os.environ.get("FUNNBANK_TEST_CONTENT") or ROOT / "content")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A writable copy of the small fixture corpus."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium carries the `browser` mark, so `-m "not browser"` leaves out
    exactly the tests that need Playwright and Chromium, whether or not the test was marked by hand."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _project_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    # build.py resolves mkdocs.yml, templates/ and content/ from the project folder.
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed: `sudo apt-get install chromium` (make test does it as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh browser page; the test fails if a script on it throws.

    The console's errors and the requests that failed are printed after the test, which pytest shows
    when it fails: Pagefind reports a search index file it could not load only on the console, and
    then answers as if that file's words or filter values did not exist."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    reported: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: reported.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: reported.append(f"request failed: {r.url} ({r.failure})"))
    yield page
    context.close()
    if reported:
        print("What the page reported:", *reported, sep="\n  ")
    assert errors == []


@dataclass(frozen=True)
class BuiltSite:
    path: Path  # the built site/ folder
    url: str  # where it is served on loopback


def _build_and_serve(content: Path, base: Path) -> Iterator[BuiltSite]:
    from funnbank.pipeline import Paths, build

    paths = Paths(content=content, out=base / "site", docs=base / "docs",
                  config=ROOT / "mkdocs.yml", templates=ROOT / "templates")
    build(paths)
    with serve_folder(paths.out) as url:
        yield BuiltSite(paths.out, url)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The fixture corpus, built once and served over HTTP."""
    yield from _build_and_serve(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The real content, built once and served over HTTP."""
    yield from _build_and_serve(CONTENT, tmp_path_factory.mktemp("real-site"))


# --- pages as readers meet them: the two sizes, and axe-core ------------------------------------------

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
# WCAG 2.0–2.2 A and AA, and axe's best practices. target-size (WCAG 2.2, 2.5.8) is off by default in
# axe, so `axe_violations` asks for it by name.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def open_page(page, site: BuiltSite, path: str, viewport: dict[str, int]):  # type: ignore[no-untyped-def]
    """Open `path` of a built site at a viewport size, and let it settle."""
    page.set_viewport_size(viewport)
    page.goto(site.url + path)
    page.wait_for_load_state("networkidle")
    return page


def axe_violations(page) -> list[tuple[str, str, list[object]]]:  # type: ignore[no-untyped-def]
    """Every axe-core violation on the page as it stands, once its transitions have ended: (rule, impact,
    the first three targets). Not mid-transition: a click that scrolls the page makes Material fade its
    tabs out, and text caught half faded fails the contrast rule, which a reader never sees for long."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running'"
                           " || a.effect.getTiming().iterations === Infinity)")

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                       "rules": {"target-size": {"enabled": True}}})
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def open_search(page, site: BuiltSite, params: list[tuple[str, str]], edition: str = ""):  # type: ignore[no-untyped-def]
    """The search page of edition `edition` ("" or "en/") with these URL parameters, once it has answered:
    results shown, or "no results" said."""
    page.goto(f"{site.url}{edition}{'search' if edition else 'sok'}/?{urlencode(params)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('.fb-search-status');"
        " return s && s.textContent && (document.querySelector('.fb-result') ||"
        " !document.querySelector('.fb-no-results').hidden); }")
    return page
