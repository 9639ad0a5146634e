"""The bank's GRADE-CERQual levels as readers see them: one label for a confidence or a level of
concern, the same on every page, linking to where the method page explains that level.

A label never relies on colour: it gives the level in words, as a row of shapes (filled circles for
confidence, filled triangles for concerns, in the words' order of strength) and with a border style
of its own. The shapes are hidden from screen readers, which read the words.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from funnbank import pages, vocab


@dataclass(frozen=True)
class Scale:
    """One of the two scales: its labels, the shapes of each level, and its anchors' prefix."""

    name: str  # the CSS modifier and the vocabulary's name in `vocab.VOCABULARIES`
    labels: dict[str, vocab.Label]
    shapes: dict[str, str]
    anchor_prefix: str


# Four circles for four levels of confidence, filled from the left: the more filled, the more
# confidence. Three triangles for the concerns, filled from the left: the more filled, the graver.
CONFIDENCE = Scale("confidence", vocab.CONFIDENCE_LEVELS,
                   {"high": "●●●●", "moderate": "●●●○", "low": "●●○○", "very_low": "●○○○"}, "")
CONCERN = Scale("concern_level", vocab.CONCERN_LEVELS,
                {"none_or_very_minor": "△△△", "minor": "▲△△", "moderate": "▲▲△", "serious": "▲▲▲"}, "concerns-")
SCALES = {scale.name: scale for scale in (CONFIDENCE, CONCERN)}
assert all(set(scale.shapes) == set(scale.labels) for scale in SCALES.values()), "a level without shapes"


def level_anchor(scale: str, level: str) -> str:
    """The anchor of a level's explanation on the method page, the same in every edition:
    `#moderate` (confidence), `#concerns-moderate` (concerns)."""
    return SCALES[scale].anchor_prefix + level.replace("_", "-")


def _label(context: Context, scale: Scale, level: str, link: bool) -> Markup:
    words = html.escape(scale.labels[level].in_lang(context["lang"]))
    css = f"fb-level fb-level--{scale.name.replace('_', '-')} fb-level--{level.replace('_', '-')}"
    inner = (f'<span class="fb-level__shapes" aria-hidden="true">{scale.shapes[level]}</span> '
             f'<span class="fb-level__words">{words}</span>')
    if not link:
        return Markup(f'<span class="{css}">{inner}</span>')
    # Raw HTML, so the label is the same wherever it stands (table cell, list, HTML block): its link
    # is therefore URL-relative, as MkDocs leaves raw HTML alone.
    here = pages.url_from_root(context["page_path"], context["lang"])
    method = pages.url_from_root(pages.section_path("how_we_assess", context["lang"]), context["lang"])
    target = "" if here == method else pages.url_relative(method, here).rstrip("/") + "/"
    href = f"{target}#{level_anchor(scale.name, level)}"
    return Markup(f'<a class="{css}" href="{html.escape(href)}">{inner}</a>')


@pass_context
def confidence_label(context: Context, level: str, link: bool = True) -> Markup:
    """A confidence level's label; by default a link to its explanation on the method page."""
    return _label(context, CONFIDENCE, level, link)


@pass_context
def concern_label(context: Context, level: str, link: bool = True) -> Markup:
    """A level of concern's label; by default a link to its explanation on the method page."""
    return _label(context, CONCERN, level, link)


@pass_context
def component_name(context: Context, component: str) -> str:
    """A GRADE-CERQual component's name ("Datagrunnlag") in the edition's language."""
    return vocab.CERQUAL_COMPONENTS[component].in_lang(context["lang"])


def component_anchor(component: str) -> str:
    """The anchor of a component's explanation on the method page: `#adequacy`, `#methodological-limitations`."""
    return component.replace("_", "-")


JINJA_GLOBALS = {
    "confidence_label": confidence_label, "concern_label": concern_label, "level_anchor": level_anchor,
    "component_name": component_name, "component_anchor": component_anchor,
    "cerqual_components": tuple(vocab.CERQUAL_COMPONENTS), "confidence_levels": tuple(vocab.CONFIDENCE_LEVELS),
    "concern_levels": tuple(vocab.CONCERN_LEVELS),
}
