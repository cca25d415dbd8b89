"""A simple `---` front matter block (key: value lines) at the top of a text or Markdown file.

Dutch and English keys mean the same: `titel`/`title`, `datum`/`date`, `soort`/`type`,
`uitgever`/`publisher`; the English name is what the rest of the ingester reads. When a file
has both, the Dutch one wins: this is a Dutch corpus and a Dutch key was written on purpose.
Deliberately not YAML: no nesting, lists or multi-line values.
"""

from __future__ import annotations

DUTCH_KEYS = {"titel": "title", "datum": "date", "soort": "type", "uitgever": "publisher"}


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a front matter block off a text; keys are lower-cased and translated.

    Example: split_front_matter("---\\ntitel: Plan\\ntitle: Plan EN\\n---\\nTekst")
             == ({"title": "Plan"}, "Tekst")
    """
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    raw: dict[str, str] = {}
    for line in text[3:end].splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            raw[key.strip().lower()] = value.strip().strip("\"'")
    rest = text[end + 4 :]
    return canonical_keys(raw), rest.split("\n", 1)[1] if "\n" in rest else ""


def canonical_keys(raw: dict[str, str]) -> dict[str, str]:
    """English key names, a Dutch key winning over its English twin; other keys stay as they are.

    Example: canonical_keys({"title": "EN", "titel": "NL", "bron": "x"}) == {"title": "NL", "bron": "x"}
    """
    meta = {key: value for key, value in raw.items() if key not in DUTCH_KEYS}
    for dutch, english in DUTCH_KEYS.items():
        if raw.get(dutch):
            meta[english] = raw[dutch]
    return meta
