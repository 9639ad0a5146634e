"""Funnbanken: YAML about qualitative evaluation studies → a cross-linked static site.

The pipeline runs one way: `reader` (YAML → data with line numbers) →
`loader` (data → validated `Corpus`) → `render` (Jinja2 → Markdown) →
`site` (MkDocs → `site/`, swapped in atomically). `cli` wires them together.
"""

from funnbank.errors import BuildError, ContentError, FunnbankError, Problem

__all__ = ["BuildError", "ContentError", "FunnbankError", "Problem"]
__version__ = "0.1.0"
