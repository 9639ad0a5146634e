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


def test_study_page_shows_hostile_text_as_text_and_runs_none_of_it(page, fixture_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(fixture_site + "studier/alpha-2020/")
    assert page.title().startswith("Alfa-gruppene")
    body = page.inner_text("article")
    assert "<script>alert(1)</script>" in body
    assert "{{ ikke jinja }}" in body
    assert "[en lenke](javascript:alert(1))" in body
    assert page.dialogs == []
    assert page.locator("article script").count() == 0
    assert page.locator("article a[href^='javascript']").count() == 0


def test_anchors_of_findings_quotes_and_recommendations_resolve(page, fixture_site: str) -> None:  # type: ignore[no-untyped-def]
    for anchor in ("fellesskap", "tempo", "q1", "q2", "r1"):
        page.goto(fixture_site + f"studier/alpha-2020/#{anchor}")
        assert page.locator(f"[id='{anchor}']").is_visible(), anchor


def test_a_reader_can_go_from_home_to_theme_to_study_to_concept(page, fixture_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(fixture_site)
    page.get_by_role("link", name="Tilhørighet og fellesskap").first.click()
    assert page.url.endswith("/temaer/tilhorighet/")
    page.locator("article").get_by_role("link", name="Alfa-gruppene").first.click()
    assert "/studier/alpha-2020/" in page.url
    page.locator("article").get_by_role("link", name="Håp").first.click()
    assert page.url.endswith("/begreper/haap/")
    assert "Troen på at noe kan bli bedre." in page.inner_text("article")


def test_real_study_page_opens_with_its_findings(page, real_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(real_site + "studier/rose-nakuhel-2016/")
    assert "RoSe" in page.title()
    assert page.locator("article h3").count() >= 4
    assert page.locator("article blockquote").count() >= 12
