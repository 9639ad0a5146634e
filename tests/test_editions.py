"""The English edition, citations, open data, accessibility, privacy and print, as readers meet them.

Every kind of page is opened in both languages in headless Chromium, at phone (390×844) and desktop
(1280×900) size: axe-core (WCAG 2.0–2.2 A and AA rules with target-size, and best practices) must report
no violation of any impact, and the page must make no
request to any host but the site's own.

The pages are picked from the loaded content (the first study of each type, the first concept and
theme, ...), so the tests hold for any content.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote, urlsplit

import pytest

from funnbank.citation import full_title, split_name
from funnbank.index import build_index
from funnbank.loader import load_corpus
from funnbank.model import Study

from conftest import CONTENT, SIZES, axe_violations

pytestmark = pytest.mark.browser

CORPUS = load_corpus(CONTENT)
INDEX = build_index(CORPUS)


def _first(studies: list[Study]) -> Study | None:
    return studies[0] if studies else None


REPORT = _first([s for s in CORPUS.studies if s.type != "master_thesis"])
THESIS = _first([s for s in CORPUS.studies if s.type == "master_thesis"])
CONCEPT = CORPUS.concepts[0] if CORPUS.concepts else None
THEME = CORPUS.themes[0] if CORPUS.themes else None
QUOTED = next((theme for theme in CORPUS.themes if INDEX.quotes_by_theme[theme.id]), None)  # its quote bank page


def _pages(kind: str, nb: str, en: str, item: object = True) -> dict[str, tuple[str, str]]:
    """A page kind with its paths in each edition, when the content has such a page."""
    return {kind: (nb, en)} if item else {}


# One page of every kind the content has, in each edition (paths from the site's root).
PAGE_KINDS = {
    **_pages("home", "", "en/"),
    **_pages("studies", "studier/", "en/studies/"),
    **_pages("study", f"studier/{REPORT and REPORT.id}/", f"en/studies/{REPORT and REPORT.id}/", REPORT),
    **_pages("thesis", f"studier/{THESIS and THESIS.id}/", f"en/studies/{THESIS and THESIS.id}/", THESIS),
    **_pages("concepts", "begreper/", "en/concepts/"),
    **_pages("concept", f"begreper/{CONCEPT and CONCEPT.id}/", f"en/concepts/{CONCEPT and CONCEPT.id}/", CONCEPT),
    **_pages("themes", "temaer/", "en/themes/"),
    **_pages("theme", f"temaer/{THEME and THEME.id}/", f"en/themes/{THEME and THEME.id}/", THEME),
    **_pages("knowledge_map", "kunnskapskart/", "en/knowledge-map/"),
    **_pages("recommendations", "anbefalinger/", "en/recommendations/"),
    **_pages("quotes", "sitater/", "en/quotes/"),
    **_pages("quotes_theme", f"sitater/{QUOTED and QUOTED.id}/", f"en/quotes/{QUOTED and QUOTED.id}/", QUOTED),
    **_pages("about", "om/", "en/about/"),
    **_pages("data", "data/", "en/data/"),
    # A search with results: a concept's label finds at least its page.
    **_pages("search", f"sok/?q={quote(CONCEPT.label.nb) if CONCEPT else ''}",
             f"en/search/?q={quote(CONCEPT.label.in_lang('en')) if CONCEPT else ''}", CONCEPT),
    **_pages("guide", "veiledning/", "en/guide/"),
    **_pages("accessibility", "tilgjengelighet/", "en/accessibility/"),
}
ALL_PAGES = [(kind, lang, paths[i]) for kind, paths in PAGE_KINDS.items() for i, lang in enumerate(("nb", "en"))]



def _open(page, site, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Open a page and let it settle (search results included); return every URL it requested."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site.url + path)
    page.wait_for_load_state("networkidle")
    if "q=" in path:
        page.wait_for_selector(".fb-result")
    return requested


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("kind", "lang", "path"), ALL_PAGES, ids=[f"{k}-{lang}" for k, lang, _ in ALL_PAGES])
def test_no_axe_violations_and_no_foreign_requests(page, real_site, kind, lang, path, size) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(SIZES[size])
    requested = _open(page, real_site, path)
    own = urlsplit(real_site.url).netloc
    assert [url for url in requested if urlsplit(url).netloc != own] == []
    assert page.evaluate("document.documentElement.lang") == lang
    assert axe_violations(page) == []


@pytest.mark.parametrize(("kind", "lang", "path"), ALL_PAGES, ids=[f"{k}-{lang}" for k, lang, _ in ALL_PAGES])
def test_the_language_switch_leads_to_the_same_page(page, real_site, kind, lang, path) -> None:  # type: ignore[no-untyped-def]
    page.goto(real_site.url + path.split("?")[0])
    switch = page.locator("a.fb-edition-switch")
    other = "en" if lang == "nb" else "nb"
    assert switch.get_attribute("hreflang") == other
    switch.click()
    page.wait_for_load_state("domcontentloaded")
    others = dict(zip(("nb", "en"), PAGE_KINDS[kind], strict=True))
    assert urlsplit(page.url).path == "/" + others[other].split("?")[0]
    assert page.evaluate("document.documentElement.lang") == other


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def test_english_study_page_is_in_english_with_quotes_in_the_original(page, real_site) -> None:  # type: ignore[no-untyped-def]
    study = next((s for s in CORPUS.studies if s.title_en and s.research_questions and any(
        q.translation_en for q in s.quotes)), None)
    if study is None:
        pytest.skip("no study with an English title, research questions and a translated quote")
    page.goto(real_site.url + f"en/studies/{study.id}/")
    assert _words(study.title_en) in _words(page.locator("h1").text_content())
    assert page.locator("h2#fakta").text_content().startswith("Facts")
    translated = next(q for q in study.quotes if q.translation_en)
    quote = page.locator(f"blockquote[id='{translated.id}']")
    original = quote.locator("[lang=nb]").first
    assert _words(original.text_content()).startswith("«" + _words(translated.text)[:40])
    translation = quote.locator(".fb-translation")
    assert _words(translation.text_content()).startswith("Translation: " + _words(translated.translation_en)[:40])
    # The research questions: the bank's English summary with the Norwegian original beside it, collapsed and
    # marked as Norwegian; without a summary, the Norwegian only, saying so (tests/test_reader_pages.py).
    if study.english and study.english.aims:
        assert _words(study.english.aims) in _words(page.locator("article").text_content())
        assert page.locator("#forskningssporsmal ~ details.fb-original div[lang=nb]").count() >= 1
    else:
        assert page.locator("#forskningssporsmal ~ div[lang=nb]").count() >= 1
        assert "In Norwegian, as in the report." in page.locator("article").text_content()


def test_english_search_finds_english_words(page, real_site) -> None:  # type: ignore[no-untyped-def]
    theme = next((t for t in CORPUS.themes if t.label.en), None)
    if theme is None:
        pytest.skip("no theme with an English label")
    page.goto(real_site.url + "en/concepts/")
    page.keyboard.press("/")
    page.keyboard.type(theme.label.en)
    page.wait_for_selector(".fb-search-all a")
    assert urlsplit(page.locator(".fb-search-all a").get_attribute("href")).path == "/en/search/"
    page.goto(real_site.url + f"en/search/?q={quote(theme.label.en)}&type=theme")
    page.wait_for_selector(".fb-result")
    links = [a.get_attribute("href") for a in page.locator(".fb-result-link").all()[:5]]
    assert f"/en/themes/{theme.id}/" in links


def test_study_page_offers_citations_for_reference_managers(page, real_site) -> None:  # type: ignore[no-untyped-def]
    study = next((s for s in CORPUS.studies if s.authors and s.year), None)
    if study is None:
        pytest.skip("no study with authors and a year")
    given, family = split_name(study.authors[0].name)
    for path in (f"studier/{study.id}/", f"en/studies/{study.id}/"):
        page.goto(real_site.url + path)
        meta = dict(page.evaluate(
            "[...document.head.querySelectorAll('meta[name^=citation_]')].map(m => [m.name + '|' + m.content, 1])"))
        assert f"citation_title|{_words(full_title(study))}" in meta
        assert f"citation_author|{family}, {given}" in meta if given else f"citation_author|{family}" in meta
        assert f"citation_publication_date|{study.year}" in meta
        jsonld = json.loads(page.locator("head script[type='application/ld+json']").text_content())
        assert jsonld["@type"] == ("Thesis" if study.type == "master_thesis" else "Report")
        assert jsonld["datePublished"] == str(study.year)
        for name in ("cite.bib", "cite.ris", "cite.json"):
            link = page.locator(f"a[download][href$='{name}']")
            response = page.request.get(link.evaluate("a => a.href"))
            assert response.ok, name
            assert family in response.text()


def test_open_data_files_are_served_and_described(page, real_site) -> None:  # type: ignore[no-untyped-def]
    from funnbank.datadocs import DATA_FIELDS

    for path, lang in (("data/", "nb"), ("en/data/", "en")):
        page.goto(real_site.url + path)
        text = page.locator("article").text_content()
        for file_path, fields in DATA_FIELDS.items():
            link = page.locator(f"a[href$='{file_path.split('/')[-1]}']").first
            response = page.request.get(link.evaluate("a => a.href"))
            assert response.ok, file_path
            for name, description in fields:
                assert name in text and getattr(description, lang)[:30].replace("`", "") in text.replace("`", "")
    rows = list(csv.DictReader(io.StringIO(page.request.get(real_site.url + "data/quotes.csv").text())))
    assert len(rows) == sum(len(study.quotes) for study in CORPUS.studies)


def test_print_hides_navigation_and_shows_where_outside_links_go(page, real_site) -> None:  # type: ignore[no-untyped-def]
    theme = next((t for t in CORPUS.themes if INDEX.studies_by_theme[t.id]), None)
    if theme is None:
        pytest.skip("no theme that draws on a study")
    page.goto(real_site.url + f"temaer/{theme.id}/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
        assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == "none", selector
    # A link inside the site prints as its words: its relative path means nothing on paper.
    link = page.locator("article a[href^='../../studier/']").first
    assert link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    # A link to another site prints its address after it.
    page.goto(real_site.url + "slik-vurderer-vi/")
    page.emulate_media(media="print")
    outside = page.locator("article a[href^='http']").first
    assert "http" in outside.evaluate("a => getComputedStyle(a, '::after').content")


def test_robots_txt_and_sitemap_are_in_place(real_site) -> None:  # type: ignore[no-untyped-def]
    assert (real_site.path / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *")
    assert (real_site.path / "sitemap.xml").exists()
