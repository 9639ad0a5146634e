"""Search as readers use it: Pagefind in headless Chromium, over the real content.

Each query names what a reader looking for it expects among the first five results: a study (a
result on the study page or one of its findings, quotes or recommendations), a concept or a theme.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

pytestmark = pytest.mark.browser

# (query, filters, expected URL prefix among the top 5, what the case is about)
QUERIES = [
    ("erfaringskonsulentene", {}, "/begreper/erfaringskonsulent/", "inflected: definite plural"),
    ("likepersongruppene", {}, "/begreper/likepersongrupper/", "inflected: definite plural"),
    ("selvhjelpsgruppene", {}, "/studier/selvhjelpsgrupper-2017/", "inflected"),
    ("fagdagene", {}, "/studier/et-bedre-liv-2024/", "inflected"),
    ("salutogenesen", {}, "/begreper/salutogenese/", "inflected: definite singular"),
    ("mestringsopplevelser", {}, "/begreper/mestring/", "inflected alias"),
    ("treffstedene", {}, "/studier/treffstedene-trondheim/", "inflected"),
    ("meningsfull aktivitet", {}, "/begreper/meningsfull-aktivitet/", "multi-word"),
    ("rusfritt nettverk", {}, "/studier/erfaringskonsulenter-2020/", "multi-word"),
    ("lederløse grupper", {}, "/begreper/selvorganisert-selvhjelp/", "multi-word alias"),
    ("trygg bolig", {}, "/begreper/bolig-og-okonomi/", "multi-word: housing"),
    ("peer support", {}, "/begreper/likepersonarbeid/", "synonym (English)"),
    ("likemann", {}, "/begreper/likepersonarbeid/", "synonym (older Norwegian term)"),
    ("sense of coherence", {}, "/begreper/opplevelse-av-sammenheng/", "synonym (English)"),
    ("myndiggjøring", {}, "/begreper/empowerment/", "synonym (Norwegian for empowerment)"),
    ("drop-in", {}, "/begreper/treffsted/", "synonym"),
    ("arbeidstrening", {}, "/begreper/arbeid-og-inkludering/", "synonym"),
    ("Asker", {}, "/studier/rose-nakuhel-2016/", "a place"),
    ("tilhørighet", {"type": ["tema"]}, "/temaer/tilhorighet-og-fellesskap/", "filter: kind"),
    ("likeverdige relasjoner", {"type": ["tema"]}, "/temaer/likeverdige-relasjoner/", "filter: kind, multi-word"),
    ("håp", {"type": ["begrep"]}, "/begreper/haap/", "filter: kind"),
    ("Asker", {"type": ["studie"]}, "/studier/rose-nakuhel-2016/", "filter: kind"),
    ("ansettelse", {"type": ["anbefaling"]}, "/studier/erfaringskonsulenter-2020/#r7", "filter: a recommendation"),
    ("selvhjelp", {"year": ["2017"]}, "/studier/selvhjelpsgrupper-2017/", "filter: year"),
    ("", {"theme": ["Veien til arbeid"], "type": ["studie"]}, "/studier/rose-nakuhel-2016/", "filters only"),
    ("nettverk", {"audience": ["Kommunale tjenester"], "type": ["anbefaling"]},
     "/studier/erfaringskonsulenter-2020/", "filters: audience and kind"),
    ("håpet", {"service": ["Brukerstyrte seminardager"]}, "/studier/et-bedre-liv-2024/", "filter: kind of service"),
]


def search_page(page, site, query: str, filters: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    params = ([("q", query)] if query else []) + [(k, v) for k, vs in filters.items() for v in vs]
    page.goto(f"{site.url}sok/?{urlencode(params)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('.fb-search-status');"
        " return s && s.textContent && (document.querySelector('.fb-result') ||"
        " !document.querySelector('.fb-no-results').hidden); }")
    return page


def top_links(page, n: int = 5) -> list[str]:  # type: ignore[no-untyped-def]
    return [link.get_attribute("href") for link in page.locator(".fb-result-link").all()[:n]]



@pytest.mark.parametrize(("query", "filters", "expected", "about"), QUERIES,
                         ids=[f"{q or '(no words)'}|{'+'.join(f)}" for q, f, _, _ in QUERIES])
def test_query_finds_what_a_reader_expects_in_the_top_five(page, real_site, query, filters, expected,
                                                           about) -> None:  # type: ignore[no-untyped-def]
    search_page(page, real_site, query, filters)
    links = top_links(page)
    assert any(link.startswith(expected) for link in links), f"{about}: {expected} not in {links}"


def test_there_are_at_least_twenty_queries() -> None:
    assert len(QUERIES) >= 20


def test_a_result_for_a_quote_jumps_to_the_quote(page, real_site) -> None:  # type: ignore[no-untyped-def]
    search_page(page, real_site, "lei av", {"type": ["sitat"]})
    first = page.locator(".fb-result-link").first
    href = first.get_attribute("href")
    assert "#" in href and href.startswith("/studier/")
    first.click()
    anchor = href.split("#", 1)[1]
    page.wait_for_url(f"**#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("el => el.matches(':target') && el.matches('blockquote.fb-quote')")


def test_filters_narrow_the_results_and_are_kept_in_the_url(page, real_site) -> None:  # type: ignore[no-untyped-def]
    search_page(page, real_site, "håp", {})
    before = _count(page)
    page.locator(".fb-filter input[name=type][value=funn]").check()
    page.wait_for_function(f"() => document.querySelector('.fb-search-status').textContent !== '{before} treff'")
    after = _count(page)
    assert 0 < after < before
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["håp"], "type": ["funn"]}
    # The URL is shareable: opening it again gives the same filtered results.
    shared = page.context.new_page()
    shared.goto(page.url)
    shared.wait_for_function("() => document.querySelector('.fb-result')")
    assert _count(shared) == after
    assert shared.locator(".fb-filter input[name=type][value=funn]").is_checked()
    # Two filters combine: fewer (or as many) results again, every one from the chosen year.
    page.locator(".fb-filter input[name=year][value='2024']").check()
    page.wait_for_function(f"() => document.querySelector('.fb-search-status').textContent !== '{after} treff'")
    assert 0 < _count(page) <= after
    assert all(link.startswith("/studier/et-bedre-liv-2024/") for link in top_links(page, 100))


def _count(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.locator(".fb-search-status").text_content().split()[0])


def test_no_results_says_so_and_points_to_concepts_and_themes(page, real_site) -> None:  # type: ignore[no-untyped-def]
    search_page(page, real_site, "qwxyzzyq", {})
    hint = page.locator(".fb-no-results")
    assert hint.is_visible()
    assert page.locator(".fb-search-status").text_content() == "Ingen treff"
    targets = [a.get_attribute("href") for a in hint.locator("a").all()]
    assert targets == ["../begreper/", "../temaer/"]


def test_header_search_with_the_keyboard_only(page, real_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{real_site.url}studier/")
    page.keyboard.press("/")  # Material's shortcut, kept
    box = page.locator(".md-search__input")
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.type("likemann")
    page.wait_for_selector(".md-search-result__list .md-search-result__link")
    assert page.locator("#__search").is_checked()  # the results panel is open
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "/begreper/likepersonarbeid/"
    page.keyboard.press("Enter")
    page.wait_for_url("**/begreper/likepersonarbeid/")
    assert page.locator("h1").text_content().startswith("Likepersonarbeid")


def test_header_search_escape_closes_and_enter_opens_the_search_page(page, real_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(real_site.url)
    page.keyboard.press("s")
    page.keyboard.type("fagdag")
    page.wait_for_selector(".fb-search-all a")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("s")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=fagdag")
    page.wait_for_selector(".fb-result")
    assert page.locator("#fb-q").input_value() == "fagdag"


def test_search_page_filters_work_with_the_keyboard(page, real_site) -> None:  # type: ignore[no-untyped-def]
    search_page(page, real_site, "arbeid", {})
    before = _count(page)
    page.locator(".fb-filter input[name=type]").first.focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.querySelector('.fb-search-status').textContent !== '{before} treff'")
    assert _count(page) < before
    assert "type=" in page.url
    # Focus stays on the filter that was just used, so the reader can go on from there.
    assert page.evaluate("document.activeElement.name") == "type"


def test_the_built_in_search_is_gone(real_site) -> None:  # type: ignore[no-untyped-def]
    assert not (real_site.path / "search").exists()
    html = (real_site.path / "index.html").read_text(encoding="utf-8")
    assert "lunr" not in html and "search_index.json" not in html
    assert (real_site.path / "pagefind" / "pagefind.js").exists()


def test_only_study_concept_and_theme_pages_are_indexed_as_pages(real_site) -> None:  # type: ignore[no-untyped-def]
    import json

    entry = json.loads((real_site.path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language, info), = entry["languages"].items()
    assert language == "nb" and info["wasm"] == "nb"  # Norwegian stemming
    from funnbank.loader import load_corpus

    from conftest import ROOT

    corpus = load_corpus(ROOT / "content")
    items = sum(len(s.findings) + len(s.quotes) + len(s.recommendations) for s in corpus.studies)
    pages = len(corpus.studies) + len(corpus.concepts) + len(corpus.themes)
    assert info["page_count"] == pages + items
