import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RandomStream } from "../../math/random.js";
import type { Matrix } from "../estimator.js";
import { neuralModelEntries } from "./entries.js";
import { NeuralNetworkClassifier, NeuralNetworkRegressor } from "./neural-network-model.js";
import { RbfNetworkClassifier, RbfNetworkRegressor } from "./rbf-network.js";
import { accuracy, r2Score, toMatrix } from "./test-data.js";

const datasets = JSON.parse(readFileSync("fixtures/ml-kernels/datasets.json", "utf8"));
const mlpReference = JSON.parse(readFileSync("fixtures/ml-neural/mlp.json", "utf8"));
const friedman = {
  Xtrain: toMatrix(datasets.friedman1.Xtrain),
  ytrain: Float64Array.from(datasets.friedman1.ytrain as number[]),
  Xtest: toMatrix(datasets.friedman1.Xtest),
  ytest: Float64Array.from(datasets.friedman1.ytest as number[]),
};
const blobs = {
  Xtrain: toMatrix(datasets.classification.Xtrain),
  ytrain: Float64Array.from(datasets.classification.ytrain as number[]),
  Xtest: toMatrix(datasets.classification.Xtest),
  ytest: Float64Array.from(datasets.classification.ytest as number[]),
};

function roundTrip<T extends { toJSON(): unknown; predict(X: Matrix): Float64Array }>(
  model: T,
  restore: (json: never) => { predict(X: Matrix): Float64Array },
  X: Matrix,
) {
  const json = JSON.parse(JSON.stringify(model.toJSON()));
  expect(Array.from(restore(json as never).predict(X))).toEqual(Array.from(model.predict(X)));
}

describe("MLP vs scikit-learn (Friedman #1, make_classification)", () => {
  it("regressor reaches scikit-learn's held-out R² within 0.05", () => {
    const model = new NeuralNetworkRegressor("mlp", { maxIter: 150 }).fit(friedman.Xtrain, friedman.ytrain);
    const r2 = r2Score(friedman.ytest, model.predict(friedman.Xtest));
    expect(r2).toBeGreaterThan(mlpReference.meanRegressionR2 - 0.05);
    roundTrip(model, NeuralNetworkRegressor.fromJSON, friedman.Xtest);
  });

  it("classifier reaches scikit-learn's held-out accuracy within 0.03; probabilities sum to 1", () => {
    const model = new NeuralNetworkClassifier("mlp", { maxIter: 300 }).fit(blobs.Xtrain, blobs.ytrain);
    expect(accuracy(blobs.ytest, model.predict(blobs.Xtest))).toBeGreaterThanOrEqual(
      mlpReference.meanClassificationAccuracy - 0.03,
    );
    const proba = model.predictProba(blobs.Xtest);
    for (let i = 0; i < proba.rows; i++) {
      let s = 0;
      for (let c = 0; c < proba.cols; c++) s += proba.data[i * proba.cols + c]!;
      expect(s).toBeCloseTo(1, 12);
    }
    roundTrip(model, NeuralNetworkClassifier.fromJSON, blobs.Xtest);
  });

  it("early stopping restores the best validation weights and stops before maxIter", () => {
    const model = new NeuralNetworkRegressor("mlp", {
      earlyStopping: true,
      maxIter: 500,
      hiddenLayerSizes: "20",
      tol: 1e-3,
    });
    model.fit(friedman.Xtrain, friedman.ytrain, { seed: 3 });
    expect(model.lossCurve.length).toBeLessThan(500);
    expect(r2Score(friedman.ytest, model.predict(friedman.Xtest))).toBeGreaterThan(0.6);
  });

  it("rejects bad input with the field named", () => {
    expect(() => new NeuralNetworkRegressor("mlp", { learningRateInit: -1 })).toThrow(/learningRateInit/);
    expect(() => new NeuralNetworkRegressor("mlp", { activation: "swish" })).toThrow(/activation/);
    const bad = { rows: 2, cols: 1, data: Float64Array.of(1, Number.NaN) };
    expect(() => new NeuralNetworkRegressor("mlp").fit(bad, Float64Array.of(1, 2))).toThrow(/X\[1, 0\]/);
    expect(() =>
      new NeuralNetworkRegressor("lstm", { channels: 3 }).fit(friedman.Xtrain, friedman.ytrain),
    ).toThrow(/channels/);
  });
});

/** Sequences of length T; target = value at step 0 (needs memory across the whole sequence). */
function memoryTask(rows: number, T: number, rng: RandomStream): { X: Matrix; y: Float64Array } {
  const data = new Float64Array(rows * T);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let t = 0; t < T; t++) data[i * T + t] = rng.uniformIn(-1, 1);
    y[i] = data[i * T];
  }
  return { X: { rows, cols: T, data }, y };
}

describe("sequence and image models learn known tasks", () => {
  it("LSTM recalls the first value of an 8-step noise sequence (R² > 0.95)", () => {
    const rng = new RandomStream(7);
    const train = memoryTask(400, 8, rng);
    const test = memoryTask(100, 8, rng);
    const model = new NeuralNetworkRegressor("lstm", { units: 8, maxIter: 30, learningRateInit: 0.02 });
    model.fit(train.X, train.y, { seed: 1 });
    expect(r2Score(test.y, model.predict(test.X))).toBeGreaterThan(0.95);
    roundTrip(model, NeuralNetworkRegressor.fromJSON, test.X);
  });

  it("1-D CNN tells a sine from a triangle wave of random phase and frequency (accuracy > 0.95)", () => {
    const rng = new RandomStream(11);
    const make = (rows: number) => {
      const T = 32;
      const data = new Float64Array(rows * T);
      const y = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const isTriangle = i % 2;
        const f = rng.uniformIn(0.05, 0.15);
        const phase = rng.uniform();
        for (let t = 0; t < T; t++) {
          const u = (f * t + phase) % 1;
          data[i * T + t] = isTriangle ? 4 * Math.abs(u - 0.5) - 1 : Math.sin(2 * Math.PI * u);
          data[i * T + t] += 0.05 * rng.normal();
        }
        y[i] = isTriangle;
      }
      return { X: { rows, cols: T, data }, y };
    };
    const train = make(300);
    const test = make(100);
    const model = new NeuralNetworkClassifier("cnn", {
      filters: 8,
      kernelSize: 5,
      hiddenLayerSizes: [16],
      maxIter: 40,
    });
    model.fit(train.X, train.y, { seed: 2 });
    expect(accuracy(test.y, model.predict(test.X))).toBeGreaterThan(0.95);
    roundTrip(model, NeuralNetworkClassifier.fromJSON, test.X);
  });

  it("2-D CNN tells horizontal from vertical bars in noisy 8×8 images (accuracy > 0.95)", () => {
    const rng = new RandomStream(5);
    const make = (rows: number) => {
      const data = new Float64Array(rows * 64);
      const y = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const vertical = i % 2;
        const at = rng.integer(8);
        for (let r = 0; r < 8; r++) {
          for (let c = 0; c < 8; c++) {
            data[i * 64 + r * 8 + c] = ((vertical ? c : r) === at ? 1 : 0) + 0.2 * rng.normal();
          }
        }
        y[i] = vertical;
      }
      return { X: { rows, cols: 64, data }, y };
    };
    const train = make(200);
    const test = make(100);
    const model = new NeuralNetworkClassifier("cnn", {
      imageHeight: 8,
      filters: 4,
      hiddenLayerSizes: [8],
      maxIter: 30,
    });
    model.fit(train.X, train.y, { seed: 4 });
    expect(accuracy(test.y, model.predict(test.X))).toBeGreaterThan(0.95);
  });

  it("CNN defaults adapt to a 3-feature input (kernel and pool capped) and still learn", () => {
    const rng = new RandomStream(11);
    const make = (rows: number) => {
      const data = new Float64Array(rows * 3);
      const y = new Float64Array(rows);
      for (let i = 0; i < rows * 3; i++) data[i] = rng.normal();
      for (let i = 0; i < rows; i++) y[i] = data[3 * i]! + 2 * data[3 * i + 1]! - data[3 * i + 2]!;
      return { X: { rows, cols: 3, data }, y };
    };
    const train = make(300);
    const test = make(100);
    const model = new NeuralNetworkRegressor("cnn", { maxIter: 60 });
    model.fit(train.X, train.y, { seed: 1 });
    expect(r2Score(test.y, model.predict(test.X))).toBeGreaterThan(0.9);
    roundTrip(model, NeuralNetworkRegressor.fromJSON, test.X);
    // One-feature input also works with the defaults (kernel 1, no pooling).
    const one = { rows: 50, cols: 1, data: train.X.data.subarray(0, 50) };
    new NeuralNetworkRegressor("cnn", { maxIter: 2 }).fit(one, train.y.subarray(0, 50));
    // An explicit size that does not fit names the hyperparameter and a valid value.
    expect(() => new NeuralNetworkRegressor("cnn", { poolSize: 4 }).fit(train.X, train.y)).toThrow(
      /hyperparameter poolSize = 4 is larger than the convolution output size \(1\) of conv block 1; set poolSize ≤ 1/,
    );
    expect(() => new NeuralNetworkRegressor("cnn", { kernelSize: 5 }).fit(train.X, train.y)).toThrow(
      /kernelSize = 5 .* set kernelSize ≤ 3/,
    );
  });

  it("CNN-LSTM learns the running-sum sign of a 16-step sequence (accuracy > 0.9)", () => {
    const rng = new RandomStream(9);
    const make = (rows: number) => {
      const data = new Float64Array(rows * 16);
      const y = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let t = 0; t < 16; t++) {
          data[i * 16 + t] = rng.normal();
          s += data[i * 16 + t]!;
        }
        y[i] = s > 0 ? 1 : 0;
      }
      return { X: { rows, cols: 16, data }, y };
    };
    const train = make(400);
    const test = make(100);
    const model = new NeuralNetworkClassifier("cnn-lstm", {
      filters: 4,
      units: 8,
      maxIter: 40,
      learningRateInit: 0.01,
    });
    model.fit(train.X, train.y, { seed: 1 });
    expect(accuracy(test.y, model.predict(test.X))).toBeGreaterThan(0.9);
    roundTrip(model, NeuralNetworkClassifier.fromJSON, test.X);
  });
});

describe("RBF network (eq. 6)", () => {
  it("interpolates a smooth 1-D curve (RMSE < 0.02) and round-trips", () => {
    const n = 200;
    const X = { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => (6 * i) / (n - 1)) };
    const y = X.data.map((x) => Math.sin(x) + 0.3 * Math.cos(3 * x));
    const model = new RbfNetworkRegressor({ hiddenUnits: 25 }).fit(X, y);
    const Xt = { rows: 50, cols: 1, data: Float64Array.from({ length: 50 }, (_, i) => 0.1 + (5.8 * i) / 49) };
    const yt = Xt.data.map((x) => Math.sin(x) + 0.3 * Math.cos(3 * x));
    const p = model.predict(Xt);
    let se = 0;
    for (let i = 0; i < 50; i++) se += (p[i]! - yt[i]!) ** 2;
    expect(Math.sqrt(se / 50)).toBeLessThan(0.02);
    roundTrip(model, RbfNetworkRegressor.fromJSON, Xt);
  });

  it("classifies make_classification within 0.1 of the scikit-learn MLP", () => {
    const model = new RbfNetworkClassifier({ hiddenUnits: 30 }).fit(blobs.Xtrain, blobs.ytrain);
    expect(accuracy(blobs.ytest, model.predict(blobs.Xtest))).toBeGreaterThan(
      mlpReference.meanClassificationAccuracy - 0.1,
    );
    roundTrip(model, RbfNetworkClassifier.fromJSON, blobs.Xtest);
  });
});

describe("neural registry entries", () => {
  it("has the five ids and restores through fromJSON", () => {
    expect(neuralModelEntries.map((e) => e.id)).toEqual(["mlp", "rbf-network", "cnn", "lstm", "cnn-lstm"]);
    const entry = neuralModelEntries[0]!;
    const model = entry.create("classification", { hiddenLayerSizes: "8", maxIter: 5 });
    model.fit(blobs.Xtrain, blobs.ytrain);
    const restored = entry.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored.task).toBe("classification");
    expect(Array.from(restored.predict(blobs.Xtest))).toEqual(Array.from(model.predict(blobs.Xtest)));
  });
});

describe("fromJSON rejects malformed models", () => {
  it("names the kind, schema version or state field", () => {
    const model = new NeuralNetworkRegressor("mlp", { hiddenLayerSizes: "4", maxIter: 2 }).fit(
      friedman.Xtrain,
      friedman.ytrain,
    );
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(() => NeuralNetworkRegressor.fromJSON({ ...json, schemaVersion: 9 })).toThrow(
      /schemaVersion must be 1/,
    );
    expect(() =>
      NeuralNetworkRegressor.fromJSON({ ...json, state: { ...json.state, params: [1, "x"] } }),
    ).toThrow(/state.params must be an array of finite numbers/);
    expect(() =>
      NeuralNetworkRegressor.fromJSON({ ...json, state: { ...json.state, params: [1, 2] } }),
    ).toThrow(/state.params must hold/);
    expect(() => RbfNetworkRegressor.fromJSON({ ...json, kind: "rbf-network", state: null })).toThrow(
      /state must be an object/,
    );
  });
});
