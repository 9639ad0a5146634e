"""Pages as readers meet them: headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def test_study_page_shows_hostile_text_as_text_and_runs_none_of_it(page, fixture_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(fixture_site.url + "studier/alpha-2020/")
    assert page.title().startswith("Alfa-gruppene")
    body = page.inner_text("article")
    assert "<script>alert(1)</script>" in body
    assert "{{ ikke jinja }}" in body
    assert "[en lenke](javascript:alert(1))" in body
    assert page.dialogs == []
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
    page.goto(real_site.url + "studier/rose-nakuhel-2016/")
    assert "RoSe" in page.title()
    assert page.locator("article h3").count() >= 4
    assert page.locator("article blockquote").count() >= 12


def test_reader_path_home_theme_study_quote_concept_other_study(page, real_site) -> None:  # type: ignore[no-untyped-def]
    page.goto(real_site.url)
    page.locator("article").get_by_role("link", name="Tilhørighet og fellesskap").first.click()
    assert page.url.endswith("/temaer/tilhorighet-og-fellesskap/")
    page.locator("article h3 a").filter(has_text="RoSe-gruppene").click()
    assert page.url.endswith("/studier/rose-nakuhel-2016/")
    quote = page.locator("article blockquote.fb-quote").first
    quote_id = quote.get_attribute("id")
    page.goto(page.url + f"#{quote_id}")
    assert page.locator(f"blockquote#{quote_id}").is_visible()
    page.locator("#begreper ~ p a").filter(has_text="Likeverd").first.click()
    assert page.url.endswith("/begreper/likeverd/")
    other = page.locator("article h3 a").filter(has_not_text="RoSe").first
    other_title = other.inner_text()
    other.click()
    assert "/studier/" in page.url and "rose-nakuhel-2016" not in page.url
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
    assert numbers == sorted(numbers) and len(numbers) >= 4
    page.keyboard.press("Enter")
    assert year_header.get_attribute("aria-sort") == "descending"
    years = [int(y) for y in page.locator(".fb-sortable tbody tr td:nth-child(2)").all_inner_texts() if y.isdigit()]
    assert years == sorted(years, reverse=True)


def test_copy_link_puts_the_anchor_address_on_the_clipboard(browser, real_site) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(real_site.url + "studier/rose-nakuhel-2016/")
    link = page.locator("blockquote#q1 a.fb-copy")
    assert link.is_visible()
    link.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == real_site.url + "studier/rose-nakuhel-2016/#q1"
    context.close()
