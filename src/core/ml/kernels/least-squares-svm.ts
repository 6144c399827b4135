/**
 * Least-squares SVM (Suykens & Vandewalle 1999): equality constraints and squared slacks turn the SVM
 * into one linear system
 *   [0  1ᵀ        ] [b]   [0]
 *   [1  K + I / C ] [α] = [y],      f(x) = Σ_i α_i k(x_i, x) + b,
 * solved by one Cholesky factorisation of H = K + I/C: η = H⁻¹1, ν = H⁻¹y, b = 1ᵀν / 1ᵀη, α = ν − bη.
 * Classification regresses ±1 targets one-vs-rest (one column per class, a single column for two
 * classes; equivalent to Suykens's classifier since y_i² = 1); `predictProba` is the softmax of the
 * decision values (for two classes the logistic of 2f), a documented heuristic, not a calibrated model.
 * @see https://doi.org/10.1023/A:1018628609742
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
import { softmaxRows } from "../neural/network.js";
import { choleskySolveInPlace, choleskyWithJitter } from "./dense-linear-algebra.js";
import {
  type Kernel,
  type KernelSpec,
  kernelMatrix,
  resolveKernel,
  resolveKernelSpec,
} from "./kernel-function.js";

const KIND = "lssvm";
const SCHEMA_VERSION = 1;

export interface LssvmHyperparameters extends KernelSpec {
  /** Regularisation γ (weight of the squared errors; default 1). */
  readonly C: number;
}

interface LssvmState {
  readonly task: "regression" | "classification";
  readonly kernel: Kernel;
  readonly columns: number;
  readonly X: number[];
  /** [outputs, rows] dual coefficients. */
  readonly alpha: number[];
  readonly bias: number[];
  readonly classes: number[];
}

abstract class LssvmBase {
  readonly kind = KIND;
  readonly hyperparameters: LssvmHyperparameters;
  featureNames: readonly string[] = [];
  protected state: LssvmState | undefined;

  constructor(raw: Hyperparameters = {}) {
    this.hyperparameters = {
      ...resolveKernelSpec(raw),
      C: numberParameter(raw, "C", 1, { min: 0, exclusiveMin: true }),
    };
  }

  protected solve(
    task: "regression" | "classification",
    X: Matrix,
    targets: Float64Array[],
    classes: Float64Array,
    options: FitOptions,
  ): void {
    const kernel = resolveKernel(this.hyperparameters, X);
    const n = X.rows;
    const H = kernelMatrix(kernel, X, X);
    for (let i = 0; i < n; i++) H[i * n + i] += 1 / this.hyperparameters.C;
    const L = choleskyWithJitter(H, n, "LSSVM matrix K + I/C");
    const eta = new Float64Array(n).fill(1);
    choleskySolveInPlace(L, n, eta);
    let sumEta = 0;
    for (let i = 0; i < n; i++) sumEta += eta[i];
    const alpha: number[] = [];
    const bias: number[] = [];
    for (const y of targets) {
      const nu = Float64Array.from(y);
      choleskySolveInPlace(L, n, nu);
      let sumNu = 0;
      for (let i = 0; i < n; i++) sumNu += nu[i];
      const b = sumNu / sumEta;
      for (let i = 0; i < n; i++) alpha.push(nu[i] - b * eta[i]);
      bias.push(b);
    }
    this.featureNames = options.featureNames ? [...options.featureNames] : defaultFeatureNames(X.cols);
    this.state = { task, kernel, columns: X.cols, X: [...X.data], alpha, bias, classes: [...classes] };
  }

  /** Decision values: rows × outputs. */
  decisionFunction(X: Matrix): Matrix {
    const s = this.state;
    if (!s) throw new Error("lssvm model is not fitted: call fit first");
    checkInput(X, undefined, s.columns);
    const n = s.X.length / s.columns;
    const K = kernelMatrix(s.kernel, X, { rows: n, cols: s.columns, data: Float64Array.from(s.X) });
    const outputs = s.bias.length;
    const out = new Float64Array(X.rows * outputs);
    for (let r = 0; r < X.rows; r++) {
      for (let o = 0; o < outputs; o++) {
        let f = s.bias[o]!;
        for (let i = 0; i < n; i++) f += s.alpha[o * n + i]! * K[r * n + i]!;
        out[r * outputs + o] = f;
      }
    }
    return { rows: X.rows, cols: outputs, data: out };
  }

  toJSON(): SerializedModel {
    if (!this.state) throw new Error("lssvm model is not fitted: call fit first");
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
    this.state = json.state as LssvmState;
    this.featureNames = [...json.featureNames];
  }
}

export class LssvmRegressor extends LssvmBase implements Regressor {
  readonly task = "regression" as const;

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    checkInput(X, y);
    this.solve("regression", X, [y], new Float64Array(0), options);
    return this;
  }

  predict(X: Matrix): Float64Array {
    return this.decisionFunction(X).data;
  }

  static fromJSON(json: SerializedModel): LssvmRegressor {
    const m = new LssvmRegressor(json.hyperparameters);
    m.restore(json);
    return m;
  }
}

export class LssvmClassifier extends LssvmBase implements Classifier {
  readonly task = "classification" as const;

  get classes(): Float64Array {
    return Float64Array.from(this.state?.classes ?? []);
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    checkInput(X, y);
    const { classes, index } = encodeLabels(y);
    const columns = classes.length === 2 ? [1] : Array.from(classes, (_, c) => c);
    const targets = columns.map((c) => Float64Array.from(index, (k) => (k === c ? 1 : -1)));
    this.solve("classification", X, targets, classes, options);
    return this;
  }

  predictProba(X: Matrix): Matrix {
    const dec = this.decisionFunction(X);
    const k = this.state!.classes.length;
    if (k === 2) {
      const out = new Float64Array(X.rows * 2);
      for (let r = 0; r < X.rows; r++) {
        const p1 = 1 / (1 + Math.exp(-2 * dec.data[r]!));
        out[2 * r] = 1 - p1;
        out[2 * r + 1] = p1;
      }
      return { rows: X.rows, cols: 2, data: out };
    }
    softmaxRows(dec.data, X.rows, k);
    return dec;
  }

  predict(X: Matrix): Float64Array {
    const dec = this.decisionFunction(X);
    const classes = this.state!.classes;
    const out = new Float64Array(X.rows);
    for (let r = 0; r < X.rows; r++) {
      if (classes.length === 2) out[r] = classes[dec.data[r]! > 0 ? 1 : 0]!;
      else {
        let best = 0;
        for (let c = 1; c < dec.cols; c++)
          if (dec.data[r * dec.cols + c]! > dec.data[r * dec.cols + best]!) best = c;
        out[r] = classes[best]!;
      }
    }
    return out;
  }

  static fromJSON(json: SerializedModel): LssvmClassifier {
    const m = new LssvmClassifier(json.hyperparameters);
    m.restore(json);
    return m;
  }
}
