/**
 * Linear models: OLS, ridge, lasso / elastic net (cyclic coordinate descent), multi-output MLR, and
 * the GLMs logistic regression (L2, Newton) and Poisson regression (log link, L2, Newton).
 *
 * Objectives and defaults follow scikit-learn (`LinearRegression`, `Ridge`, `Lasso`, `ElasticNet`,
 * `LogisticRegression`, `PoissonRegressor`); the intercept is never penalised.
 * @see https://doi.org/10.18637/jss.v033.i01 (Friedman, Hastie, Tibshirani 2010: coordinate descent)
 */

import {
  argmax,
  booleanParam,
  checkParamKeys,
  checkPredictInput,
  checkSerialized,
  encodeLabels,
  numberParam,
  prepareFit,
} from "./data.js";
import { MlInputError } from "./errors.js";
import type { Classifier, FitOptions, Matrix, Regressor, SerializedModel } from "./estimator.js";
import { choleskySolve, leastSquares } from "./linalg.js";

interface Centered {
  readonly Xc: Float64Array;
  readonly yc: Float64Array;
  readonly xMean: Float64Array;
  readonly yMean: number;
}

/** Weighted centring (rows scaled by √w so plain least squares gives the weighted solution). */
function center(X: Matrix, y: Float64Array, w: Float64Array, fitIntercept: boolean): Centered {
  const { rows, cols } = X;
  const xMean = new Float64Array(cols);
  let yMean = 0;
  if (fitIntercept) {
    let sw = 0;
    for (let i = 0; i < rows; i++) {
      const wi = w[i]!;
      sw += wi;
      yMean += wi * y[i]!;
      for (let j = 0; j < cols; j++) xMean[j] += wi * X.data[i * cols + j]!;
    }
    yMean /= sw;
    for (let j = 0; j < cols; j++) xMean[j] /= sw;
  }
  const Xc = new Float64Array(rows * cols);
  const yc = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const s = Math.sqrt(w[i]!);
    yc[i] = s * (y[i]! - yMean);
    for (let j = 0; j < cols; j++) Xc[i * cols + j] = s * (X.data[i * cols + j]! - xMean[j]!);
  }
  return { Xc, yc, xMean, yMean };
}

/** Shared state and prediction of the single-output linear regressors. */
abstract class LinearRegressorBase implements Regressor {
  abstract readonly kind: string;
  readonly task = "regression" as const;
  featureNames: string[] = [];
  /** Coefficients, one per feature (target units per feature unit). */
  coefficients: Float64Array = new Float64Array(0);
  /** Intercept, in target units. */
  intercept = 0;
  protected readonly params: Record<string, unknown>;
  protected readonly fitIntercept: boolean;

  constructor(params: Record<string, unknown>, allowed: readonly string[]) {
    this.params = { ...params };
    this.fitIntercept = booleanParam(params, "fitIntercept", true);
    checkParamKeys(params, ["fitIntercept", ...allowed], this.constructor.name);
  }

  protected abstract solve(c: Centered, rows: number, cols: number): Float64Array;

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options);
    const c = center(X, y, prep.sampleWeight, this.fitIntercept);
    this.coefficients = this.solve(c, X.rows, X.cols);
    let b = c.yMean;
    for (let j = 0; j < X.cols; j++) b -= c.xMean[j]! * this.coefficients[j]!;
    this.intercept = this.fitIntercept ? b : 0;
    this.featureNames = prep.featureNames;
    return this;
  }

  predict(X: Matrix): Float64Array {
    checkPredictInput(X, this.featureNames, this.kind);
    const out = new Float64Array(X.rows);
    const w = this.coefficients;
    for (let i = 0; i < X.rows; i++) {
      let s = this.intercept;
      for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j]! * w[j]!;
      out[i] = s;
    }
    return out;
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: 1,
      featureNames: this.featureNames,
      hyperparameters: this.params,
      state: { coefficients: Array.from(this.coefficients), intercept: this.intercept },
    };
  }

  /** Restores coefficients from `toJSON()` output. */
  restore(json: SerializedModel): this {
    checkSerialized(json, this.kind);
    const s = json.state as { coefficients: number[]; intercept: number };
    this.coefficients = Float64Array.from(s.coefficients);
    this.intercept = s.intercept;
    this.featureNames = [...json.featureNames];
    return this;
  }
}

/** Ordinary least squares (Householder QR, like LAPACK's least-squares drivers). */
export class LinearRegression extends LinearRegressorBase {
  readonly kind: string = "linear-regression";
  constructor(params: Record<string, unknown> = {}) {
    super(params, []);
  }
  protected solve(c: Centered, rows: number, cols: number): Float64Array {
    return leastSquares(c.Xc, rows, cols, c.yc, 1);
  }
}

/** Ridge regression: min ‖y − Xw‖² + alpha‖w‖² (default alpha 1), solved by Cholesky. */
export class Ridge extends LinearRegressorBase {
  readonly kind = "ridge";
  readonly alpha: number;
  constructor(params: Record<string, unknown> = {}) {
    super(params, ["alpha"]);
    this.alpha = numberParam(params, "alpha", 1, { min: 0 });
  }
  protected solve(c: Centered, rows: number, cols: number): Float64Array {
    const G = new Float64Array(cols * cols);
    const b = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const off = i * cols;
      const yi = c.yc[i]!;
      for (let j = 0; j < cols; j++) {
        const xj = c.Xc[off + j]!;
        b[j] += xj * yi;
        for (let k = 0; k <= j; k++) G[j * cols + k] += xj * c.Xc[off + k]!;
      }
    }
    for (let j = 0; j < cols; j++) {
      G[j * cols + j] += this.alpha;
      for (let k = 0; k < j; k++) G[k * cols + j] = G[j * cols + k]!;
    }
    return choleskySolve(G, b, cols);
  }
}

/**
 * Elastic net: min 1/(2n)‖y − Xw‖² + alpha·l1Ratio‖w‖₁ + alpha(1 − l1Ratio)/2‖w‖² by cyclic coordinate
 * descent with scikit-learn's duality-gap stopping rule (defaults alpha 1, l1Ratio 0.5, maxIter 1000,
 * tol 1e-4).
 */
export class ElasticNet extends LinearRegressorBase {
  readonly kind: string = "elastic-net";
  readonly alpha: number;
  readonly l1Ratio: number;
  readonly maxIter: number;
  readonly tol: number;
  /** Coordinate-descent sweeps used by the last fit. */
  iterations = 0;
  constructor(params: Record<string, unknown> = {}, defaultL1Ratio = 0.5) {
    super(params, ["alpha", "l1Ratio", "maxIter", "tol"]);
    this.alpha = numberParam(params, "alpha", 1, { min: 0 });
    this.l1Ratio = numberParam(params, "l1Ratio", defaultL1Ratio, { min: 0, max: 1 });
    this.maxIter = numberParam(params, "maxIter", 1000, { min: 1, integer: true });
    this.tol = numberParam(params, "tol", 1e-4, { min: 0 });
  }

  protected solve(c: Centered, n: number, p: number): Float64Array {
    const Xcol = new Float64Array(n * p); // column-major
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) Xcol[j * n + i] = c.Xc[i * p + j]!;
    const l1reg = this.alpha * this.l1Ratio * n;
    const l2reg = this.alpha * (1 - this.l1Ratio) * n;
    const w = new Float64Array(p);
    const R = Float64Array.from(c.yc);
    const norm2 = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Xcol[j * n + i]! ** 2;
      norm2[j] = s;
    }
    let yNorm2 = 0;
    for (let i = 0; i < n; i++) yNorm2 += c.yc[i]! ** 2;
    const tol = this.tol * yNorm2;
    let iter = 0;
    for (; iter < this.maxIter; iter++) {
      let wMax = 0;
      let dwMax = 0;
      for (let j = 0; j < p; j++) {
        if (norm2[j] === 0) continue;
        const old = w[j]!;
        const col = j * n;
        let tmp = 0;
        for (let i = 0; i < n; i++) tmp += Xcol[col + i]! * R[i]!;
        tmp += old * norm2[j]!;
        const next = (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1reg, 0)) / (norm2[j]! + l2reg);
        const delta = next - old;
        if (delta !== 0) for (let i = 0; i < n; i++) R[i] = R[i]! - delta * Xcol[col + i]!;
        w[j] = next;
        dwMax = Math.max(dwMax, Math.abs(delta));
        wMax = Math.max(wMax, Math.abs(next));
      }
      if (wMax === 0 || dwMax / wMax < this.tol || iter === this.maxIter - 1) {
        // Duality gap (cd_fast.enet_coordinate_descent)
        let dualNorm = 0;
        let rNorm2 = 0;
        let wNorm2 = 0;
        let l1 = 0;
        let ry = 0;
        for (let i = 0; i < n; i++) {
          rNorm2 += R[i]! ** 2;
          ry += R[i]! * c.yc[i]!;
        }
        for (let j = 0; j < p; j++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += Xcol[j * n + i]! * R[i]!;
          dualNorm = Math.max(dualNorm, Math.abs(s - l2reg * w[j]!));
          wNorm2 += w[j]! ** 2;
          l1 += Math.abs(w[j]!);
        }
        let k = 1;
        let gap: number;
        if (dualNorm > l1reg) {
          k = l1reg / dualNorm;
          gap = 0.5 * (rNorm2 + rNorm2 * k * k);
        } else gap = rNorm2;
        gap += l1reg * l1 - k * ry + 0.5 * l2reg * (1 + k * k) * wNorm2;
        if (gap <= tol) {
          iter++;
          break;
        }
      }
    }
    this.iterations = iter;
    return w;
  }
}

/** Lasso: the elastic net with l1Ratio = 1 (default alpha 1). */
export class Lasso extends ElasticNet {
  override readonly kind = "lasso";
  constructor(params: Record<string, unknown> = {}) {
    if ("l1Ratio" in params) throw new MlInputError("lasso has no hyperparameter l1Ratio (it is always 1)");
    super(params, 1);
  }
}

/** Multiple linear regression with several outputs: one OLS fit per target column (shared QR). */
export class MultiOutputLinearRegression {
  readonly kind = "mlr";
  featureNames: string[] = [];
  /** Coefficients, p × k row-major (feature j, output c at j·k + c). */
  coefficients: Float64Array = new Float64Array(0);
  intercepts: Float64Array = new Float64Array(0);
  outputs = 0;

  /** Fits every column of Y (n × k) on X (n × p). */
  fit(X: Matrix, Y: Matrix, options?: FitOptions): this {
    const prep = prepareFit(X, new Float64Array(X.rows), options);
    if (Y.rows !== X.rows) throw new MlInputError(`Y has ${Y.rows} rows but X has ${X.rows}`);
    const { rows: n, cols: p } = X;
    const k = Y.cols;
    const zero = new Float64Array(n);
    const c = center(X, zero, prep.sampleWeight, true);
    const yMean = new Float64Array(k);
    const Yc = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let o = 0; o < k; o++) yMean[o] += Y.data[i * k + o]! / n;
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < k; o++)
        Yc[i * k + o] = Math.sqrt(prep.sampleWeight[i]!) * (Y.data[i * k + o]! - yMean[o]!);
    }
    this.coefficients = leastSquares(c.Xc, n, p, Yc, k);
    this.intercepts = new Float64Array(k);
    for (let o = 0; o < k; o++) {
      let b = yMean[o]!;
      for (let j = 0; j < p; j++) b -= c.xMean[j]! * this.coefficients[j * k + o]!;
      this.intercepts[o] = b;
    }
    this.outputs = k;
    this.featureNames = prep.featureNames;
    return this;
  }

  /** Predictions, n × k. */
  predict(X: Matrix): Matrix {
    checkPredictInput(X, this.featureNames, this.kind);
    const k = this.outputs;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) {
      for (let o = 0; o < k; o++) {
        let s = this.intercepts[o]!;
        for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j]! * this.coefficients[j * k + o]!;
        out[i * k + o] = s;
      }
    }
    return { rows: X.rows, cols: k, data: out };
  }
}

/**
 * Minimises a smooth strictly convex function by damped Newton steps (backtracking on the objective).
 * `evaluate` fills gradient and Hessian and returns the objective.
 */
function newtonMinimize(
  theta: Float64Array,
  evaluate: (theta: Float64Array, grad: Float64Array | null, hess: Float64Array | null) => number,
  maxIter: number,
  tol: number,
): number {
  const m = theta.length;
  const grad = new Float64Array(m);
  const hess = new Float64Array(m * m);
  const trial = new Float64Array(m);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const f = evaluate(theta, grad, hess);
    let gmax = 0;
    for (let j = 0; j < m; j++) gmax = Math.max(gmax, Math.abs(grad[j]!));
    if (gmax <= tol) break;
    let step: Float64Array;
    try {
      step = choleskySolve(hess, grad, m);
    } catch {
      for (let j = 0; j < m; j++) hess[j * m + j] += 1e-8 * (1 + Math.abs(hess[j * m + j]!));
      step = choleskySolve(hess, grad, m);
    }
    let t = 1;
    let accepted = false;
    for (let ls = 0; ls < 50; ls++) {
      for (let j = 0; j < m; j++) trial[j] = theta[j]! - t * step[j]!;
      const ft = evaluate(trial, null, null);
      if (ft <= f) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    theta.set(trial);
  }
  return iter;
}

/**
 * Logistic regression with an L2 penalty: min ½‖W‖² + C Σ wᵢ·logloss, binary or multinomial
 * (softmax, as scikit-learn ≥ 1.5), solved by Newton's method (defaults C 1, maxIter 100, tol 1e-8 on
 * the gradient's max-norm).
 */
export class LogisticRegression implements Classifier {
  readonly kind = "logistic-regression";
  readonly task = "classification" as const;
  featureNames: string[] = [];
  classes: Float64Array = new Float64Array(0);
  /** Coefficients: one row of p per class (one row for binary problems, for classes[1]). */
  coefficients: Float64Array = new Float64Array(0);
  intercepts: Float64Array = new Float64Array(0);
  readonly C: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly fitIntercept: boolean;
  private readonly params: Record<string, unknown>;

  constructor(params: Record<string, unknown> = {}) {
    checkParamKeys(params, ["C", "maxIter", "tol", "fitIntercept"], "logistic-regression");
    this.params = { ...params };
    this.C = numberParam(params, "C", 1, { min: 0, exclusiveMin: true });
    this.maxIter = numberParam(params, "maxIter", 100, { min: 1, integer: true });
    this.tol = numberParam(params, "tol", 1e-8, { min: 0 });
    this.fitIntercept = booleanParam(params, "fitIntercept", true);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options);
    const { classes, encoded } = encodeLabels(y);
    if (classes.length < 2)
      throw new MlInputError(`logistic-regression needs ≥ 2 classes in y, got ${classes.length}`);
    const { rows: n, cols: p } = X;
    const K = classes.length === 2 ? 1 : classes.length;
    const q = p + 1; // per-class parameters incl. intercept (last)
    const m = K * q;
    const C = this.C;
    const sw = prep.sampleWeight;
    const fitB = this.fitIntercept;
    const eta = new Float64Array(K);
    const prob = new Float64Array(K);
    const evaluate = (theta: Float64Array, grad: Float64Array | null, hess: Float64Array | null): number => {
      let f = 0;
      for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) f += 0.5 * theta[k * q + j]! ** 2;
      if (grad && hess) {
        grad.fill(0);
        hess.fill(0);
        for (let k = 0; k < K; k++) {
          for (let j = 0; j < p; j++) {
            grad[k * q + j] = theta[k * q + j]!;
            hess[(k * q + j) * m + k * q + j] = 1;
          }
          if (!fitB) hess[(k * q + p) * m + k * q + p] = 1;
          else if (K > 1) hess[(k * q + p) * m + k * q + p] = 1e-12; // intercepts are defined up to a shift
        }
      }
      for (let i = 0; i < n; i++) {
        const xi = i * p;
        const wi = C * sw[i]!;
        if (wi === 0) continue;
        for (let k = 0; k < K; k++) {
          let s = fitB ? theta[k * q + p]! : 0;
          for (let j = 0; j < p; j++) s += theta[k * q + j]! * X.data[xi + j]!;
          eta[k] = s;
        }
        if (K === 1) {
          const z = eta[0]!;
          const yi = encoded[i]!;
          // log(1 + e^z) − y z, computed stably
          f += wi * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - yi * z);
          prob[0] = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        } else {
          let mx = eta[0]!;
          for (let k = 1; k < K; k++) mx = Math.max(mx, eta[k]!);
          let s = 0;
          for (let k = 0; k < K; k++) {
            prob[k] = Math.exp(eta[k]! - mx);
            s += prob[k]!;
          }
          for (let k = 0; k < K; k++) prob[k] = prob[k]! / s;
          f += wi * (mx + Math.log(s) - eta[encoded[i]!]!);
        }
        if (!grad || !hess) continue;
        for (let k = 0; k < K; k++) {
          const r = prob[k]! - (K === 1 ? encoded[i]! : encoded[i] === k ? 1 : 0);
          for (let j = 0; j < p; j++) grad[k * q + j] += wi * r * X.data[xi + j]!;
          if (fitB) grad[k * q + p] += wi * r;
          for (let l = 0; l <= k; l++) {
            const h = wi * (K === 1 ? prob[0]! * (1 - prob[0]!) : prob[k]! * ((k === l ? 1 : 0) - prob[l]!));
            for (let a = 0; a < q; a++) {
              const xa = a < p ? X.data[xi + a]! : fitB ? 1 : 0;
              if (xa === 0) continue;
              const row = (k * q + a) * m + l * q;
              for (let b = 0; b < q; b++) {
                const xb = b < p ? X.data[xi + b]! : fitB ? 1 : 0;
                hess[row + b] += h * xa * xb;
              }
            }
          }
        }
      }
      if (hess) {
        for (let r = 0; r < m; r++) for (let c = r + 1; c < m; c++) hess[r * m + c] = hess[c * m + r]!;
      }
      return f;
    };
    const theta = new Float64Array(m);
    newtonMinimize(theta, evaluate, this.maxIter, this.tol);
    this.coefficients = new Float64Array(K * p);
    this.intercepts = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < p; j++) this.coefficients[k * p + j] = theta[k * q + j]!;
      this.intercepts[k] = fitB ? theta[k * q + p]! : 0;
    }
    if (K > 1) {
      let mean = 0;
      for (let k = 0; k < K; k++) mean += this.intercepts[k]! / K;
      for (let k = 0; k < K; k++) this.intercepts[k] = this.intercepts[k]! - mean;
    }
    this.classes = classes;
    this.featureNames = prep.featureNames;
    return this;
  }

  /** Linear scores (n × K, K = 1 for binary problems). */
  decisionFunction(X: Matrix): Matrix {
    checkPredictInput(X, this.featureNames, this.kind);
    const K = this.intercepts.length;
    const p = X.cols;
    const out = new Float64Array(X.rows * K);
    for (let i = 0; i < X.rows; i++) {
      for (let k = 0; k < K; k++) {
        let s = this.intercepts[k]!;
        for (let j = 0; j < p; j++) s += this.coefficients[k * p + j]! * X.data[i * p + j]!;
        out[i * K + k] = s;
      }
    }
    return { rows: X.rows, cols: K, data: out };
  }

  predictProba(X: Matrix): Matrix {
    const d = this.decisionFunction(X);
    const C = this.classes.length;
    const out = new Float64Array(X.rows * C);
    for (let i = 0; i < X.rows; i++) {
      if (d.cols === 1) {
        const z = d.data[i]!;
        const p1 = 1 / (1 + Math.exp(-z));
        out[i * 2] = 1 - p1;
        out[i * 2 + 1] = p1;
      } else {
        let mx = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < C; k++) mx = Math.max(mx, d.data[i * C + k]!);
        let s = 0;
        for (let k = 0; k < C; k++) s += out[i * C + k] = Math.exp(d.data[i * C + k]! - mx);
        for (let k = 0; k < C; k++) out[i * C + k] = out[i * C + k]! / s;
      }
    }
    return { rows: X.rows, cols: C, data: out };
  }

  predict(X: Matrix): Float64Array {
    const d = this.decisionFunction(X);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      out[i] =
        d.cols === 1
          ? this.classes[d.data[i]! > 0 ? 1 : 0]!
          : this.classes[argmax(d.data, i * d.cols, d.cols)]!;
    }
    return out;
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: 1,
      featureNames: this.featureNames,
      hyperparameters: this.params,
      state: {
        classes: Array.from(this.classes),
        coefficients: Array.from(this.coefficients),
        intercepts: Array.from(this.intercepts),
      },
    };
  }

  /** Restores a fitted model from `toJSON()` output. */
  static fromJSON(json: SerializedModel): LogisticRegression {
    checkSerialized(json, "logistic-regression");
    const m = new LogisticRegression(json.hyperparameters);
    const s = json.state as { classes: number[]; coefficients: number[]; intercepts: number[] };
    m.classes = Float64Array.from(s.classes);
    m.coefficients = Float64Array.from(s.coefficients);
    m.intercepts = Float64Array.from(s.intercepts);
    m.featureNames = [...json.featureNames];
    return m;
  }
}

/**
 * Poisson regression (GLM, log link): min 1/Σw Σ wᵢ·½deviance(yᵢ, μᵢ) + alpha/2‖w‖², by Newton's
 * method (defaults alpha 1, maxIter 100, tol 1e-8). Targets must be ≥ 0 with a positive sum.
 */
export class PoissonRegression implements Regressor {
  readonly kind = "poisson-regression";
  readonly task = "regression" as const;
  featureNames: string[] = [];
  coefficients: Float64Array = new Float64Array(0);
  intercept = 0;
  readonly alpha: number;
  readonly maxIter: number;
  readonly tol: number;
  private readonly params: Record<string, unknown>;

  constructor(params: Record<string, unknown> = {}) {
    checkParamKeys(params, ["alpha", "maxIter", "tol"], "poisson-regression");
    this.params = { ...params };
    this.alpha = numberParam(params, "alpha", 1, { min: 0 });
    this.maxIter = numberParam(params, "maxIter", 100, { min: 1, integer: true });
    this.tol = numberParam(params, "tol", 1e-8, { min: 0 });
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options);
    const { rows: n, cols: p } = X;
    let sw = 0;
    let ym = 0;
    for (let i = 0; i < n; i++) {
      if (y[i]! < 0) throw new MlInputError(`poisson-regression needs y ≥ 0, but y[${i}] is ${y[i]}`);
      sw += prep.sampleWeight[i]!;
      ym += prep.sampleWeight[i]! * y[i]!;
    }
    if (!(ym > 0)) throw new MlInputError("poisson-regression needs a positive mean target");
    ym /= sw;
    const m = p + 1;
    const alpha = this.alpha;
    const evaluate = (theta: Float64Array, grad: Float64Array | null, hess: Float64Array | null): number => {
      let f = 0;
      for (let j = 0; j < p; j++) f += 0.5 * alpha * theta[j]! ** 2;
      if (grad && hess) {
        grad.fill(0);
        hess.fill(0);
        for (let j = 0; j < p; j++) {
          grad[j] = alpha * theta[j]!;
          hess[j * m + j] = alpha;
        }
      }
      for (let i = 0; i < n; i++) {
        const wi = prep.sampleWeight[i]! / sw;
        let eta = theta[p]!;
        for (let j = 0; j < p; j++) eta += theta[j]! * X.data[i * p + j]!;
        const mu = Math.exp(eta);
        const yi = y[i]!;
        f += wi * (mu - yi * eta); // half deviance up to a constant in θ
        if (!grad || !hess) continue;
        for (let a = 0; a < m; a++) {
          const xa = a < p ? X.data[i * p + a]! : 1;
          grad[a] += wi * (mu - yi) * xa;
          for (let b = 0; b <= a; b++) hess[a * m + b] += wi * mu * xa * (b < p ? X.data[i * p + b]! : 1);
        }
      }
      if (hess)
        for (let r = 0; r < m; r++) for (let c = r + 1; c < m; c++) hess[r * m + c] = hess[c * m + r]!;
      return f;
    };
    const theta = new Float64Array(m);
    theta[p] = Math.log(ym);
    newtonMinimize(theta, evaluate, this.maxIter, this.tol);
    this.coefficients = theta.slice(0, p);
    this.intercept = theta[p]!;
    this.featureNames = prep.featureNames;
    return this;
  }

  predict(X: Matrix): Float64Array {
    checkPredictInput(X, this.featureNames, this.kind);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let s = this.intercept;
      for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j]! * this.coefficients[j]!;
      out[i] = Math.exp(s);
    }
    return out;
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: 1,
      featureNames: this.featureNames,
      hyperparameters: this.params,
      state: { coefficients: Array.from(this.coefficients), intercept: this.intercept },
    };
  }

  /** Restores a fitted model from `toJSON()` output. */
  static fromJSON(json: SerializedModel): PoissonRegression {
    checkSerialized(json, "poisson-regression");
    const m = new PoissonRegression(json.hyperparameters);
    const s = json.state as { coefficients: number[]; intercept: number };
    m.coefficients = Float64Array.from(s.coefficients);
    m.intercept = s.intercept;
    m.featureNames = [...json.featureNames];
    return m;
  }
}
