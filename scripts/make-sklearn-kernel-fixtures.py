#!/usr/bin/env python3
"""Reference fixtures for cellforge's kernel methods and MLP (scikit-learn; run by hand, never in CI).

Writes fixtures/ml-kernels/{datasets,svc,svr,gp}.json and fixtures/ml-neural/mlp.json.
Usage: /usr/bin/python3 scripts/make-sklearn-kernel-fixtures.py   (Debian python3-sklearn)
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_classification, make_friedman1
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel
from sklearn.metrics import accuracy_score, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge, RidgeClassifier
from sklearn.svm import SVC, SVR

ROOT = os.path.join(os.path.dirname(__file__), "..")


def dump(path, obj):
    with open(os.path.join(ROOT, path), "w") as f:
        json.dump(obj, f, separators=(",", ":"))


def lst(a):
    return np.asarray(a, dtype=float).tolist()


# Friedman #1 regression: 10 features, 5 informative.
Xr, yr = make_friedman1(n_samples=300, n_features=10, noise=1.0, random_state=0)
Xr_tr, yr_tr, Xr_te, yr_te = Xr[:200], yr[:200], Xr[200:], yr[200:]
# 3-class classification.
Xc, yc = make_classification(n_samples=300, n_features=6, n_informative=4, n_redundant=1, n_classes=3,
                             n_clusters_per_class=1, class_sep=1.2, random_state=0)
Xc_tr, yc_tr, Xc_te, yc_te = Xc[:200], yc[:200], Xc[200:], yc[200:]
dump("fixtures/ml-kernels/datasets.json", {
    "sklearnVersion": sklearn.__version__,
    "friedman1": {"Xtrain": lst(Xr_tr), "ytrain": lst(yr_tr), "Xtest": lst(Xr_te), "ytest": lst(yr_te)},
    "classification": {"Xtrain": lst(Xc_tr), "ytrain": lst(yc_tr), "Xtest": lst(Xc_te), "ytest": lst(yc_te)},
})

svc = {}
for name, params in {
    "rbf": dict(kernel="rbf", C=1.0, gamma="scale"),
    "linear": dict(kernel="linear", C=0.5),
    "poly": dict(kernel="poly", C=1.0, degree=3, gamma="scale", coef0=1.0),
}.items():
    m = SVC(**params, decision_function_shape="ovo", tol=1e-6).fit(Xc_tr, yc_tr)
    svc[name] = {
        "params": {k: v for k, v in params.items()},
        "gamma": float(m._gamma),
        "decision": lst(m.decision_function(Xc_te)),
        "predict": lst(m.predict(Xc_te)),
        "nSupport": m.n_support_.tolist(),
        "intercept": lst(m.intercept_),
        "accuracy": accuracy_score(yc_te, m.predict(Xc_te)),
    }
# Binary problem (classes 0 vs 1) for the two-class path.
mask = yc_tr < 2
mb = SVC(kernel="rbf", C=2.0, gamma=0.3, tol=1e-6).fit(Xc_tr[mask], yc_tr[mask])
svc["binary"] = {"params": {"kernel": "rbf", "C": 2.0, "gamma": 0.3}, "decision": lst(mb.decision_function(Xc_te)),
                 "predict": lst(mb.predict(Xc_te)), "intercept": lst(mb.intercept_)}
dump("fixtures/ml-kernels/svc.json", svc)

svr = {}
for name, params in {
    "rbf": dict(kernel="rbf", C=10.0, epsilon=0.5, gamma="scale"),
    "linear": dict(kernel="linear", C=1.0, epsilon=0.1),
}.items():
    m = SVR(**params, tol=1e-6).fit(Xr_tr, yr_tr)
    svr[name] = {"params": params, "gamma": float(m._gamma), "predict": lst(m.predict(Xr_te)),
                 "intercept": float(m.intercept_[0]), "nSupport": int(len(m.support_)),
                 "r2": r2_score(yr_te, m.predict(Xr_te))}
dump("fixtures/ml-kernels/svr.json", svr)

# LSSVM with a linear kernel is ridge regression with an unpenalised intercept (alpha = 1/C); the
# LSSVM classifier on +/-1 one-vs-rest targets is RidgeClassifier.
C = 2.0
rr = Ridge(alpha=1 / C).fit(Xr_tr, yr_tr)
rc = RidgeClassifier(alpha=1 / C).fit(Xc_tr, yc_tr)
dump("fixtures/ml-kernels/lssvm-linear.json", {
    "C": C, "ridgeAlpha": 1 / C,
    "regressionPredict": lst(rr.predict(Xr_te)),
    "classifierDecision": lst(rc.decision_function(Xc_te)), "classifierPredict": lst(rc.predict(Xc_te)),
})

# GP on the first 100 Friedman rows, 5 informative columns.
Xg, yg = Xr_tr[:100, :5], yr_tr[:100]
kernel = ConstantKernel(1.0) * RBF(1.0) + WhiteKernel(1.0)
gp = GaussianProcessRegressor(kernel=kernel, normalize_y=True, random_state=0).fit(Xg, yg)
mean, std = gp.predict(Xr_te[:, :5], return_std=True)
k = gp.kernel_
dump("fixtures/ml-kernels/gp.json", {
    "kernel": "ConstantKernel(1)*RBF(1)+WhiteKernel(1), normalize_y=True, L-BFGS-B, no restarts",
    "trainRows": 100, "columns": 5,
    "signalVariance": float(k.k1.k1.constant_value), "lengthScale": float(k.k1.k2.length_scale),
    "noiseVariance": float(k.k2.noise_level), "logMarginalLikelihood": float(gp.log_marginal_likelihood_value_),
    "mean": lst(mean), "std": lst(std), "r2": r2_score(yr_te, mean),
})

# MLPs on standardised inputs (the scaler is fitted on the training rows).
sr = StandardScaler().fit(Xr_tr)
sc = StandardScaler().fit(Xc_tr)
mlp_r = {}
mlp_c = {}
for seed in range(3):
    r = MLPRegressor(random_state=seed, max_iter=2000).fit(sr.transform(Xr_tr), yr_tr)
    c = MLPClassifier(random_state=seed, max_iter=2000).fit(sc.transform(Xc_tr), yc_tr)
    mlp_r[seed] = r2_score(yr_te, r.predict(sr.transform(Xr_te)))
    mlp_c[seed] = accuracy_score(yc_te, c.predict(sc.transform(Xc_te)))
dump("fixtures/ml-neural/mlp.json", {
    "sklearnVersion": sklearn.__version__,
    "setup": "StandardScaler + MLPRegressor/MLPClassifier defaults (hidden 100 relu, adam, alpha 1e-4), max_iter=2000, seeds 0-2",
    "regressionR2": mlp_r, "classificationAccuracy": mlp_c,
    "meanRegressionR2": float(np.mean(list(mlp_r.values()))),
    "meanClassificationAccuracy": float(np.mean(list(mlp_c.values()))),
})
print("svc", {k: v.get("accuracy") for k, v in svc.items()}, "svr", {k: v["r2"] for k, v in svr.items()})
print("gp", k, "mlp", mlp_r, mlp_c)

# Battery dataset: Severson et al. 2019 early-life features -> log10(cycle life), paper's train/test1 split.
import csv

SEVERSON = "/work/shared/data/matr-severson-2019/cells.csv"
FEATURES = ["log10_var_dQ100_10_recomputed", "Qd_at_2V_cycle2_Ah_qdlin", "Qd_at_2V_cycle100_Ah_qdlin"]
with open(SEVERSON) as f:
    cells = list(csv.DictReader(f))
def pick(split):
    rows = [c for c in cells if c["split"] == split]
    return (np.array([[float(c[k]) for k in FEATURES] for c in rows]),
            np.log10(np.array([float(c["cycle_life"]) for c in rows])))
Xb_tr, yb_tr = pick("train")
Xb_te, yb_te = pick("test1")
sb = StandardScaler().fit(Xb_tr)
Zb_tr, Zb_te = sb.transform(Xb_tr), sb.transform(Xb_te)
def rmse_cycles(pred):
    return float(np.sqrt(np.mean((10 ** pred - 10 ** yb_te) ** 2)))
bsvr = SVR(kernel="rbf", C=10.0, epsilon=0.02, gamma="scale", tol=1e-6).fit(Zb_tr, yb_tr)
bgp = GaussianProcessRegressor(kernel=ConstantKernel(1.0) * RBF(1.0) + WhiteKernel(1.0), normalize_y=True).fit(Zb_tr, yb_tr)
bmlp = [rmse_cycles(MLPRegressor(hidden_layer_sizes=(20,), random_state=s, max_iter=5000).fit(Zb_tr, yb_tr).predict(Zb_te))
        for s in range(3)]
dump("fixtures/ml-kernels/severson-cycle-life.json", {
    "features": FEATURES, "target": "log10(cycle_life)",
    "note": "inputs standardised with the training rows' mean/std (StandardScaler); train = 41 cells, test = 43 (test1)",
    "Xtrain": lst(Zb_tr), "ytrain": lst(yb_tr), "Xtest": lst(Zb_te), "ytest": lst(yb_te),
    "svr": {"params": {"kernel": "rbf", "C": 10.0, "epsilon": 0.02, "gamma": "scale"},
            "predict": lst(bsvr.predict(Zb_te)), "rmseCycles": rmse_cycles(bsvr.predict(Zb_te))},
    "gp": {"predict": lst(bgp.predict(Zb_te)), "rmseCycles": rmse_cycles(bgp.predict(Zb_te)),
           "kernel": str(bgp.kernel_)},
    "mlp": {"setup": "MLPRegressor(hidden_layer_sizes=(20,), max_iter=5000), seeds 0-2", "rmseCycles": bmlp,
            "meanRmseCycles": float(np.mean(bmlp))},
})
print("severson svr", rmse_cycles(bsvr.predict(Zb_te)), "gp", rmse_cycles(bgp.predict(Zb_te)), bgp.kernel_, "mlp", bmlp)
