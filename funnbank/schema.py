"""JSON Schemas for content files, generated from the model.

Editors that speak the YAML language server validate and autocomplete a
content file from the `# yaml-language-server: $schema=...` line at its top.
The files in `schema/` are generated; a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from funnbank.kinds import KINDS
from funnbank.model import Model


def schema_text(model: type[Model]) -> str:
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def expected_files(schema_dir: Path) -> dict[Path, str]:
    return {schema_dir / f"{kind.name}.schema.json": schema_text(kind.model) for kind in KINDS.values()}


def write_schemas(schema_dir: Path) -> list[Path]:
    schema_dir.mkdir(parents=True, exist_ok=True)
    for path, text in expected_files(schema_dir).items():
        path.write_text(text, encoding="utf-8")
    return list(expected_files(schema_dir))


def stale_schemas(schema_dir: Path) -> list[Path]:
    """Schema files that are missing or differ from what the model generates."""
    return [p for p, text in expected_files(schema_dir).items()
            if not p.is_file() or p.read_text(encoding="utf-8") != text]
