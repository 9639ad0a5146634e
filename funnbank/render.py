"""Render the page plan to Markdown with Jinja2.

Templates live in `templates/pages/` and are found by name, so a site can
override any page by putting a file of the same name in its own templates
folder. The environment is strict (`StrictUndefined`: a misspelt variable is
an error, not an empty string) and escapes every printed value: for Markdown
in a page template (`*.md.j2`), for HTML in an HTML fragment (`*.html.j2`).

Why HTML fragments: Python-Markdown's inline processing of links is most of
MkDocs' time on the pages that multiply with the corpus (study, theme and
concept pages: about 190 links each), and it leaves a raw HTML block as it is.
So the blocks between headings that carry many links (findings, quotes,
recommendations, lists of links) are written as HTML, with the links' final
URLs (`final_link`); the headings stay Markdown, for MkDocs' table of contents
and anchors. Helpers that print (`href`, `links`, `autolink`, `paragraphs`,
`inline`, …) write HTML when called from an HTML fragment (`markup.in_html`).
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable, Collection, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import (Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context,
                    pass_eval_context, select_autoescape)
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from markupsafe import Markup

from funnbank import about, answerfirst, assessment, datadocs, editions, evidence, levels, names, pages, views, vocab
from funnbank import attribution, quotebank  # issue 16: the quote bank and the recommendations page
from funnbank.autolink import ConceptMatcher, PageLinker
from funnbank.citation import CITATION_LINK_STRINGS, apa_reference, full_title, highwire_tags, schema_org
from funnbank.corpus import Corpus
from funnbank.i18n import strings
from funnbank.kinds import KINDS
from funnbank import knowledgemap  # issue 16: the knowledge map
from funnbank.errors import BuildError
from funnbank.index import CorpusIndex, build_index
from funnbank.linkcheck import check_generated_anchors
from funnbank.listing import vocabulary_fields
from funnbank.model import UNKNOWABLE_FACTS, Finding, Localized, Study, title_in
from funnbank.markup import escape_inline, finalize, html_paragraphs, in_html, inline_for, paragraphs, toc_label
from funnbank.pages import Page
from funnbank.search import (FilterValues, PageSearch, filter_names, filter_tags, page_search, search_tags,
                             value_orders)


def make_environment(template_dirs: Iterable[Path], lang: str = "nb") -> Environment:
    """The Jinja environment of one edition: its path functions give that edition's paths."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        # Compiled templates kept between builds (in the system's temporary folder, keyed by each template's
        # source): every build renders in fresh processes (`parallel`), and compiling is most of a small
        # rebuild's generation (`serve`).
        bytecode_cache=FileSystemBytecodeCache(),
        # An environment serves one build, so its templates do not change while it renders: no looking at
        # their files again each time one is included (over a hundred times a page).
        auto_reload=False,
        undefined=StrictUndefined,
        finalize=finalize,
        # HTML fragments are autoescaped: what a template prints is escaped for HTML there (`finalize`).
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = paragraphs_filter
    env.filters["inline"] = inline_filter
    env.filters["toc_label"] = toc_label
    env.filters["tr"] = tr
    env.filters["autolink"] = autolink
    env.filters["heading"] = heading
    env.filters["short_name"] = lambda study: names.short_name(study, lang)
    env.filters["location"] = lambda location: names.location_in(location, lang)
    env.globals.update(
        href=href,
        theme_page_of=theme_page_of,
        links=links,
        label=label,
        study_path=functools.partial(pages.study_path, lang=lang),
        concept_path=functools.partial(pages.concept_path, lang=lang),
        theme_path=functools.partial(pages.theme_path, lang=lang),
        section=functools.partial(pages.section_path, lang=lang),
        vocab=vocab.VOCABULARIES,
        vocabulary_fields=vocabulary_fields(),  # the guide lists each vocabulary under the fields that take it
        apa_reference=apa_reference,
        full_title=full_title,
        searchable_part=searchable_part,
        norwegian_only=norwegian_only,
        end_norwegian_only=end_norwegian_only,
        citation_downloads=citation_downloads,
        site_file=site_file,
        data_files_described=datadocs.DATA_FILES,
        data_fields=datadocs.DATA_FIELDS,
        csv_note=datadocs.CSV_NOTE,
        json_attr=json_attr,
        fact_name=fact_name,
        unknown_fact=unknown_fact,
        is_given=is_given,
        audience_anchor=audience_anchor,
        shown_year=shown_year,
        year_fact=year_fact,
        **assessment.TEMPLATE_GLOBALS,  # the bank's appraisal and user-involvement record
        **levels.JINJA_GLOBALS,  # confidence and concern labels
        **evidence.JINJA_GLOBALS,  # review findings' evidence profiles
        **about.TEMPLATE_GLOBALS,  # the page about the bank: counts, kinds of service, dates, reference
        **answerfirst.JINJA_GLOBALS,  # pages that answer first: study card, theme box, on this page, English facts
        # issue 16: quotes' attribution and citation; the quote bank's and recommendations page's lists and filters
        **attribution.JINJA_GLOBALS,
        **quotebank.JINJA_GLOBALS,
        quote_bank_path=lambda theme_id: pages.path_for(("quotes", theme_id), lang),  # a theme's quotes
        recommendations_by_first_audience=views.by_first_audience,
        recommendations_of_studies=views.recommendations_of_studies,  # a theme page's share of its recommendations
        **knowledgemap.TEMPLATE_GLOBALS,  # issue 16: the knowledge map's totals, bars and column headers
    )
    return env


def final_link(page_path: str, target: str, anchor: str | None = None) -> str:
    """The link MkDocs writes for the Markdown link `pages.page_link(page_path, target, anchor)`: the
    target's directory URL relative to the page's (`../../temaer/haap/#anchor`; `./#anchor` on the page
    itself), for raw HTML, which MkDocs leaves as it is. Both are generated paths of one edition."""
    link = pages.page_url_relative(pages.page_url(target), pages.page_url(page_path))
    link = "./" if link == "." else link
    return f"{link}#{anchor}" if anchor else link


@pass_context
def href(context: Context, target: str, anchor: str | None = None) -> Markup:
    """A link from the page being rendered to `target` (a generated path): to its `.md` file in
    Markdown, which MkDocs checks and rewrites; its final URL in an HTML fragment."""
    if in_html(context):
        if anchor and context.get("anchor_links") is not None:
            # MkDocs does not check a final URL's anchor; `linkcheck.check_generated_anchors` does.
            context["anchor_links"].append((context["page_path"], target, anchor))
        return Markup(html.escape(final_link(context["page_path"], target, anchor)))
    return Markup(pages.page_link(context["page_path"], target, anchor))


@pass_context
def links(context: Context, kind: str, ids: Iterable[str]) -> Markup:
    """Comma-separated links to items of a kind that has a `label` (concepts, themes), by their labels."""
    corpus: Corpus = context["corpus"]
    lang = context["lang"]
    as_html = in_html(context)
    template = '<a href="{1}">{0}</a>' if as_html else "[{0}]({1})"
    parts = [template.format(inline_for(as_html, tr(context, corpus.get(kind, id).label)),
                             href(context, pages.item_path(kind, id, lang)))
             for id in ids]
    return Markup(", ".join(parts))


@pass_context
def autolink(context: Context, text: str) -> Markup:
    """Running text with the page's first mention of each concept linked (see `autolink`): Markdown
    paragraphs, or HTML ones (`<p>`) in an HTML fragment."""
    linker: PageLinker = context["linker"]
    return linker.link_html(text) if in_html(context) else linker.link(text)


@pass_eval_context
def paragraphs_filter(eval_ctx: EvalContext, text: str) -> Markup:
    """`| paragraphs`: literal text of one or more paragraphs, for Markdown or as HTML `<p>`s."""
    return html_paragraphs(text) if in_html(eval_ctx) else paragraphs(text)


@pass_eval_context
def inline_filter(eval_ctx: EvalContext, text: str) -> Markup:
    """`| inline`: one line of literal text, for Markdown or for HTML."""
    return inline_for(in_html(eval_ctx), text)


@pass_context
def tr(context: Context, text: Localized) -> str:
    """The edition's language of a localized text, falling back to Norwegian."""
    return text.in_lang(context["lang"])


def json_attr(value: object) -> Markup:
    """A value as JSON inside a double-quoted HTML attribute."""
    return Markup(html.escape(json.dumps(value, ensure_ascii=False), quote=True))


# --- issue 16 (search): a page's search metadata, browse order and weight (search.page_search) ---
@pass_context
def searchable_part(context: Context, filters: dict[str, list[str]], caller: Callable[[], str]) -> Markup:
    """`{% call searchable_part(page_filters) %}…{% endcall %}`: the part of a page the search indexes,
    with the page's filters, opened and closed here; and what `render_page` found the page gives the
    search besides its words (`page_search`: metadata, browse order, the weight of its text).

    It follows the page's `h1`, which carries its own `data-pagefind-body` (MkDocs takes the page
    title only from an `h1` at the top level, so the heading cannot be inside this `div`).
    """
    search: PageSearch = context.get("page_search") or PageSearch({}, "")
    weight = "" if search.weight is None else f' data-pagefind-weight="{search.weight}"'
    return Markup(f'<div data-pagefind-body{weight} markdown>\n'
                  f'<div class="fb-search-filters">{filter_tags(filters)}{search_tags(search)}</div>\n\n\n'
                  f'{caller()}</div>\n')
# --- end issue 16 (search) ---


@pass_context
def norwegian_only(context: Context) -> Markup:
    """In the English edition, open a block of text that exists only in Norwegian: say so, and mark
    its language for screen readers and translation tools. Nothing in the Norwegian edition."""
    source = context["source_lang"]
    if context["lang"] == source:
        return Markup("")
    return Markup(f"*{escape_inline(context['t'].in_norwegian)}*\n{{: .fb-note }}\n\n<div lang=\"{source}\" markdown>\n")


@pass_context
def end_norwegian_only(context: Context) -> Markup:
    return Markup("" if context["lang"] == context["source_lang"] else "\n</div>\n")


@pass_context
def fact_name(context: Context, field: str) -> str:
    """A fact's name for readers ("Oppdragsgiver"), for an `unknown:` key (`commissioned_by`)."""
    return getattr(context["t"], UNKNOWABLE_FACTS[field])


def audience_anchor(audience: str) -> str:
    """The anchor of an audience's part of the recommendations page (`municipal-services`), which the
    home page links to."""
    return audience.replace("_", "-")


def is_given(study: Study, field: str) -> bool:
    """Whether the study gives a value for `field` (a path such as `method.sample_size`)."""
    value: object = study
    for part in field.split("."):
        value = getattr(value, part)
    return value not in (None, "", [])


@pass_context
def unknown_fact(context: Context, study: Study, field: str) -> Markup:
    """The value cell of a fact the study does not give: "not given in the source" and the note on
    why, when the study file has one under `unknown:`; else just "unknown".

    The notes are written in Norwegian only, so other editions mark them as Norwegian."""
    t = context["t"]
    if field not in study.unknown:
        return Markup(f"*{escape_inline(t.unknown)}*")
    return Markup(f"*{escape_inline(t.unknown_note)}.* ") + assessment.in_edition(context, Localized(nb=study.unknown[field]))


@pass_context
def shown_year(context: Context, study: Study) -> str | None:
    """The year as the studies list shows it: "2017", "2017 (antatt)" for a year inferred from the
    text (`year_inferred`), or None when there is neither."""
    if study.year:
        return str(study.year)
    if study.year_inferred:
        return f"{study.year_inferred.year} ({context['t'].year_inferred})"
    return None


@pass_context
def year_fact(context: Context, study: Study) -> Markup:
    """The fact table's year: the stated year; or an inferred year followed by the note on why the
    source gives none and the basis for this one; or the unknown fact."""
    if study.year:
        return escape_inline(str(study.year))
    if not study.year_inferred:
        return unknown_fact(context, study, "year")
    parts = [escape_inline(f"{shown_year(context, study)}.")]
    if "year" in study.unknown:
        parts.append(unknown_fact(context, study, "year"))
    parts.append(escape_inline(tr(context, study.year_inferred.basis)))
    return Markup(" ").join(parts)


@pass_context
def site_file(context: Context, path: str) -> str:
    """A URL-relative link from the page being rendered to a file at `path` from the site's root
    (data and citation files live once, in the Norwegian edition's folders)."""
    return pages.url_relative(path, pages.url_from_root(context["page_path"], context["lang"]))


@pass_context
def citation_downloads(context: Context, study: Study) -> Markup:
    """Links to the study's `cite.bib`, `cite.ris` and `cite.json`, as raw HTML: in the English
    edition the files are outside the edition's folder, where MkDocs does not resolve links."""
    t = context["t"]
    links = []
    for name, string in CITATION_LINK_STRINGS.items():
        href_ = site_file(context, pages.item_url("study", study.id) + name)
        links.append(f'<a href="{html.escape(href_)}" download>{html.escape(t[string])}</a>')
    return Markup(" · ".join(links))


@pass_context
def theme_page_of(context: Context, theme_id: str, study_id: str) -> str:
    """The theme page that lists the study's findings on the theme (a large theme has numbered pages)."""
    return pages.theme_page_of(context["ix"], theme_id, study_id, context["lang"])


@pass_context
def heading(context: Context, item: Study | Finding) -> str:
    """A study's or finding's title in the edition's language."""
    return title_in(item, context["lang"])


@pass_context
def label(context: Context, vocabulary: str, key: str) -> str:
    """The edition's label of a controlled-vocabulary term."""
    return vocab.VOCABULARIES[vocabulary][key].in_lang(context["lang"])


def render_pages(corpus: Corpus, template_dirs: Iterable[Path], lang: str = "nb",
                 ix: CorpusIndex | None = None, last_change: date | None = None,
                 only: Collection[tuple[str, str]] | None = None) -> dict[str, str]:
    """Every page's Markdown, by path in the generated folder. `ix`: the corpus index, if already built;
    `last_change`: the date the content last changed (`about.last_change`), shown on the page about
    the bank, which leaves it out when None; `only`: the keys of the pages to render (`pages.Page.key`),
    when not every page is wanted."""
    env = make_environment(template_dirs, lang)
    matcher = ConceptMatcher.build(corpus.concepts, lang)
    ix = ix or build_index(corpus)
    shared = {"corpus": corpus, "ix": ix, "t": strings(lang), "lang": lang, "source_lang": editions.source().lang,
              "search": FilterValues(corpus, ix.backlinks, lang),
              "search_filter_names": filter_names(lang), "search_value_orders": value_orders(lang),
              "last_change": last_change, "anchor_links": []}
    out: dict[str, str] = {}
    for page in pages.plan_pages(corpus, lang, ix) if only is None else pages.plan_only(corpus, only, lang, ix):
        out[page.path] = render_page(env, page, shared, matcher)
    broken = check_generated_anchors(out, shared["anchor_links"])
    if broken:
        shown = "\n  ".join(broken[:10]) + (f"\n  … and {len(broken) - 10} more" if len(broken) > 10 else "")
        raise BuildError(f"Links to anchors that no page defines ({lang} edition):\n  {shown}\n"
                         "A page template (or an override of one) must keep the id=\"…\" and {: #id } of "
                         "findings, quotes and recommendations, which other pages link to.")
    return out


def render_page(env: Environment, page: Page, shared: dict[str, Any], matcher: ConceptMatcher) -> str:
    lang = shared["lang"]
    own = page.context.get("concept")
    linker = PageLinker(
        matcher,
        href_for=lambda id: pages.page_link(page.path, pages.concept_path(id, lang)),
        exclude=own.id if own is not None else None,  # type: ignore[attr-defined]
        url_for=lambda id: final_link(page.path, pages.concept_path(id, lang)),
    )
    template = env.get_template(page.template)
    kind = KINDS.get(page.key[0])
    if kind is not None and kind.search_filters is not None:
        # What the search filters the item's page by (`{% call searchable_part(page_filters) %}` in its template).
        item = page.context[kind.name]
        shared = {**shared, "page_filters": kind.search_filters(shared["search"], item),
                  "page_search": page_search(shared["search"], kind.name, item)}  # issue 16 (search)
    body = template.render({**shared, **page.context, "page_path": page.path, "linker": linker})
    return front_matter(page_meta(page, lang, page.context.get("study"))) + body


def page_meta(page: Page, lang: str, study: Study | None) -> dict[str, Any]:
    """What the theme reads from a page's front matter: the link to the page in the other edition,
    and on a study page its citation metadata (Highwire `citation_*` tags and schema.org JSON-LD)."""
    meta: dict[str, Any] = {
        # The same page in every other edition: the language switch and `<link rel="alternate">`.
        "alternates": [{"href": pages.alternate_link(page.key, lang, other.lang), "lang": other.lang,
                        "label": other.name} for other in editions.others(lang)],
    }
    if study is not None:
        meta["citation"] = highwire_tags(study)
        meta["jsonld"] = schema_org(study)
    return meta


def _json_for_html(value: object) -> str:
    """JSON with <, > and & as \\u escapes (still the same JSON, and YAML), so no text from content
    appears as markup anywhere in the generated file."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter written as JSON values (JSON is YAML), so no text can break out of it."""
    lines = [f"{key}: {_json_for_html(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
