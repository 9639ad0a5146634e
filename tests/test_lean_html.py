"""Issue 18, lean generated pages: the blocks between headings that carry many links are written as HTML
straight from Jinja (`*.html.j2` fragments), with the links MkDocs would have written, and text from the
content shown as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import DictLoader
from mkdocs.structure.files import File

from funnbank.linkcheck import check_site
from funnbank.render import final_link, make_environment

from conftest import BuiltSite

# Generated paths of one edition: the home page, section pages (a folder's index and a file), item pages,
# a numbered sub-page of a section.
PATHS = ["index.md", "studier/index.md", "sitater.md", "data/index.md", "studier/alpha-2020.md",
         "temaer/haap.md", "begreper/recovery.md", "sitater/haap.md", "sitater/haap/2.md", "om/index.md"]


def _mkdocs_link(page: str, target: str, anchor: str | None) -> str:
    """What MkDocs writes for a Markdown link from `page` to `target` (directory URLs, as mkdocs.yml)."""
    def file(path: str) -> File:
        return File(path, src_dir="/docs", dest_dir="/site", use_directory_urls=True)
    link = file(target).url_relative_to(file(page))
    return f"{link}#{anchor}" if anchor else link


@pytest.mark.parametrize("page", PATHS)
def test_final_link_is_the_link_mkdocs_writes(page: str) -> None:
    for target in PATHS:
        for anchor in (None, "q1"):
            assert final_link(page, target, anchor) == _mkdocs_link(page, target, anchor), (page, target, anchor)


def _render(source: str, name: str, **values: object) -> str:
    env = make_environment([])
    env.loader = DictLoader({name: source})
    return env.get_template(name).render(values)


def test_an_html_fragment_escapes_for_html_and_a_markdown_template_for_markdown() -> None:
    text = 'a <b>bold</b> *star* [link](x.md) & "quoted" \\'
    html = _render("<p>{{ text }}</p>", "_x.html.j2", text=text)
    assert html == "<p>a &lt;b&gt;bold&lt;/b&gt; *star* [link](x.md) &amp; &#34;quoted&#34; \\</p>"
    markdown = _render("{{ text }}", "x.md.j2", text=text)
    assert markdown == 'a &lt;b&gt;bold&lt;/b&gt; \\*star\\* \\[link\\](x.md) &amp; "quoted" \\\\'


def test_a_printed_none_is_an_error_in_html_too() -> None:
    with pytest.raises(TypeError, match="printed None"):
        _render("{{ nothing }}", "_x.html.j2", nothing=None)


def _markdown_links_left(page: str) -> int:
    """The Markdown links to other pages on a page, besides those in headings (a heading stays Markdown,
    for the table of contents) and in a theme's review findings and their evidence profiles (still
    Markdown: one row per review finding, which does not grow with the studies)."""
    page = re.sub(r"\{: #oppsummering \}.*?\n## ", "\n## ", page, flags=re.S)
    page = re.sub(r"\{: #vurderinger \}.*", "", page, flags=re.S)
    links = re.findall(r"\]\((?!#)[^)]*\.md[^)]*\)", page)
    in_headings = re.findall(r"^#+ \[.*\]\([^)]*\.md\)", page, re.MULTILINE)
    return len(links) - len(in_headings)


def test_study_theme_and_concept_pages_keep_few_markdown_links(fixture_site: BuiltSite) -> None:
    """What is left as Markdown links on the pages that multiply with the corpus is a handful per page,
    not one per finding, quote, recommendation or concept mention."""
    docs = fixture_site.path.parent / "docs"
    folders = [docs / "studier", docs / "temaer", docs / "begreper",
               docs.with_name("docs-en") / "studies", docs.with_name("docs-en") / "themes",
               docs.with_name("docs-en") / "concepts"]
    pages = [p for folder in folders for p in folder.glob("*.md") if p.name != "index.md"]
    assert len(pages) >= 12
    for page in pages:
        assert _markdown_links_left(page.read_text(encoding="utf-8")) <= 8, page


def test_the_link_check_covers_the_links_of_the_html_fragments(fixture_site: BuiltSite, tmp_path: Path) -> None:
    """The links in the HTML fragments are not checked by MkDocs (it leaves raw HTML alone): the site's
    link check resolves them, so one to an anchor that is gone is reported."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(fixture_site.path, site)
    assert check_site(site) == []
    page = next(site.glob("studier/*/index.html"))
    text = page.read_text(encoding="utf-8")
    card = re.search(r'<small class="fb-finding-links">.*?<a href="(\.\./\.\./temaer/[^"#]+/)"', text)
    assert card, "a finding card links to its themes"
    page.write_text(text.replace(f'href="{card[1]}"', f'href="{card[1]}#gone"', 1), encoding="utf-8")
    assert [b.href for b in check_site(site)] == [f"{card[1]}#gone"]


def test_a_link_in_an_html_fragment_to_an_anchor_that_is_gone_stops_the_build(corpus_dir: Path,
                                                                             tmp_path: Path) -> None:
    """MkDocs does not check the anchors of links in raw HTML, so the generator does: an override of the
    quote partial that drops the quotes' ids breaks the links from theme and concept pages to them."""
    from funnbank.errors import BuildError
    from funnbank.loader import load_corpus
    from funnbank.render import render_pages

    from conftest import ROOT

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "_quote.md.j2").write_text("<blockquote><p>{{ quote.text }}</p></blockquote>\n", encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    assert render_pages(corpus, [ROOT / "templates" / "pages"])  # as built in, every anchor is there
    with pytest.raises(BuildError, match=r"links to studier/[\w-]+\.md#q\d+, but studier/[\w-]+\.md has no anchor"):
        render_pages(corpus, [mine, ROOT / "templates" / "pages"])
