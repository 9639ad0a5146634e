"""Search ranks what readers want, and shows it usefully: issue 16's reader questions on the real content.

(a) "erfaringskonsulent arbeid": the peer workers' study, or one of its findings, among the first three,
    above every concept and theme page. (b) "håp" in quotes by participants: at least two, each with its
    source. (c) Recommendations for municipal services about belonging: at least one.

The browser tests run Pagefind in Chromium on the real content, built once per session (`real_site`);
what they expect is read from the loaded content and the vocabularies, not counted, so they hold while
the content grows. The first tests check the index's records and pages directly, without a browser.
"""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import pytest

from funnbank import names, search, vocab
from funnbank.i18n import strings
from funnbank.index import build_index
from funnbank.loader import load_corpus
from funnbank.markup import shorten
from funnbank.model import Study

from conftest import CONTENT, DESKTOP, PHONE, BuiltSite, axe_violations, open_search
from search_filters import show_filters

CORPUS = load_corpus(CONTENT)
INDEX = build_index(CORPUS)
NB, EN = strings("nb"), strings("en")
PEER_WORKERS = "erfaringskonsulenter-2020"
# A concept's or theme's own page (a review finding's result is at an anchor on a theme page).
OVERVIEW_PAGE = re.compile(r"^/(?:en/)?(?:begreper|temaer|concepts|themes)/[a-z0-9-]+/$")


def records(lang: str) -> list[search.SearchRecord]:
    return list(search.item_records(CORPUS, INDEX.backlinks, lang))


# --- the index, without a browser ------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nb", "en"])
def test_an_item_names_its_study_by_the_short_name_in_the_edition_s_language(lang: str) -> None:
    short = {names.short_name(s, lang) for s in CORPUS.studies}
    studied = [r for r in records(lang) if r.filters["type"][0] != strings(lang).kind_review_finding]
    assert studied and all(r.context in short for r in studied)
    assert all(set(r.filters.get("study", [])) <= short for r in records(lang))
    if lang == "en" and any(s.short_name and s.short_name.en for s in CORPUS.studies):
        assert not {r.context for r in studied} <= {names.short_name(s, "nb") for s in CORPUS.studies}


def test_a_quote_is_filtered_by_who_speaks_and_shows_its_source() -> None:
    for record in records("nb"):
        if record.filters["type"] != [NB.kind_quote]:
            continue
        study, anchor = item_of(record.url)
        quote = next(q for q in study.quotes if q.id == anchor)
        assert record.filters["speaker"] == [vocab.SPEAKER_ROLES[quote.speaker_role].nb]
        assert record.source.startswith(vocab.SPEAKER_ROLES[quote.speaker_role].nb)
        assert record.source.endswith(names.location_in(quote.location, "nb"))
        # The title is the quote's words only: it is searched, and weighs five times the text.
        assert record.title == f"«{shorten(quote.text)}»"
    assert search.value_orders("en")["speaker"] == [label.en for label in vocab.SPEAKER_ROLES.values()]


def test_a_search_without_words_lists_what_the_studies_found_before_the_pages() -> None:
    order = {r.filters["type"][0]: r.order for r in records("nb")}
    values = search.FilterValues(CORPUS, INDEX.backlinks, "nb")
    study_page = search.page_search(values, "study", CORPUS.studies[0])
    theme_page = search.page_search(values, "theme", CORPUS.themes[0])
    assert order[NB.kind_finding] < order[NB.kind_quote] < study_page.order < theme_page.order
    assert len({len(r.order) for r in records("nb")} | {len(study_page.order)}) == 1  # compared as text or numbers


def test_a_page_s_teaser_is_its_own_summary_and_a_concept_is_found_by_all_its_names() -> None:
    values = search.FilterValues(CORPUS, INDEX.backlinks, "en")
    study = CORPUS.studies[0]
    teaser = search.page_search(values, "study", study).meta["teaser"]
    assert study.summary.in_lang("en").startswith(teaser.removesuffix(" …"))
    concept = next((c for c in CORPUS.concepts if c.aliases.nb or c.aliases.en), None)
    if concept is None:
        pytest.skip("no concept with aliases")
    described = search.page_search(values, "concept", concept)
    assert all(alias in described.meta["names"] for alias in [*concept.aliases.nb, *concept.aliases.en])
    assert described.weight is not None and described.weight < 1  # its text weighs less than a study's


def fragments(site: BuiltSite, edition: str = "") -> dict[str, dict[str, Any]]:
    """The index's fragments (what Pagefind keeps of each page and record), by URL."""
    out = {}
    for path in (site.path / edition / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        out[fragment["url"]] = fragment
    return out


@pytest.mark.browser  # needs the built real site
def test_concept_and_theme_pages_are_not_indexed_by_what_they_repeat(real_site: BuiltSite) -> None:
    indexed = fragments(real_site)
    checked = 0
    for theme in CORPUS.themes:
        text = " ".join(indexed[f"/temaer/{theme.id}/"]["content"].split())
        shown = [m.item.text for m in INDEX.quotes_by_theme[theme.id]]  # type: ignore[union-attr]
        shown += [m.item.summary.nb for m in INDEX.findings_by_theme[theme.id]]  # type: ignore[union-attr]
        own = " ".join(f"{theme.description.nb} {theme.tagline.nb if theme.tagline else ''}".split())
        for words in shown:
            start = " ".join(words.split())[:60]
            if start not in own:  # a description may repeat a finding in its own words
                assert start not in text, f"the theme page {theme.id} is indexed with {words!r}"
                checked += 1
    for concept in CORPUS.concepts:
        text = " ".join(indexed[f"/begreper/{concept.id}/"]["content"].split())
        own = f"{concept.definition.nb} {' '.join(concept.aliases.nb)}"
        for study in INDEX.studies_by_concept[concept.id]:
            if study.title not in own:
                assert study.title not in text, f"the concept page {concept.id} is indexed with a study's title"
                checked += 1
    assert checked > 0


# --- in Chromium ------------------------------------------------------------------------------------

def links(page: Any) -> list[str]:
    return [a.get_attribute("href") for a in page.locator(".fb-result-link").all()]


def item_of(link: str) -> tuple[Study, str]:
    study_id, anchor = re.fullmatch(r"/studier/([a-z0-9-]+)/#([a-z0-9-]+)", link).groups()  # type: ignore[union-attr]
    return CORPUS.study(study_id), anchor


@pytest.mark.browser
def test_a_the_peer_workers_study_comes_before_concept_and_theme_pages(page: Any, real_site: BuiltSite) -> None:
    if PEER_WORKERS not in {s.id for s in CORPUS.studies}:
        pytest.skip(f"{PEER_WORKERS} is not in the content")
    found = links(open_search(page, real_site, [("q", "erfaringskonsulent arbeid")]))
    first = next((i for i, link in enumerate(found) if link.startswith(f"/studier/{PEER_WORKERS}/")), None)
    assert first is not None and first < 3, found[:5]
    assert not [link for link in found[:first] if OVERVIEW_PAGE.match(link)], found[:first + 1]


@pytest.mark.browser
def test_b_hope_in_participants_words_each_quote_with_its_source(page: Any, real_site: BuiltSite) -> None:
    participant = vocab.SPEAKER_ROLES["participant"].nb
    open_search(page, real_site, [("q", "håp"), ("type", NB.kind_quote), ("speaker", participant)])
    results = page.locator(".fb-result").all()
    assert len(results) >= 2
    for result in results:
        study, anchor = item_of(result.locator(".fb-result-link").get_attribute("href"))
        quote = next(q for q in study.quotes if q.id == anchor)
        assert quote.speaker_role == "participant"
        source = result.locator(".fb-result-source").text_content()
        assert source.startswith(f"— {participant}") and names.location_in(quote.location, "nb") in source
        assert names.short_name(study, "nb") in result.locator(".fb-result-context").text_content()


@pytest.mark.browser
@pytest.mark.parametrize("how", ["words", "theme filter"])
def test_c_recommendations_for_municipal_services_on_belonging(page: Any, real_site: BuiltSite, how: str) -> None:
    theme = next((t for t in CORPUS.themes if t.id == "tilhorighet-og-fellesskap"), None)
    if theme is None:
        pytest.skip("no theme tilhorighet-og-fellesskap in the content")
    about = [("q", "tilhørighet")] if how == "words" else [("theme", theme.label.nb)]
    open_search(page, real_site, [*about, ("type", NB.kind_recommendation),
                                  ("audience", vocab.AUDIENCES["municipal_services"].nb)])
    found = links(page)
    assert found
    for link in found:
        study, anchor = item_of(link)
        rec = next(r for r in study.recommendations if r.id == anchor)
        assert "municipal_services" in rec.audience


@pytest.mark.browser
def test_a_search_without_words_shows_each_result_s_own_teaser(page: Any, real_site: BuiltSite) -> None:
    theme = CORPUS.themes[0]
    open_search(page, real_site, [("theme", theme.label.nb)])
    found = links(page)
    # What the studies found first; the pages that hold it after.
    kinds = ["item" if "#" in link else "page" for link in found]
    assert kinds == sorted(kinds, key=lambda kind: kind == "page")
    teasers = page.locator(".fb-result-teaser").all_text_contents()
    assert teasers and not [t for t in teasers if NB.fact in t and NB.value in t]  # "Fakta. Opplysning Verdi …"
    open_search(page, real_site, [("theme", theme.label.nb), ("type", NB.kind_study)])
    for result in page.locator(".fb-result").all():
        study_id = result.locator(".fb-result-link").get_attribute("href").split("/")[2]
        teaser = result.locator(".fb-result-teaser").text_content()
        assert CORPUS.study(study_id).summary.nb.startswith(teaser.removesuffix(" …"))


@pytest.mark.browser
def test_the_english_edition_names_studies_in_english(page: Any, real_site: BuiltSite) -> None:
    study = next((s for s in CORPUS.studies if s.short_name and s.short_name.en and s.findings), None)
    if study is None:
        pytest.skip("no study with an English short name")
    english = names.short_name(study, "en")
    open_search(page, real_site, [("type", EN.kind_finding), ("study", english)], "en/")
    contexts = page.locator(".fb-result-context").all_text_contents()
    assert contexts and all(c == f"{EN.kind_finding} · {english}" for c in contexts)


@pytest.mark.browser
def test_show_more_is_there_only_while_there_are_more_and_shows_them(page: Any, real_site: BuiltSite) -> None:
    # No result, or one page of them: no button (seen, not only marked `hidden`: Material's button style
    # would show it anyway).
    open_search(page, real_site, [("q", "qwxyzzyq")])
    assert page.locator(".fb-search-more").is_hidden()
    open_search(page, real_site, [("type", NB.kind_theme)])
    assert page.locator(".fb-result").count() == len(CORPUS.themes)
    assert page.locator(".fb-search-more").is_hidden()
    # More than a page: the button shows the next ones, and goes with the last.
    open_search(page, real_site, [("type", NB.kind_quote)])
    total = int(page.locator(".fb-search-status").text_content().split()[0])
    if total <= 20:
        pytest.skip("20 quotes or fewer: one page of results")
    more = page.locator(".fb-search-more")
    while page.locator(".fb-result").count() < total:
        assert more.is_visible()
        before = page.locator(".fb-result").count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('.fb-result').length > {before}")
    assert more.is_hidden()
    assert len(set(links(page))) == total


@pytest.mark.browser
def test_on_a_phone_the_results_come_before_the_filters(page: Any, real_site: BuiltSite) -> None:
    page.set_viewport_size(PHONE)
    open_search(page, real_site, [("q", "håp"), ("type", NB.kind_quote)])
    fold = page.locator("details.fb-filters-box")
    assert not fold.evaluate("el => el.open")
    assert page.locator(".fb-filters-count").text_content() == f"({NB.js_filters_chosen.replace('{n}', '1')})"
    assert page.locator(".fb-result").first.bounding_box()["y"] < PHONE["height"] / 2
    assert show_filters(page).locator(".fb-filter input[name=type]").first.is_visible()
    # On a desktop a shared link's chosen filters are shown beside the results; without any chosen,
    # the filters stay folded until the reader opens them.
    page.set_viewport_size(DESKTOP)
    open_search(page, real_site, [("q", "håp"), ("type", NB.kind_quote)])
    assert fold.evaluate("el => el.open")
    open_search(page, real_site, [("q", "håp")])
    assert not fold.evaluate("el => el.open")
    assert page.locator(".fb-filters-count").text_content() == ""


@pytest.mark.browser
def test_a_first_search_fetches_no_filter_values_until_the_filters_are_opened(page: Any, real_site: BuiltSite) -> None:
    """Every filter's values are most of what a first search would fetch at a thousand studies."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    open_search(page, real_site, [("q", "håp")])
    page.wait_for_load_state("networkidle")
    # At most the `overview` marker's pages, which search.js ranks by (search.OVERVIEW_FILTER).
    first = [url for url in fetched if "/pagefind/filter/" in url]
    assert len(first) <= 1
    shown = show_filters(page).locator(".fb-filter legend").all_text_contents()
    assert len([url for url in fetched if "/pagefind/filter/" in url]) > len(first)
    assert len(shown) > 3  # every filter with a value among the results, not only the ones in use


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_search_page_passes_axe_with_wcag_2_2_target_sizes(page: Any, real_site: BuiltSite,
                                                               viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    open_search(page, real_site, [("q", "håp")])
    show_filters(page)  # the filters' boxes shown
    page.locator("details.fb-filter-rest").evaluate_all("els => els.forEach(el => el.open = true)")
    assert axe_violations(page) == []
    boxes = page.locator(".fb-filter input[type=checkbox]").all()
    assert boxes and all(b.bounding_box()["width"] >= 24 and b.bounding_box()["height"] >= 24 for b in boxes)
