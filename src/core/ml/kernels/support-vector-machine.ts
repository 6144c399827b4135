/**
 * C-support-vector classification (one-vs-one for more than two classes, as libsvm/scikit-learn), solved
 * by SMO with WSS2 (`smo.ts`). Per-sample weights scale the box constraint, C_i = C·w_i (as libsvm /
 * scikit-learn `sample_weight`).
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
  type SerializedModel,
} from "../estimator.js";
import {
  checkInput,
  checkSerialized,
  checkStateArrays,
  encodeLabels,
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
  subMatrix,
} from "./support-vector-expansion.js";

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
    const weight = sampleWeights(options.sampleWeight, X.rows);
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
            upper: Float64Array.from(rows, (r) => hp.C * weight[r]!),
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
      schemaVersion: SVM_SCHEMA_VERSION,
      featureNames: [...this.featureNames],
      hyperparameters: { ...this.hyperparameters },
      state: this.fitted(),
    };
  }

  static fromJSON(json: SerializedModel): SupportVectorClassifier {
    checkSerialized(json, "svm", SVM_SCHEMA_VERSION);
    checkStateArrays(json.state, "svm", ["supportVectors", "classes"]);
    const model = new SupportVectorClassifier(json.hyperparameters);
    model.state = json.state as SvmState;
    model.featureNames = [...json.featureNames];
    return model;
  }
}
