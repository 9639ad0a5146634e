"""Interface strings of each edition. Templates read them as `t.key`."""

from __future__ import annotations

from types import SimpleNamespace

LANGUAGES = ("nb",)

STRINGS: dict[str, dict[str, str]] = {
    "nb": {
        "site_name": "Funnbanken",
        "tagline": "Hva kvalitative evalueringer av tjenester innen psykisk helse og rus har funnet",
        "studies": "Studier",
        "study": "Studie",
        "concepts": "Begreper",
        "concept": "Begrep",
        "themes": "Temaer",
        "theme": "Tema",
        "knowledge_map": "Kunnskapskart",
        "recommendations": "Anbefalinger og konklusjoner",
        "quote_bank": "Sitatbank",
        "open_data": "Åpne data",
        "facts": "Fakta",
        "summary": "Sammendrag",
        "research_questions": "Problemstilling og forskningsspørsmål",
        "method": "Metode",
        "findings": "Funn",
        "limitations": "Begrensninger",
        "cite": "Siter studien",
        "type": "Type",
        "year": "År",
        "authors": "Forfattere",
        "institution": "Institusjon",
        "commissioned_by": "Oppdragsgiver",
        "funded_by": "Finansiert av",
        "service": "Tiltak",
        "service_kind": "Type tiltak",
        "place": "Sted",
        "provider": "Driftes av",
        "sample": "Utvalg",
        "sample_size": "Antall deltakere",
        "data_collection": "Datainnsamling",
        "analysis": "Analyse",
        "design": "Design",
        "recruitment": "Rekruttering",
        "period": "Periode",
        "ethics": "Etikk",
        "unknown": "ukjent",
        "unknown_note": "Ikke oppgitt i kilden",
        "source_text": "Kildetekst",
        "title_source": "Tittelens kilde",
        "quotes": "Sitater",
        "quote": "Sitat",
        "speaker": "Hvem",
        "finding": "Funn",
        "audience": "Målgruppe",
        "based_on": "Bygger på",
        "definition": "Definisjon",
        "aliases": "Også kalt",
        "broader": "Overordnet begrep",
        "narrower": "Underordnede begreper",
        "related": "Beslektede begreper",
        "sources": "Kilder",
        "used_in": "Nevnt i",
        "studies_count": "studier",
        "findings_count": "funn",
        "quotes_count": "sitater",
        "sub_finding_of": "Deltema under",
        "english_title": "Engelsk tittel",
        "no_items": "Ingen ennå.",
        "data_intro": "Alt innhold i Funnbanken kan lastes ned som åpne data.",
    },
}


def strings(lang: str) -> SimpleNamespace:
    return SimpleNamespace(**STRINGS[lang])
