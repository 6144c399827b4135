import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NeuralNetworkRegressor } from "../neural/neural-network-model.js";
import { toMatrix } from "../neural/test-data.js";
import { GaussianProcessRegressor } from "./gaussian-process.js";
import { LssvmRegressor } from "./least-squares-svm.js";
import { SupportVectorRegressor } from "./support-vector-machine.js";

// Battery dataset: Severson et al. 2019 early-life features → log10 cycle life (41 train / 43 test cells).
const ref = JSON.parse(readFileSync("fixtures/ml-kernels/severson-cycle-life.json", "utf8"));
const Xtrain = toMatrix(ref.Xtrain);
const ytrain = Float64Array.from(ref.ytrain as number[]);
const Xtest = toMatrix(ref.Xtest);
const ytest = ref.ytest as number[];

function rmseCycles(prediction: Float64Array): number {
  let s = 0;
  for (let i = 0; i < ytest.length; i++) s += (10 ** prediction[i]! - 10 ** ytest[i]!) ** 2;
  return Math.sqrt(s / ytest.length);
}

describe("cycle-life prediction on the Severson et al. 2019 cells vs scikit-learn", () => {
  it("ε-SVR predictions equal scikit-learn's to 2e-5 (log10 cycles)", () => {
    const p = new SupportVectorRegressor({ ...ref.svr.params, tol: 1e-6 }).fit(Xtrain, ytrain).predict(Xtest);
    (ref.svr.predict as number[]).forEach((v, i) => {
      expect(Math.abs(p[i]! - v)).toBeLessThan(2e-5);
    });
    expect(rmseCycles(p)).toBeCloseTo(ref.svr.rmseCycles, 1);
  });

  it("Gaussian process equals scikit-learn's posterior mean to 1e-4 (RMSE ≈ 108 cycles)", () => {
    const p = new GaussianProcessRegressor({ normalizeY: true }).fit(Xtrain, ytrain).predict(Xtest);
    (ref.gp.predict as number[]).forEach((v, i) => {
      expect(Math.abs(p[i]! - v)).toBeLessThan(1e-4);
    });
  });

  it("MLP and RBF-kernel LSSVM are within 10 % of scikit-learn SVR's test RMSE (141 cycles) or better", () => {
    const mlp = new NeuralNetworkRegressor("mlp", { hiddenLayerSizes: [20], maxIter: 2000 }).fit(
      Xtrain,
      ytrain,
    );
    expect(rmseCycles(mlp.predict(Xtest))).toBeLessThan(ref.svr.rmseCycles * 1.1);
    const lssvm = new LssvmRegressor({ C: 10 }).fit(Xtrain, ytrain);
    expect(rmseCycles(lssvm.predict(Xtest))).toBeLessThan(ref.svr.rmseCycles * 1.1);
  });
});
