"""The CSV files' tables: each column once, with its name (the header), what it holds in Norwegian
and English (for the /data/ page, `datadocs`), and how to read its cell from an item and its owner
(for the writer, `export.table_csv`): a study's quote, a theme's review finding. Writer and
documentation read the same columns, so they cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from funnbank import vocab
from funnbank.model import Localized
from funnbank.pages import item_url
from funnbank.vocab import Label

Cell = str | int | Sequence[str] | None


@dataclass(frozen=True)
class Column:
    name: str
    description: Label  # for the /data/ page of each edition
    value: Callable[[Any, Any], Cell]  # (owner, item) → the cell


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    items: Callable[[Any], Sequence[Any]]  # the rows one owner contributes
    owner: str = "study"  # the kind whose items own the rows, in the corpus's order


def _keys(table: dict[str, Label]) -> Label:
    """The keys of a vocabulary with their labels, as a list in each language.

    A label that only repeats its key (`policymakers` (policymakers)) is left out.
    """
    def term(key: str, label: str) -> str:
        label = label.lower()
        return f"`{key}`" if label == key.replace("_", " ") else f"`{key}` ({label})"

    return Label(*(
        ", ".join(term(key, label.in_lang(lang)) for key, label in table.items())
        for lang in Label._fields
    ))


def _page(kind: str, where: Label) -> Column:
    """The address of an item: its owner's page (`kind`), at the item's id, which is its anchor there."""
    return Column("page", Label(
        f"Adressen på nettstedet, relativt til nettstedets rot ({where.nb} med anker).",
        f"The address on the website, relative to the site root ({where.en} with an anchor).",
    ), lambda owner, item: f"{item_url(kind, owner.id)}#{item.id}")


_STUDY_ID = Column("study_id", Label(
    "Id-en til studien (`id` under `studies` i funnbank.json).",
    "The id of the study (`id` under `studies` in funnbank.json).",
), lambda s, _: s.id)
_PAGE = _page("study", Label("studiesiden", "the study page"))
_CONCEPTS = Column("concepts", Label(
    "Id-ene til begrepene det er knyttet til (se concepts.jsonld), skilt med semikolon.",
    "The ids of the concepts it is linked to (see concepts.jsonld), separated by semicolons.",
), lambda _, item: item.concepts)


def _localized(name: str, what: Label, get: Callable[[Any], Localized]) -> tuple[Column, Column]:
    """A text in two languages as two columns, `<name>_nb` and `<name>_en`."""
    return (
        Column(f"{name}_nb", Label(f"{what.nb} på norsk.", f"{what.en} in Norwegian."),
               lambda _, item: get(item).nb),
        Column(f"{name}_en", Label(f"{what.nb} på engelsk; tom der det ikke finnes en engelsk tekst.",
                                   f"{what.en} in English; empty where there is no English text."),
               lambda _, item: get(item).en),
    )


QUOTES = Table(
    columns=(
        _STUDY_ID,
        Column("id", Label("Sitatets id, unik innenfor studien.",
                           "The id of the quote, unique within the study."), lambda _, q: q.id),
        Column("finding", Label(
            "Id-en til funnet sitatet hører til (`id` i findings.csv for samme studie).",
            "The id of the finding the quote belongs to (`id` in findings.csv for the same study).",
        ), lambda _, q: q.finding),
        Column("text", Label("Kildens egne ord, ordrett, på originalspråket.",
                             "The source's own words, verbatim, in the original language."), lambda _, q: q.text),
        Column("translation_en", Label("Engelsk oversettelse; tom der det ikke finnes en.",
                                       "English translation; empty where there is none."),
               lambda _, q: q.translation_en),
        Column("speaker", Label(
            "Hvem som sier det, slik kilden omtaler dem (f.eks. «deltaker», «informant 3»).",
            "Who says it, as the source refers to them (e.g. «deltaker», participant, or «informant 3»).",
        ), lambda _, q: q.speaker),
        Column("speaker_role", Label(
            f"Hvem som snakker, i Funnbankens ordliste: {_keys(vocab.SPEAKER_ROLES).nb}.",
            f"Who speaks, in Funnbanken's vocabulary: {_keys(vocab.SPEAKER_ROLES).en}.",
        ), lambda _, q: q.speaker_role),
        Column("location", Label(
            "Hvor i kilden sitatet står: siden («s. 19») der teksten viser den, ellers kapitlet.",
            "Where in the source the quote is: the page («s. 19», p. 19) where the text shows it, otherwise the chapter.",
        ), lambda _, q: q.location),
        _CONCEPTS,
        _PAGE,
    ),
    items=lambda s: s.quotes,
)

FINDINGS = Table(
    columns=(
        _STUDY_ID,
        Column("id", Label("Funnets id, unik innenfor studien.",
                           "The id of the finding, unique within the study."), lambda _, f: f.id),
        Column("parent", Label(
            "Id-en til hovedfunnet dette er et undertema av; tom for et hovedfunn.",
            "The id of the main finding this is a sub-theme of; empty for a main finding.",
        ), lambda _, f: f.parent),
        Column("title", Label("Kildens egen overskrift, ordrett.", "The source's own heading, verbatim."),
               lambda _, f: f.title),
        Column("title_en", Label("Overskriften på engelsk; tom der det ikke finnes en.",
                                 "The heading in English; empty where there is none."), lambda _, f: f.title_en),
        *_localized("summary", Label("Sammendrag av funnet", "Summary of the finding"), lambda f: f.summary),
        Column("themes", Label(
            "Id-ene til temaene funnet hører til (temaer i funnbank.json), skilt med semikolon.",
            "The ids of the themes the finding belongs to (themes in funnbank.json), separated by semicolons.",
        ), lambda _, f: f.themes),
        _CONCEPTS,
        _PAGE,
    ),
    items=lambda s: s.findings,
)

RECOMMENDATIONS = Table(
    columns=(
        _STUDY_ID,
        Column("id", Label("Anbefalingens id, unik innenfor studien.",
                           "The id of the recommendation, unique within the study."), lambda _, r: r.id),
        Column("kind", Label(
            f"Hva slags utsagn det er: {_keys(vocab.RECOMMENDATION_KINDS).nb}.",
            f"What kind of statement it is: {_keys(vocab.RECOMMENDATION_KINDS).en}.",
        ), lambda _, r: r.kind),
        *_localized("text", Label("Anbefalingen", "The recommendation"), lambda r: r.text),
        Column("audience", Label(
            f"Hvem den retter seg mot, skilt med semikolon: {_keys(vocab.AUDIENCES).nb}.",
            f"Who it is addressed to, separated by semicolons: {_keys(vocab.AUDIENCES).en}.",
        ), lambda _, r: r.audience),
        Column("based_on", Label(
            "Id-ene til funnene den bygger på (findings.csv, samme studie), skilt med semikolon.",
            "The ids of the findings it is based on (findings.csv, same study), separated by semicolons.",
        ), lambda _, r: r.based_on),
        _CONCEPTS,
        _PAGE,
    ),
    items=lambda s: s.recommendations,
)



def _components() -> tuple[Column, ...]:
    """Each GRADE-CERQual component as three columns: its level of concern and its explanation in two languages."""
    columns: list[Column] = []
    for key, name in vocab.CERQUAL_COMPONENTS.items():
        columns.append(Column(f"{key}_level", Label(
            f"{name.nb}: hvor store betenkeligheter, {_keys(vocab.CONCERN_LEVELS).nb}.",
            f"{name.en}: how much concern, {_keys(vocab.CONCERN_LEVELS).en}.",
        ), lambda _, r, key=key: getattr(r.components, key).level))
        columns.extend(_localized(f"{key}_explanation",
                                  Label(f"Begrunnelsen for vurderingen av {name.nb.lower()}",
                                        f"The reasons for the assessment of {name.en.lower()}"),
                                  lambda r, key=key: getattr(r.components, key).explanation))
    return tuple(columns)


REVIEW_FINDINGS = Table(
    columns=(
        Column("theme", Label("Id-en til temaet (`id` under `themes` i funnbank.json).",
                              "The id of the theme (`id` under `themes` in funnbank.json)."), lambda t, _: t.id),
        Column("id", Label("Id-en til funnet på tvers, unik på tvers av alle temaer.",
                           "The id of the review finding, unique across all themes."), lambda _, r: r.id),
        *_localized("statement", Label("Funnet på tvers av studiene", "The finding across the studies"),
                    lambda r: r.statement),
        Column("confidence", Label(
            f"Funnbankens tillit til funnet (GRADE-CERQual): {_keys(vocab.CONFIDENCE_LEVELS).nb}.",
            f"Funnbanken's confidence in the finding (GRADE-CERQual): {_keys(vocab.CONFIDENCE_LEVELS).en}.",
        ), lambda _, r: r.confidence),
        *_localized("explanation", Label("Begrunnelsen for tilliten", "The reasons for the confidence"),
                    lambda r: r.explanation),
        *_components(),
        Column("findings", Label(
            "Studiefunnene det bygger på, skilt med semikolon, hvert som `<studie>#<funn>:<forhold>`: id-en til "
            "studien og til funnet (findings.csv) og hvordan funnet forholder seg til funnet på tvers: "
            f"{_keys(vocab.FINDING_RELATIONS).nb}.",
            "The study findings it rests on, separated by semicolons, each as `<study>#<finding>:<relation>`: the "
            "ids of the study and of the finding (findings.csv) and how the finding bears on the review finding: "
            f"{_keys(vocab.FINDING_RELATIONS).en}.",
        ), lambda _, r: [f"{f.study}#{f.finding}:{f.relation}" for f in r.findings]),
        _page("theme", Label("temasiden", "the theme page")),
    ),
    items=lambda t: t.review_findings,
    owner="theme",
)

TABLES: dict[str, Table] = {
    "data/quotes.csv": QUOTES,
    "data/findings.csv": FINDINGS,
    "data/recommendations.csv": RECOMMENDATIONS,
    "data/review_findings.csv": REVIEW_FINDINGS,
}
# The header row of each CSV file.
CSV_COLUMNS: dict[str, tuple[str, ...]] = {path: tuple(c.name for c in t.columns) for path, t in TABLES.items()}
