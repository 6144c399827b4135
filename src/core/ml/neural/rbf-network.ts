/**
 * Radial-basis-function network, eq. (6) of the review: ŷ(x) = Σ_j w_j exp(−‖x − c_j‖² / (2σ_j²)) + b.
 * Centres c_j by k-means (k-means++ seeding, Lloyd iterations) on standardised inputs, widths σ_j from
 * the RMS distance to the `neighbours` nearest other centres (Moody & Darken 1989), output weights
 * by ridge-regularised linear least squares. Classification fits one output per class to one-hot
 * targets and reads probabilities as the clipped, renormalised outputs.
 * @see https://doi.org/10.1162/neco.1989.1.2.281
 */
import { RandomStream } from "../../math/random.js";
import {
  type Classifier,
  defaultFeatureNames,
  type FitOptions,
  type Matrix,
  type Regressor,
  type SerializedModel,
} from "../estimator.js";
import { choleskySolveInPlace, choleskyWithJitter } from "../kernels/dense-linear-algebra.js";
import {
  argmaxRows,
  checkInput,
  checkSerialized,
  columnStatistics,
  encodeLabels,
  type Hyperparameters,
  numberParameter,
  standardize,
} from "./hyperparameters.js";

const KIND = "rbf-network";
const SCHEMA_VERSION = 1;

export interface RbfNetworkHyperparameters {
  /** Hidden Gaussian units = k-means clusters (default 10, capped at the number of rows). */
  readonly hiddenUnits: number;
  /** Nearest centres averaged for each width (default 2). */
  readonly neighbours: number;
  /** Width multiplier applied to every σ_j (default 1). */
  readonly widthScale: number;
  /** Ridge penalty on the output weights (default 1e-8). */
  readonly alpha: number;
  /** Lloyd iterations of k-means (default 100). */
  readonly maxIter: number;
}

interface RbfState {
  readonly task: "regression" | "classification";
  readonly inputMean: number[];
  readonly inputScale: number[];
  readonly centres: number[];
  readonly widths: number[];
  /** [outputs, hiddenUnits + 1] with the bias last. */
  readonly weights: number[];
  readonly classes: number[];
}

function resolve(raw: Hyperparameters): RbfNetworkHyperparameters {
  return {
    hiddenUnits: numberParameter(raw, "hiddenUnits", 10, { min: 1, integer: true }),
    neighbours: numberParameter(raw, "neighbours", 2, { min: 1, integer: true }),
    widthScale: numberParameter(raw, "widthScale", 1, { min: 0, exclusiveMin: true }),
    alpha: numberParameter(raw, "alpha", 1e-8, { min: 0 }),
    maxIter: numberParameter(raw, "maxIter", 100, { min: 1, integer: true }),
  };
}

function squaredDistance(a: Float64Array, aOff: number, b: Float64Array, bOff: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[aOff + j] - b[bOff + j];
    s += t * t;
  }
  return s;
}

/** k-means (k-means++ seeding, Lloyd iterations): returns k × d centres. */
export function kMeans(
  x: Float64Array,
  rows: number,
  d: number,
  k: number,
  maxIter: number,
  rng: RandomStream,
): Float64Array {
  const centres = new Float64Array(k * d);
  const closest = new Float64Array(rows).fill(Number.POSITIVE_INFINITY);
  let pick = rng.integer(rows);
  for (let c = 0; c < k; c++) {
    centres.set(x.subarray(pick * d, (pick + 1) * d), c * d);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      closest[i] = Math.min(closest[i], squaredDistance(x, i * d, centres, c * d, d));
      total += closest[i];
    }
    if (c + 1 === k) break;
    let u = rng.uniform() * total;
    pick = rows - 1;
    for (let i = 0; i < rows; i++) {
      u -= closest[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
  }
  const assignment = new Int32Array(rows).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = false;
    for (let i = 0; i < rows; i++) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const dist = squaredDistance(x, i * d, centres, c * d, d);
        if (dist < bestD) {
          bestD = dist;
          best = c;
        }
      }
      if (assignment[i] !== best) changed = true;
      assignment[i] = best;
    }
    if (!changed) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < rows; i++) {
      const c = assignment[i];
      counts[c]++;
      for (let j = 0; j < d; j++) sums[c * d + j] += x[i * d + j];
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue; // keep an empty cluster's centre where it was
      for (let j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j] / counts[c];
    }
  }
  return centres;
}

abstract class RbfNetworkBase {
  readonly kind = KIND;
  readonly hyperparameters: RbfNetworkHyperparameters;
  featureNames: readonly string[] = [];
  protected state: RbfState | undefined;

  constructor(hyperparameters: Hyperparameters = {}) {
    this.hyperparameters = resolve(hyperparameters);
  }

  /** Hidden-layer activations with a trailing 1 for the bias: rows × (k + 1). */
  protected hidden(
    x: Float64Array,
    rows: number,
    d: number,
    centres: Float64Array,
    widths: Float64Array,
  ): Float64Array {
    const k = widths.length;
    const phi = new Float64Array(rows * (k + 1));
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < k; c++) {
        const r2 = squaredDistance(x, i * d, centres, c * d, d);
        phi[i * (k + 1) + c] = Math.exp(-r2 / (2 * widths[c] * widths[c]));
      }
      phi[i * (k + 1) + k] = 1;
    }
    return phi;
  }

  protected fitRbf(
    task: "regression" | "classification",
    X: Matrix,
    y: Float64Array,
    options: FitOptions,
  ): void {
    checkInput(X, y);
    const hp = this.hyperparameters;
    const d = X.cols;
    const stats = columnStatistics(X);
    const x = standardize(X, stats.mean, stats.scale);
    const k = Math.min(hp.hiddenUnits, X.rows);
    const rng = new RandomStream(options.seed ?? 0);
    const centres = kMeans(x, X.rows, d, k, hp.maxIter, rng);
    const widths = new Float64Array(k);
    const p = Math.min(hp.neighbours, k - 1);
    for (let c = 0; c < k; c++) {
      const dist: number[] = [];
      for (let o = 0; o < k; o++) if (o !== c) dist.push(squaredDistance(centres, c * d, centres, o * d, d));
      dist.sort((a, b) => a - b);
      let s = 0;
      for (let q = 0; q < p; q++) s += dist[q]!;
      const sigma = p > 0 ? Math.sqrt(s / p) : 1;
      widths[c] = hp.widthScale * (sigma > 1e-12 ? sigma : 1);
    }
    let targets: Float64Array;
    let outputs = 1;
    let classes: Float64Array = new Float64Array(0);
    if (task === "classification") {
      const enc = encodeLabels(y);
      classes = enc.classes;
      outputs = classes.length;
      targets = new Float64Array(X.rows * outputs);
      for (let i = 0; i < X.rows; i++) targets[i * outputs + enc.index[i]!] = 1;
    } else {
      targets = Float64Array.from(y);
    }
    const phi = this.hidden(x, X.rows, d, centres, widths);
    const m = k + 1;
    const gram = new Float64Array(m * m);
    for (let i = 0; i < X.rows; i++) {
      for (let a = 0; a < m; a++) {
        const pa = phi[i * m + a];
        for (let b = 0; b <= a; b++) gram[a * m + b] += pa * phi[i * m + b];
      }
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) gram[b * m + a] = gram[a * m + b];
    for (let a = 0; a < k; a++) gram[a * m + a] += hp.alpha * X.rows;
    const l = choleskyWithJitter(gram, m, "RBF-network normal matrix");
    const weights = new Float64Array(outputs * m);
    for (let o = 0; o < outputs; o++) {
      const rhs = new Float64Array(m);
      for (let i = 0; i < X.rows; i++) {
        const t = targets[i * outputs + o];
        for (let a = 0; a < m; a++) rhs[a] += phi[i * m + a] * t;
      }
      choleskySolveInPlace(l, m, rhs);
      weights.set(rhs, o * m);
    }
    this.featureNames = options.featureNames ? [...options.featureNames] : defaultFeatureNames(d);
    this.state = {
      task,
      inputMean: [...stats.mean],
      inputScale: [...stats.scale],
      centres: [...centres],
      widths: [...widths],
      weights: [...weights],
      classes: [...classes],
    };
  }

  /** Network outputs: rows × outputs. */
  protected outputs(X: Matrix): { values: Float64Array; outputs: number } {
    const s = this.state;
    if (!s) throw new Error("rbf-network model is not fitted: call fit first");
    checkInput(X, undefined, s.inputMean.length);
    const d = X.cols;
    const x = standardize(X, Float64Array.from(s.inputMean), Float64Array.from(s.inputScale));
    const phi = this.hidden(x, X.rows, d, Float64Array.from(s.centres), Float64Array.from(s.widths));
    const m = s.widths.length + 1;
    const outputs = s.weights.length / m;
    const values = new Float64Array(X.rows * outputs);
    for (let i = 0; i < X.rows; i++) {
      for (let o = 0; o < outputs; o++) {
        let sum = 0;
        for (let a = 0; a < m; a++) sum += phi[i * m + a] * s.weights[o * m + a]!;
        values[i * outputs + o] = sum;
      }
    }
    return { values, outputs };
  }

  toJSON(): SerializedModel {
    if (!this.state) throw new Error("rbf-network model is not fitted: call fit first");
    return {
      kind: KIND,
      schemaVersion: SCHEMA_VERSION,
      featureNames: [...this.featureNames],
      hyperparameters: { ...this.hyperparameters },
      state: this.state,
    };
  }

  protected restore(json: SerializedModel): void {
    checkSerialized(json, KIND, SCHEMA_VERSION);
    this.state = json.state as RbfState;
    this.featureNames = [...json.featureNames];
  }
}

export class RbfNetworkRegressor extends RbfNetworkBase implements Regressor {
  readonly task = "regression" as const;

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    this.fitRbf("regression", X, y, options);
    return this;
  }

  predict(X: Matrix): Float64Array {
    return this.outputs(X).values;
  }

  static fromJSON(json: SerializedModel): RbfNetworkRegressor {
    const model = new RbfNetworkRegressor(json.hyperparameters);
    model.restore(json);
    return model;
  }
}

export class RbfNetworkClassifier extends RbfNetworkBase implements Classifier {
  readonly task = "classification" as const;

  get classes(): Float64Array {
    return Float64Array.from(this.state?.classes ?? []);
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    this.fitRbf("classification", X, y, options);
    return this;
  }

  predictProba(X: Matrix): Matrix {
    const { values, outputs } = this.outputs(X);
    for (let i = 0; i < X.rows; i++) {
      let sum = 0;
      for (let o = 0; o < outputs; o++) {
        const v = Math.max(0, values[i * outputs + o]);
        values[i * outputs + o] = v;
        sum += v;
      }
      for (let o = 0; o < outputs; o++)
        values[i * outputs + o] = sum > 0 ? values[i * outputs + o] / sum : 1 / outputs;
    }
    return { rows: X.rows, cols: outputs, data: values };
  }

  predict(X: Matrix): Float64Array {
    const { values, outputs } = this.outputs(X);
    const idx = argmaxRows(values, X.rows, outputs);
    const classes = this.state!.classes;
    return Float64Array.from(idx, (i) => classes[i]!);
  }

  static fromJSON(json: SerializedModel): RbfNetworkClassifier {
    const model = new RbfNetworkClassifier(json.hyperparameters);
    model.restore(json);
    return model;
  }
}
