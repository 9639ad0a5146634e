"""The English edition, citations, open data, accessibility, privacy and print, as readers meet them.

Every kind of page is opened in both languages in headless Chromium: axe-core (WCAG 2.1 A and AA
rules, and best practices) must report no violation of any impact, and the page must make no
request to any host but the site's own.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

# One page of every kind, in each edition (paths from the site's root).
PAGE_KINDS = {
    "home": ("", "en/"),
    "studies": ("studier/", "en/studies/"),
    "study": ("studier/rose-nakuhel-2016/", "en/studies/rose-nakuhel-2016/"),
    "thesis": ("studier/erfaringskonsulenter-2020/", "en/studies/erfaringskonsulenter-2020/"),
    "concepts": ("begreper/", "en/concepts/"),
    "concept": ("begreper/likepersonarbeid/", "en/concepts/likepersonarbeid/"),
    "themes": ("temaer/", "en/themes/"),
    "theme": ("temaer/tilhorighet-og-fellesskap/", "en/themes/tilhorighet-og-fellesskap/"),
    "knowledge_map": ("kunnskapskart/", "en/knowledge-map/"),
    "recommendations": ("anbefalinger/", "en/recommendations/"),
    "quotes": ("sitater/", "en/quotes/"),
    "data": ("data/", "en/data/"),
    "search": ("sok/?q=h%C3%A5p", "en/search/?q=hope"),
    "guide": ("veiledning/", "en/guide/"),
    "accessibility": ("tilgjengelighet/", "en/accessibility/"),
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


@pytest.mark.parametrize(("kind", "lang", "path"), ALL_PAGES, ids=[f"{k}-{lang}" for k, lang, _ in ALL_PAGES])
def test_no_axe_violations_and_no_foreign_requests(page, real_site, kind, lang, path) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    requested = _open(page, real_site, path)
    own = urlsplit(real_site.url).netloc
    assert [url for url in requested if urlsplit(url).netloc != own] == []
    assert page.evaluate("document.documentElement.lang") == lang
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert violations == []


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


def test_english_study_page_is_in_english_with_quotes_in_the_original(page, real_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(real_site.url + "en/studies/rose-nakuhel-2016/")
    assert page.locator("h1").text_content().startswith("The RoSe groups at NaKuHel")
    assert page.locator("h2#fakta").text_content().startswith("Facts")
    quote = page.locator("blockquote#q1")
    original = quote.locator("[lang=nb]").first
    assert original.text_content().startswith("«Så det er det å møtes jevnlig")
    translation = quote.locator(".fb-translation")
    assert translation.text_content().startswith("Translation: So it's meeting regularly")
    # Text that exists only in Norwegian says so and is marked as Norwegian.
    assert page.locator("#metode ~ div[lang=nb]").count() >= 1
    assert "In Norwegian, as in the report." in page.locator("article").text_content()


def test_english_search_finds_english_words(page, real_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(real_site.url + "en/concepts/")
    page.keyboard.press("/")
    page.keyboard.type("belonging")
    page.wait_for_selector(".fb-search-all a")
    assert urlsplit(page.locator(".fb-search-all a").get_attribute("href")).path == "/en/search/"
    page.goto(real_site.url + "en/search/?q=belonging&type=theme")
    page.wait_for_selector(".fb-result")
    links = [a.get_attribute("href") for a in page.locator(".fb-result-link").all()[:5]]
    assert "/en/themes/tilhorighet-og-fellesskap/" in links


def test_study_page_offers_citations_for_reference_managers(page, real_site) -> None:  # type: ignore[no-untyped-def]
    for path in ("studier/rose-nakuhel-2016/", "en/studies/rose-nakuhel-2016/"):
        page.goto(real_site.url + path)
        meta = dict(page.evaluate(
            "[...document.head.querySelectorAll('meta[name^=citation_]')].map(m => [m.name + '|' + m.content, 1])"))
        assert "citation_title|RoSe-gruppene i NaKuHel: En forskningsbasert evaluering av Likepersongruppene RoSe i NaKuHel" in meta
        assert "citation_author|Ness, Ottar" in meta and "citation_publication_date|2016" in meta
        jsonld = json.loads(page.locator("head script[type='application/ld+json']").text_content())
        assert jsonld["@type"] == "Report" and jsonld["datePublished"] == "2016"
        for name in ("cite.bib", "cite.ris", "cite.json"):
            link = page.locator(f"a[download][href$='{name}']")
            response = page.request.get(link.evaluate("a => a.href"))
            assert response.ok, name
            assert "Ness" in response.text()


def test_open_data_files_are_served_and_described(page, real_site) -> None:  # type: ignore[no-untyped-def]
    from funnbank.export import DATA_FIELDS

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
    assert len(rows) == 98


def test_print_hides_navigation_and_shows_where_links_go(page, real_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(real_site.url + "temaer/tilhorighet-og-fellesskap/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
        assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == "none", selector
    link = page.locator("article a[href^='../../studier/']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "studier" in after


def test_robots_txt_and_sitemap_are_in_place(real_site) -> None:  # type: ignore[no-untyped-def]
    assert (real_site.path / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *")
    assert (real_site.path / "sitemap.xml").exists()
