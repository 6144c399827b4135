#!/usr/bin/env python3
"""scikit-learn side of bench/ml.bench.ts: same sizes, single thread (n_jobs=1, OMP_NUM_THREADS=1).

Run: OMP_NUM_THREADS=1 /usr/bin/python3 scripts/bench-sklearn.py
"""
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
from sklearn.datasets import make_classification, make_friedman1  # noqa: E402
from sklearn.ensemble import (  # noqa: E402
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestRegressor,
)


def best_of(f, repeats=3):
    """Min over repeats of the process CPU time (the machine is shared and loaded; see bench/ml.bench.ts)."""
    times = []
    for _ in range(repeats):
        t = time.process_time()
        f()
        times.append(time.process_time() - t)
    return min(times)


X, y = make_friedman1(n_samples=5000, n_features=10, noise=1.0, random_state=0)
rf = RandomForestRegressor(n_estimators=100, max_features=1.0, n_jobs=1, random_state=0)
print(f"sklearn random forest fit 5000x10, 100 trees: {best_of(lambda: rf.fit(X, y), 2):.3f} s")
t = best_of(lambda: rf.predict(X), 7)
print(f"sklearn random forest predict: {5000 / t:,.0f} rows/s")
hgb = HistGradientBoostingRegressor(early_stopping=False, random_state=0)
print(f"sklearn hist gradient boosting regression fit 5000x10, 100 iter: {best_of(lambda: hgb.fit(X, y)):.3f} s")
Xc, yc = make_classification(n_samples=5000, n_features=10, n_informative=5, random_state=0)
hgbc = HistGradientBoostingClassifier(early_stopping=False, random_state=0)
print(f"sklearn hist gradient boosting binary fit 5000x10, 100 iter: {best_of(lambda: hgbc.fit(Xc, yc)):.3f} s")
