"""Automatic concept links: first mention only, whole words, Norwegian letters, never in quotes or on itself."""

from __future__ import annotations

import random
import re

from funnbank.autolink import ConceptMatcher, PageLinker, trie_pattern
from funnbank.model import Concept, Localized, LocalizedList


def concept(id: str, nb: str, en: str, aliases_nb: list[str] = [], aliases_en: list[str] = []) -> Concept:
    return Concept(id=id, label=Localized(nb=nb, en=en), definition=Localized(nb="d"),
                   aliases=LocalizedList(nb=aliases_nb, en=aliases_en))


CONCEPTS = [
    concept("haap", "Håp", "Hope"),
    concept("likepersonarbeid", "Likepersonarbeid", "Peer support", ["likemann", "likeperson"], ["peer support"]),
    concept("recovery", "Recovery (bedringsprosess)", "Recovery", ["bedringsprosess"]),
    concept("mestring", "Mestring", "Coping"),
]


def linker(lang: str = "nb", exclude: str | None = None) -> PageLinker:
    return PageLinker(ConceptMatcher.build(CONCEPTS, lang), lambda id: f"../begreper/{id}.md", exclude)


def test_first_mention_on_a_page_is_linked_once() -> None:
    page = linker()
    first = page.link("Håp gir håp.")
    second = page.link("Mer håp.")
    assert first == "[Håp](../begreper/haap.md) gir håp."
    assert second == "Mer håp."


def test_whole_words_only_with_norwegian_letters() -> None:
    assert linker().link("Håpløs og håpet") == "Håpløs og håpet"
    assert linker().link("mestringsfølelse, mestring.") == "mestringsfølelse, [mestring](../begreper/mestring.md)."


def test_aliases_and_labels_with_a_bracket_are_found() -> None:
    assert linker().link("En likemann") == "En [likemann](../begreper/likepersonarbeid.md)"
    assert linker().link("Recovery er en bedringsprosess") == "[Recovery](../begreper/recovery.md) er en bedringsprosess"


def test_never_inside_quotation_marks() -> None:
    assert linker().link("De sa «håp er alt», og håp ble et tema") == \
        "De sa «håp er alt», og [håp](../begreper/haap.md) ble et tema"


def test_a_concept_page_does_not_link_to_itself() -> None:
    assert linker(exclude="haap").link("Håp og mestring") == "Håp og [mestring](../begreper/mestring.md)"


def test_english_edition_uses_english_labels_and_aliases() -> None:
    assert linker("en").link("Peer support and hope") == \
        "[Peer support](../begreper/likepersonarbeid.md) and [hope](../begreper/haap.md)"


def test_linked_text_is_still_escaped() -> None:
    assert linker().link("<b>håp</b> *x*") == "&lt;b&gt;[håp](../begreper/haap.md)&lt;/b&gt; \\*x\\*"


def test_terms_that_begin_alike_are_found_as_a_flat_alternation_finds_them() -> None:
    """The merged pattern (`trie_pattern`) finds the same mentions, at the same places, as one alternative per
    term, longest first: over terms that begin alike, end inside others, and are followed by a letter."""
    rng = random.Random(7)
    words = ["peer", "peers", "støtte", "stø", "håp", "håpe", "recovery", "college", "med", "medvirkning"]
    for _ in range(200):
        terms = {" ".join(rng.sample(words, rng.randint(1, 2))) for _ in range(rng.randint(1, 8))}
        flat = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        text = " ".join(rng.choice(words + ["og", "-", "."]) for _ in range(30)).upper()
        found = [m.span() for m in re.finditer(rf"(?<!\w){trie_pattern(terms)}(?!\w)", text, re.IGNORECASE)]
        expected = [m.span() for m in re.finditer(rf"(?<!\w)(?:{flat})(?!\w)", text, re.IGNORECASE)]
        assert found == expected, (sorted(terms), text)
    assert trie_pattern(["empati", "empowerment"]) == "emp(?:ati|owerment)"
    assert re.fullmatch(trie_pattern(["recovery", "recovery college"]), "recovery college")


def test_a_very_long_alias_is_linked() -> None:
    """An alias may be long (text up to 20,000 characters): building its pattern does not recurse per letter."""
    long_alias = " ".join(["meningsfull"] * 1000)
    matcher = ConceptMatcher.build([concept("lang", "Lang", "Long", [long_alias])], "nb")
    page = PageLinker(matcher, lambda id: f"../begreper/{id}.md")
    assert page.link(f"Her: {long_alias}.") == f"Her: [{long_alias}](../begreper/lang.md)."
