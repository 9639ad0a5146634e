"""Pages as readers meet them: headless Chromium (Debian's), driven by Playwright.

Every test uses the shared `page` fixture (tests/conftest.py), which fails the test when a script on the
page throws. The fixture site's pages are known; on the real site the tests pick their study, theme and
concept from the loaded content, so they hold for any content.
"""

from __future__ import annotations

import pytest

from funnbank.index import build_index
from funnbank.loader import load_corpus
from funnbank.model import Concept, Study, Theme

from conftest import CONTENT

pytestmark = pytest.mark.browser

CORPUS = load_corpus(CONTENT)
INDEX = build_index(CORPUS)


def reader_path() -> tuple[Theme, Study, Concept]:
    """A theme, one of its studies, and a concept of that study that another study uses too."""
    for theme in CORPUS.themes:
        for study in INDEX.studies_by_theme[theme.id]:
            for concept in INDEX.concepts_of_study[study.id]:
                if len(INDEX.studies_by_concept[concept]) >= 2:
                    return theme, study, CORPUS.concept(concept)
    pytest.skip("no theme with a study whose concept another study uses too")


def test_study_page_shows_hostile_text_as_text_and_runs_none_of_it(page, fixture_site) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(fixture_site.url + "studier/alpha-2020/")
    assert page.title().startswith("Alfa-gruppene")
    body = page.inner_text("article")
    assert "<script>alert(1)</script>" in body
    assert "{{ ikke jinja }}" in body
    assert "[en lenke](javascript:alert(1))" in body
    assert dialogs == []
    assert page.locator("article script").count() == 0
    assert page.locator("article a[href^='javascript']").count() == 0


def test_anchors_of_findings_quotes_and_recommendations_resolve(page, fixture_site) -> None:  # type: ignore[no-untyped-def]
    for anchor in ("fellesskap", "tempo", "q1", "q2", "r1"):
        page.goto(fixture_site.url + f"studier/alpha-2020/#{anchor}")
        assert page.locator(f"[id='{anchor}']").is_visible(), anchor


def test_a_reader_can_go_from_home_to_theme_to_study_to_concept(page, fixture_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(fixture_site.url)
    page.get_by_role("link", name="Tilhørighet og fellesskap").first.click()
    assert page.url.endswith("/temaer/tilhorighet/")
    page.locator("article").get_by_role("link", name="Alfa-gruppene").first.click()
    assert "/studier/alpha-2020/" in page.url
    page.locator("article").get_by_role("link", name="Håp").first.click()
    assert page.url.endswith("/begreper/haap/")
    assert "Troen på at noe kan bli bedre." in page.inner_text("article")


def test_real_study_page_opens_with_its_findings(page, real_site) -> None:  # type: ignore[no-untyped-def]
    study = CORPUS.studies[0]
    page.goto(real_site.url + f"studier/{study.id}/")
    assert " ".join(study.title.split()) in page.title()
    for finding in study.findings:
        assert page.locator(f"article [id='{finding.id}']").is_visible(), finding.id
    assert page.locator("article blockquote.fb-quote").count() == len(study.quotes)


def test_reader_path_home_theme_study_quote_concept_other_study(page, real_site) -> None:  # type: ignore[no-untyped-def]
    theme, study, concept = reader_path()
    page.goto(real_site.url)
    page.locator(f"article a[href$='temaer/{theme.id}/']").first.click()
    assert page.url.endswith(f"/temaer/{theme.id}/")
    page.locator(f"article h3[id='{study.id}'] a:not(.headerlink)").click()
    assert page.url.endswith(f"/studier/{study.id}/")
    quote = page.locator("article blockquote.fb-quote").first
    quote_id = quote.get_attribute("id")
    page.goto(page.url + f"#{quote_id}")
    assert page.locator(f"blockquote[id='{quote_id}']").is_visible()
    page.locator(f"#begreper ~ p a[href$='begreper/{concept.id}/']").first.click()
    assert page.url.endswith(f"/begreper/{concept.id}/")
    other = page.locator(f"article h3:not([id='{study.id}']) a:not(.headerlink)").first
    other_title = other.inner_text()
    other.click()
    assert "/studier/" in page.url and study.id not in page.url
    assert page.locator("article h1").inner_text().startswith(other_title.rstrip("."))


def test_studies_table_sorts_by_a_column_with_the_keyboard(page, real_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(real_site.url + "studier/")
    year_header = page.locator(".fb-sortable th").nth(1)
    year_button = year_header.locator("button")
    year_button.focus()
    page.keyboard.press("Enter")
    assert year_header.get_attribute("aria-sort") == "ascending"
    years = page.locator(".fb-sortable tbody tr td:nth-child(2)").all_inner_texts()
    numbers = [int(y) for y in years if y.isdigit()]
    assert numbers == sorted(numbers) and len(numbers) == sum(1 for s in CORPUS.studies if s.year)
    page.keyboard.press("Enter")
    assert year_header.get_attribute("aria-sort") == "descending"
    years = [int(y) for y in page.locator(".fb-sortable tbody tr td:nth-child(2)").all_inner_texts() if y.isdigit()]
    assert years == sorted(years, reverse=True)


def test_copy_link_puts_the_anchor_address_on_the_clipboard(page, real_site) -> None:  # type: ignore[no-untyped-def]
    study = next((s for s in CORPUS.studies if s.quotes), None)
    if study is None:
        pytest.skip("no study with a quote")
    quote = study.quotes[0]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(real_site.url + f"studier/{study.id}/")
    link = page.locator(f"blockquote[id='{quote.id}'] a.fb-copy")
    assert link.is_visible()
    link.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == real_site.url + f"studier/{study.id}/#{quote.id}"
