"""Open data written into the site: `data/funnbank.json`."""

from __future__ import annotations

import json

from funnbank.corpus import Corpus


def corpus_json(corpus: Corpus) -> str:
    """`{studies, concepts, themes}` with the model's field names; stable bytes for the same content."""
    data = {
        kind: [item.model_dump(mode="json") for item in getattr(corpus, kind)]
        for kind in ("studies", "concepts", "themes")
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def data_files(corpus: Corpus) -> dict[str, str]:
    """Data files by path in the generated folder (MkDocs copies them into the site as they are)."""
    return {"data/funnbank.json": corpus_json(corpus)}
