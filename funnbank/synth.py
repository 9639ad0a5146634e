"""A deterministic, schema-valid synthetic corpus for scale benchmarks.

`write_synthetic_corpus(n, out, seed)` writes n studies plus the concepts and
themes they share, in the same layout and YAML style as `content/`. The same
(n, seed) gives byte-identical files: one `random.Random(seed)` drives every
choice, and nothing iterates over a set (whose order changes between runs).

Growth rule: concepts = 20 + n // 5 and themes = 6 + n // 25, so the shared
pages grow with the corpus the way a real one would (new studies bring some new
terms, mostly reuse old ones). Findings take their first theme and concept
round-robin, so every concept and theme is used once there are enough findings
(from n = 5), and every theme by at least two studies (from n = 3: a study has
at most 6 findings and there are at least 6 themes).

Text is Norwegian-looking prose made of parallel nb/en word tables, so each
sentence comes with its translation and a search index sees varied sentences.
It contains no e-mail addresses and no eight-digit runs (see `privacy`): the
only numbers are years, page numbers and small counts, never side by side.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from funnbank import vocab
from funnbank.kinds import KINDS
from funnbank.markup import shorten
from funnbank.model import RESERVED_ANCHORS

Pair = tuple[str, str]  # (nb, en)

SUBJECTS: list[Pair] = [
    ("deltakerne", "the participants"), ("de ansatte", "the staff"), ("erfaringskonsulentene", "the peer workers"),
    ("gruppelederne", "the group leaders"), ("informantene", "the informants"), ("forfatterne", "the authors"),
    ("flere brukere", "several users"), ("pårørende", "relatives"), ("kursholderne", "the course leaders"),
    ("fagfolkene", "the professionals"), ("noen av kvinnene", "some of the women"), ("mange av mennene", "many of the men"),
]
VERBS: list[Pair] = [
    ("beskriver", "describe"), ("opplever", "experience"), ("verdsetter", "value"), ("etterlyser", "call for"),
    ("understreker", "stress"), ("savner", "miss"), ("forteller om", "talk about"), ("søker", "seek"),
    ("bygger", "build"), ("styrker", "strengthen"), ("finner", "find"), ("trenger", "need"), ("deler", "share"),
]
ADJECTIVES: list[Pair] = [
    ("trygge", "safe"), ("likeverdige", "equal"), ("meningsfulle", "meaningful"), ("sosiale", "social"),
    ("faste", "regular"), ("åpne", "open"), ("små", "small"), ("nye", "new"), ("gode", "good"), ("varige", "lasting"),
    ("praktiske", "practical"), ("felles", "shared"), ("ulike", "different"), ("lokale", "local"),
    ("tydelige", "clear"), ("uformelle", "informal"), ("stabile", "stable"),
]
OBJECTS: list[Pair] = [
    ("relasjoner", "relationships"), ("rammer", "frames"), ("møteplasser", "meeting places"),
    ("aktiviteter", "activities"), ("samtaler", "conversations"), ("nettverk", "networks"),
    ("erfaringer", "experiences"), ("rutiner", "routines"), ("fellesskap", "communities"), ("oppgaver", "tasks"),
    ("forventninger", "expectations"), ("tilbud", "services"), ("ressurser", "resources"), ("roller", "roles"),
    ("grenser", "boundaries"), ("vennskap", "friendships"), ("arenaer", "arenas"), ("pauser", "breaks"),
    ("overganger", "transitions"), ("muligheter", "opportunities"), ("valg", "choices"), ("verktøy", "tools"),
    ("ordninger", "arrangements"), ("mestringsopplevelser", "experiences of mastery"),
]
TAILS: list[Pair] = [
    ("i hverdagen", "in everyday life"), ("på treffstedet", "at the meeting place"),
    ("etter utskrivning", "after discharge"), ("i egen kommune", "in their own municipality"),
    ("gjennom hele året", "throughout the year"), ("sammen med andre", "together with others"),
    ("uten krav om å prestere", "without demands to perform"), ("i overgangen til arbeid", "in the move into work"),
    ("i gruppa", "in the group"), ("mellom møtene", "between meetings"), ("i nærmiljøet", "in the local community"),
    ("på egne premisser", "on their own terms"), ("i rusbehandlingen", "in substance-use treatment"),
]
LINKS: list[Pair] = [("fordi", "because"), ("og", "and"), ("men", "but"), ("samtidig som", "while"),
                     ("slik at", "so that")]
SPEAKERS: list[Pair] = [("jeg", "I"), ("vi", "we")]
OPENERS: list[Pair] = [("", ""), ("altså, ", "well, "), ("jeg tror at ", "I think "),
                       ("det er vel sånn at ", "I suppose "), ("ærlig talt, ", "honestly, ")]
FIRST_NAMES = ["Kari", "Ola", "Ingrid", "Per", "Siri", "Bjørn", "Åse", "Knut", "Marit", "Øystein", "Hilde", "Tor"]
LAST_NAMES = ["Nordmann", "Haugen", "Lie", "Bakken", "Sæther", "Dahl", "Solberg", "Strand", "Lunde", "Moe"]
PLACES = ["Nordvik", "Sørby", "Østmark", "Vestfjord", "Bergtun", "Elvestad", "Fjellheim", "Skogvik"]
SEASONS = ["våren", "høsten", "vinteren", "sommeren"]
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "-", ",": ""})


@dataclass(frozen=True)
class SynthReport:
    """How much was written, for the benchmark's log and for tests."""

    studies: int
    concepts: int
    themes: int
    findings: int
    quotes: int
    recommendations: int


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe YAML without anchors or aliases, which the project's reader refuses (libyaml for speed)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return "-".join(text.lower().translate(_ASCII).split("-")[:6]).strip("-")


def _loc(pair: Pair) -> dict[str, str]:
    return {"nb": pair[0], "en": pair[1]}


def _unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, ...: ids are page anchors, distinct within a study and never a section's."""
    candidate = base
    for n in itertools.count(2):
        if candidate not in taken and candidate not in RESERVED_ANCHORS:
            break
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


class _Text:
    """Seeded bilingual prose: every method returns the Norwegian text and its English translation."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def join(self, *tables: Sequence[Pair]) -> Pair:
        words = [self.rng.choice(table) for table in tables]
        return " ".join(w[0] for w in words), " ".join(w[1] for w in words)

    def clause(self, subjects: Sequence[Pair] = SUBJECTS) -> Pair:
        """A sentence without its capital and full stop."""
        nb, en = self.join(subjects, VERBS, ADJECTIVES, OBJECTS, TAILS)
        if self.rng.random() < 0.4:  # a second clause, so sentence lengths vary as in real prose
            link, second = self.rng.choice(LINKS), self.join(subjects, VERBS, ADJECTIVES, OBJECTS)
            nb, en = f"{nb}, {link[0]} {second[0]}", f"{en}, {link[1]} {second[1]}"
        return nb, en

    def sentence(self, subjects: Sequence[Pair] = SUBJECTS) -> Pair:
        nb, en = self.clause(subjects)
        return _cap(nb) + ".", _cap(en) + "."

    def paragraph(self, words: int) -> Pair:
        """Sentences until the Norwegian text has at least `words` words."""
        sentences: list[Pair] = []
        while sum(len(s[0].split()) for s in sentences) < words:
            sentences.append(self.sentence())
        return " ".join(s[0] for s in sentences), " ".join(s[1] for s in sentences)

    def quote(self) -> Pair:
        """Two to four sentences in the first person, as an interviewee speaks."""
        sentences = []
        for _ in range(self.rng.randint(2, 4)):
            opener, (nb, en) = self.rng.choice(OPENERS), self.clause(SPEAKERS)
            sentences.append((_cap(opener[0] + nb) + ".", _cap(opener[1] + en) + "."))
        return " ".join(s[0] for s in sentences), " ".join(s[1] for s in sentences)

    def title(self) -> Pair:
        nb, en = self.join(ADJECTIVES, OBJECTS, TAILS)
        return _cap(nb), _cap(en)

    def question(self) -> str:
        verb, subject, rest = (self.rng.choice(t)[0] for t in (VERBS, SUBJECTS, ADJECTIVES))
        return f"Hvordan {verb} {subject} {rest} {self.rng.choice(OBJECTS)[0]} {self.rng.choice(TAILS)[0]}?"

    def people(self, count: int) -> list[str]:
        """`count` distinct names (a study does not list one author twice)."""
        return [f"{a} {b}" for a, b in zip(self.rng.sample(FIRST_NAMES, count), self.rng.sample(LAST_NAMES, count))]

    def sources(self) -> list[str]:
        return [f"{self.rng.choice(LAST_NAMES)} ({self.rng.randint(1990, 2024)})" for _ in range(self.rng.randint(1, 3))]


def _labels(rng: random.Random, count: int, pairs: list[tuple[Pair, Pair]], joiner: Pair) -> list[Pair]:
    """`count` distinct labels from shuffled word pairs; a numbered round follows once they run out."""
    rng.shuffle(pairs)
    labels = []
    for i in range(count):
        (a, b), round_ = pairs[i % len(pairs)], i // len(pairs)
        suffix = f" {round_ + 1}" if round_ else ""
        labels.append((f"{a[0]}{joiner[0]}{b[0]}{suffix}", f"{a[1]}{joiner[1]}{b[1]}{suffix}"))
    return labels


def _lead(label: Pair, rest: Pair) -> Pair:
    """A definition names its concept first, as the real ones do (and the page must not link it to itself)."""
    return (f"{_cap(label[0])} er et begrep flere av studiene bruker. {rest[0]}",
            f"{_cap(label[1])} is a term several of the studies use. {rest[1]}")


def _concepts(text: _Text, count: int) -> list[dict[str, Any]]:
    labels = _labels(text.rng, count, list(itertools.product(ADJECTIVES, OBJECTS)), (" ", " "))
    ids = [_slug(nb) for nb, _ in labels]
    concepts = []
    for i, (nb, en) in enumerate(labels):
        others = ids[:i] + ids[i + 1:]
        concept: dict[str, Any] = {
            "id": ids[i],
            "label": _loc((_cap(nb), _cap(en))),
            "aliases": {"nb": [f"{nb} i praksis", f"arbeid med {nb}"], "en": [f"{en} in practice"]},
            "definition": _loc(_lead((nb, en), text.paragraph(60))),
            "sources": text.sources(),
            "related": text.rng.sample(others, text.rng.randint(2, 5)),
        }
        if i and text.rng.random() < 0.25:  # only an earlier concept can be broader: no cycles
            concept["broader"] = ids[text.rng.randrange(i)]
        concepts.append(concept)
    return concepts


def _themes(text: _Text, count: int, concept_ids: list[str]) -> list[dict[str, Any]]:
    pairs = [(a, b) for a, b in itertools.product(OBJECTS, OBJECTS) if a != b]
    themes = []
    for nb, en in _labels(text.rng, count, pairs, (" og ", " and ")):
        paragraphs = [text.paragraph(60) for _ in range(text.rng.randint(2, 3))]
        themes.append({
            "id": _slug(nb),
            "label": _loc((_cap(nb), _cap(en))),
            "description": _loc(("\n\n".join(p[0] for p in paragraphs), "\n\n".join(p[1] for p in paragraphs))),
            "concepts": text.rng.sample(concept_ids, text.rng.randint(3, 6)),
        })
    for k, theme in enumerate(themes):  # each points to the next, and the last to the first
        theme["tagline"] = _loc((shorten(theme["description"]["nb"], 158), shorten(theme["description"]["en"], 158)))
        if len(themes) > 1:
            theme["related"] = [themes[(k + 1) % len(themes)]["id"]]
    return themes


def _some(rng: random.Random, first: str, pool: list[str], extra: int) -> list[str]:
    """`first` and up to `extra` more from `pool`, without repeats, in a stable order."""
    return list(dict.fromkeys([first, *rng.sample(pool, min(extra, len(pool)))]))


@dataclass
class _Shared:
    """The concepts and themes studies refer to, with round-robin cursors so each one gets used."""

    concepts: list[str]
    themes: list[str]
    next_concept: Iterator[str]
    next_theme: Iterator[str]


def _findings(text: _Text, shared: _Shared) -> list[dict[str, Any]]:
    taken: set[str] = set()
    findings: list[dict[str, Any]] = []
    for j in range(text.rng.randint(4, 6)):
        title = text.title()
        finding: dict[str, Any] = {"id": _unique_id(_slug(title[0]), taken), "title": title[0], "title_en": title[1]}
        top_level = [f["id"] for f in findings if "parent" not in f]
        if j and text.rng.random() < 0.3:  # a sub-finding of a main finding: at most two levels
            finding["parent"] = text.rng.choice(top_level)
        finding["summary"] = _loc(text.paragraph(text.rng.randint(70, 110)))
        finding["themes"] = _some(text.rng, next(shared.next_theme), shared.themes, text.rng.randint(0, 2))
        finding["concepts"] = _some(text.rng, next(shared.next_concept), shared.concepts, text.rng.randint(1, 4))
        findings.append(finding)
    return findings


def _quotes(text: _Text, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    quotes = []
    for k in range(text.rng.randint(13, 17)):
        # The first quotes go to each finding in turn: every finding has a quote (rule `quote-per-finding`).
        finding = findings[k] if k < len(findings) else text.rng.choice(findings)
        nb, en = text.quote()
        speaker = text.rng.choice(["deltaker", f"informant {text.rng.randint(1, 12)}", "ansatt"])
        quotes.append({
            "id": f"q{k + 1}", "text": nb, "speaker": speaker,
            "speaker_role": "staff" if speaker == "ansatt" else "participant",
            "finding": finding["id"], "location": f"s. {text.rng.randint(5, 120)}", "translation_en": en,
            "concepts": text.rng.sample(finding["concepts"], text.rng.randint(0, min(2, len(finding["concepts"])))),
        })
    return quotes


def _recommendations(text: _Text, findings: list[dict[str, Any]], concepts: list[str]) -> list[dict[str, Any]]:
    finding_ids = [f["id"] for f in findings]
    return [{
        "id": f"r{k + 1}",
        "kind": text.rng.choice(list(vocab.RECOMMENDATION_KINDS)),
        "text": _loc(text.paragraph(text.rng.randint(25, 50))),
        "audience": text.rng.sample(list(vocab.AUDIENCES), text.rng.randint(1, 3)),
        "based_on": text.rng.sample(finding_ids, text.rng.randint(1, 3)),
        "concepts": text.rng.sample(concepts, text.rng.randint(0, 2)),
    } for k in range(text.rng.randint(4, 6))]


def _method(text: _Text, year: int) -> dict[str, Any]:
    rng = text.rng
    collection = [{
        "method": method, "description": text.paragraph(30)[0], "count": rng.randint(1, 20),
        "period": f"{rng.choice(SEASONS)} {year - 1}",
    } for method in rng.sample(list(vocab.DATA_COLLECTION_METHODS), rng.randint(1, 2))]
    return {
        "design": text.paragraph(25)[0], "data_collection": collection, "sample_size": rng.randint(4, 40),
        "sample_description": text.paragraph(40)[0], "recruitment": text.paragraph(30)[0],
        "analysis": f"Tematisk analyse etter {text.sources()[0]}", "period": f"{rng.choice(SEASONS)} {year - 1}",
    }


def _study(text: _Text, index: int, shared: _Shared) -> dict[str, Any]:
    rng = text.rng
    year, place = rng.randint(2000, 2025), rng.choice(PLACES)
    title, institution = text.title(), f"Høgskolen i {rng.choice(PLACES)}"
    findings = _findings(text, shared)
    return {
        "id": f"{_slug(title[0])}-{year}-{index + 1}",
        "title": title[0], "subtitle": f"En evaluering av tilbudet i {place}", "title_en": title[1],
        # No draw from `rng` for what follows from the rest, so a corpus of a given seed stays the same.
        "short_name": {"nb": shorten(f"{title[0]} {index + 1}", 38), "en": shorten(f"{title[1]} {index + 1}", 38)},
        "url": f"https://example.org/rapporter/{index + 1}",
        "type": rng.choice(list(vocab.STUDY_TYPES)), "year": year,
        "authors": [{"name": name, "affiliation": institution} for name in text.people(rng.randint(1, 3))],
        "institution": institution,
        "service": {"name": f"{text.title()[0]} i {place}", "kind": rng.choice(list(vocab.SERVICE_KINDS)),
                    "provider": f"{place} kommune", "place": place},
        "summary": _loc(text.paragraph(120)),
        "research_questions": [text.question() for _ in range(rng.randint(2, 4))],
        "method": _method(text, year),
        "limitations": [text.sentence()[0] for _ in range(rng.randint(1, 3))],
        "english": {"service": f"The service evaluated, in {place}.", "aims": f"What {title[1].lower()} means to users.",
                    "method": "Individual interviews and focus groups.", "sample": "Users and staff of the service.",
                    "analysis": "Thematic analysis.", "limitations": ["A small sample from one place."]},
        "findings": findings,
        "quotes": _quotes(text, findings),
        "recommendations": _recommendations(text, findings, shared.concepts),
        "appraisal": [{"question": q, "answer": rng.choice(list(vocab.CASP_ANSWERS)),
                       "justification": _loc(text.sentence()), "location": f"s. {rng.randint(5, 60)}"}
                      for q in vocab.CASP_QUESTIONS],
        "user_involvement": {stage: {"value": rng.choice(list(vocab.INVOLVEMENT_VALUES)), "note": _loc(text.sentence())}
                             for stage in vocab.INVOLVEMENT_STAGES},
    }


def _review_findings(text: _Text, theme_id: str, studies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Up to two review findings for a theme, each resting on the theme's findings in up to three studies."""
    rng = text.rng
    found = [(study["id"], finding["id"]) for study in studies for finding in study["findings"]
             if theme_id in finding["themes"]]
    reviews = []
    for n in range(min(2, len(found))):
        refs = rng.sample(found, min(len(found), rng.randint(1, 3)))
        one_study = len({study for study, _ in refs}) == 1

        def component(level: str) -> dict[str, Any]:
            return {"level": level, "explanation": _loc(text.sentence())}
        reviews.append({
            "id": f"rf-{theme_id}-{n + 1}", "statement": _loc(text.sentence()),
            "findings": [{"study": s, "finding": f, "relation": rng.choice(list(vocab.FINDING_RELATIONS))}
                         for s, f in refs],
            "components": {"methodological_limitations": component("moderate"), "coherence": component("minor"),
                           "adequacy": component("moderate" if one_study else "minor"),
                           "relevance": component("minor")},
            "confidence": "low" if one_study else "moderate", "explanation": _loc(text.sentence()),
        })
    return reviews


def _write(folder: Path, kind: str, item: dict[str, Any]) -> None:
    header = f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
    body = yaml.dump(item, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    (folder / f"{item['id']}.yaml").write_text(header + body, encoding="utf-8", newline="\n")


def add_synthetic_study(content_dir: Path, seed: int = 0) -> Path:
    """Write one synthetic study into an existing content folder, referring to its concepts and themes
    (each used round-robin, as in a synthetic corpus); return the new file."""
    ids = {kind: sorted(p.stem for p in (content_dir / kind).glob("*.yaml")) for kind in ("concepts", "themes")}
    shared = _Shared(ids["concepts"], ids["themes"], itertools.cycle(ids["concepts"]), itertools.cycle(ids["themes"]))
    study = _study(_Text(random.Random(seed)), 0, shared)
    _write(content_dir / "studies", "study", study)
    return content_dir / "studies" / f"{study['id']}.yaml"


def write_synthetic_corpus(studies: int, out: Path, seed: int = 0) -> SynthReport:
    """Write `studies` synthetic studies and their shared concepts and themes under `out`."""
    if studies < 0:
        raise ValueError(f"the number of studies cannot be negative, got {studies}")
    folders = {kind.folder: out / kind.folder for kind in KINDS.values()}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
        for old in sorted(folder.glob("*.yaml")):  # a smaller re-run must not leave studies behind
            old.unlink()
    text = _Text(random.Random(seed))
    concepts = _concepts(text, 20 + studies // 5)
    concept_ids = [c["id"] for c in concepts]
    themes = _themes(text, 6 + studies // 25, concept_ids)
    theme_ids = [t["id"] for t in themes]
    shared = _Shared(concept_ids, theme_ids, itertools.cycle(concept_ids), itertools.cycle(theme_ids))
    written = [_study(text, i, shared) for i in range(studies)]
    for theme in themes:
        theme["review_findings"] = _review_findings(text, theme["id"], written)
    for folder, schema, items in (("concepts", "concept", concepts), ("themes", "theme", themes),
                                  ("studies", "study", written)):
        for item in items:
            _write(folders[folder], schema, item)
    return SynthReport(
        studies=len(written), concepts=len(concepts), themes=len(themes),
        findings=sum(len(s["findings"]) for s in written), quotes=sum(len(s["quotes"]) for s in written),
        recommendations=sum(len(s["recommendations"]) for s in written),
    )
