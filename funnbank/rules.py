"""The content rules: what complete, publishable content is, beyond what the model validates.

The model (`model`) says what a file may hold; the rules say what readers are
promised: both languages, enough quotes, every finding themed and quoted, every
concept and theme connected, no placeholders, no contact details.

- `python build.py check` reports every rule problem, located, with a hint, and exits 1.
- `python build.py build` (and `serve`) print them as warnings and build anyway, so a
  half-written study can be previewed; a rule marked `stops_build` (contact details:
  never published, not even once) stops the build like a validation error.
- The test suite runs these same rules on the real content (tests/test_content.py), so
  `check` and CI cannot disagree.

Each rule is one small function from the loaded content to its problems, listed once in
`RULES` with the one-line description that `build.py list rules` and the README show. The
rules about one item look at the files that passed validation and at those that did once
their errors were set aside (`partial`), leaving out what would only echo those errors;
those that read raw text (placeholders, contact details) and those about use across files
read every readable file. So nothing is reported twice or as a consequence of another
file's error. No rule is about the size of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from funnbank.errors import Problem
from funnbank.loaded import LoadedContent, document_id
from funnbank import vocab
from funnbank.model import Study, Theme
from funnbank.partial import echoes
from funnbank.privacy import find_contact_details
from funnbank.reader import Document, Loc, format_loc, per_document
from funnbank.references import references
from funnbank.skeletons import PLACEHOLDER

QUOTES_PER_STUDY = range(12, 21)  # enough to carry every finding, few enough to be the telling ones
STUDIES_PER_THEME = 2  # a theme is what studies found in common


@dataclass(frozen=True)
class Rule:
    name: str
    description: str  # one line, for `build.py list rules` and the README
    check: Callable[[LoadedContent], Iterable[Problem]]
    stops_build: bool = False


def check_rules(content: LoadedContent, rules: Iterable[Rule] | None = None) -> list[Problem]:
    """Every problem the rules (all of them by default) find, sorted by file and line, each once."""
    return sorted({problem for rule in (RULES if rules is None else rules) for problem in rule.check(content)})


# --- helpers ---------------------------------------------------------------------------------------

def _each(kind: str, check: Callable[[Document, Any], Iterable[Problem]]) -> Callable[[LoadedContent], Iterator[Problem]]:
    """A rule about one item at a time, run on every item of `kind`: those that validated, and those that
    did once their errors were set aside (without the problems that only echo those errors)."""
    def run(content: LoadedContent) -> Iterator[Problem]:
        for doc, item in content.items[kind]:
            yield from check(doc, item)
        for doc, item, aside in content.partial[kind]:
            yield from (problem for problem in check(doc, item) if not echoes(problem, aside))
    return run


StudyCheck = Callable[[Document, Study], Iterator[Problem]]


def _every(field: str, lacks: Callable[[Any], bool], loc: Loc, message: str, hint: str) -> StudyCheck:
    """A rule about each finding, quote or recommendation (`field`) of a study: each `item` for which
    `lacks(item)` is a problem at `loc` inside it; `{id}` in the message and hint is the item's id."""
    def check(doc: Document, study: Study) -> Iterator[Problem]:
        for i, item in enumerate(getattr(study, field)):
            if lacks(item):
                yield doc.problem((field, i, *loc), message.format(id=item.id), hint.format(id=item.id))
    return check


def _in_english(what: str, fields: tuple[str, ...]) -> Callable[[Document, Any], Iterator[Problem]]:
    """A rule that the bilingual `fields` of a concept or theme (`what`) have their English text."""
    def check(doc: Document, item: Any) -> Iterator[Problem]:
        for field in fields:
            if not getattr(item, field).en:
                yield doc.problem((field, "en"), f"the {what}'s {field} has no English text", f"add `en:` under `{field}:`")
    return check


def _absent(doc: Document, loc: Loc, beside: Loc, message: str, hint: str) -> Problem:
    """A problem about a field that is not in the file, placed at the field it belongs `beside`."""
    line, col = doc.locate(loc if loc in doc.locations else beside)
    return Problem(doc.path, line, col, format_loc(loc), message, hint)


def _texts(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text value in raw data, with its location."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*loc, i))


def _studies_referring_to(content: LoadedContent, target: str) -> dict[str, list[str]]:
    """Concept or theme id → the ids of the studies whose findings, quotes or recommendations refer to it."""
    studies: dict[str, list[str]] = defaultdict(list)
    for doc in content.documents["study"]:
        for id in dict.fromkeys(ref for _, ref in references(doc, "study", target)):
            studies[id].append(document_id(doc))
    return studies


# --- both languages ---------------------------------------------------------------------------------

def title_in_english(doc: Document, study: Study) -> Iterator[Problem]:
    if not study.title_en:
        yield _absent(doc, ("title_en",), ("title",), "the study has no English title",
                      "add `title_en:` below `title:`; the English edition shows it beside the original")


def summary_in_english(doc: Document, study: Study) -> Iterator[Problem]:
    if not study.summary.en:
        yield doc.problem(("summary", "en"), "the study's summary has no English text",
                          "add `en: >-` under `summary:`, in your own words")


finding_summary_in_english = _every("findings", lambda finding: not finding.summary.en, ("summary", "en"),
                                    "finding {id!r} has no English summary", "add `en:` under its `summary:`")
quote_translation = _every("quotes", lambda quote: not quote.translation_en, ("translation_en",),
                           "quote {id!r} has no English translation",
                           "add `translation_en:`; the English edition shows it below the original")
recommendation_in_english = _every("recommendations", lambda rec: not rec.text.en, ("text", "en"),
                                   "recommendation {id!r} has no English text", "add `en:` under its `text:`")
concept_in_english = _in_english("concept", ("label", "definition"))


def facts_in_english(doc: Document, study: Study) -> Iterator[Problem]:
    if study.english is None:
        yield _absent(doc, ("english",), ("summary",), "the study's method facts are not summarised in English",
                      "add `english:` with service, aims, method, sample, analysis and limitations in your own "
                      "words; the English edition shows them with the Norwegian original beside")
theme_in_english = _in_english("theme", ("label", "description"))


# --- a study is complete ----------------------------------------------------------------------------

def short_name(doc: Document, study: Study) -> Iterator[Problem]:
    if study.short_name is None:
        yield _absent(doc, ("short_name",), ("title",), "the study has no short name",
                      "add `short_name: {nb: ..., en: ...}` below `title:` (at most 40 characters); cards, "
                      "the knowledge map and search results show it instead of the full title")


def theme_tagline(doc: Document, theme: Theme) -> Iterator[Problem]:
    if theme.tagline is None:
        yield _absent(doc, ("tagline",), ("label",), "the theme has no one-line description",
                      "add `tagline: {nb: ..., en: ...}` (at most 160 characters); the themes index shows it")


def research_questions(doc: Document, study: Study) -> Iterator[Problem]:
    if not study.research_questions:
        yield _absent(doc, ("research_questions",), ("summary",), "the study lists no research questions",
                      "add the authors' own research questions under `research_questions:`")


def has_recommendations(doc: Document, study: Study) -> Iterator[Problem]:
    if not study.recommendations:
        yield _absent(doc, ("recommendations",), ("findings",), "the study has no recommendations",
                      "add the report's recommendations, conclusions or implications under `recommendations:`")


recommendation_audience = _every("recommendations", lambda rec: not rec.audience, ("audience",),
                                 "recommendation {id!r} names no audience",
                                 "add `audience: [...]`; `python build.py list vocab` lists the audiences")
recommendation_based_on = _every("recommendations", lambda rec: not rec.based_on, ("based_on",),
                                 "recommendation {id!r} rests on no finding",
                                 "add `based_on: [...]` with the ids of the findings it draws on")


def quotes_per_study(doc: Document, study: Study) -> Iterator[Problem]:
    count, low, high = len(study.quotes), QUOTES_PER_STUDY.start, QUOTES_PER_STUDY.stop - 1
    if count not in QUOTES_PER_STUDY:
        hint = (f"add quotes that carry the findings, in the source's exact words: at least {low}"
                if count < low else f"keep the {high} that say most")
        yield _absent(doc, ("quotes",), ("findings",), f"the study has {count} quotes; a study has {low} to {high}", hint)


def quote_per_finding(doc: Document, study: Study) -> Iterator[Problem]:
    quoted = {quote.finding for quote in study.quotes}
    for i, finding in enumerate(study.findings):
        if finding.id not in quoted:
            yield doc.problem(("findings", i, "id"), f"finding {finding.id!r} has no quote",
                              f"add a quote with `finding: {finding.id}`")


theme_per_finding = _every("findings", lambda finding: not finding.themes, ("themes",), "finding {id!r} has no theme",
                           "add `themes: [...]`; `python build.py list themes` lists them")


def given_and_unknown(doc: Document, study: Study) -> Iterator[Problem]:
    for key in study.unknown:
        value: Any = study
        for part in key.split("."):
            value = getattr(value, part, None)
        if value not in (None, [], ""):
            shown = f" ({value})" if isinstance(value, (int, str)) else ""
            yield doc.problem(("unknown", key), f"`{key}` is given{shown} and also listed under `unknown`",
                              f"the page would show both: remove `{key}` from `unknown:` if the source gives it, "
                              "else remove the value")


# --- the bank's own assessments ---------------------------------------------------------------------

def appraisal_complete(doc: Document, study: Study) -> Iterator[Problem]:
    asked = [item.question for item in study.appraisal]
    if asked != list(vocab.CASP_QUESTIONS):
        missing = [q for q in vocab.CASP_QUESTIONS if q not in asked]
        what = f"lacks {', '.join(missing)}" if missing else "has a question twice or out of order"
        yield _absent(doc, ("appraisal",), ("findings",), f"the study's CASP appraisal {what}",
                      "answer the ten CASP questions once each, in the checklist's order: "
                      + ", ".join(vocab.CASP_QUESTIONS))


def user_involvement_recorded(doc: Document, study: Study) -> Iterator[Problem]:
    if study.user_involvement is None:
        yield _absent(doc, ("user_involvement",), ("findings",), "the study has no user-involvement record",
                      "add `user_involvement:` with design, data_collection, analysis and dissemination, each "
                      "`value: yes | no | not_reported` and a `note`")


def theme_review_findings(doc: Document, theme: Theme) -> Iterator[Problem]:
    if not theme.review_findings:
        yield _absent(doc, ("review_findings",), ("description",), "the theme has no review findings",
                      "add `review_findings:`: what several studies found, with a GRADE-CERQual assessment")


def one_study_flagged(doc: Document, theme: Theme) -> Iterator[Problem]:
    for i, review in enumerate(theme.review_findings):
        studies = {ref.study for ref in review.findings}
        if len(studies) == 1 and review.components.adequacy.level in ("none_or_very_minor", "minor"):
            yield doc.problem(("review_findings", i, "components", "adequacy", "level"),
                              f"review finding {review.id!r} rests on one study, but its adequacy has "
                              f"{review.components.adequacy.level.replace('_', ' ')} concerns",
                              "a finding from one study has at least moderate concerns about adequacy: say so")


# --- the corpus is connected ------------------------------------------------------------------------

def concept_used(content: LoadedContent) -> Iterator[Problem]:
    if not content.complete("study"):
        return  # a study that could not be read may be the one using it: say nothing rather than guess
    used = _studies_referring_to(content, "concept")
    for doc in content.documents["concept"]:
        id = document_id(doc)
        if id not in used:
            yield doc.problem(("id",), f"concept {id!r} is used by no study",
                              f"refer to it from a finding, quote or recommendation (`concepts: [{id}]`), "
                              f"or delete {doc.path.name}")


def theme_draws_on_two_studies(content: LoadedContent) -> Iterator[Problem]:
    if not content.complete("study"):
        return
    drawn = _studies_referring_to(content, "theme")
    for doc in content.documents["theme"]:
        id, studies = document_id(doc), drawn.get(document_id(doc), [])
        if len(studies) < STUDIES_PER_THEME:
            which = f"only {', '.join(studies)}" if studies else "no study"
            yield doc.problem(("id",), f"theme {id!r} draws on {which}; a theme draws on at least "
                              f"{STUDIES_PER_THEME} studies",
                              f"add `{id}` to the `themes:` of findings in other studies, or fold it into another theme")


# --- nothing left over, nothing private -------------------------------------------------------------

def no_placeholders(content: LoadedContent) -> Iterator[Problem]:
    for docs in content.documents.values():
        for doc in docs:
            yield from _placeholders(doc)


@per_document
def _placeholders(doc: Document) -> tuple[Problem, ...]:
    return tuple(doc.problem(loc, f"a placeholder from the skeleton is left in: {text.strip()[:50]!r}",
                             f"replace the `{PLACEHOLDER}` text with the real one")
                 for loc, text in _texts(doc.data) if PLACEHOLDER in text)


def no_contact_details(content: LoadedContent) -> Iterator[Problem]:
    for docs in content.documents.values():
        for doc in docs:
            yield from _contact_details(doc, content.texts[doc.path])


@per_document
def _contact_details(doc: Document, text: str) -> tuple[Problem, ...]:
    """`text` is the document's file as read (so the same Document has the same text)."""
    problems = []
    for offset, what, found in find_contact_details(text):
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        problems.append(Problem(doc.path, line, col, format_loc(_field_at(doc, line, col)), f"{what} ({found!r})",
                                "never publish anyone's contact details: remove it"))
    return tuple(problems)


def _field_at(doc: Document, line: int, col: int) -> Loc:
    """The innermost field that starts at or before a position (a block of text starts on its key's line)."""
    before = [(pos, loc) for loc, pos in doc.locations.items() if pos <= (line, col)]
    return max(before, key=lambda entry: (entry[0], len(entry[1])))[1] if before else ()


RULES: list[Rule] = [
    Rule("title-in-english", "A study has an English title (`title_en`).", _each("study", title_in_english)),
    Rule("summary-in-english", "A study's summary is in English too (`summary.en`).",
         _each("study", summary_in_english)),
    Rule("finding-summary-in-english", "Every finding's summary is in English too.",
         _each("study", finding_summary_in_english)),
    Rule("quote-translation", "Every quote has an English translation (`translation_en`).",
         _each("study", quote_translation)),
    Rule("recommendation-in-english", "Every recommendation's text is in English too.",
         _each("study", recommendation_in_english)),
    Rule("concept-in-english", "A concept's label and definition are in English too.",
         _each("concept", concept_in_english)),
    Rule("theme-in-english", "A theme's label and description are in English too.", _each("theme", theme_in_english)),
    Rule("facts-in-english", "A study's method facts are summarised in English (`english:`).",
         _each("study", facts_in_english)),
    Rule("short-name", "A study has a short name (`short_name`) for cards, the map and search results.",
         _each("study", short_name)),
    Rule("theme-tagline", "A theme has a one-line description (`tagline`) for the themes index.",
         _each("theme", theme_tagline)),
    Rule("research-questions", "A study lists its research questions.", _each("study", research_questions)),
    Rule("recommendations", "A study has at least one recommendation, conclusion or implication.",
         _each("study", has_recommendations)),
    Rule("recommendation-audience", "Every recommendation names its audience.",
         _each("study", recommendation_audience)),
    Rule("recommendation-based-on", "Every recommendation names the findings it rests on (`based_on`).",
         _each("study", recommendation_based_on)),
    Rule("quotes-per-study",
         f"A study has {QUOTES_PER_STUDY.start} to {QUOTES_PER_STUDY.stop - 1} quotes.", _each("study", quotes_per_study)),
    Rule("quote-per-finding", "Every finding has at least one quote.", _each("study", quote_per_finding)),
    Rule("theme-per-finding", "Every finding has at least one theme.", _each("study", theme_per_finding)),
    Rule("given-and-unknown", "No field is both given and listed under `unknown`.", _each("study", given_and_unknown)),
    Rule("appraisal", "A study has the bank's CASP appraisal: the ten questions, once each, in order.",
         _each("study", appraisal_complete)),
    Rule("user-involvement", "A study records how people with lived experience took part in the research.",
         _each("study", user_involvement_recorded)),
    Rule("review-findings", "A theme has review findings with a GRADE-CERQual assessment.",
         _each("theme", theme_review_findings)),
    Rule("one-study-adequacy", "A review finding that rests on one study has at least moderate concerns about "
         "adequacy.", _each("theme", one_study_flagged)),
    Rule("concept-used", "Every concept is used by some study (in a finding, quote or recommendation).", concept_used),
    Rule("theme-two-studies", f"Every theme draws on findings of at least {STUDIES_PER_THEME} studies.",
         theme_draws_on_two_studies),
    Rule("no-placeholders", f"No `{PLACEHOLDER}` placeholder from `build.py new` is left in.", no_placeholders),
    Rule("no-contact-details", "No e-mail address, telephone number or redaction marker in any file "
         "(stops the build too).", no_contact_details, stops_build=True),
]
BLOCKING_RULES = [rule for rule in RULES if rule.stops_build]
WARNING_RULES = [rule for rule in RULES if not rule.stops_build]
