"""Search as readers use it: Pagefind in headless Chromium, over the real content.

Each query names what a reader looking for it expects among the first five results: a study (a
result on the study page or one of its findings, quotes or recommendations), a concept or a theme.

The queries are about the real content's words, so each one runs only while what it expects (and any
theme or year it filters on) is in the content; a maintainer who removes a study loses its queries, not
the build. One test asks that at least half of them run, so the list cannot quietly stop testing
anything: when it fails, the content has changed so much that QUERIES needs new cases. The other tests
pick their words from the loaded content.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from funnbank.loader import load_corpus
from funnbank.model import Study

from conftest import CONTENT, open_search
from search_filters import show_filters

pytestmark = pytest.mark.browser

CORPUS = load_corpus(CONTENT)

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


def missing_from_content(expected: str, filters: dict[str, list[str]]) -> str | None:
    """Why a query cannot be run on this content (what it expects or filters on is not there), or None."""
    section, id, *anchor = expected.strip("/").split("/")
    kind = {"studier": "studies", "begreper": "concepts", "temaer": "themes"}[section]
    items = {item.id: item for item in getattr(CORPUS, kind)}
    if id not in items:
        return f"{expected} is not in the content"
    if anchor and anchor[0].lstrip("#") not in {i.id for i in (*items[id].findings, *items[id].quotes,
                                                                *items[id].recommendations)}:
        return f"{expected} is not in the content"
    if any(label not in {t.label.nb for t in CORPUS.themes} for label in filters.get("theme", [])):
        return f"no theme is labelled {filters['theme']}"
    if kind == "studies" and any(str(items[id].year) != year for year in filters.get("year", [])):
        return f"{id} is not from {filters['year']}"
    return None


RUNNABLE = [q for q in QUERIES if missing_from_content(q[2], q[1]) is None]


def search_page(page, site, query: str, filters: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    params = ([("q", query)] if query else []) + [(k, v) for k, vs in filters.items() for v in vs]
    return open_search(page, site, params)


def top_links(page, n: int = 5) -> list[str]:  # type: ignore[no-untyped-def]
    return [link.get_attribute("href") for link in page.locator(".fb-result-link").all()[:n]]



@pytest.mark.parametrize(("query", "filters", "expected", "about"), QUERIES,
                         ids=[f"{q or '(no words)'}|{'+'.join(f)}" for q, f, _, _ in QUERIES])
def test_query_finds_what_a_reader_expects_in_the_top_five(page, real_site, query, filters, expected,
                                                           about) -> None:  # type: ignore[no-untyped-def]
    if (reason := missing_from_content(expected, filters)) is not None:
        pytest.skip(reason)
    search_page(page, real_site, query, filters)
    links = top_links(page)
    assert any(link.startswith(expected) for link in links), f"{about}: {expected} not in {links}"


def test_there_are_at_least_twenty_queries_and_most_of_them_run() -> None:
    assert len(QUERIES) >= 20
    assert len(RUNNABLE) >= len(QUERIES) / 2, (
        f"only {len(RUNNABLE)} of the {len(QUERIES)} search-quality queries find what they expect in the content: "
        "give QUERIES cases about the content as it is now")


def word_from(text: str) -> str:
    """The longest word of `text` (letters only): a search term that surely occurs where `text` is shown."""
    return max(re.findall(r"[^\W\d_]{4,}", text), key=len)


def a_finding_word_from_two_years() -> tuple[str, int]:
    """A word in findings of studies from two years (so a year filter narrows), and the earlier year."""
    def text(study: Study) -> str:
        return " ".join(f"{f.title} {f.summary.nb}" for f in study.findings)

    dated = [s for s in CORPUS.studies if s.year]
    for study in dated:
        for word in sorted(set(re.findall(r"[^\W\d_]{5,}", text(study))), key=lambda w: (-len(w), w)):
            years = {s.year for s in dated if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text(s), re.I)}
            if len(years) > 1:
                return word, min(years)  # type: ignore[type-var]
    pytest.skip("no word in the findings of studies from two different years")


def test_a_result_for_a_quote_jumps_to_the_quote(page, real_site) -> None:  # type: ignore[no-untyped-def]
    quote = next((q for s in CORPUS.studies for q in s.quotes), None)
    if quote is None:
        pytest.skip("no quote in the content")
    search_page(page, real_site, word_from(quote.text), {"type": ["sitat"]})
    first = page.locator(".fb-result-link").first
    href = first.get_attribute("href")
    assert "#" in href and href.startswith("/studier/")
    first.click()
    anchor = href.split("#", 1)[1]
    page.wait_for_url(f"**#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("el => el.matches(':target') && el.matches('blockquote.fb-quote')")


def test_filters_narrow_the_results_and_are_kept_in_the_url(page, real_site) -> None:  # type: ignore[no-untyped-def]
    # The word is in findings' own records and on their study pages, at least.
    word, year = a_finding_word_from_two_years()
    search_page(page, real_site, word, {})
    before = _count(page)
    show_filters(page).locator(".fb-filter input[name=type][value=funn]").check()
    page.wait_for_function(f"() => document.querySelector('.fb-search-status').textContent !== '{before} treff'")
    after = _count(page)
    assert 0 < after < before
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": [word], "type": ["funn"]}
    # The URL is shareable: opening it again gives the same filtered results.
    shared = page.context.new_page()
    shared.goto(page.url)
    shared.wait_for_function("() => document.querySelector('.fb-result')")
    assert _count(shared) == after
    assert show_filters(shared).locator(".fb-filter input[name=type][value=funn]").is_checked()
    # Two filters combine: fewer results again, every one from the chosen year.
    page.locator(f".fb-filter input[name=year][value='{year}']").check()
    page.wait_for_function(f"() => document.querySelector('.fb-search-status').textContent !== '{after} treff'")
    assert 0 < _count(page) < after
    same_year = tuple(f"/studier/{s.id}/" for s in CORPUS.studies if s.year == year)
    assert all(link.startswith(same_year) for link in top_links(page, 100))


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
    if not CORPUS.concepts:
        pytest.skip("no concept in the content")
    concept = CORPUS.concepts[0]
    page.goto(f"{real_site.url}studier/")
    page.keyboard.press("/")  # Material's shortcut, kept
    box = page.locator(".md-search__input")
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.type(concept.label.nb)
    page.wait_for_selector(".md-search-result__list .md-search-result__link")
    assert page.locator("#__search").is_checked()  # the results panel is open
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    first = page.locator(".md-search-result__list .md-search-result__link").first.get_attribute("href")
    assert focused == first  # which result comes first is the QUERIES' business
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{focused}")


def test_header_search_escape_closes_and_enter_opens_the_search_page(page, real_site) -> None:  # type: ignore[no-untyped-def]
    word = word_from(CORPUS.studies[0].findings[0].title)
    page.goto(real_site.url)
    page.keyboard.press("s")
    page.keyboard.type(word)
    page.wait_for_selector(".fb-search-all a")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("s")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/sok/?{urlencode({'q': word})}")
    page.wait_for_selector(".fb-result")
    assert page.locator("#fb-q").input_value() == word


def test_search_page_filters_work_with_the_keyboard(page, real_site) -> None:  # type: ignore[no-untyped-def]
    search_page(page, real_site, word_from(CORPUS.studies[0].findings[0].title), {})
    before = _count(page)
    show_filters(page).locator(".fb-filter input[name=type]").first.focus()
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
    corpus = CORPUS
    items = (sum(len(s.findings) + len(s.quotes) + len(s.recommendations) for s in corpus.studies)
             + sum(len(t.review_findings) for t in corpus.themes))
    pages = len(corpus.studies) + len(corpus.concepts) + len(corpus.themes)
    assert info["page_count"] == pages + items
