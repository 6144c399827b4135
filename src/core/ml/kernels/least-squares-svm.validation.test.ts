import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { accuracy, r2Score, toMatrix } from "../neural/test-data.js";
import { kernelModelEntries } from "./entries.js";
import { LssvmClassifier, LssvmRegressor } from "./least-squares-svm.js";

const datasets = JSON.parse(readFileSync("fixtures/ml-kernels/datasets.json", "utf8"));
const ref = JSON.parse(readFileSync("fixtures/ml-kernels/lssvm-linear.json", "utf8"));
const svrRef = JSON.parse(readFileSync("fixtures/ml-kernels/svr.json", "utf8"));
const svcRef = JSON.parse(readFileSync("fixtures/ml-kernels/svc.json", "utf8"));
const reg = {
  X: toMatrix(datasets.friedman1.Xtrain),
  y: Float64Array.from(datasets.friedman1.ytrain as number[]),
};
const regTest = toMatrix(datasets.friedman1.Xtest);
const cls = {
  X: toMatrix(datasets.classification.Xtrain),
  y: Float64Array.from(datasets.classification.ytrain as number[]),
};
const clsTest = toMatrix(datasets.classification.Xtest);

describe("LSSVM", () => {
  it("linear kernel equals scikit-learn Ridge(alpha = 1/C) with intercept to 1e-8", () => {
    const model = new LssvmRegressor({ kernel: "linear", C: ref.C }).fit(reg.X, reg.y);
    const p = model.predict(regTest);
    (ref.regressionPredict as number[]).forEach((v, i) => {
      expect(Math.abs(p[i]! - v)).toBeLessThan(1e-8);
    });
  });

  it("linear-kernel classifier equals scikit-learn RidgeClassifier (±1 one-vs-rest) to 1e-8", () => {
    const model = new LssvmClassifier({ kernel: "linear", C: ref.C }).fit(cls.X, cls.y);
    const dec = model.decisionFunction(clsTest).data;
    (ref.classifierDecision as number[][]).flat().forEach((v, i) => {
      expect(Math.abs(dec[i]! - v)).toBeLessThan(1e-8);
    });
    expect(Array.from(model.predict(clsTest))).toEqual(ref.classifierPredict);
  });

  it("RBF kernel reaches scikit-learn SVR's/SVC's held-out score within 0.05; JSON round trip", () => {
    const r = new LssvmRegressor({ C: 10 }).fit(reg.X, reg.y);
    expect(r2Score(datasets.friedman1.ytest, r.predict(regTest))).toBeGreaterThan(svrRef.rbf.r2 - 0.05);
    const c = new LssvmClassifier().fit(cls.X, cls.y);
    expect(accuracy(datasets.classification.ytest, c.predict(clsTest))).toBeGreaterThan(
      svcRef.rbf.accuracy - 0.05,
    );
    const restored = LssvmClassifier.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
    expect(Array.from(restored.predictProba(clsTest).data)).toEqual(Array.from(c.predictProba(clsTest).data));
  });

  it("kernel registry lists svm, svr, lssvm, gaussian-process and rejects unsupported tasks", () => {
    expect(kernelModelEntries.map((e) => e.id)).toEqual(["svm", "svr", "lssvm", "gaussian-process"]);
    expect(() => kernelModelEntries[0]!.create("regression", {})).toThrow(/only classification/);
    const svr = kernelModelEntries[1]!.create("regression", { C: 10 }).fit(reg.X, reg.y);
    const restored = kernelModelEntries[1]!.fromJSON(JSON.parse(JSON.stringify(svr.toJSON())));
    expect(Array.from(restored.predict(regTest))).toEqual(Array.from(svr.predict(regTest)));
  });
});
