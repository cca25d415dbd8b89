"""Shared fixtures: settings with a temporary data folder and the deterministic fake embedder.

Fast tests never touch the real models or the network; tests marked `slow` use the real
e5 model and the real corpus.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture
def use_in_env(monkeypatch: pytest.MonkeyPatch):
    """Point the CLI (which reads its settings from the environment) at a Settings' folders, with
    the fake embedder and extractive answers: `use_in_env(settings)` returns the settings."""
    def apply(settings: Settings) -> Settings:
        monkeypatch.setenv("ZORGASSISTENT_DATA", str(settings.data_dir))
        monkeypatch.setenv("ZORGASSISTENT_CORPUS", str(settings.corpus_dir))
        monkeypatch.setenv("ZORGASSISTENT_EMBEDDING", "fake")
        monkeypatch.setenv("ZORGASSISTENT_ANSWER_MODE", "extractive")
        return settings

    return apply


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "beleid.txt").write_text(
        "Bewegingen in de langdurige zorg\n\n"
        "Beweging Thuis als het kan: Mensen met een Wlz indicatie blijven zo lang mogelijk thuis wonen.\n\n"
        "Beweging Digitaal als het kan: Technologie wordt ingezet rekening houdend met de mogelijkheden van de cliënt.\n\n"
        "Randvoorwaarden\n\n"
        "Dit zijn de randvoorwaarden:\n"
        "  • Verduurzaming van de zorg\n"
        "  • Goed werkgeverschap\n"
        "  • Digitale gegevensuitwisseling\n",
        encoding="utf-8",
    )
    (folder / "workshop.md").write_text(
        "---\ntitle: Workshop hybride zorg\ndate: 2023-11-08\ntype: workshopverslag\n---\n"
        "# Workshop\n\nNoordhof deed wekelijks 3000 digitale medicatie-uitgiftes in de wijkverpleging.\n\n"
        "## Tips\n\n- Start met enthousiaste zorgprofessionals\n- Neem voldoende tijd voor implementeren\n",
        encoding="utf-8",
    )
    (folder / "sources.toml").write_text(
        '[[document]]\nfile = "beleid.txt"\ntitle = "Bewegingen ZK"\npublisher = "ZK zorgkantoor"\n'
        'date = "2023"\ntype = "inkoopbeleid"\n',
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def settings(tmp_path: Path, corpus: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=corpus, embedding="fake", answer_mode="extractive")


@pytest.fixture(scope="module")
def real_settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("real-data"), corpus_dir=PROJECT_ROOT / "corpus",
                    embedding="e5", answer_mode="extractive")
