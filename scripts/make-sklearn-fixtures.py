#!/usr/bin/env python3
"""Generates fixtures/ml/*.json|csv: datasets plus scikit-learn predictions/metrics for cellforge's ML tests.

Run with Debian's python3-sklearn (1.2.1):  /usr/bin/python3 scripts/make-sklearn-fixtures.py [/work/shared/data]
CI never runs this; the tests only read the committed fixtures.
"""
import csv
import json
import os
import sys

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.datasets import make_classification, make_friedman1
from sklearn.ensemble import (
    AdaBoostClassifier,
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    IsolationForest,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, PoissonRegressor, Ridge
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "ml")
SHARED = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"


def lst(a):
    return [float(v) for v in np.asarray(a).ravel()]


def mat(a):
    return [[float(v) for v in row] for row in np.asarray(a)]


# DecisionTree*(random_state=0) seeds its xorshift feature-order generator with this draw
# (sklearn.tree._tree builder: random_state.randint(0, RAND_R_MAX)); cellforge's tree takes it as `seed`.
TREE_SEED = int(np.random.RandomState(0).randint(0, 2**31 - 1))


def write(name, obj):
    if isinstance(obj, dict) and "results" in obj:
        obj["sklearnTreeSeed"] = TREE_SEED
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))


def write_csv(name, header, X, y):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row, t in zip(X, y):
            w.writerow([repr(float(v)) for v in row] + [repr(float(t))])


def reg_results(Xtr, ytr, Xte, yte):
    res = {}

    def add(name, model, deterministic=True):
        model.fit(Xtr, ytr)
        p = model.predict(Xte)
        res[name] = {
            "params": {k: v for k, v in model.get_params().items() if isinstance(v, (int, float, str, bool)) or v is None},
            "predictions": lst(p) if deterministic else None,
            "rmse": float(metrics.mean_squared_error(yte, p) ** 0.5),
            "r2": float(metrics.r2_score(yte, p)),
            "mae": float(metrics.mean_absolute_error(yte, p)),
        }
        if hasattr(model, "coef_"):
            res[name]["coef"] = lst(model.coef_)
            res[name]["intercept"] = float(model.intercept_)
        if hasattr(model, "feature_importances_"):
            res[name]["featureImportances"] = lst(model.feature_importances_)

    add("linear-regression", LinearRegression())
    add("ridge", Ridge(alpha=1.0))
    add("lasso", Lasso(alpha=0.1, tol=1e-12, max_iter=100000))
    add("elastic-net", ElasticNet(alpha=0.1, l1_ratio=0.5, tol=1e-12, max_iter=100000))
    if (ytr > 0).all():
        add("poisson-regression", PoissonRegressor(alpha=1.0, solver="newton-cholesky", tol=1e-12, max_iter=10000))
    add("decision-tree", DecisionTreeRegressor(random_state=0))
    add("decision-tree-leaf5", DecisionTreeRegressor(min_samples_leaf=5, random_state=0))
    add("decision-tree-depth4", DecisionTreeRegressor(max_depth=4, random_state=0))
    add("random-forest", RandomForestRegressor(n_estimators=100, random_state=0, n_jobs=1), False)
    add("extra-trees", ExtraTreesRegressor(n_estimators=100, random_state=0, n_jobs=1), False)
    add("gradient-boosting", HistGradientBoostingRegressor(early_stopping=False, random_state=0))
    return res


def clf_results(Xtr, ytr, Xte, yte):
    res = {}
    binary = len(np.unique(ytr)) == 2

    def add(name, model, deterministic=True):
        model.fit(Xtr, ytr)
        p = model.predict(Xte)
        pr = model.predict_proba(Xte)
        r = {
            "params": {k: v for k, v in model.get_params().items() if isinstance(v, (int, float, str, bool)) or v is None},
            "predictions": lst(p) if deterministic else None,
            "probabilities": mat(pr) if deterministic else None,
            "accuracy": float(metrics.accuracy_score(yte, p)),
            "balancedAccuracy": float(metrics.balanced_accuracy_score(yte, p)),
            "f1Macro": float(metrics.f1_score(yte, p, average="macro")),
        }
        r["rocAuc"] = float(
            metrics.roc_auc_score(yte, pr[:, 1]) if binary else metrics.roc_auc_score(yte, pr, multi_class="ovr")
        )
        if hasattr(model, "coef_"):
            r["coef"] = mat(model.coef_)
            r["intercept"] = lst(model.intercept_)
        if hasattr(model, "feature_importances_"):
            r["featureImportances"] = lst(model.feature_importances_)
        res[name] = r

    add("logistic-regression", LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12, max_iter=10000))
    add("decision-tree-gini", DecisionTreeClassifier(random_state=0))
    add("decision-tree-entropy-leaf5", DecisionTreeClassifier(criterion="entropy", min_samples_leaf=5, random_state=0))
    add("decision-tree-depth3", DecisionTreeClassifier(max_depth=3, random_state=0))
    add("random-forest", RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=1), False)
    add("extra-trees", ExtraTreesClassifier(n_estimators=100, random_state=0, n_jobs=1), False)
    add("adaboost", AdaBoostClassifier(n_estimators=50, algorithm="SAMME", random_state=0))
    add("gradient-boosting", HistGradientBoostingClassifier(early_stopping=False, random_state=0))
    return res


def main():
    os.makedirs(OUT, exist_ok=True)
    # Friedman #1 regression
    X, y = make_friedman1(n_samples=300, n_features=10, noise=1.0, random_state=0)
    Xtr, Xte, ytr, yte = X[:200], X[200:], y[:200], y[200:]
    header = [f"x{j}" for j in range(10)] + ["y"]
    write_csv("friedman1-train.csv", header, Xtr, ytr)
    write_csv("friedman1-test.csv", header, Xte, yte)
    write("friedman1.json", {
        "xTrain": mat(Xtr), "yTrain": lst(ytr), "xTest": mat(Xte), "yTest": lst(yte),
        "results": reg_results(Xtr, ytr, Xte, yte),
    })
    # make_classification, binary and 3-class
    for name, classes in (("classification-binary", 2), ("classification-3class", 3)):
        X, y = make_classification(n_samples=400, n_features=8, n_informative=4, n_redundant=2,
                                   n_classes=classes, random_state=0)
        Xtr, Xte, ytr, yte = X[:300], X[300:], y[:300].astype(float), y[300:].astype(float)
        if classes == 2:
            write_csv("classification-binary-train.csv", [f"x{j}" for j in range(8)] + ["label"], Xtr, ytr)
        write(f"{name}.json", {
            "xTrain": mat(Xtr), "yTrain": lst(ytr), "xTest": mat(Xte), "yTest": lst(yte),
            "results": clf_results(Xtr, ytr, Xte, yte),
        })
    # Battery: Severson 2019 early-life features -> log10(cycle life); paper split train / test1
    cells = list(csv.DictReader(open(os.path.join(SHARED, "matr-severson-2019", "cells.csv"))))
    feats = ["log10_var_dQ100_10_recomputed", "dQ100_10_min_Ah", "dQ100_10_skew", "dQ100_10_kurt",
             "Qd_cycle2_Ah", "Qd_max_minus_cycle2_Ah", "Qd_linfit_2to100_slope_Ah_per_cycle",
             "chargetime_avg_cycles2to6_min", "IR_min_cycles1to100_ohm", "IR_cycle100_minus_cycle2_ohm"]
    def take(split):
        rows = [c for c in cells if c["split"] == split]
        return (np.array([[float(c[f]) for f in feats] for c in rows]),
                np.array([np.log10(float(c["cycle_life"])) for c in rows]))
    Xtr, ytr = take("train")
    Xte, yte = take("test1")
    write_csv("severson-train.csv", feats + ["log10_cycle_life"], Xtr, ytr)
    res = reg_results(Xtr, ytr, Xte, yte)
    # variance model (one feature), the paper's benchmark
    lin = LinearRegression().fit(Xtr[:, :1], ytr)
    p = 10 ** lin.predict(Xte[:, :1])
    res["variance-model-ols"] = {"predictionsLog10": lst(lin.predict(Xte[:, :1])),
                                 "rmseCycles": float(metrics.mean_squared_error(10 ** yte, p) ** 0.5)}
    write("severson.json", {"features": feats, "xTrain": mat(Xtr), "yTrain": lst(ytr), "xTest": mat(Xte),
                            "yTest": lst(yte), "results": res})
    # Preprocessing, unsupervised and metrics
    X, _ = make_friedman1(n_samples=50, n_features=5, random_state=1)
    pca = PCA(n_components=3).fit(X)
    km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(X)
    iso = IsolationForest(random_state=0).fit(X)
    rng = np.random.RandomState(0)
    yt = rng.randint(0, 3, 60).astype(float)
    yp = np.where(rng.rand(60) < 0.7, yt, rng.randint(0, 3, 60)).astype(float)
    yb = rng.randint(0, 2, 80).astype(float)
    sc = np.round(yb * 0.3 + rng.rand(80), 1)  # rounded: ties exercise the AUC tie rule
    yr = rng.rand(40) * 10 + 1
    yrp = yr + rng.randn(40)
    write("transforms.json", {
        "x": mat(X),
        "standardScaled": mat(StandardScaler().fit_transform(X)),
        "minMaxScaled": mat(MinMaxScaler().fit_transform(X)),
        "pca": {"components": mat(pca.components_), "explainedVariance": lst(pca.explained_variance_),
                "explainedVarianceRatio": lst(pca.explained_variance_ratio_), "transformed": mat(pca.transform(X))},
        "kmeans": {"inertia": float(km.inertia_)},
        "isolationForest": {"scoreSamples": lst(iso.score_samples(X))},
    })
    write("metrics.json", {
        "multiclass": {"yTrue": lst(yt), "yPred": lst(yp),
                       "accuracy": metrics.accuracy_score(yt, yp),
                       "balancedAccuracy": metrics.balanced_accuracy_score(yt, yp),
                       "precisionMacro": metrics.precision_score(yt, yp, average="macro"),
                       "recallMacro": metrics.recall_score(yt, yp, average="macro"),
                       "f1Macro": metrics.f1_score(yt, yp, average="macro"),
                       "confusion": metrics.confusion_matrix(yt, yp).tolist()},
        "binary": {"yTrue": lst(yb), "scores": lst(sc), "yPred": lst((sc > 0.6).astype(float)),
                   "rocAuc": metrics.roc_auc_score(yb, sc),
                   "precision": metrics.precision_score(yb, sc > 0.6),
                   "recall": metrics.recall_score(yb, sc > 0.6),
                   "f1": metrics.f1_score(yb, sc > 0.6)},
        "regression": {"yTrue": lst(yr), "yPred": lst(yrp),
                       "rmse": metrics.mean_squared_error(yr, yrp) ** 0.5,
                       "mae": metrics.mean_absolute_error(yr, yrp),
                       "mape": metrics.mean_absolute_percentage_error(yr, yrp),
                       "r2": metrics.r2_score(yr, yrp)},
        "sklearnVersion": sklearn.__version__,
    })


if __name__ == "__main__":
    main()
