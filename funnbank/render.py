"""Render the page plan to Markdown with Jinja2.

Templates live in `templates/pages/` and are found by name, so a site can
override any page by putting a file of the same name in its own templates
folder. The environment is strict (`StrictUndefined`: a misspelt variable is
an error, not an empty string) and escapes every printed value for Markdown.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from funnbank import pages, vocab
from funnbank.autolink import ConceptMatcher, PageLinker
from funnbank.citation import apa_reference
from funnbank.corpus import Corpus
from funnbank.i18n import strings
from funnbank.index import CorpusIndex, build_index
from funnbank.model import Localized
from funnbank.markup import escape_inline, md_finalize, paragraphs
from funnbank.pages import Page
from funnbank.search import FilterValues, filter_names, filter_tags, kind_order


def make_environment(template_dirs: Iterable[Path]) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        undefined=StrictUndefined,
        finalize=md_finalize,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["inline"] = escape_inline
    env.filters["tr"] = tr
    env.filters["autolink"] = autolink
    env.globals.update(
        href=href,
        links=links,
        label=label,
        study_path=pages.study_path,
        concept_path=pages.concept_path,
        theme_path=pages.theme_path,
        vocab=vocab.VOCABULARIES,
        apa_reference=apa_reference,
        searchable_page=searchable_page,
        json_attr=json_attr,
    )
    return env


def relative_link(page_path: str, target: str, anchor: str | None = None) -> str:
    """A link from one generated page to another, relative, so the site works under any base URL."""
    rel = posixpath.relpath(target, posixpath.dirname(page_path) or ".")
    return f"{rel}#{anchor}" if anchor else rel


@pass_context
def href(context: Context, target: str, anchor: str | None = None) -> Markup:
    """A link from the page being rendered to `target` (a generated path)."""
    return Markup(relative_link(context["page_path"], target, anchor))


@pass_context
def links(context: Context, kind: str, ids: Iterable[str]) -> Markup:
    """Comma-separated links to concepts or themes (`kind` is "concept" or "theme")."""
    corpus: Corpus = context["corpus"]
    lookup, path = {"concept": (corpus.concept, pages.concept_path), "theme": (corpus.theme, pages.theme_path)}[kind]
    parts = [f"[{escape_inline(tr(context, lookup(id).label))}]({href(context, path(id))})" for id in ids]
    return Markup(", ".join(parts))


@pass_context
def autolink(context: Context, text: str) -> Markup:
    """Running text with the page's first mention of each concept linked (see `autolink`)."""
    return context["linker"].link(text)


@pass_context
def tr(context: Context, text: Localized) -> str:
    """The edition's language of a localized text, falling back to Norwegian."""
    return getattr(text, context["lang"], None) or text.nb


def json_attr(value: object) -> Markup:
    """A value as JSON inside a double-quoted HTML attribute."""
    return Markup(html.escape(json.dumps(value, ensure_ascii=False), quote=True))


def searchable_page(filters: dict[str, list[str]]) -> Markup:
    """The start of the part of a page the search indexes, with the page's filters.

    It follows the page's `h1`, which carries its own `data-pagefind-body` (MkDocs takes the page
    title only from an `h1` at the top level, so the heading cannot be inside this `div`). The
    template closes the part with `</div>`.
    """
    return Markup(f'<div data-pagefind-body markdown>\n<div class="fb-search-filters">{filter_tags(filters)}</div>\n\n')


@pass_context
def label(context: Context, vocabulary: str, key: str) -> str:
    """The edition's label of a controlled-vocabulary term."""
    return getattr(vocab.VOCABULARIES[vocabulary][key], context["lang"])


def render_pages(corpus: Corpus, template_dirs: Iterable[Path], lang: str = "nb",
                 ix: CorpusIndex | None = None) -> dict[str, str]:
    """Every page's Markdown, by path in the generated folder. `ix`: the corpus index, if already built."""
    env = make_environment(template_dirs)
    matcher = ConceptMatcher.build(corpus.concepts, lang)
    ix = ix or build_index(corpus)
    shared = {"corpus": corpus, "ix": ix, "t": strings(lang), "lang": lang,
              "search": FilterValues(corpus, ix, lang),
              "search_filter_names": filter_names(lang), "search_kind_order": kind_order(lang)}
    out: dict[str, str] = {}
    for page in pages.plan_pages(corpus):
        out[page.path] = render_page(env, page, shared, matcher)
    return out


def render_page(env: Environment, page: Page, shared: dict[str, object], matcher: ConceptMatcher) -> str:
    own = page.context.get("concept")
    linker = PageLinker(
        matcher,
        href_for=lambda id: relative_link(page.path, pages.concept_path(id)),
        exclude=own.id if own is not None else None,  # type: ignore[attr-defined]
    )
    template = env.get_template(page.template)
    return template.render({**shared, **page.context, "page_path": page.path, "linker": linker})
