"""Study and theme pages that answer first: what a reader needs before the details.

- A study's card: one line of what it is ("Rapport · 2020 · 4 erfaringskonsulenter, 4 individuelle
  intervjuer") and a link to the original work.
- A theme's "what we know" box: how many studies and participants, who is quoted, which kinds of study.
- "On this page": the page's sections as links, for phones, where Material hides its table of
  contents in the drawer (`funnbank.css` shows the list only on narrow screens, never in print).
- In editions other than the source's, a study's method facts as the bank's English summaries
  (`Study.english`), with the Norwegian original beside them, collapsed and marked as Norwegian.

Templates call these as globals (`JINJA_GLOBALS`, registered in `render.make_environment`); the
numbers come from the corpus index (`views`), computed once per build.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from funnbank import vocab
from funnbank.citation import original_link, original_links
from funnbank.markup import count, escape_inline, in_html, inline_for, paragraphs, shorten
from funnbank.model import TAGLINE_MAX, DataCollection, Finding, Study, Theme
from funnbank.views import Counts, ThemeGlance

# --- words for counted things ----------------------------------------------------------------------
# A vocabulary's labels are singular ("Fokusgruppe"); a count above one takes the plural, from the
# interface strings: `people_<speaker role>` and `collected_<data collection method>`.


def _counted_words(context: Context, n: int | None, vocabulary: str, key: str, plural_prefix: str) -> str:
    """"4 fokusgrupper", "1 fokusgruppe", or "fokusgrupper" without a number."""
    plural = context["t"][f"{plural_prefix}{key}"]
    if n is None:
        return plural
    return count(n, vocab.VOCABULARIES[vocabulary][key].in_lang(context["lang"]).lower(), plural)


def _and_list(context: Context, words: Sequence[str]) -> str:
    """"a", "a og b", "a, b og c" in the edition's language."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {context['t'].and_word} {words[-1]}"


# --- a study's card ------------------------------------------------------------------------------

@pass_context
def who_took_part(context: Context, study: Study) -> str | None:
    """"15 erfaringskonsulenter", "50 deltakere og ansatte": the sample size with who is quoted (the
    speaker roles of the study's quotes, most quoted first); "9 deltakere" for a study without quotes;
    just who, without a number, when the size is unknown. None when neither is known."""
    size = study.method.sample_size
    roles = [role for role, _ in context["ix"].speakers_of_study[study.id]]
    if not roles and size is None:
        return None
    if not roles:
        roles = ["participant"]  # "deltakere" / "participants": the word for whoever took part
    if len(roles) == 1:
        return _counted_words(context, size, "speaker_role", roles[0], "people_")
    words = _and_list(context, [context["t"][f"people_{role}"] for role in roles])
    return words if size is None else f"{size} {words}"


@pass_context
def collected(context: Context, data_collection: Sequence[DataCollection]) -> str:
    """"2 fokusgrupper, individuelle intervjuer": each way the data were collected, with its count."""
    return ", ".join(_counted_words(context, dc.count, "data_collection_method", dc.method, "collected_")
                     for dc in data_collection)


@pass_context
def study_card(context: Context, study: Study, year: str | None) -> str:
    """The card's line: type · year · who and how many, how the data were collected (what is known).
    `year` is the year as the studies list shows it (`render.shown_year`); an unknown one is left out
    (the fact table says why)."""
    who = ", ".join(part for part in (who_took_part(context, study), collected(context, study.method.data_collection))
                    if part)
    parts = [vocab.STUDY_TYPES[study.type].in_lang(context["lang"]), year, who]
    return " · ".join(part for part in parts if part)


def external_link(href: str, text: str, css_class: str | None = None) -> Markup:
    """A link to another site, as raw HTML: an address may hold characters (`)`, `*`) that would end or
    change a Markdown link. The address is validated by the model and percent-encoded by `citation`."""
    attr = f' class="{css_class}"' if css_class else ""
    return Markup(f'<a href="{html.escape(href, quote=True)}"{attr}>{escape_inline(text)}</a>')


@pass_context
def read_original(context: Context, study: Study) -> Markup:
    """The card's link to the original work ("Les hele studien (doi.org)"), or nothing."""
    href = original_link(study)
    if href is None:
        return Markup("")
    return external_link(href, f"{context['t'].read_original} ({urlsplit(href).hostname})", "fb-original-link")


def original_addresses(study: Study) -> Markup:
    """The fact table's cell: every address of the original work, each shown and linked in full (a
    reader may copy it); in print the address is not printed twice (`fb-url`, funnbank.css)."""
    return Markup(" · ").join(external_link(link.href, link.href, "fb-url") for link in original_links(study))


# --- a theme's "what we know" box -----------------------------------------------------------------

@pass_context
def theme_numbers(context: Context, glance: ThemeGlance) -> str:
    """"5 studier med 95 deltakere i alt (ukjent antall i 1 av studiene)"."""
    t = context["t"]
    text = f"{glance.studies} {t.studies_count if glance.studies != 1 else t.study.lower()}"
    if glance.studies > glance.unknown_sizes:
        text += " " + t.with_participants.format(n=glance.participants)
    if glance.unknown_sizes:
        text += " " + t.unknown_sizes.format(n=glance.unknown_sizes)
    return text


@pass_context
def who_is_quoted(context: Context, speakers: Counts) -> str:
    """"deltakere (13 sitater), ansatte (8 sitater)": the speaker roles of the quotes, counted."""
    t = context["t"]
    return ", ".join(f"{t['people_' + role]} ({n} {t.quote.lower() if n == 1 else t.quotes_count})"
                     for role, n in speakers)


@pass_context
def counted_labels(context: Context, vocabulary: str, counts: Counts) -> str:
    """"masteroppgave (3), rapport (2)": vocabulary labels with how often each occurs."""
    labels = vocab.VOCABULARIES[vocabulary]
    return ", ".join(f"{labels[key].in_lang(context['lang']).lower()} ({n})" for key, n in counts)


@pass_context
def theme_tagline(context: Context, theme: Theme) -> str:
    """The theme's one line for the themes index: its tagline, else its description shortened to one."""
    if theme.tagline is not None:
        return theme.tagline.in_lang(context["lang"])
    return shorten(" ".join(theme.description.in_lang(context["lang"]).split()), TAGLINE_MAX - 2)


# --- "on this page" ------------------------------------------------------------------------------

# A section heading as the templates write it: `## Funn {: #funn }` (its words are Markdown already).
_SECTION = re.compile(r"^## (?P<words>.+?) \{: #(?P<id>[\w-]+)[^}]*\}[ \t]*$", re.MULTILINE)


@pass_context
def on_this_page(context: Context, markdown: str) -> Markup:
    """Links to the page's sections, read from its own headings, so the list cannot miss or invent
    one. Search leaves it out (it repeats the headings)."""
    sections = _SECTION.findall(markdown)
    if len(sections) < 2:
        return Markup("")
    title = context["t"].on_this_page
    items = "\n".join(f"- [{words}](#{id})" for words, id in sections)
    return Markup(f'<nav class="fb-on-page" aria-label="{html.escape(title)}" data-pagefind-ignore="all" markdown>\n\n'
                  f'**{escape_inline(title)}**\n\n{items}\n\n</nav>\n')


# --- English facts beside the Norwegian original ------------------------------------------------

@pass_context
def english_fact(context: Context, study: Study, field: str) -> str | list[str] | None:
    """The study's English summary of a method fact (`Study.english`) in an edition other than the
    source's; None in the source's, or when the study has none."""
    if context["lang"] == context["source_lang"] or study.english is None:
        return None
    return getattr(study.english, field) or None


@pass_context
def in_source(context: Context, text: str) -> Markup:
    """Text in the source's language (a name, a Norwegian fact): marked as such in other editions."""
    shown = inline_for(in_html(context), text)
    if context["lang"] == context["source_lang"]:
        return shown
    return Markup(f'<span lang="{context["source_lang"]}">{shown}</span>')


@pass_context
def title_lang(context: Context, item: Study | Finding) -> Markup:
    """` lang="nb"` for a heading's attribute list where the edition shows the source's title (no
    `title_en`), so screen readers read it as Norwegian; else nothing."""
    if context["lang"] == context["source_lang"] or item.title_en:
        return Markup("")
    return Markup(f' lang="{context["source_lang"]}"')


def _original_summary(context: Context, in_line: bool) -> str:
    """The <summary> of the original's <details>. Markdown reads the words of one inside a line (a table
    cell), so they are escaped for Markdown; it leaves one in an HTML block as it is, so for HTML."""
    words = context["t"].original_in_source
    return f"<summary>{escape_inline(words) if in_line else html.escape(words)}</summary>"


@pass_context
def fact_beside(context: Context, study: Study, field: str, original: str | None) -> Markup:
    """A fact table cell: the source's text in its own edition; elsewhere the English summary with
    the original in a collapsed <details>, or, without a summary, the original marked as Norwegian."""
    english = english_fact(context, study, field)
    marked = in_source(context, original) if original else None
    if not english or not marked:
        return marked or escape_inline(str(english or ""))
    return Markup(f'{escape_inline(str(english))} <details class="fb-original">{_original_summary(context, True)}'
                  f'{marked}</details>')


@pass_context
def original_beside(context: Context, study: Study, field: str, caller: Callable[[], str]) -> Markup:
    """`{% call original_beside(study, "aims") %}…Norwegian Markdown…{% endcall %}`: a section whose
    text is Norwegian. Its own edition shows it as it is; another shows the English summary, with the
    Norwegian below it, collapsed and marked as Norwegian; without a summary, the Norwegian marked as
    such (`render.norwegian_only`)."""
    # Imported here: `render` registers this module's globals, so it imports this module first.
    from funnbank.render import end_norwegian_only, norwegian_only

    source, original = context["source_lang"], caller()
    if context["lang"] == source:
        return Markup(original)
    english = english_fact(context, study, field)
    if not english:
        return norwegian_only(context) + Markup(original) + end_norwegian_only(context)
    if not original.strip():
        return _english_block(english) + Markup("\n")
    # No note saying it is Norwegian: the <summary> says so.
    return Markup(f'{_english_block(english)}\n\n<details class="fb-original" markdown>\n'
                  f'{_original_summary(context, False)}\n\n'
                  f'<div lang="{source}" markdown>\n\n{original}\n</div>\n</details>\n')


def _english_block(english: str | list[str]) -> Markup:
    """A summary as Markdown: paragraphs, or a list of items."""
    if isinstance(english, str):
        return paragraphs(english)
    return Markup("\n".join(f"- {escape_inline(item)}" for item in english))


JINJA_GLOBALS = {
    "who_took_part": who_took_part,
    "study_card": study_card,
    "read_original": read_original,
    "original_addresses": original_addresses,
    "theme_numbers": theme_numbers,
    "who_is_quoted": who_is_quoted,
    "counted_labels": counted_labels,
    "theme_tagline": theme_tagline,
    "on_this_page": on_this_page,
    "english_fact": english_fact,
    "in_source": in_source,
    "title_lang": title_lang,
    "fact_beside": fact_beside,
    "original_beside": original_beside,
}
