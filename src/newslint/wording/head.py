"""The replaced-word head: a small classifier over per-word features (logistic regression, or a
one-hidden-layer MLP), saved as a numpy archive of a few hundred kilobytes. Prediction needs only
numpy; fitting (tools/train_wording.py) uses scikit-learn."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import DeepUnavailable
from .features import SCALAR_FEATURES

HEAD_FORMAT = 1


@dataclass
class Head:
    """mean/scale standardise the features; then logistic regression (w1: (d,), b1: ()) or an MLP
    (w1: (d, h), b1: (h,), w2: (h,), b2: ())."""

    feature_names: tuple[str, ...]
    mean: Any
    scale: Any
    w1: Any
    b1: Any
    w2: Any = None
    b2: Any = None
    hidden_dims: int = 0  # number of hidden-state features after the scalar ones
    meta: dict[str, Any] | None = None  # thresholds and how the head was trained

    def columns(self) -> list[int]:
        """Which of features.SCALAR_FEATURES the head reads, in its order."""
        return [SCALAR_FEATURES.index(n) for n in self.feature_names[: len(self.feature_names) - self.hidden_dims]]

    def predict(self, X: Any) -> Any:
        """Probability that each row's word was replaced."""
        import numpy as np

        Z = (np.asarray(X, dtype=np.float32) - self.mean) / self.scale
        if self.w2 is None:
            logit = Z @ self.w1 + self.b1
        else:
            h = np.maximum(Z @ self.w1 + self.b1, 0.0)
            logit = h @ self.w2 + self.b2
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -40, 40)))

    def save(self, path: Path) -> None:
        import numpy as np

        arrays = {"mean": self.mean, "scale": self.scale, "w1": self.w1, "b1": np.asarray(self.b1)}
        if self.w2 is not None:
            arrays["w2"] = self.w2
            arrays["b2"] = np.asarray(self.b2)
        meta = dict(self.meta or {})
        meta.update(format=HEAD_FORMAT, feature_names=list(self.feature_names), hidden_dims=self.hidden_dims)
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        out = {k: np.asarray(v, dtype=np.float32) if k != "meta" else v for k, v in arrays.items()}
        np.savez_compressed(path, **out)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> "Head":
        import numpy as np

        try:
            with np.load(path) as z:
                meta = json.loads(bytes(z["meta"]).decode())
                if meta.get("format") != HEAD_FORMAT:
                    raise DeepUnavailable(f"{path}: head format {meta.get('format')} is not {HEAD_FORMAT}")
                return cls(tuple(meta["feature_names"]), z["mean"], z["scale"], z["w1"], z["b1"],
                           z["w2"] if "w2" in z.files else None, z["b2"] if "b2" in z.files else None,
                           int(meta.get("hidden_dims", 0)), meta)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
            raise DeepUnavailable(f"{path}: the replaced-word head is unreadable ({type(exc).__name__})") from None


def fit_head(X: Any, y: Any, model: str = "logreg", hidden_dims: int = 0, C: float = 1.0,
             meta: dict[str, Any] | None = None, seed: int = 0, names: tuple[str, ...] | None = None) -> Head:
    """Fit a head on features X (n, d) and labels y (n,)."""
    import numpy as np

    X = np.asarray(X, dtype=np.float32)
    mean = X.mean(0)
    scale = X.std(0) + 1e-6
    Z = (X - mean) / scale
    names = (names or SCALAR_FEATURES) + tuple(f"h{i}" for i in range(hidden_dims))
    if model == "logreg":
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

        clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
        clf.fit(Z, y)
        return Head(names, mean, scale, clf.coef_[0].astype(np.float32), np.float32(clf.intercept_[0]),
                    hidden_dims=hidden_dims, meta=meta)
    from sklearn.neural_network import MLPClassifier  # type: ignore[import-untyped]

    mlp = MLPClassifier(hidden_layer_sizes=(32,), alpha=1e-3, max_iter=400, early_stopping=True, random_state=seed)
    mlp.fit(Z, y)
    return Head(names, mean, scale, mlp.coefs_[0].astype(np.float32), mlp.intercepts_[0].astype(np.float32),
                mlp.coefs_[1][:, 0].astype(np.float32), np.float32(mlp.intercepts_[1][0]),
                hidden_dims=hidden_dims, meta=meta)
