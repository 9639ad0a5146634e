"""The knowledge map's figures (`knowledge_map.md.j2`, `_map_table.md.j2`): for each theme and concept,
how many studies, findings and quotes touch it in all, and how many findings and quotes each study has
about it; each number shown with a bar whose length shows it, so the scale is not told by colour.

The totals cover the whole corpus and grow only with the number of themes and concepts; the table of
each study's figures has one column per study, so it shows at most `views.MAP_COLUMNS` of them (the
newest), which keeps the page small at any number of studies.

Templates call these as globals (`TEMPLATE_GLOBALS`, registered in `render.make_environment`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from funnbank import names, pages
from funnbank.backlinks import Backlinks, Mentions
from funnbank.model import Concept, Study, Theme, title_in
from funnbank.views import MapCell


@dataclass(frozen=True)
class Tally:
    """A theme's or concept's figures across the corpus."""

    item: Theme | Concept
    studies: int
    findings: int
    quotes: int


@dataclass(frozen=True)
class Totals:
    """The rows of a totals table, and the largest number in each column (a full bar)."""

    rows: list[Tally]
    most_studies: int
    most_findings: int
    most_quotes: int


def totals(items: Sequence[Theme | Concept], studies: Mapping[str, list[Study]], findings: Mapping[str, Mentions],
           quotes: Mapping[str, Mentions]) -> Totals:
    rows = [Tally(item, len(studies[item.id]), len(findings[item.id]), len(quotes[item.id])) for item in items]
    return Totals(rows, max((r.studies for r in rows), default=0), max((r.findings for r in rows), default=0),
                  max((r.quotes for r in rows), default=0))


@pass_context
def map_totals(context: Context, kind: str) -> Totals:
    """The totals of the map's rows of `kind` ("theme" or "concept"): the same themes and concepts as the
    table of each study's figures."""
    ix = context["ix"]
    backlinks: Backlinks = ix.backlinks
    if kind == "theme":
        return totals([theme for theme, _ in ix.theme_rows], backlinks.studies_by_theme,
                      backlinks.findings_by_theme, backlinks.quotes_by_theme)
    return totals([concept for concept, _ in ix.concept_rows], backlinks.studies_by_concept,
                  backlinks.findings_by_concept, backlinks.quotes_by_concept)


def is_gap(cell: MapCell) -> bool:
    """Whether a study says nothing about the row: no cell, or one with no finding and no quote (a study
    that names a concept only in a recommendation)."""
    return cell is None or cell == (0, 0)


def most_findings(rows: Sequence[tuple[object, Sequence[MapCell]]]) -> int:
    """The largest number of findings in any cell of a table of each study's figures (a full bar)."""
    return max((cell[0] for _, cells in rows for cell in cells if cell is not None), default=0)


def bar(n: int, most: int) -> Markup:
    """A bar as long as `n` is of `most` (a full bar is `most`), hidden from screen readers, which read
    the number beside it; nothing for 0."""
    if n <= 0 or most <= 0:
        return Markup("")
    return Markup(f'<span class="fb-bar" style="--fb-share: {n / most:.2f}" aria-hidden="true"></span>')


@pass_context
def map_column(context: Context, study: Study) -> Markup:
    """A study's column header: its short name, linked to its page, with its full title (where it says
    more) as the link's tooltip (`title`) for a reader who does not know the short name. Raw HTML
    (Markdown's link syntax has no safe place for a title with quotes), so the link is the URL, not
    the page's generated path."""
    lang = context["lang"]
    here = pages.url_from_root(context["page_path"], lang)
    link = pages.page_url_relative(pages.item_url("study", study.id, lang), here)
    short, title = names.short_name(study, lang), title_in(study, lang)
    tooltip = f' title="{html.escape(title)}"' if title != short else ""
    return Markup(f'<a href="{html.escape(link)}"{tooltip}>{html.escape(short)}</a>')


TEMPLATE_GLOBALS = {"map_totals": map_totals, "map_is_gap": is_gap, "map_most_findings": most_findings,
                    "map_bar": bar, "map_column": map_column}
