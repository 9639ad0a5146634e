"""Controlled vocabularies, in one place, with Norwegian and English labels.

Content files use the keys; pages show the labels of the edition being built.
Adding a term here is all it takes to allow it in content (the model and the
JSON Schemas are derived from these tables).
"""

from __future__ import annotations

from typing import NamedTuple


class Label(NamedTuple):
    """A term's label in each language; `in_lang` falls back to Norwegian for an edition without one."""

    nb: str
    en: str

    def in_lang(self, lang: str) -> str:
        return getattr(self, lang) if lang in self._fields else self.nb


STUDY_TYPES: dict[str, Label] = {
    "report": Label("Rapport", "Report"),
    "master_thesis": Label("Masteroppgave", "Master's thesis"),
    "article": Label("Artikkel", "Article"),
    "other": Label("Annet", "Other"),
}

SERVICE_KINDS: dict[str, Label] = {
    "peer_group": Label("Likepersongruppe", "Peer group"),
    "self_help_group": Label("Selvhjelpsgruppe", "Self-help group"),
    "peer_worker": Label("Erfaringskonsulent", "Peer worker"),
    "meeting_place": Label("Lavterskel møteplass", "Low-threshold meeting place"),
    "seminar": Label("Brukerstyrte seminardager", "User-led seminar days"),
    "other": Label("Annet", "Other"),
}

DATA_COLLECTION_METHODS: dict[str, Label] = {
    "individual_interview": Label("Individuelt intervju", "Individual interview"),
    "focus_group": Label("Fokusgruppe", "Focus group"),
    "group_interview": Label("Gruppeintervju", "Group interview"),
    "questionnaire": Label("Spørreskjema", "Questionnaire"),
    "observation": Label("Observasjon", "Observation"),
    "participant_observation": Label("Deltakende observasjon", "Participant observation"),
    "document_analysis": Label("Dokumentanalyse", "Document analysis"),
    "other": Label("Annet", "Other"),
}

AUDIENCES: dict[str, Label] = {
    "policymakers": Label("Beslutningstakere", "Policymakers"),
    "municipal_services": Label("Kommunale tjenester", "Municipal services"),
    "specialist_services": Label("Spesialisthelsetjenesten", "Specialist services"),
    "practitioners": Label("Praktikere", "Practitioners"),
    "user_organisations": Label("Brukerorganisasjoner", "User organisations"),
    "programme": Label("Tiltaket selv", "The programme itself"),
    "researchers": Label("Forskere", "Researchers"),
}

RECOMMENDATION_KINDS: dict[str, Label] = {
    "recommendation": Label("Anbefaling", "Recommendation"),
    "conclusion": Label("Konklusjon", "Conclusion"),
    "implication": Label("Implikasjon", "Implication"),
}

# Who speaks in a quote, as the bank sorts the reports' own labels ("informant i gruppe 1", "pasient"):
# the source's label stays beside it (`Quote.speaker`).
SPEAKER_ROLES: dict[str, Label] = {
    "participant": Label("Deltaker", "Participant"),  # a person who uses the service: member, patient, user
    "peer_worker": Label("Erfaringskonsulent", "Peer worker"),
    "staff": Label("Ansatt", "Staff member"),
    "manager": Label("Leder", "Manager"),
    "relative": Label("Pårørende", "Relative"),
    "other": Label("Annen", "Other"),
}

# The bank's own assessments (see the "How we assess" page). CASP Qualitative Studies Checklist: the
# ten questions, in the checklist's order, and the answers it allows.
CASP_QUESTIONS: dict[str, Label] = {
    "aims": Label("Er målet med studien klart formulert?", "Was there a clear statement of the aims of the research?"),
    "methodology": Label("Er kvalitativ metode egnet?", "Is a qualitative methodology appropriate?"),
    "design": Label("Er designet egnet til å svare på målet?",
                    "Was the research design appropriate to address the aims of the research?"),
    "recruitment": Label("Er rekrutteringen egnet til målet?",
                         "Was the recruitment strategy appropriate to the aims of the research?"),
    "data_collection": Label("Er dataene samlet inn slik at de belyser spørsmålet?",
                             "Was the data collected in a way that addressed the research issue?"),
    "relationship": Label("Er forholdet mellom forsker og deltakere tilstrekkelig vurdert?",
                          "Has the relationship between researcher and participants been adequately considered?"),
    "ethics": Label("Er etiske spørsmål tatt hensyn til?", "Have ethical issues been taken into consideration?"),
    "analysis": Label("Er analysen tilstrekkelig grundig?", "Was the data analysis sufficiently rigorous?"),
    "findings": Label("Er funnene klart framstilt?", "Is there a clear statement of findings?"),
    "value": Label("Hvor verdifull er studien?", "How valuable is the research?"),
}
CASP_ANSWERS: dict[str, Label] = {
    "yes": Label("Ja", "Yes"),
    "no": Label("Nei", "No"),
    "cant_tell": Label("Kan ikke avgjøres", "Can't tell"),
}
# How people with lived experience took part in the research itself (not in the service evaluated).
INVOLVEMENT_STAGES: dict[str, Label] = {
    "design": Label("Utforming av studien", "Design"),
    "data_collection": Label("Datainnsamling", "Data collection"),
    "analysis": Label("Analyse", "Analysis"),
    "dissemination": Label("Formidling", "Dissemination"),
}
INVOLVEMENT_VALUES: dict[str, Label] = {
    "yes": Label("Ja", "Yes"),
    "no": Label("Nei", "No"),
    "not_reported": Label("Ikke oppgitt", "Not reported"),
}
# GRADE-CERQual (Lewin et al. 2018): the four components, their levels of concern, the overall
# confidence, and how a study finding bears on a review finding.
CERQUAL_COMPONENTS: dict[str, Label] = {
    "methodological_limitations": Label("Metodiske begrensninger", "Methodological limitations"),
    "coherence": Label("Sammenheng", "Coherence"),
    "adequacy": Label("Datagrunnlag", "Adequacy of data"),
    "relevance": Label("Relevans", "Relevance"),
}
CONCERN_LEVELS: dict[str, Label] = {
    "none_or_very_minor": Label("Ingen eller svært små betenkeligheter", "No or very minor concerns"),
    "minor": Label("Små betenkeligheter", "Minor concerns"),
    "moderate": Label("Moderate betenkeligheter", "Moderate concerns"),
    "serious": Label("Alvorlige betenkeligheter", "Serious concerns"),
}
CONFIDENCE_LEVELS: dict[str, Label] = {
    "high": Label("Høy tillit", "High confidence"),
    "moderate": Label("Moderat tillit", "Moderate confidence"),
    "low": Label("Lav tillit", "Low confidence"),
    "very_low": Label("Svært lav tillit", "Very low confidence"),
}
FINDING_RELATIONS: dict[str, Label] = {
    "supports": Label("Støtter", "Supports"),
    "nuances": Label("Nyanserer", "Nuances"),
    "contradicts": Label("Motsier", "Contradicts"),
}

VOCABULARIES: dict[str, dict[str, Label]] = {
    "study_type": STUDY_TYPES,
    "service_kind": SERVICE_KINDS,
    "data_collection_method": DATA_COLLECTION_METHODS,
    "audience": AUDIENCES,
    "recommendation_kind": RECOMMENDATION_KINDS,
    "speaker_role": SPEAKER_ROLES,
    "casp_question": CASP_QUESTIONS,
    "casp_answer": CASP_ANSWERS,
    "involvement_value": INVOLVEMENT_VALUES,
    "concern_level": CONCERN_LEVELS,
    "confidence": CONFIDENCE_LEVELS,
    "finding_relation": FINDING_RELATIONS,
}
