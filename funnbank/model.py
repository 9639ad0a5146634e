"""The validated content model: studies, concepts and themes.

Field names are public: other tools read them through `data/funnbank.json` and
editors validate against the JSON Schemas generated from these classes
(`schema/*.schema.json`). Add fields freely; rename none.

Every model is strict (a number is not a string, `yes` is not a boolean) and
closed (an unknown key such as `sumary` is an error), so that a maintainer's typo
is reported instead of silently dropped.
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from funnbank import vocab

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="Lower-case letters a–z, digits and single hyphens, e.g. `rose-nakuhel-2016`."),
]
# Anchors the study page uses for its own sections; a finding, quote or
# recommendation id may not take one of them (the page would have two targets).
RESERVED_ANCHORS = frozenset({
    "fakta", "sammendrag", "forskningssporsmal", "metode", "funn", "anbefalinger",
    "begrensninger", "begreper", "temaer", "siter-studien", "facts", "summary",
    "research-questions", "method", "findings", "recommendations", "limitations",
    "concepts", "themes", "cite", "vurdering", "brukermedvirkning",
})

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


def _vocabulary(table: dict[str, vocab.Label]) -> object:
    """A `Literal` of a vocabulary's keys, so the schema lists them as an enum."""
    return Literal[tuple(table)]  # type: ignore[valid-type]


StudyType = _vocabulary(vocab.STUDY_TYPES)
ServiceKind = _vocabulary(vocab.SERVICE_KINDS)
DataCollectionMethod = _vocabulary(vocab.DATA_COLLECTION_METHODS)
Audience = _vocabulary(vocab.AUDIENCES)
RecommendationKind = _vocabulary(vocab.RECOMMENDATION_KINDS)
CaspQuestion = _vocabulary(vocab.CASP_QUESTIONS)
CaspAnswer = _vocabulary(vocab.CASP_ANSWERS)
InvolvementValue = _vocabulary(vocab.INVOLVEMENT_VALUES)
ConcernLevel = _vocabulary(vocab.CONCERN_LEVELS)
ConfidenceLevel = _vocabulary(vocab.CONFIDENCE_LEVELS)
FindingRelation = _vocabulary(vocab.FINDING_RELATIONS)
SpeakerRole = _vocabulary(vocab.SPEAKER_ROLES)


class Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class InLanguages(Model):
    """A text in Norwegian Bokmål (`nb`, required) and other languages (`en`)."""

    def in_lang(self, lang: str) -> str:
        """The text in `lang`, falling back to Norwegian where there is no translation."""
        return getattr(self, lang, None) or self.nb  # type: ignore[attr-defined]


class Localized(InLanguages):
    """A text in Norwegian Bokmål (required) and English (the English edition)."""

    nb: Text
    en: Text | None = None


SHORT_NAME_MAX = 40
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_NAME_MAX)]


class ShortName(InLanguages):
    """A study's short name for cards, the knowledge map and search results (at most 40 characters)."""

    nb: ShortText
    en: ShortText | None = None


TAGLINE_MAX = 160
Tagline = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TAGLINE_MAX)]


class OneLine(InLanguages):
    """A theme's one-line description for the themes index (at most 160 characters)."""

    nb: Tagline
    en: Tagline | None = None


class LocalizedList(Model):
    nb: list[Text] = []
    en: list[Text] = []


def title_in(item: Study | Finding, lang: str) -> str:
    """A study's or finding's title in `lang`: the English title where there is one."""
    return item.title_en if lang == "en" and item.title_en else item.title


Year = Annotated[int, Field(ge=1900, le=2100)]


class InferredYear(Model):
    """A year the source does not state but its text points to, shown as "2017 (antatt)"."""

    year: Year
    basis: Localized = Field(
        description="Why this year, in your own words, naming the evidence in the source text."
    )


class Author(Model):
    name: Text
    affiliation: Text | None = None


class Service(Model):
    """The service or programme the study evaluates."""

    name: Text
    kind: ServiceKind  # type: ignore[valid-type]
    provider: Text | None = None
    place: Text | None = None


class DataCollection(Model):
    method: DataCollectionMethod  # type: ignore[valid-type]
    description: Text | None = Field(None, description="How many interviews or groups, with whom.")
    count: Annotated[int, Field(ge=0)] | None = Field(None, description="Number of interviews, groups or forms.")
    period: Text | None = None


class Method(Model):
    design: Text | None = None
    data_collection: list[DataCollection] = []
    sample_size: Annotated[int, Field(ge=0)] | None = Field(
        None, description="The number of participants the study reports."
    )
    sample_description: Text | None = None
    recruitment: Text | None = None
    analysis: Text | None = Field(None, description="As the authors name it, with its reference.")
    period: Text | None = None
    ethics: Text | None = None


class Finding(Model):
    id: Id
    title: Text = Field(description="The report's own heading, exactly.")
    title_en: Text | None = None
    parent: Id | None = Field(None, description="Id of the main finding this sub-theme belongs to.")
    summary: Localized
    themes: list[Id] = []
    concepts: list[Id] = []


class Quote(Model):
    id: Id
    text: Text = Field(description="The source's exact words.")
    speaker: Text = Field(description='As the report identifies them, e.g. "deltaker", "informant 3".')
    speaker_role: SpeakerRole = Field(  # type: ignore[valid-type]
        description="Who speaks, from the bank's vocabulary (participant, peer_worker, staff, …)."
    )
    finding: Id
    location: Text = Field(description='Page ("s. 19") where the text shows one, else the section.')
    translation_en: Text | None = None
    concepts: list[Id] = []


class Recommendation(Model):
    id: Id
    kind: RecommendationKind = "recommendation"  # type: ignore[valid-type]
    text: Localized
    audience: list[Audience] = []  # type: ignore[valid-type]
    based_on: list[Id] = Field([], description="Ids of the findings it rests on.")
    concepts: list[Id] = []


class AppraisalItem(Model):
    """One question of the CASP qualitative checklist, answered by the bank from the source."""

    question: CaspQuestion  # type: ignore[valid-type]
    answer: CaspAnswer  # type: ignore[valid-type]
    justification: Localized
    location: Text = Field(description='Where in the source the answer rests: "s. 12", "kap. 3.2".')
    lines: Text | None = Field(None, description="The lines of the plain-text source, for checking.")


class Involvement(Model):
    value: InvolvementValue  # type: ignore[valid-type]
    note: Localized
    location: Text | None = None
    lines: Text | None = Field(None, description="The lines of the plain-text source, for checking.")


class UserInvolvement(Model):
    """How people with lived experience took part in the research itself: each stage, or not reported."""

    design: Involvement
    data_collection: Involvement
    analysis: Involvement
    dissemination: Involvement


class EnglishFacts(Model):
    """The study's method facts in English, in the bank's own words, for the English edition.

    The Norwegian fields (`service`, `method`, `research_questions`, `limitations`) are the source's
    words or close to them; the English edition shows these summaries and keeps the Norwegian
    original beside them, marked as Norwegian."""

    service: Text | None = Field(None, description="What the service is, in a sentence.")
    aims: Text | None = Field(None, description="The research questions, summarised.")
    method: Text | None = Field(None, description="Design, recruitment and data collection, summarised.")
    sample: Text | None = Field(None, description="Who took part, summarised.")
    analysis: Text | None = Field(None, description="How the data were analysed, summarised.")
    limitations: list[Text] = Field([], description="The limitations, summarised, one per item.")


Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$", max_length=500),
                Field(description="The report's address on the web: https://…")]
Doi = Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/[^\s]+$", max_length=200),
                Field(description="A DOI without https://doi.org/, e.g. `10.1000/xyz123`.")]
Handle = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*/[^\s]+$", max_length=200),
                   Field(description="A Handle without https://hdl.handle.net/, e.g. `11250/2452525`.")]


class Study(Model):
    id: Id
    title: Text
    short_name: ShortName | None = Field(
        None, description="For cards, the knowledge map and search results: at most 40 characters, "
        "e.g. `{nb: Et bedre liv}`. Without it they show the title, shortened.")
    subtitle: Text | None = None
    title_en: Text | None = None
    title_source: Text | None = Field(
        None, description="Where the title comes from when the text has no title page."
    )
    type: StudyType  # type: ignore[valid-type]
    year: Year | None = None
    year_inferred: InferredYear | None = Field(
        None, description="Only when the source states no year (never with `year`): the year its text points to."
    )
    authors: list[Author] = []
    institution: Text | None = None
    commissioned_by: Text | None = None
    funded_by: Text | None = None
    service: Service
    summary: Localized
    research_questions: list[Text] = []
    method: Method = Method()
    limitations: list[Text] = []
    url: Url | None = None
    doi: Doi | None = None
    handle: Handle | None = None
    english: EnglishFacts | None = Field(
        None, description="Service, aims, method, sample, analysis and limitations summarised in English.")
    source_text: Text | None = Field(None, description="File name of the report's plain-text extraction.")
    locations_note: Localized | None = Field(
        None, description="How the pages in the quotes' `location` were counted, when the text has lost page numbers."
    )
    unknown: dict[str, Text] = Field(
        {}, description="Facts the source does not give, by field name, each with a note saying so."
    )
    findings: list[Finding] = Field(min_length=1)
    quotes: list[Quote] = []
    recommendations: list[Recommendation] = []
    appraisal: list[AppraisalItem] = Field(
        [], description="The bank's own CASP appraisal: the ten questions, each once, in the checklist's order.")
    user_involvement: UserInvolvement | None = Field(
        None, description="How people with lived experience took part in the research (the bank's reading).")


class Concept(Model):
    id: Id
    label: Localized
    aliases: LocalizedList = LocalizedList()
    definition: Localized
    sources: list[Text] = []
    related: list[Id] = []
    broader: Id | None = None


class ContributingFinding(Model):
    study: Id
    finding: Id
    relation: FindingRelation  # type: ignore[valid-type]


class Component(Model):
    level: ConcernLevel  # type: ignore[valid-type]
    explanation: Localized


class Components(Model):
    """GRADE-CERQual's four components (Lewin et al. 2018)."""

    methodological_limitations: Component
    coherence: Component
    adequacy: Component
    relevance: Component


class ReviewFinding(Model):
    """What several studies found on a theme, with the bank's GRADE-CERQual assessment of it."""

    id: Id
    statement: Localized
    findings: list[ContributingFinding] = Field(min_length=1, description="The study findings it rests on.")
    components: Components
    confidence: ConfidenceLevel  # type: ignore[valid-type]
    explanation: Localized


class Theme(Model):
    id: Id
    label: Localized
    tagline: OneLine | None = Field(None, description="One line for the themes index (at most 160 characters).")
    description: Localized
    concepts: list[Id] = []
    related: list[Id] = Field([], description="Ids of themes a reader of this one should also see.")
    review_findings: list[ReviewFinding] = []


# The facts of a study that a source may leave out, as `unknown:` keys, each with the key of its
# name in the interface strings (`i18n`): readers see "Oppdragsgiver", never `commissioned_by`.
UNKNOWABLE_FACTS: dict[str, str] = {
    "subtitle": "subtitle",
    "year": "year",
    "authors": "authors",
    "institution": "institution",
    "commissioned_by": "commissioned_by",
    "funded_by": "funded_by",
    "service.provider": "provider",
    "service.place": "place",
    "method.design": "design",
    "method.data_collection": "data_collection",
    "method.sample_size": "sample_size",
    "method.sample_description": "sample",
    "method.recruitment": "recruitment",
    "method.analysis": "analysis",
    "method.period": "period",
    "method.ethics": "ethics",
}


def unwrap_annotation(annotation: Any) -> Any:
    """`Optional[X]` and `Annotated[X, ...]` → `X`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation
