"""`python build.py new <kind> <id>`: a valid, commented skeleton to fill in (texts in `skeletons`)."""

from __future__ import annotations

import re
from pathlib import Path

from funnbank.errors import FunnbankError
from funnbank.kinds import KINDS
from funnbank.model import ID_PATTERN


def write_skeleton(content_dir: Path, kind: str, id: str) -> Path:
    if not re.match(ID_PATTERN, id):
        raise FunnbankError(f"{id!r} is not a valid id (use lower-case a–z, digits and single hyphens)")
    path = content_dir / KINDS[kind].folder / f"{id}.yaml"
    if path.exists():
        raise FunnbankError(f"{path} already exists; nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(KINDS[kind].skeleton.format(id=id), encoding="utf-8")
    return path
