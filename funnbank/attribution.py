"""How a quote is attributed and cited wherever it is shown (`_quote.html.j2`): who speaks, in the bank's
words and the source's, and the in-text citation the "copy quote with citation" button copies.

Templates call these as globals (`JINJA_GLOBALS`, registered in `render.make_environment`).
"""

from __future__ import annotations

import functools
import html

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from funnbank import names, pages, vocab
from funnbank.citation import apa_year  # the year as APA writes it: "2017", "2017, antatt", "u.å."
from funnbank.citation import split_name
from funnbank.markup import in_html, inline_for
from funnbank.model import Quote, Study


@pass_context
def speaker(context: Context, quote: Quote) -> Markup:
    """Who speaks: the role in the edition's words, and the source's own label beside it in brackets
    ("Deltaker (informant i gruppe 1)"). A label that only repeats the role ("deltaker") is left out;
    one that starts with it keeps only the rest ("Erfaringskonsulent (Intervju 4)" → "Erfaringskonsulent
    (Intervju 4)", not the role twice); one with brackets of its own follows a colon instead
    ("Deltaker: pasient (fritekstkommentar)"). The label is the source's, in its language, and marked
    so in other editions."""
    lang, source = context["lang"], context["source_lang"]
    text = functools.partial(inline_for, in_html(context))  # for Markdown, or for an HTML fragment
    role = vocab.SPEAKER_ROLES[quote.speaker_role]
    shown = text(role.in_lang(lang))
    own = own_label(" ".join(quote.speaker.split()), role.in_lang(source))
    if not own:
        return shown
    words = Markup(f'<span lang="{source}">') + text(own) + Markup("</span>") if lang != source else text(own)
    return shown + (Markup(": ") + words if "(" in own else Markup(" (") + words + Markup(")"))


def own_label(label: str, role: str) -> str:
    """What the source's label for a speaker adds to the role's name (in the source's language): ""
    for the role itself, the rest of a label that starts with the role's word ("(Intervju 4)" →
    "Intervju 4"), else the whole label."""
    if label.casefold() == role.casefold():
        return ""
    head, _, rest = label.partition(" ")
    if head.casefold() == role.casefold() and rest:
        return rest[1:-1] if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1 else rest
    return label


def cited_authors(study: Study, lang: str, et_al: str) -> str:
    """The authors as an in-text citation names them: "Ness", "Bank & Karlsson", "Ness mfl."; a study
    without known authors by its short name."""
    families = [split_name(" ".join(a.name.split()))[1] for a in study.authors]
    if not families:
        return names.short_name(study, lang)
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} & {families[1]}"
    return f"{families[0]} {et_al}"


@pass_context
def citation(context: Context, study: Study, quote: Quote) -> str:
    """The quote's in-text citation: "(Bank & Karlsson, 2024, s. 12)"; in another edition with the
    page in its words ("p. 12") and, where the copy is the bank's English translation, saying so."""
    lang, t = context["lang"], context["t"]
    parts = [cited_authors(study, lang, t.cite_et_al), apa_year(study, lang), names.location_in(quote.location, lang)]
    if translated(context, quote):
        parts[-1] += f"; {t.cite_translated}"
    return "(" + ", ".join(parts) + ")"


@pass_context
def translated(context: Context, quote: Quote) -> bool:
    """Whether the page shows, and the copy-citation button copies, the quote's English translation."""
    return context["lang"] != context["source_lang"] and bool(quote.translation_en)


@pass_context
def cite_attrs(context: Context, study: Study, quote: Quote) -> Markup:
    """The attributes funnbank.js reads to copy a quote with its citation: the citation, and the link
    to the quote on its study page (relative to this page; the script makes it absolute)."""
    lang = context["lang"]
    here = pages.url_from_root(context["page_path"], lang)
    there = pages.url_from_root(pages.study_path(study.id, lang), lang)
    link = ("" if here == there else pages.page_url_relative(there, here)) + f"#{quote.id}"
    return Markup(f' data-cite="{html.escape(citation(context, study, quote))}" data-cite-href="{html.escape(link)}"')


JINJA_GLOBALS = {"quote_speaker": speaker, "quote_cite_attrs": cite_attrs, "quote_translated": translated}
