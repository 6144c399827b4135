/**
 * ε-support-vector regression (libsvm's ε-SVR): the 2l-variable dual over (α, α*) with p = ε ∓ y,
 * solved by the same SMO with WSS2 (`smo.ts`); per-sample weights scale C as in libsvm.
 * @see https://www.csie.ntu.edu.tw/~cjlin/papers/libsvm.pdf
 */
import {
  defaultFeatureNames,
  type FitOptions,
  type Matrix,
  type Regressor,
  type SerializedModel,
} from "../estimator.js";
import {
  checkInput,
  checkSerialized,
  checkStateArrays,
  type Hyperparameters,
  sampleWeights,
} from "../neural/hyperparameters.js";
import { resolveKernel } from "./kernel-function.js";
import { solveSmo } from "./smo.js";
import {
  decisionValues,
  type Expansion,
  resolveSvmHyperparameters,
  rowCache,
  SVM_SCHEMA_VERSION,
  type SvmHyperparameters,
  type SvmState,
} from "./support-vector-expansion.js";

/** ε-SVR: dual over (α, α*) with p = ε ∓ y, solved by the same SMO; f(x) = Σ (α − α*) k(x_s, x) − ρ. */
export class SupportVectorRegressor implements Regressor {
  readonly kind = "svr";
  readonly task = "regression" as const;
  readonly hyperparameters: SvmHyperparameters;
  featureNames: readonly string[] = [];
  private state: SvmState | undefined;

  constructor(hyperparameters: Hyperparameters = {}) {
    this.hyperparameters = resolveSvmHyperparameters(hyperparameters);
  }

  get supportVectorCount(): number {
    return this.state ? this.state.supportVectors.length / this.state.columns : 0;
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    checkInput(X, y);
    const hp = this.hyperparameters;
    const kernel = resolveKernel(hp, X);
    const l = X.rows;
    const weight = sampleWeights(options.sampleWeight, l);
    const upper = new Float64Array(2 * l);
    for (let t = 0; t < l; t++) {
      upper[t] = hp.C * weight[t]!;
      upper[t + l] = upper[t]!;
    }
    const { cache, diagonal: baseDiagonal } = rowCache(X, kernel, hp.cacheSize);
    const p = new Float64Array(2 * l);
    const yy = new Int8Array(2 * l);
    const base = new Int32Array(2 * l);
    const diagonal = new Float64Array(2 * l);
    for (let t = 0; t < l; t++) {
      p[t] = hp.epsilon - y[t]!;
      p[t + l] = hp.epsilon + y[t]!;
      yy[t] = 1;
      yy[t + l] = -1;
      base[t] = t;
      base[t + l] = t;
      diagonal[t] = baseDiagonal[t]!;
      diagonal[t + l] = baseDiagonal[t]!;
    }
    const result = solveSmo({ size: 2 * l, y: yy, p, upper, base, cache, diagonal }, hp.tol, hp.maxIter);
    const supportVectors: number[] = [];
    const ex: Expansion = { index: [], coef: [], rho: result.rho };
    for (let t = 0; t < l; t++) {
      const c = result.alpha[t]! - result.alpha[t + l]!;
      if (c !== 0) {
        ex.index.push(ex.index.length);
        ex.coef.push(c);
        for (let j = 0; j < X.cols; j++) supportVectors.push(X.data[t * X.cols + j]!);
      }
    }
    this.featureNames = options.featureNames ? [...options.featureNames] : defaultFeatureNames(X.cols);
    this.state = {
      kernel,
      columns: X.cols,
      supportVectors,
      expansions: [ex],
      classes: [],
      converged: result.converged,
    };
    return this;
  }

  predict(X: Matrix): Float64Array {
    if (!this.state) throw new Error("svr model is not fitted: call fit first");
    return decisionValues(this.state, X);
  }

  toJSON(): SerializedModel {
    if (!this.state) throw new Error("svr model is not fitted: call fit first");
    return {
      kind: this.kind,
      schemaVersion: SVM_SCHEMA_VERSION,
      featureNames: [...this.featureNames],
      hyperparameters: { ...this.hyperparameters },
      state: this.state,
    };
  }

  static fromJSON(json: SerializedModel): SupportVectorRegressor {
    checkSerialized(json, "svr", SVM_SCHEMA_VERSION);
    checkStateArrays(json.state, "svr", ["supportVectors"]);
    const model = new SupportVectorRegressor(json.hyperparameters);
    model.state = json.state as SvmState;
    model.featureNames = [...json.featureNames];
    return model;
  }
}
