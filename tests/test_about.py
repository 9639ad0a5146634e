"""The readers' page about the bank (/om/, /en/about/), the date of the content's last change, the
"Om"/"About" tab, and the language switch keeping the reader's place (#anchor and ?query).

The page's numbers are checked against the fixture corpus, counted here; the date comes from
SOURCE_DATE_EPOCH, git or the files (funnbank/about.py, last_change).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from funnbank import pages, vocab
from funnbank.about import last_change
from funnbank.i18n import strings
from funnbank.loader import load_corpus
from funnbank.pipeline import Paths, generate

from conftest import DESKTOP, FIXTURE_CONTENT, PHONE, BuiltSite, axe_violations

CORPUS = load_corpus(FIXTURE_CONTENT)
LANGS = ("nb", "en")
EPOCH = "1741348800"  # 2025-03-07 12:00 UTC: not a day any commit of the fixture content was made
# The epoch's date as each edition shows it, and in the bank's reference (APA 7).
SHOWN = {"nb": ("7. mars 2025", "(2025, 7. mars)"), "en": ("7 March 2025", "(2025, March 7)")}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# What the page must say the fixture corpus holds, counted here from the corpus, in each edition's words.
COUNTS = {
    "studies": len(CORPUS.studies),
    "findings": sum(len(s.findings) for s in CORPUS.studies),
    "quotes": sum(len(s.quotes) for s in CORPUS.studies),
    "recommendations": sum(len(s.recommendations) for s in CORPUS.studies),
    "themes": len(CORPUS.themes),
    "concepts": len(CORPUS.concepts),
}
WORDS = {
    "nb": {"studies": ("studie", "studier"), "findings": ("funn", "funn"), "quotes": ("sitat", "sitater"),
           "recommendations": ("anbefaling eller konklusjon", "anbefalinger og konklusjoner"),
           "themes": ("tema", "temaer"), "concepts": ("begrep", "begreper")},
    "en": {"studies": ("study", "studies"), "findings": ("finding", "findings"), "quotes": ("quote", "quotes"),
           "recommendations": ("recommendation or conclusion", "recommendations and conclusions"),
           "themes": ("theme", "themes"), "concepts": ("concept", "concepts")},
}


@pytest.fixture(scope="module")
def about_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The about page's Markdown in each edition, generated from the fixture corpus with SOURCE_DATE_EPOCH set."""
    paths = Paths(content=FIXTURE_CONTENT, docs=tmp_path_factory.mktemp("about-docs") / "docs")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        generate(CORPUS, paths)
    return {lang: (paths.edition_docs(lang) / pages.section_path("about", lang)).read_text(encoding="utf-8")
            for lang in LANGS}


def _words(markdown: str) -> str:
    return " ".join(markdown.split())


# --- the generated page ---------------------------------------------------------------------------

def test_the_about_page_is_at_om_and_en_about() -> None:
    assert pages.url_from_root(pages.section_path("about", "nb"), "nb") == "om/"
    assert pages.url_from_root(pages.section_path("about", "en"), "en") == "en/about/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_about_page_counts_the_corpus(about_pages: dict[str, str], lang: str) -> None:
    text = _words(about_pages[lang])
    for what, n in COUNTS.items():
        assert f"**{_plural(n, *WORDS[lang][what])}**" in text, what


@pytest.mark.parametrize("lang", LANGS)
def test_the_about_page_names_each_kind_of_service_with_its_studies(about_pages: dict[str, str], lang: str) -> None:
    about = pages.section_path("about", lang)
    lines = {kind: [line for line in about_pages[lang].splitlines()
                    if line.startswith(f"- **{label.in_lang(lang)}** (")] for kind, label in vocab.SERVICE_KINDS.items()}
    # One line for each kind of service some study has, none for the others, each linking exactly its studies.
    assert {kind for kind, found in lines.items() if found} == {s.service.kind for s in CORPUS.studies}
    for kind, found in lines.items():
        for line in found:
            for study in CORPUS.studies:
                link = f"]({pages.page_link(about, pages.study_path(study.id, lang))})"
                assert (link in line) == (study.service.kind == kind), (kind, study.id)


@pytest.mark.parametrize("lang", LANGS)
def test_the_about_page_explains_the_quote_check_links_the_method_and_gives_the_licence(
        about_pages: dict[str, str], lang: str) -> None:
    text = _words(about_pages[lang])
    assert "`build.py verify-quotes`" in text
    assert f"]({pages.page_link(pages.section_path('about', lang), pages.section_path('how_we_assess', lang))})" in text
    assert "CC BY 4.0" in text
    assert "[MIT-lisensen](https://opensource.org/license/mit)" in text or \
        "[MIT licence](https://opensource.org/license/mit)" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_about_page_dates_the_last_change_and_the_reference(about_pages: dict[str, str], lang: str) -> None:
    shown, in_reference = SHOWN[lang]
    text = _words(about_pages[lang])
    assert f'<time datetime="2025-03-07">{shown}</time>' in text
    assert f"Funnbanken. {in_reference}. *Funnbanken: " in text


def test_the_maintainer_guide_says_whom_it_is_for_in_its_title_and_nav() -> None:
    import yaml

    for lang, config in (("nb", "mkdocs.yml"), ("en", "mkdocs.en.yml")):
        title = strings(lang).guide
        assert any(word in title for word in ("redaktør", "aintainer")), title
        nav = yaml.safe_load(Path(config).read_text(encoding="utf-8"))["nav"]
        about = next(entry for entry in nav if isinstance(next(iter(entry.values())), list))
        children = next(iter(about.values()))
        # The section's first page is the readers' page (navigation.indexes: the tab leads there).
        assert next(iter(children[0].values())) == pages.section_path("about", lang)
        assert {title: pages.section_path("guide", lang)} in children


# --- the date of the last change ------------------------------------------------------------------

def test_source_date_epoch_wins(tmp_path: Path) -> None:
    assert last_change(tmp_path, {"SOURCE_DATE_EPOCH": EPOCH}) == date(2025, 3, 7)


def _files_dated(folder: Path, day: date) -> Path:
    (folder / "studies").mkdir(parents=True)
    for path in (folder / "studies" / "a.yaml", folder / "studies", folder):
        if path.suffix:
            path.write_text("id: a\n", encoding="utf-8")
        stamp = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()
        os.utime(path, (stamp, stamp))
    return folder


def test_outside_git_the_newest_file_dates_it_and_a_bad_epoch_is_ignored(tmp_path: Path) -> None:
    content = _files_dated(tmp_path / "content", date(2019, 5, 17))
    assert last_change(content, {}) == date(2019, 5, 17)
    assert last_change(content, {"SOURCE_DATE_EPOCH": "yesterday"}) == date(2019, 5, 17)


def test_without_git_it_falls_back_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capfd: pytest.CaptureFixture[str]) -> None:
    content = _files_dated(tmp_path / "content", date(2019, 5, 17))
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert last_change(content, {}) == date(2019, 5, 17)
    assert capfd.readouterr() == ("", "")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_in_git_the_last_commit_touching_the_content_dates_it(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    content = _files_dated(repo / "content", date(2019, 5, 17))
    (repo / "other.txt").write_text("x", encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t"}

    def commit(paths: list[str], when: str) -> None:
        subprocess.run(["git", "-C", str(repo), "add", *paths], check=True, env=env)
        subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", "c"], check=True,
                       env={**env, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when})

    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    commit(["content"], "2021-02-03T12:00:00+00:00")
    commit(["other.txt"], "2022-04-05T12:00:00+00:00")  # later, but not in the content folder
    assert last_change(content, {}) == date(2021, 2, 3)


# --- in Chromium ----------------------------------------------------------------------------------

def _open(page: Any, site: BuiltSite, path: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(site.url + path)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", LANGS)
def test_the_about_tab_leads_to_the_about_page(page: Any, fixture_site: BuiltSite, lang: str) -> None:
    tab, home = ("Om", "") if lang == "nb" else ("About", "en/")
    _open(page, fixture_site, home, DESKTOP)
    page.locator(".md-tabs").get_by_role("link", name=tab, exact=True).click()
    page.wait_for_load_state()
    assert page.url == fixture_site.url + pages.url_from_root(pages.section_path("about", lang), lang)
    assert (page.locator("h1").text_content() or "").startswith(strings(lang).about_title)


@pytest.mark.parametrize("lang", LANGS)
def test_the_drawer_menu_leads_to_the_about_page(page: Any, fixture_site: BuiltSite, lang: str) -> None:
    tab, home = ("Om", "") if lang == "nb" else ("About", "en/")
    _open(page, fixture_site, home, PHONE)
    assert not page.locator(".md-tabs").is_visible()
    page.locator(".md-header label[for=__drawer]").click()
    link = page.locator(".md-nav--primary").get_by_role("link", name=tab, exact=True)
    link.click()
    page.wait_for_load_state()
    assert page.url == fixture_site.url + pages.url_from_root(pages.section_path("about", lang), lang)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_about_page_has_no_axe_violations(page: Any, fixture_site: BuiltSite, lang: str,
                                              viewport: dict[str, int]) -> None:
    _open(page, fixture_site, pages.url_from_root(pages.section_path("about", lang), lang), viewport)
    assert axe_violations(page) == []


@pytest.mark.parametrize(("start", "target"), [("studier/alpha-2020/#q1", "en/studies/alpha-2020/#q1"),
                                               ("en/studies/alpha-2020/#r1", "studier/alpha-2020/#r1")])
def test_the_language_switch_keeps_the_anchor(page: Any, fixture_site: BuiltSite, start: str, target: str) -> None:
    _open(page, fixture_site, start, DESKTOP)
    page.locator(".fb-edition-switch").click()
    page.wait_for_load_state()
    assert page.url == fixture_site.url + target
    assert page.locator(f"[id='{target.rsplit('#', 1)[1]}']").is_visible()


def test_the_language_switch_keeps_the_search_query(page: Any, fixture_site: BuiltSite) -> None:
    _open(page, fixture_site, "sok/?q=håp", DESKTOP)
    page.locator(".fb-edition-switch").click()
    page.wait_for_load_state("networkidle")
    url = urlsplit(page.url)
    assert url.path == "/en/search/"
    assert parse_qs(url.query) == {"q": ["håp"]}


@pytest.fixture
def page_without_script(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_a_script_the_switch_leads_to_the_page(page_without_script: Any, fixture_site: BuiltSite) -> None:
    page = page_without_script
    page.goto(fixture_site.url + "studier/alpha-2020/#q1")
    page.locator(".fb-edition-switch").click()
    page.wait_for_load_state()
    assert page.url == fixture_site.url + "en/studies/alpha-2020/"
