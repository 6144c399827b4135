import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toMatrix } from "../neural/test-data.js";
import { GaussianProcessRegressor } from "./gaussian-process.js";

const datasets = JSON.parse(readFileSync("fixtures/ml-kernels/datasets.json", "utf8"));
const ref = JSON.parse(readFileSync("fixtures/ml-kernels/gp.json", "utf8"));
const X = toMatrix((datasets.friedman1.Xtrain as number[][]).slice(0, 100).map((r) => r.slice(0, 5)));
const y = Float64Array.from((datasets.friedman1.ytrain as number[]).slice(0, 100));
const Xtest = toMatrix((datasets.friedman1.Xtest as number[][]).map((r) => r.slice(0, 5)));

describe("Gaussian-process regression vs scikit-learn (C·RBF + White, normalize_y)", () => {
  const model = new GaussianProcessRegressor({ normalizeY: true }).fit(X, y);

  it("finds the same maximum of the log marginal likelihood (hyperparameters within 1e-4 relative)", () => {
    const k = model.fittedKernel;
    expect(k.logMarginalLikelihood).toBeGreaterThanOrEqual(ref.logMarginalLikelihood - 1e-6);
    expect(Math.abs(k.logMarginalLikelihood - ref.logMarginalLikelihood)).toBeLessThan(1e-6);
    expect(k.signalVariance / ref.signalVariance).toBeCloseTo(1, 4);
    expect(k.lengthScale / ref.lengthScale).toBeCloseTo(1, 4);
    expect(k.noiseVariance / ref.noiseVariance).toBeCloseTo(1, 4);
  });

  it("posterior mean and standard deviation agree within 1e-4", () => {
    const mean = model.predict(Xtest);
    const std = model.predictStd(Xtest);
    for (let i = 0; i < Xtest.rows; i++) {
      expect(Math.abs(mean[i]! - ref.mean[i])).toBeLessThan(1e-4);
      expect(Math.abs(std[i]! - ref.std[i])).toBeLessThan(1e-4);
    }
  });

  it("round-trips through JSON with identical predictions", () => {
    const restored = GaussianProcessRegressor.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predict(Xtest))).toEqual(Array.from(model.predict(Xtest)));
  });
});
