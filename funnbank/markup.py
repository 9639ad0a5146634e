"""Text from YAML → Markdown or HTML that renders as exactly that text.

Every Jinja expression goes through `finalize` unless it is `Markup` (see
`render.make_environment`), so a template cannot forget to escape: HTML tags,
Markdown links and images, emphasis, attribute lists and table pipes in
content all show as the characters the maintainer typed. A Markdown template
(`*.md.j2`) escapes for Markdown (`escape_inline`); an HTML fragment
(`*.html.j2`, which Jinja autoescapes) escapes for HTML (`html_inline`), since
Python-Markdown leaves a raw HTML block as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from markupsafe import Markup, escape

# Characters Python-Markdown (with the `tables` extension) treats as syntax anywhere
# in a line. A backslash before any of them yields the bare character.
_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!])")
# Block markers that only matter at the start of a line: list items, ordered lists.
_LINE_START = re.compile(r"^([-+])(?=\s|$)|^(\d+)([.)])(?=\s|$)")
_WHITESPACE = re.compile(r"\s+")
# In a folded block scalar (`>-`) a blank line in the file becomes one newline in the value,
# so any newline that survives YAML parsing separates paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def escape_inline(text: str) -> Markup:
    """One line of literal text: whitespace folded, HTML and Markdown syntax neutralised."""
    return Markup(protect_line_start(escape_chars(fold(text))))


def html_inline(text: str) -> Markup:
    """One line of literal text for HTML: whitespace folded as `escape_inline` folds it, `&<>"'` escaped."""
    return escape(fold(text))


def in_html(context: Context | EvalContext) -> bool:
    """Whether the template being rendered writes HTML (an autoescaped `*.html.j2`), not Markdown."""
    eval_ctx = context.eval_ctx if isinstance(context, Context) else context
    return bool(eval_ctx.autoescape)


def inline_for(html: bool, text: str) -> Markup:
    """One line of literal text for HTML or for Markdown."""
    return html_inline(text) if html else escape_inline(text)


def fold(text: str) -> str:
    """Whitespace runs (line breaks included) → one space; no space at either end."""
    return _WHITESPACE.sub(" ", text).strip()


def escape_chars(text: str) -> str:
    """Neutralise HTML and in-line Markdown syntax; spacing is kept as it is (for pieces of a line)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def protect_line_start(line: str) -> str:
    """Escape a list or ordered-list marker at the start of a line."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)


def paragraphs(text: str, render: Callable[[str], str] = escape_inline) -> Markup:
    """Literal text that may hold several paragraphs (one per line of the parsed value).

    `render` turns one paragraph into Markdown; by default it only escapes it.
    """
    return Markup("\n\n".join(_rendered_paragraphs(text, render)))


def html_paragraphs(text: str, render: Callable[[str], str] = html_inline) -> Markup:
    """`paragraphs` for HTML: each paragraph (already rendered by `render`) in its `<p>`."""
    return Markup("\n".join(f"<p>{part}</p>" for part in _rendered_paragraphs(text, render)))


def _rendered_paragraphs(text: str, render: Callable[[str], str]) -> list[str]:
    return [render(p) for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def shorten(text: str, limit: int = 90) -> str:
    """`text` cut at a word before `limit` characters, with " …" where it was cut."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def count(n: int, one: str, many: str) -> str:
    """A number with its noun in the singular or the plural: "1 studie", "5 studier"."""
    return f"{n} {one if n == 1 else many}"


def toc_label(text: str, limit: int = 60) -> Markup:
    """A short label for a long heading in the table of contents (`{: data-toc-label="…" }`): shortened,
    and only words and plain punctuation, so nothing in it is read as markup, an attribute or the end
    of the attribute list."""
    plain = re.sub(r"[^\w\s.,;:!?()'«»–-]", "", fold(text))
    return Markup(" ".join(shorten(plain, limit).split()))


def md_finalize(value: object) -> object:
    """Jinja `finalize` of a Markdown template: escape every value it prints, unless it is already Markup."""
    if value is None:
        raise TypeError("a template printed None; guard optional fields with {% if ... %}")
    if isinstance(value, Markup):
        return value
    return escape_inline(str(value))


@pass_eval_context
def finalize(eval_ctx: EvalContext, value: object) -> object:
    """Jinja `finalize`: a value printed in an HTML fragment is escaped for HTML, with its whitespace
    folded as in Markdown (so both kinds of template show the same text); in a Markdown template, for
    Markdown (`md_finalize`)."""
    if eval_ctx.autoescape and not isinstance(value, Markup) and value is not None:
        return html_inline(str(value))
    return md_finalize(value)
