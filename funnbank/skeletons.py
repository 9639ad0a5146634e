"""The commented skeletons `python build.py new <kind> <id>` writes, one per built-in kind.

Every text the maintainer must replace starts with `PLACEHOLDER`, so `check` can find the ones left in
(rule `no-placeholders`). The skeletons are valid as they stand, so `build` can preview them. `{id}`
is filled in; other braces are doubled.
"""

from __future__ import annotations

PLACEHOLDER = "TODO:"

SKELETONS: dict[str, str] = {
    "study": """\
# yaml-language-server: $schema=../../schema/study.schema.json
# A study. Facts come from the source text; what it does not say goes under `unknown`.
# Summaries are in your own words; quotes are the source's exact words.
# Replace every "TODO: ..." text; `python build.py check` lists what is left to do.
id: {id}
title: "TODO: tittel slik kilden skriver den"
short_name: {{nb: "TODO: kort navn", en: "TODO: short name"}}  # at most 40 characters: cards, map, search
# subtitle: Undertittel
# title_en: English title
# title_source: Where the title comes from, when the text has no title page
# Where a reader finds the report, only as the source text gives it (any of the three):
# url: https://...
# doi: 10.xxxx/...
# handle: 11250/...
type: report  # report | master_thesis | article | other
# year: 2024
# year_inferred: {{year: 2024, basis: {{nb: ..., en: ...}}}}  # only when the source states no year
authors: []  # - name: ...   affiliation: ...
# institution: ...
# commissioned_by: ...
# funded_by: ...
service:
  name: "TODO: tiltakets navn"
  kind: other  # peer_group | self_help_group | peer_worker | meeting_place | seminar | other
  # provider: ...
  # place: ...
summary:
  nb: >-
    TODO: sammendrag med egne ord: hva ble evaluert, hvordan, hva ble funnet.
  # en: >-
  #   The same in English.
research_questions: []  # the authors' own words
method:
  data_collection: []  # - method: focus_group   count: 2   description: ...
  # sample_size: 12
  # analysis: Systematisk tekstkondensering (Malterud, 2011)
  # ethics: ...
limitations: []
# The method facts in English, in your own words, for the English edition:
# english:
#   service: ...
#   aims: ...
#   method: ...
#   sample: ...
#   analysis: ...
#   limitations: [...]
# source_text: file name of the report's plain-text extraction
unknown: {{}}  # e.g. year: "Teksten oppgir ikke årstall."
findings:
  - id: forste-funn
    title: "TODO: rapportens egen overskrift"
    summary:
      nb: "TODO: hva funnet sier, med egne ord."
    themes: []    # ids from content/themes/
    concepts: []  # ids from content/concepts/
quotes: []
  # - id: q1
  #   text: >-
  #     Kildens eksakte ord.
  #   speaker: deltaker  # as the report names them
  #   speaker_role: participant  # participant | peer_worker | staff | manager | relative | other
  #   finding: forste-funn
  #   location: s. 12
  #   translation_en: ...
recommendations: []
  # - id: r1
  #   kind: recommendation  # recommendation | conclusion | implication
  #   text: {{nb: ..., en: ...}}
  #   audience: [municipal_services]
  #   based_on: [forste-funn]
# Funnbanken's own assessment (see the page "Slik vurderer vi"): the ten CASP questions, once each,
# in this order: aims, methodology, design, recruitment, data_collection, relationship, ethics,
# analysis, findings, value. Answers: "yes" | "no" | cant_tell (quote yes and no).
appraisal: []
  # - question: aims
  #   answer: "yes"
  #   justification: {{nb: ..., en: ...}}
  #   location: s. 5
# How people with lived experience took part in the research: yes | "no" | not_reported, with a note.
# user_involvement:
#   design: {{value: not_reported, note: {{nb: ..., en: ...}}}}
#   data_collection: {{value: not_reported, note: {{nb: ..., en: ...}}}}
#   analysis: {{value: not_reported, note: {{nb: ..., en: ...}}}}
#   dissemination: {{value: not_reported, note: {{nb: ..., en: ...}}}}
""",
    "concept": """\
# yaml-language-server: $schema=../../schema/concept.schema.json
id: {id}
label: {{nb: "TODO: norsk navn", en: "TODO: English name"}}
aliases: {{nb: [], en: []}}  # synonyms people search with
definition:
  nb: >-
    TODO: definisjon med egne ord, og hvilke teoretikere studiene viser til.
  en: >-
    TODO: definition in your own words.
sources: []
related: []  # concept ids
# broader: a concept id
""",
    "theme": """\
# yaml-language-server: $schema=../../schema/theme.schema.json
id: {id}
label: {{nb: "TODO: norsk navn", en: "TODO: English name"}}
tagline: {{nb: "TODO: én linje om temaet", en: "TODO: one line about the theme"}}  # at most 160 characters
description:
  nb: >-
    TODO: hva studiene fant felles, og hvor de skiller seg.
  en: >-
    TODO: what the studies found in common, and where they differ.
concepts: []  # concept ids
related: []  # theme ids a reader of this theme should also see
# What several studies found, each with Funnbanken's GRADE-CERQual assessment (see "Slik vurderer vi").
review_findings: []
  # - id: rf-kort-navn
  #   statement: {{nb: ..., en: ...}}
  #   findings:  # the study findings it rests on: supports | nuances | contradicts
  #     - {{study: studie-id, finding: funn-id, relation: supports}}
  #   components:  # each: none_or_very_minor | minor | moderate | serious, with an explanation
  #     methodological_limitations: {{level: moderate, explanation: {{nb: ..., en: ...}}}}
  #     coherence: {{level: minor, explanation: {{nb: ..., en: ...}}}}
  #     adequacy: {{level: moderate, explanation: {{nb: ..., en: ...}}}}
  #     relevance: {{level: minor, explanation: {{nb: ..., en: ...}}}}
  #   confidence: moderate  # high | moderate | low | very_low
  #   explanation: {{nb: ..., en: ...}}
""",
}
