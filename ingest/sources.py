"""Document metadata: the corpus manifest (`sources.toml`) merged with what a file says itself.

Priority: manifest entry > front matter / embedded title > first heading > file name.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant.records import Block, DocumentMeta

MANIFEST_NAME = "sources.toml"


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """Map file name -> metadata from `folder/sources.toml` (empty when there is none)."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {entry["file"]: {k: str(v) for k, v in entry.items() if k != "file"} for entry in data.get("document", [])}


def document_meta(source: str, path: Path, blocks: list[Block], embedded: dict[str, str],
                  manifest: dict[str, dict[str, str]]) -> DocumentMeta:
    """Example: document_meta("x.txt", Path("x.txt"), [], {}, {}).title == "x" """
    entry = {**embedded, **manifest.get(path.name, {})}
    first_heading = next((b.text for b in blocks if b.kind == "heading"), "")
    return DocumentMeta(
        source=source,
        title=entry.get("title") or first_heading or path.stem,
        publisher=entry.get("publisher", ""),
        date=entry.get("date", ""),
        type=entry.get("type", "") or "document",
        ocr=embedded.get("ocr") == "ja",
    )
