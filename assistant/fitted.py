"""Fitted linear models, stored as data in `assistant/fitted/*.json` (pure apart from reading).

A model is a standardised logistic regression: features by name, their mean and scale, one
weight each and an intercept, plus what it was fitted on and its cross-validated scores.
`evals/calibrate.py` (`zorgassistent calibrate`) writes them; the assistant only reads them,
once, at first use. A missing file means "not fitted": callers fall back to their plain rule.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

FITTED_DIR = Path(__file__).with_name("fitted")
CLIP = 4.0  # standardised values are clipped to +-4 standard deviations


@dataclass(frozen=True)
class LinearModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    cutoff: float = 0.5
    about: dict | None = None

    def logits(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        x = np.asarray(rows, dtype=float).reshape(-1, len(self.mean))
        # Clipped: a value far outside what the fit saw (another corpus, one tiny document) does
        # not outweigh all other signals.
        return np.clip((x - self.mean) / self.scale, -CLIP, CLIP) @ self.coef + self.intercept

    def probability(self, row: Sequence[float]) -> float:
        return 1.0 / (1.0 + math.exp(-float(self.logits([row])[0])))

    def contributions(self, row: Sequence[float]) -> dict[str, float]:
        """Each feature's share of the logit (weight x standardised value), largest first."""
        z = np.clip((np.asarray(row, dtype=float) - self.mean) / self.scale, -CLIP, CLIP) * self.coef
        order = np.argsort(-np.abs(z))
        return {self.features[i]: float(z[i]) for i in order}

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept, "cutoff": self.cutoff,
                "about": self.about or {}}

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(tuple(data["features"]), np.asarray(data["mean"], float), np.asarray(data["scale"], float),
                   np.asarray(data["coef"], float), float(data["intercept"]), float(data.get("cutoff", 0.5)),
                   data.get("about") or {})


def save(model: LinearModel, name: str, folder: Path = FITTED_DIR) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@lru_cache(maxsize=None)
def load(name: str, expected: tuple[str, ...], embedding: str | None = None, folder: Path = FITTED_DIR) -> LinearModel | None:
    """The fitted model `name`, or None when it is missing, was fitted on other features or (when
    `embedding` is given) with another embedding model: cosines of another model have another
    scale, so its weights would not mean the same."""
    path = folder / f"{name}.json"
    if not path.is_file():
        return None
    model = LinearModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    if model.features != expected:
        return None
    if embedding is not None and (model.about or {}).get("embedding") != embedding:
        return None
    return model
