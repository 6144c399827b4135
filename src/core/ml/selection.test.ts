import { describe, expect, it } from "vitest";
import { loadDataset, maxRelativeDifference, readMlFixture } from "../../../test/helpers/ml-fixtures.js";
import { matrixFromRows } from "./estimator.js";
import { Lasso, Ridge } from "./linear.js";
import { MinMaxScaler, OneHotEncoder, StandardScaler, transformerFromJSON } from "./preprocessing.js";
import { particleSwarmMinimize } from "./pso.js";
import {
  crossValidate,
  gridSearch,
  kFold,
  psoSearch,
  randomSearch,
  stratifiedKFold,
  trainTestSplit,
} from "./selection.js";

const friedman = loadDataset("friedman1");

describe("splits and cross-validation", () => {
  it("k-fold matches scikit-learn's KFold block sizes and covers every row once", () => {
    const folds = kFold(10, { folds: 3 });
    expect(folds.map((f) => Array.from(f.test))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const shuffled = kFold(23, { folds: 4, shuffle: true, seed: 5 });
    const seen = shuffled.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i));
    for (const f of shuffled) expect(f.train.length + f.test.length).toBe(23);
  });

  it("stratified k-fold keeps class counts per fold within one of proportional", () => {
    const y = Float64Array.from({ length: 50 }, (_, i) => (i < 10 ? 1 : 0));
    for (const fold of stratifiedKFold(y, { folds: 5, shuffle: true, seed: 1 })) {
      const positives = Array.from(fold.test).filter((i) => y[i] === 1).length;
      expect(Math.abs(positives - 2)).toBeLessThanOrEqual(1);
    }
  });

  it("train/test split sizes follow ceil(testFraction · n) and partition the rows", () => {
    const s = trainTestSplit(friedman.xTrain, friedman.yTrain, { testFraction: 0.3, seed: 2 });
    expect(s.testIndices.length).toBe(60);
    expect(s.trainIndices.length).toBe(140);
    expect(new Set([...s.trainIndices, ...s.testIndices]).size).toBe(200);
    expect(() => trainTestSplit(friedman.xTrain, friedman.yTrain, { testFraction: 1.5 })).toThrow(
      /testFraction is 1.5/,
    );
  });

  it("cross-validation scores equal fitting each fold by hand", () => {
    const cv = crossValidate(() => new Ridge(), friedman.xTrain, friedman.yTrain, {
      folds: 4,
      scoring: ["r2", "negRmse"],
    });
    expect(cv.scores.r2).toHaveLength(4);
    const fold = kFold(200, { folds: 4 })[2]!;
    const rows = (idx: Int32Array) => ({
      rows: idx.length,
      cols: 10,
      data: Float64Array.from(
        Array.from(idx).flatMap((i) => Array.from(friedman.xTrain.data.subarray(i * 10, i * 10 + 10))),
      ),
    });
    const m = new Ridge().fit(
      rows(fold.train),
      Float64Array.from(fold.train, (i) => friedman.yTrain[i]!),
    );
    const pred = m.predict(rows(fold.test));
    let ss = 0;
    fold.test.forEach((i, k) => {
      ss += (pred[k]! - friedman.yTrain[i]!) ** 2;
    });
    expect(-cv.scores.negRmse![2]!).toBeCloseTo(Math.sqrt(ss / fold.test.length), 12);
  });
});

describe("hyperparameter search", () => {
  it("grid search returns the best candidate (small lasso alpha wins on Friedman #1)", () => {
    const r = gridSearch((p) => new Lasso(p), { alpha: [0.01, 1, 10] }, friedman.xTrain, friedman.yTrain, {
      folds: 3,
    });
    expect(r.bestParams.alpha).toBe(0.01);
    expect(r.bestScore).toBe(Math.max(...r.candidates.map((c) => c.score)));
    expect(r.candidates).toHaveLength(3);
  });

  it("random and PSO search stay inside their ranges and PSO matches a fine grid", () => {
    const space = { alpha: { low: 1e-3, high: 1e3, log: true } };
    const rnd = randomSearch((p) => new Ridge(p), space, friedman.xTrain, friedman.yTrain, {
      folds: 3,
      iterations: 5,
    });
    for (const c of rnd.candidates) expect(c.params.alpha as number).toBeGreaterThanOrEqual(1e-3);
    const pso = psoSearch((p) => new Ridge(p), space, friedman.xTrain, friedman.yTrain, {
      folds: 3,
      swarmSize: 6,
      iterations: 6,
      seed: 1,
    });
    const grid = gridSearch(
      (p) => new Ridge(p),
      { alpha: Array.from({ length: 25 }, (_, k) => 10 ** (-3 + k / 4)) },
      friedman.xTrain,
      friedman.yTrain,
      { folds: 3 },
    );
    expect(pso.bestScore).toBeGreaterThanOrEqual(grid.bestScore - 1e-4);
    for (let k = 1; k < pso.history.length; k++)
      expect(pso.history[k]!).toBeGreaterThanOrEqual(pso.history[k - 1]!);
  });

  it("PSO minimises the Rosenbrock function to its minimum (1, 1)", () => {
    const r = particleSwarmMinimize(
      (x) => (1 - x[0]!) ** 2 + 100 * (x[1]! - x[0]! ** 2) ** 2,
      [-2, -2],
      [2, 2],
      {
        swarmSize: 30,
        iterations: 300,
        seed: 3,
      },
    );
    expect(r.bestValue).toBeLessThan(1e-6);
    expect(Math.abs(r.best[0]! - 1)).toBeLessThan(1e-2);
  });
});

describe("preprocessing vs scikit-learn", () => {
  const t = readMlFixture<{ x: number[][]; standardScaled: number[][]; minMaxScaled: number[][] }>(
    "transforms.json",
  );
  const X = matrixFromRows(t.x);
  it("standard and min-max scalers equal sklearn to 1e-12 and round-trip through JSON", () => {
    const s = new StandardScaler().fit(X);
    expect(maxRelativeDifference(s.transform(X).data, t.standardScaled.flat())).toBeLessThan(1e-12);
    const m = new MinMaxScaler().fit(X);
    expect(maxRelativeDifference(m.transform(X).data, t.minMaxScaled.flat())).toBeLessThan(1e-12);
    expect(transformerFromJSON(JSON.parse(JSON.stringify(s.toJSON()))).transform(X).data).toEqual(
      s.transform(X).data,
    );
    expect(maxRelativeDifference(s.inverseTransform(s.transform(X)).data, X.data)).toBeLessThan(1e-14);
  });

  it("one-hot encodes listed columns in place and rejects unknown categories", () => {
    const data = matrixFromRows([
      [1.5, 2],
      [2.5, 0],
      [3.5, 2],
    ]);
    const e = new OneHotEncoder({ columns: [1] }).fit(data);
    expect(Array.from(e.transform(data).data)).toEqual([1.5, 0, 1, 2.5, 1, 0, 3.5, 0, 1]);
    expect(e.featureNamesOut(["a", "b"])).toEqual(["a", "b=0", "b=2"]);
    expect(() => e.transform(matrixFromRows([[1, 7]]))).toThrow(/row 0, column 1 has unknown category 7/);
  });
});
