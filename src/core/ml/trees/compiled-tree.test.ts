import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../../test/helpers/ml-fixtures.js";
import { RandomStream } from "../../math/random.js";
import { compiledLeaves, compileTree, float32AtMost, leafIndex, type TreeArrays } from "./cart.js";
import { TreeEnsembleClassifier, TreeEnsembleRegressor } from "./tree-ensemble.js";

describe("compiled (flat, 4-row batched) tree layout", () => {
  it("float32AtMost is the largest float32 ≤ t", () => {
    const rng = new RandomStream(3);
    for (let k = 0; k < 2000; k++) {
      const t = (rng.uniform() - 0.5) * 10 ** Math.floor(rng.uniform() * 12 - 6);
      const r = float32AtMost(t);
      expect(Math.fround(r)).toBe(r);
      expect(r).toBeLessThanOrEqual(t);
      // the next float32 above r exceeds t
      const next = new Float32Array([r]);
      const bits = new Int32Array(next.buffer);
      bits[0] = r >= 0 ? (Object.is(r, -0) ? 1 : bits[0]! + 1) : bits[0]! - 1;
      expect(next[0]!).toBeGreaterThan(t);
    }
  });

  it("reaches the same leaves as plain traversal, also for rows exactly at and next to the thresholds", () => {
    const d = loadDataset("friedman1");
    const forest = new TreeEnsembleRegressor("random-forest", { nEstimators: 5 }).fit(d.xTrain, d.yTrain);
    const trees = (forest as unknown as { trees: TreeArrays[] }).trees;
    const cols = d.xTrain.cols;
    // Probe rows: the test set plus, for every split, a row at the threshold and one ulp-ish either side.
    const probes: number[] = Array.from(d.xTest.data);
    const rng = new RandomStream(1);
    for (const t of trees.slice(0, 2)) {
      for (let node = 0; node < t.nodeCount; node++) {
        if (t.left[node]! < 0) continue;
        for (const v of [
          t.threshold[node]!,
          t.threshold[node]! * (1 + 1e-9),
          t.threshold[node]! * (1 - 1e-9),
        ]) {
          const row = Array.from({ length: cols }, () => rng.uniform());
          row[t.feature[node]!] = v;
          probes.push(...row);
        }
      }
    }
    const rows = probes.length / cols; // not a multiple of 4 in general: the tail path runs too
    const data = Float64Array.from(probes);
    const f32 = Float32Array.from(data);
    const leaves = new Int32Array(rows);
    for (const t of trees) {
      compiledLeaves(compileTree(t), f32, rows, cols, leaves);
      for (let i = 0; i < rows; i++) expect(leaves[i]).toBe(leafIndex(t, data, i * cols));
    }
    const pred = forest.predict({ rows, cols, data });
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (const t of trees) s += t.value[leafIndex(t, data, i * cols)]!;
      expect(pred[i]).toBeCloseTo(s / trees.length, 12);
    }
  });

  it("classifier probabilities sum to 1 for every row count mod 4", () => {
    const d = loadDataset("classification-3class");
    const forest = new TreeEnsembleClassifier("random-forest", { nEstimators: 7 }).fit(d.xTrain, d.yTrain);
    for (const rows of [1, 2, 3, 4, 5, 6, 7]) {
      const X = { rows, cols: d.xTest.cols, data: d.xTest.data.subarray(0, rows * d.xTest.cols) };
      const p = forest.predictProba(X);
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let k = 0; k < p.cols; k++) s += p.data[i * p.cols + k]!;
        expect(s).toBeCloseTo(1, 12);
      }
    }
  });
});
