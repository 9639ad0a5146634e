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
