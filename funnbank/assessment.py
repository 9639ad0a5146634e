"""The bank's own assessments of a study as readers meet them: the CASP appraisal's answers and the
record of user involvement in the research, for the study page and the studies index.

Templates call these as globals (`TEMPLATE_GLOBALS`, registered in `render.make_environment`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from funnbank import vocab
from funnbank.markup import escape_inline
from funnbank.model import AppraisalItem, Localized, Study

# A symbol for each answer, shown before its word: it repeats the word for the eye, so an answer is
# never told by colour alone, and is hidden from screen readers, which read the word.
ANSWER_MARKS: dict[str, str] = {"yes": "✓", "no": "✗", "cant_tell": "?", "not_reported": "–"}
# The stages the studies index lists studies for, above its table: research in which people with
# lived experience collected or analysed the data (a filter that needs no script).
DATA_STAGES: tuple[str, ...] = ("data_collection", "analysis")


@pass_context
def answer(context: Context, vocabulary: str, key: str) -> Markup:
    """An answer (`casp_answer`, `involvement_value`) as its symbol and its word in the edition's language."""
    word = escape_inline(vocab.VOCABULARIES[vocabulary][key].in_lang(context["lang"]))
    return Markup(f'<span class="fb-answer fb-answer-{key.replace("_", "-")}">'
                  f'<span class="fb-mark" aria-hidden="true">{ANSWER_MARKS[key]}</span> {word}</span>')


@pass_context
def in_edition(context: Context, text: Localized) -> Markup:
    """The edition's text of a justification or note; one not yet translated shows in Norwegian,
    marked as such for screen readers and translation tools."""
    shown = escape_inline(text.in_lang(context["lang"]))
    if getattr(text, context["lang"], None):
        return shown
    return Markup(f'<span lang="{context["source_lang"]}">{shown}</span>')


@pass_context
def appraisal_count(context: Context, items: Sequence[AppraisalItem]) -> str:
    """One line that sums the appraisal up: "7 av 10 ja · 1 nei · 2 kan ikke avgjøres" (answers that
    occur; "ja" always, even at 0)."""
    lang = context["lang"]
    counts = {key: sum(item.answer == key for item in items) for key in vocab.CASP_ANSWERS}
    words = {key: label.in_lang(lang).lower() for key, label in vocab.CASP_ANSWERS.items()}
    first = context["t"].count_of.format(n=counts["yes"], total=len(items))
    rest = [f"{n} {words[key]}" for key, n in counts.items() if key != "yes" and n]
    return " · ".join([f"{first} {words['yes']}", *rest])


@pass_context
def stage_name(context: Context, stage: str) -> str:
    """A stage of the research ("Datainnsamling") in the edition's language."""
    return vocab.INVOLVEMENT_STAGES[stage].in_lang(context["lang"])


def involved_stages(study: Study) -> list[str]:
    """The stages of the research in which people with lived experience took part, in order."""
    record = study.user_involvement
    if record is None:
        return []
    return [stage for stage in vocab.INVOLVEMENT_STAGES if getattr(record, stage).value == "yes"]


def involvement_words(study: Study, lang: str) -> list[str]:
    """How people with lived experience took part in the research, in `lang`: the stages where they did;
    when none, "Nei" only if every stage says so, else "Ikke oppgitt" (a study silent on a stage has not
    said that nobody took part in it). Nothing for a study without a record: unread is not "not reported"."""
    record = study.user_involvement
    if record is None:
        return []
    stages = involved_stages(study)
    if stages:
        return [vocab.INVOLVEMENT_STAGES[stage].in_lang(lang) for stage in stages]
    every_no = all(getattr(record, stage).value == "no" for stage in vocab.INVOLVEMENT_STAGES)
    return [vocab.INVOLVEMENT_VALUES["no" if every_no else "not_reported"].in_lang(lang)]


@pass_context
def involvement_summary(context: Context, study: Study) -> str:
    """The studies index's cell: "Datainnsamling, formidling", "Nei", "Ikke oppgitt", or "Ikke vurdert"
    for a study without a record."""
    words = involvement_words(study, context["lang"])
    if not words:
        return str(context["t"].not_assessed)
    return ", ".join([words[0], *(word.lower() for word in words[1:])])


def studies_involved_in(studies: Iterable[Study], stages: Iterable[str]) -> list[Study]:
    """The studies in which people with lived experience took part in any of `stages`."""
    wanted = set(stages)
    return [study for study in studies if wanted & set(involved_stages(study))]


TEMPLATE_GLOBALS = {
    "answer": answer,
    "in_edition": in_edition,
    "appraisal_count": appraisal_count,
    "stage_name": stage_name,
    "involvement_stages": tuple(vocab.INVOLVEMENT_STAGES),
    "involvement_summary": involvement_summary,
    "studies_involved_in": studies_involved_in,
    "data_stages": DATA_STAGES,
}
