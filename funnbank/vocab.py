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

VOCABULARIES: dict[str, dict[str, Label]] = {
    "study_type": STUDY_TYPES,
    "service_kind": SERVICE_KINDS,
    "data_collection_method": DATA_COLLECTION_METHODS,
    "audience": AUDIENCES,
    "recommendation_kind": RECOMMENDATION_KINDS,
}
