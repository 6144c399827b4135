import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { accuracy, r2Score, toMatrix } from "../neural/test-data.js";
import { SupportVectorClassifier, SupportVectorRegressor } from "./support-vector-machine.js";

const datasets = JSON.parse(readFileSync("fixtures/ml-kernels/datasets.json", "utf8"));
const svcRef = JSON.parse(readFileSync("fixtures/ml-kernels/svc.json", "utf8"));
const svrRef = JSON.parse(readFileSync("fixtures/ml-kernels/svr.json", "utf8"));
const cls = {
  Xtrain: toMatrix(datasets.classification.Xtrain),
  ytrain: Float64Array.from(datasets.classification.ytrain as number[]),
  Xtest: toMatrix(datasets.classification.Xtest),
  ytest: Float64Array.from(datasets.classification.ytest as number[]),
};
const reg = {
  Xtrain: toMatrix(datasets.friedman1.Xtrain),
  ytrain: Float64Array.from(datasets.friedman1.ytrain as number[]),
  Xtest: toMatrix(datasets.friedman1.Xtest),
};

function maxAbsDiff(a: ArrayLike<number>, b: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

// Same algorithm (libsvm SMO, WSS2) at tol 1e-6: decision values agree to 2e-5 (libsvm also shrinks,
// so iterates differ slightly), predictions exactly.
describe("C-SVC vs scikit-learn SVC (one-vs-one)", () => {
  for (const name of ["rbf", "linear", "poly"] as const) {
    it(`${name} kernel: ovo decision values within 2e-5, identical predictions`, () => {
      const ref = svcRef[name];
      const model = new SupportVectorClassifier({ ...ref.params, tol: 1e-6 }).fit(cls.Xtrain, cls.ytrain);
      const dec = model.decisionFunction(cls.Xtest);
      expect(maxAbsDiff(dec.data, (ref.decision as number[][]).flat())).toBeLessThan(2e-5);
      expect(Array.from(model.predict(cls.Xtest))).toEqual(ref.predict);
      expect(model.supportVectorCount).toBe((ref.nSupport as number[]).reduce((s, v) => s + v, 0));
    });
  }

  it("binary problem: sign convention (positive → classes[1]) and values", () => {
    const ref = svcRef.binary;
    const rows: number[] = [];
    cls.ytrain.forEach((v, i) => {
      if (v < 2) rows.push(i);
    });
    const X = toMatrix(rows.map((r) => datasets.classification.Xtrain[r]));
    const y = Float64Array.from(rows, (r) => cls.ytrain[r]!);
    const model = new SupportVectorClassifier({ ...ref.params, tol: 1e-6 }).fit(X, y);
    expect(maxAbsDiff(model.decisionFunction(cls.Xtest).data, ref.decision)).toBeLessThan(2e-5);
    expect(Array.from(model.predict(cls.Xtest))).toEqual(ref.predict);
  });

  it("default tol 1e-3 keeps scikit-learn's accuracy; probabilities are coupled, sum to 1, agree with votes", () => {
    const model = new SupportVectorClassifier().fit(cls.Xtrain, cls.ytrain);
    const pred = model.predict(cls.Xtest);
    expect(accuracy(cls.ytest, pred)).toBeGreaterThanOrEqual(svcRef.rbf.accuracy - 0.01);
    const proba = model.predictProba(cls.Xtest);
    let agree = 0;
    for (let i = 0; i < proba.rows; i++) {
      const row = Array.from(proba.data.subarray(i * 3, i * 3 + 3));
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      if (row.indexOf(Math.max(...row)) === pred[i]) agree++;
    }
    expect(agree / proba.rows).toBeGreaterThan(0.95);
    const restored = SupportVectorClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predictProba(cls.Xtest).data)).toEqual(Array.from(proba.data));
  });
});

describe("ε-SVR vs scikit-learn SVR", () => {
  for (const name of ["rbf", "linear"] as const) {
    it(`${name} kernel: predictions within 2e-5, same support count`, () => {
      const ref = svrRef[name];
      const model = new SupportVectorRegressor({ ...ref.params, tol: 1e-6 }).fit(reg.Xtrain, reg.ytrain);
      const pred = model.predict(reg.Xtest);
      expect(maxAbsDiff(pred, ref.predict)).toBeLessThan(2e-5);
      expect(model.supportVectorCount).toBe(ref.nSupport);
      const restored = SupportVectorRegressor.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(Array.from(restored.predict(reg.Xtest))).toEqual(Array.from(pred));
      expect(r2Score(datasets.friedman1.ytest, pred)).toBeCloseTo(ref.r2, 4);
    });
  }

  it("rejects bad hyperparameters and unfitted use with clear errors", () => {
    expect(() => new SupportVectorRegressor({ C: 0 })).toThrow(/C must be > 0/);
    expect(() => new SupportVectorClassifier({ kernel: "cubic" })).toThrow(/kernel must be one of/);
    expect(() => new SupportVectorRegressor().predict(reg.Xtest)).toThrow(/not fitted/);
  });
});
