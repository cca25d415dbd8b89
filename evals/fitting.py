"""The fits behind `zorgassistent calibrate` (pure numerics): logistic regression on standardised
features (free, or with each weight kept on its side) and the per-question softmax fit of the ranker.
Not done here: gathering the labelled rows (calibrate_data.py), cross-validation and writing the
models (calibrate.py).
"""

from __future__ import annotations

import numpy as np

from assistant import fitted

LIST_PENALTY = 10.0  # the per-question fit's L2 penalty (standardised features); 30 and 100 did worse in the mean of both fits


def standardisation(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column the mean and standard deviation of `x`, a constant column scaled by 1."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def fit_linear(x: np.ndarray, y: np.ndarray, features: tuple[str, ...], c: float, cutoff: float = 0.5) -> fitted.LinearModel:
    """A logistic regression on standardised features, classes weighted to count equally."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = standardisation(x)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    return fitted.LinearModel(features, mean, scale, model.coef_[0], float(model.intercept_[0]), cutoff)


def fit_signed(x: np.ndarray, y: np.ndarray, features: tuple[str, ...], signs: dict[str, int], c: float,
               cutoff: float = 0.5) -> fitted.LinearModel:
    """`fit_linear` with each weight kept on its side: >= 0 for a feature of sign +1, <= 0 for -1,
    free for 0 (the same loss as scikit-learn's: L2 penalty 1/2 |w|^2 plus `c` times the
    class-balanced log loss; bounded L-BFGS)."""
    from scipy.optimize import minimize
    from scipy.special import expit

    mean, scale = standardisation(x)
    z = (x - mean) / scale
    label = np.where(y == 1, 1.0, -1.0)
    weight = np.where(y == 1, len(y) / (2 * max(1, int(y.sum()))), len(y) / (2 * max(1, int((1 - y).sum()))))

    def loss(p: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = p[:-1], p[-1]
        margin = label * (z @ w + b)
        slope = -label * weight * expit(-margin)  # 1 / (1 + e^margin), without overflow
        value = 0.5 * w @ w + c * float(weight @ np.logaddexp(0.0, -margin))
        return value, np.append(w + c * z.T @ slope, c * slope.sum())

    bounds = [(0.0, None) if signs[f] > 0 else (None, 0.0) if signs[f] < 0 else (None, None) for f in features]
    p = minimize(loss, np.zeros(len(features) + 1), jac=True, method="L-BFGS-B", bounds=bounds + [(None, None)]).x
    return fitted.LinearModel(features, mean, scale, p[:-1], float(p[-1]), cutoff)


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]], features: tuple[str, ...], penalty: float = LIST_PENALTY,
                 ) -> fitted.LinearModel:
    """Weights that put a positive row first within each group (one group: the candidates of one
    question): maximise the log of the softmax mass on the group's positives, with an L2 penalty,
    on standardised features. Groups without a positive say nothing about the order."""
    from scipy.optimize import minimize
    from scipy.special import logsumexp

    x = np.vstack([rows for rows, _ in groups])
    mean, scale = standardisation(x)
    scaled = [((rows - mean) / scale, labels.astype(bool)) for rows, labels in groups if labels.any()]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = penalty / 2 * w @ w, penalty * w
        for z, positive in scaled:
            s = z @ w
            everything, wanted = logsumexp(s), logsumexp(s[positive])
            value += everything - wanted
            gradient = gradient + z.T @ np.exp(s - everything) - z[positive].T @ np.exp(s[positive] - wanted)
        return value, gradient

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x
    return fitted.LinearModel(features, mean, scale, w, 0.0)
