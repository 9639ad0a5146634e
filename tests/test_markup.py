"""Text from YAML renders as text: Markdown and HTML in content never become markup."""

from __future__ import annotations

import html

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from funnbank.markup import escape_inline, paragraphs

EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "admonition"]  # as in mkdocs.yml


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


def visible_text(rendered: str) -> str:
    """The text a reader sees in a single rendered paragraph."""
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    inner = rendered[3:-4]
    assert "<" not in inner, f"markup leaked into the page: {rendered}"
    return html.unescape(inner)


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klikk](javascript:alert(1))",
    "![bilde](javascript:alert(1))",
    "<!-- skjult -->",
    "{{ config }} {% include 'x' %}",
    "**fet** _kursiv_ `kode`",
    "- liste",
    "1. nummer",
    "# overskrift",
    "> sitat",
    "a | b | c",
    "{: #id onclick=alert(1) }",
    "&lt;escaped&gt; &amp;",
    "<https://example.org>",
    "tekst\\ med \\* backslash",
    "***",
    "[^1]: fotnote",
    "*[HTML]: forkortelse",
    "!!! note \"admonition\"",
]


def test_hostile_examples_render_as_their_own_text() -> None:
    for text in HOSTILE:
        assert visible_text(to_html(escape_inline(text))) == text, text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1).filter(lambda s: s.strip()))
def test_any_text_renders_as_its_own_text(text: str) -> None:
    expected = " ".join(text.split())
    assert visible_text(to_html(escape_inline(text))) == expected


def test_paragraphs_split_on_lines() -> None:
    rendered = to_html(paragraphs("Første avsnitt *a*\nAndre <b>\n\n\nTredje"))
    assert rendered == "<p>Første avsnitt *a*</p>\n<p>Andre &lt;b&gt;</p>\n<p>Tredje</p>"


def test_a_toc_label_is_short_and_plain() -> None:
    from funnbank.markup import toc_label

    hostile = 'Deltakerne <b>fant</b> *fellesskap* | "sitat" {: #x } [lenke](javascript:alert(1)) og håp – i gruppene'
    label = str(toc_label(hostile, limit=40))
    assert not set(label) & set('<>*|"{}[]#\\')
    assert label.startswith("Deltakerne bfantb fellesskap") and label.endswith(" …")
    assert str(toc_label("Kort og godt.")) == "Kort og godt."
