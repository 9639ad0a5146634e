"""Contact details must never be published: patterns for e-mail addresses and Norwegian telephone numbers."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Eight digits, alone or grouped "22 33 44 55" / "223 44 555", optionally after +47; not part of a
# longer number, a date, a page range or an ISBN.
PHONE = re.compile(
    r"(?<![\d.,/-])(?:\+47[ ]?)?(?:\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}|\d{3}[ ]?\d{2}[ ]?\d{3})(?![\d.,/-])"
)


def contact_details(text: str) -> list[str]:
    """Every e-mail address and telephone number in `text`."""
    return EMAIL.findall(text) + PHONE.findall(text)


# The seeds replace contact details with "[e-post fjernet]" / "[telefon fjernet]"; such a marker in
# content means a passage was copied from around one.
REDACTION_MARKER = re.compile(r"\[[^\]\n]{0,40}fjernet\]")


# Every telephone number lies in a run of at least eight digits, spaces and plus signs that starts with a
# digit or plus sign. Python finds such runs fast (a character class first), where PHONE, which starts
# with a lookbehind, is tried at every position: PHONE runs only inside the runs (and sees the characters
# around them, for its lookarounds), which makes a large corpus' check a few times faster.
_PHONE_RUN = re.compile(r"[+\d][\d +]{7,}")


def find_contact_details(text: str) -> list[tuple[int, str, str]]:
    """Each contact detail or redaction marker in `text`: (offset, what it is, the text found), in order."""
    found = [(m.start(), "a telephone number", m.group()) for run in _PHONE_RUN.finditer(text)
             for m in PHONE.finditer(text, run.start(), min(run.end() + 1, len(text)))]
    if "@" in text:  # an e-mail address has one; the search for it is slow
        found += [(m.start(), "an e-mail address", m.group()) for m in EMAIL.finditer(text)]
    if "fjernet]" in text:
        found += [(m.start(), "a redaction marker", m.group()) for m in REDACTION_MARKER.finditer(text)]
    return sorted(found)
