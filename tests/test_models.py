"""Assembling the local model from its parts: verified, atomic, and safe beside another install."""

import hashlib
import os

import pytest

from assistant.models import ModelAssemblyError, assemble


def _parts(tmp_path, chunks):
    paths = []
    for number, data in enumerate(chunks, 1):
        path = tmp_path / f"part{number}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_parts_are_joined_in_order_and_checked(tmp_path):
    paths = _parts(tmp_path, [b"abc", b"def"])
    target = tmp_path / "models" / "model.gguf"
    assemble(target, paths=paths, size=6, sha256=hashlib.sha256(b"abcdef").hexdigest())
    assert target.read_bytes() == b"abcdef"
    assert sorted(p.name for p in target.parent.iterdir()) == ["model.gguf"]


def test_a_wrong_checksum_leaves_no_model_and_no_temporary_file(tmp_path):
    paths = _parts(tmp_path, [b"abc", b"def"])
    target = tmp_path / "models" / "model.gguf"
    with pytest.raises(ModelAssemblyError):
        assemble(target, paths=paths, size=6, sha256=hashlib.sha256(b"other!").hexdigest())
    assert list(target.parent.iterdir()) == []


def test_another_install_at_the_same_time_does_not_break_this_one(tmp_path, monkeypatch):
    """Two installs at once (`make run` beside `make test`) each write their own temporary file."""
    paths = _parts(tmp_path, [b"abc", b"def"])
    target = tmp_path / "models" / "model.gguf"
    good = {"size": 6, "sha256": hashlib.sha256(b"abcdef").hexdigest()}
    pid = os.getpid()

    def meanwhile(items, _label, _total):
        for number, item in enumerate(items):
            if number == 1:  # halfway through, another process assembles the same model
                monkeypatch.setattr(os, "getpid", lambda: pid + 1)
                assemble(target, paths=paths, **good)
                monkeypatch.setattr(os, "getpid", lambda: pid)
            yield item

    assemble(target, progress=meanwhile, paths=paths, **good)
    assert target.read_bytes() == b"abcdef"
    assert sorted(p.name for p in target.parent.iterdir()) == ["model.gguf"]
