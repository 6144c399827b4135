/**
 * C-support-vector classification (one-vs-one for more than two classes, as libsvm/scikit-learn) and
 * ε-support-vector regression, both solved by SMO with WSS2 (`smo.ts`).
 *
 * Probabilities (`predictProba`) are Platt-free: each pairwise decision value f_ij becomes
 * r_ij = 1 / (1 + exp(−f_ij)) and the class probabilities are obtained by the pairwise coupling of
 * Wu, Lin & Weng (2004, method 2, as in libsvm). scikit-learn instead fits Platt sigmoids by internal
 * cross-validation, so its probabilities differ; `predict` uses the one-vs-one vote and never the
 * probabilities.
 * @see https://www.jmlr.org/papers/v5/wu04a.html
 */
import {
  type Classifier,
  defaultFeatureNames,
  type FitOptions,
  type Matrix,
  type Regressor,
  type SerializedModel,
} from "../estimator.js";
import {
  checkInput,
  checkSerialized,
  encodeLabels,
  type Hyperparameters,
  numberParameter,
} from "../neural/hyperparameters.js";
import {
  type Kernel,
  type KernelSpec,
  kernelValue,
  resolveKernel,
  resolveKernelSpec,
} from "./kernel-function.js";
import { KernelRowCache, solveSmo } from "./smo.js";

const SCHEMA_VERSION = 1;

export interface SvmHyperparameters extends KernelSpec {
  /** Box constraint C (default 1). */
  readonly C: number;
  /** ε-tube half-width of ε-SVR (default 0.1). */
  readonly epsilon: number;
  /** Stopping tolerance on the maximal KKT violation (default 1e-3). */
  readonly tol: number;
  /** SMO iteration cap (default 10⁷). */
  readonly maxIter: number;
  /** Kernel-row cache size in MB (default 200). */
  readonly cacheSize: number;
}

export function resolveSvmHyperparameters(raw: Hyperparameters): SvmHyperparameters {
  return {
    ...resolveKernelSpec(raw),
    C: numberParameter(raw, "C", 1, { min: 0, exclusiveMin: true }),
    epsilon: numberParameter(raw, "epsilon", 0.1, { min: 0 }),
    tol: numberParameter(raw, "tol", 1e-3, { min: 0, exclusiveMin: true }),
    maxIter: numberParameter(raw, "maxIter", 1e7, { min: 1, integer: true }),
    cacheSize: numberParameter(raw, "cacheSize", 200, { min: 1 }),
  };
}

/** A kernel expansion f(x) = Σ_s coef_s k(sv_s, x) − ρ over indices into a shared support set. */
interface Expansion {
  readonly index: number[];
  readonly coef: number[];
  readonly rho: number;
}

interface SvmState {
  readonly kernel: Kernel;
  readonly columns: number;
  /** Support vectors, row-major. */
  readonly supportVectors: number[];
  readonly expansions: Expansion[];
  readonly classes: number[];
  readonly converged: boolean;
}

function rowCache(
  X: Matrix,
  kernel: Kernel,
  cacheSize_MB: number,
): { cache: KernelRowCache; diagonal: Float64Array } {
  const cache = new KernelRowCache(
    X.rows,
    (i, out) => {
      for (let j = 0; j < X.rows; j++) out[j] = kernelValue(kernel, X.data, i, X.data, j, X.cols);
    },
    cacheSize_MB,
  );
  const diagonal = Float64Array.from({ length: X.rows }, (_, i) =>
    kernelValue(kernel, X.data, i, X.data, i, X.cols),
  );
  return { cache, diagonal };
}

function subMatrix(X: Matrix, rows: number[]): Matrix {
  const data = new Float64Array(rows.length * X.cols);
  rows.forEach((r, k) => {
    data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), k * X.cols);
  });
  return { rows: rows.length, cols: X.cols, data };
}

/** Decision values of every expansion for every row of X: rows × expansions. */
function decisionValues(state: SvmState, X: Matrix): Float64Array {
  checkInput(X, undefined, state.columns);
  const sv = Float64Array.from(state.supportVectors);
  const nSv = sv.length / state.columns;
  const k = new Float64Array(nSv);
  const m = state.expansions.length;
  const out = new Float64Array(X.rows * m);
  for (let r = 0; r < X.rows; r++) {
    for (let s = 0; s < nSv; s++) k[s] = kernelValue(state.kernel, X.data, r, sv, s, X.cols);
    for (let e = 0; e < m; e++) {
      const ex = state.expansions[e]!;
      let f = -ex.rho;
      for (let q = 0; q < ex.index.length; q++) f += ex.coef[q]! * k[ex.index[q]!];
      out[r * m + e] = f;
    }
  }
  return out;
}

/** Pairwise coupling (Wu, Lin & Weng 2004, method 2): r[i·k + j] = P(i | i or j) → class probabilities. */
export function pairwiseCoupling(r: Float64Array, k: number): Float64Array {
  const Q = new Float64Array(k * k);
  const p = new Float64Array(k).fill(1 / k);
  const Qp = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < k; j++) {
      if (j === t) continue;
      Q[t * k + t] += r[j * k + t] * r[j * k + t];
      Q[t * k + j] = -r[j * k + t] * r[t * k + j];
    }
  }
  const eps = 0.005 / k;
  for (let iter = 0; iter < Math.max(100, k); iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t] += Q[t * k + j] * p[j];
      pQp += p[t] * Qp[t];
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t * k + t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t * k + t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t * k + j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
  return p;
}

/** C-SVC; `classes` sorted, one-vs-one pairs (i < j) in lexicographic order, positive side = class i. */
export class SupportVectorClassifier implements Classifier {
  readonly kind = "svm";
  readonly task = "classification" as const;
  readonly hyperparameters: SvmHyperparameters;
  featureNames: readonly string[] = [];
  private state: SvmState | undefined;

  constructor(hyperparameters: Hyperparameters = {}) {
    this.hyperparameters = resolveSvmHyperparameters(hyperparameters);
  }

  get classes(): Float64Array {
    return Float64Array.from(this.state?.classes ?? []);
  }

  /** Number of support vectors (union over all pairs). */
  get supportVectorCount(): number {
    return this.state ? this.state.supportVectors.length / this.state.columns : 0;
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    checkInput(X, y);
    const hp = this.hyperparameters;
    const kernel = resolveKernel(hp, X);
    const { classes, index } = encodeLabels(y);
    const k = classes.length;
    const supportOf = new Map<number, number>(); // training row → support index
    const expansions: Expansion[] = [];
    let converged = true;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const rows: number[] = [];
        for (let r = 0; r < X.rows; r++) if (index[r] === a || index[r] === b) rows.push(r);
        const sub = subMatrix(X, rows);
        const { cache, diagonal } = rowCache(sub, kernel, hp.cacheSize);
        const yy = Int8Array.from(rows, (r) => (index[r] === a ? 1 : -1));
        const result = solveSmo(
          {
            size: rows.length,
            y: yy,
            p: new Float64Array(rows.length).fill(-1),
            upper: new Float64Array(rows.length).fill(hp.C),
            base: Int32Array.from(rows, (_, t) => t),
            cache,
            diagonal,
          },
          hp.tol,
          hp.maxIter,
        );
        converged &&= result.converged;
        const ex: Expansion = { index: [], coef: [], rho: result.rho };
        rows.forEach((r, t) => {
          if (result.alpha[t] > 0) {
            if (!supportOf.has(r)) supportOf.set(r, supportOf.size);
            ex.index.push(supportOf.get(r)!);
            ex.coef.push(result.alpha[t] * yy[t]);
          }
        });
        expansions.push(ex);
      }
    }
    const supportVectors = new Array<number>(supportOf.size * X.cols);
    for (const [r, s] of supportOf) {
      for (let j = 0; j < X.cols; j++) supportVectors[s * X.cols + j] = X.data[r * X.cols + j];
    }
    this.featureNames = options.featureNames ? [...options.featureNames] : defaultFeatureNames(X.cols);
    this.state = { kernel, columns: X.cols, supportVectors, expansions, classes: [...classes], converged };
    return this;
  }

  private fitted(): SvmState {
    if (!this.state) throw new Error("svm model is not fitted: call fit first");
    return this.state;
  }

  /**
   * One-vs-one decision values (rows × k(k−1)/2, positive → first class of the pair), as scikit-learn's
   * `decision_function_shape="ovo"`; for two classes a single column, positive → classes[1] (sklearn's sign).
   */
  decisionFunction(X: Matrix): Matrix {
    const state = this.fitted();
    const values = decisionValues(state, X);
    if (state.classes.length === 2) for (let i = 0; i < values.length; i++) values[i] = -values[i]!;
    return { rows: X.rows, cols: state.expansions.length, data: values };
  }

  predict(X: Matrix): Float64Array {
    const state = this.fitted();
    const k = state.classes.length;
    const m = state.expansions.length;
    const values = decisionValues(state, X);
    const out = new Float64Array(X.rows);
    const votes = new Int32Array(k);
    for (let r = 0; r < X.rows; r++) {
      votes.fill(0);
      let e = 0;
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          if (values[r * m + e]! > 0) votes[a]++;
          else votes[b]++;
          e++;
        }
      }
      let best = 0;
      for (let c = 1; c < k; c++) if (votes[c]! > votes[best]!) best = c;
      out[r] = state.classes[best]!;
    }
    return out;
  }

  predictProba(X: Matrix): Matrix {
    const state = this.fitted();
    const k = state.classes.length;
    const m = state.expansions.length;
    const values = decisionValues(state, X);
    const out = new Float64Array(X.rows * k);
    const r = new Float64Array(k * k);
    for (let row = 0; row < X.rows; row++) {
      let e = 0;
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          const pab = Math.min(Math.max(1 / (1 + Math.exp(-values[row * m + e]!)), 1e-7), 1 - 1e-7);
          r[a * k + b] = pab;
          r[b * k + a] = 1 - pab;
          e++;
        }
      }
      out.set(pairwiseCoupling(r, k), row * k);
    }
    return { rows: X.rows, cols: k, data: out };
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: SCHEMA_VERSION,
      featureNames: [...this.featureNames],
      hyperparameters: { ...this.hyperparameters },
      state: this.fitted(),
    };
  }

  static fromJSON(json: SerializedModel): SupportVectorClassifier {
    checkSerialized(json, "svm", SCHEMA_VERSION);
    const model = new SupportVectorClassifier(json.hyperparameters);
    model.state = json.state as SvmState;
    model.featureNames = [...json.featureNames];
    return model;
  }
}

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
    const result = solveSmo(
      { size: 2 * l, y: yy, p, upper: new Float64Array(2 * l).fill(hp.C), base, cache, diagonal },
      hp.tol,
      hp.maxIter,
    );
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
      schemaVersion: SCHEMA_VERSION,
      featureNames: [...this.featureNames],
      hyperparameters: { ...this.hyperparameters },
      state: this.state,
    };
  }

  static fromJSON(json: SerializedModel): SupportVectorRegressor {
    checkSerialized(json, "svr", SCHEMA_VERSION);
    const model = new SupportVectorRegressor(json.hyperparameters);
    model.state = json.state as SvmState;
    model.featureNames = [...json.featureNames];
    return model;
  }
}
