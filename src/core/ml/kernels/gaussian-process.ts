/**
 * Gaussian-process regression with the kernel k(x, z) = σ_f² exp(−‖x − z‖² / (2ℓ²)) + σ_n² δ(x, z)
 * (scikit-learn's `ConstantKernel * RBF + WhiteKernel`). Hyperparameters θ = log(σ_f², ℓ, σ_n²) maximise
 * the log marginal likelihood (Rasmussen & Williams 2006, eqs. 2.30 and 5.9)
 *   log p(y | X, θ) = −½ yᵀK⁻¹y − Σ log L_ii − (n/2) log 2π,
 *   ∂/∂θ_j = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_j),  α = K⁻¹y,
 * by projected BFGS inside scikit-learn's default bounds [1e−5, 1e5] from the initial values.
 * The predictive standard deviation includes the white-noise variance, as scikit-learn's.
 * @see https://gaussianprocess.org/gpml/chapters/RW2.pdf
 */
import {
  defaultFeatureNames,
  type FitOptions,
  type Matrix,
  type Regressor,
  type SerializedModel,
} from "../estimator.js";
import {
  booleanParameter,
  checkInput,
  checkSerialized,
  type Hyperparameters,
  numberParameter,
} from "../neural/hyperparameters.js";
import { choleskyInPlace, choleskySolveInPlace } from "./dense-linear-algebra.js";

const KIND = "gaussian-process";
const SCHEMA_VERSION = 1;
const LOG_LOWER = Math.log(1e-5);
const LOG_UPPER = Math.log(1e5);

export interface GaussianProcessHyperparameters {
  /** Initial (or fixed) signal variance σ_f² (default 1). */
  readonly signalVariance: number;
  /** Initial (or fixed) RBF length scale ℓ in input units (default 1). */
  readonly lengthScale: number;
  /** Initial (or fixed) white-noise variance σ_n² (default 1). */
  readonly noiseVariance: number;
  /** Maximise the log marginal likelihood (default true). */
  readonly optimize: boolean;
  /** Standardise y before fitting (default false, as scikit-learn). */
  readonly normalizeY: boolean;
}

interface GpState {
  readonly columns: number;
  readonly X: number[];
  readonly alpha: number[];
  readonly signalVariance: number;
  readonly lengthScale: number;
  readonly noiseVariance: number;
  readonly yMean: number;
  readonly yScale: number;
  readonly logMarginalLikelihood: number;
}

function squaredDistances(X: Matrix): Float64Array {
  const n = X.rows;
  const d2 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let c = 0; c < X.cols; c++) {
        const t = X.data[i * X.cols + c] - X.data[j * X.cols + c];
        s += t * t;
      }
      d2[i * n + j] = s;
      d2[j * n + i] = s;
    }
  }
  return d2;
}

interface Evaluation {
  readonly value: number; // log marginal likelihood
  readonly gradient: Float64Array; // wrt log hyperparameters
  readonly alpha: Float64Array;
}

/** Log marginal likelihood and its gradient at θ = log(σ_f², ℓ, σ_n²); undefined if K is not SPD. */
function evaluate(
  theta: Float64Array,
  d2: Float64Array,
  y: Float64Array,
  n: number,
  withGradient: boolean,
): Evaluation | undefined {
  const c = Math.exp(theta[0]);
  const ell = Math.exp(theta[1]);
  const noise = Math.exp(theta[2]);
  const K = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) K[i] = c * Math.exp(-d2[i] / (2 * ell * ell));
  for (let i = 0; i < n; i++) K[i * n + i] += noise;
  if (!choleskyInPlace(K, n)) return undefined;
  const alpha = Float64Array.from(y);
  choleskySolveInPlace(K, n, alpha);
  let value = -0.5 * n * Math.log(2 * Math.PI);
  for (let i = 0; i < n; i++) value += -0.5 * y[i] * alpha[i] - Math.log(K[i * n + i]);
  const gradient = new Float64Array(3);
  if (withGradient) {
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e.fill(0);
      e[j] = 1;
      choleskySolveInPlace(K, n, e); // column j of K⁻¹
      for (let i = 0; i < n; i++) {
        const w = alpha[i] * alpha[j] - e[i];
        const r = c * Math.exp(-d2[i * n + j] / (2 * ell * ell));
        gradient[0] += w * r;
        gradient[1] += (w * r * d2[i * n + j]) / (ell * ell);
        if (i === j) gradient[2] += w * noise;
      }
    }
    for (let k = 0; k < 3; k++) gradient[k] *= 0.5;
  }
  return { value, gradient, alpha };
}

/** Projected BFGS maximisation of the log marginal likelihood inside the log bounds. */
function maximise(theta0: Float64Array, d2: Float64Array, y: Float64Array, n: number): Float64Array {
  const x = Float64Array.from(theta0, (t) => Math.min(LOG_UPPER, Math.max(LOG_LOWER, t)));
  let current = evaluate(x, d2, y, n, true);
  if (!current)
    throw new RangeError(
      "gaussian-process kernel matrix is not positive definite at the initial hyperparameters",
    );
  const H = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
  const active = (k: number, g: number) => (x[k] <= LOG_LOWER && g < 0) || (x[k] >= LOG_UPPER && g > 0);
  for (let iter = 0; iter < 200; iter++) {
    const g = current.gradient; // ascent direction of the LML
    let pg = 0;
    for (let k = 0; k < 3; k++) if (!active(k, g[k])) pg = Math.max(pg, Math.abs(g[k]));
    if (pg < 1e-7) break;
    const dir = new Float64Array(3);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) dir[a] += H[a * 3 + b] * g[b];
    for (let k = 0; k < 3; k++) if (active(k, dir[k])) dir[k] = 0;
    let slope = 0;
    for (let k = 0; k < 3; k++) slope += dir[k] * g[k];
    if (slope <= 0) {
      H.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);
      for (let k = 0; k < 3; k++) dir[k] = active(k, g[k]) ? 0 : g[k];
    }
    let step = 1;
    let next: Evaluation | undefined;
    const xn = new Float64Array(3);
    for (let tries = 0; tries < 40; tries++) {
      for (let k = 0; k < 3; k++) xn[k] = Math.min(LOG_UPPER, Math.max(LOG_LOWER, x[k] + step * dir[k]));
      next = evaluate(xn, d2, y, n, true);
      let gain = 0;
      for (let k = 0; k < 3; k++) gain += g[k] * (xn[k] - x[k]);
      if (next && next.value >= current.value + 1e-4 * gain) break;
      next = undefined;
      step *= 0.5;
    }
    if (!next) break;
    const s = Float64Array.from(xn, (v, k) => v - x[k]);
    const yv = Float64Array.from(next.gradient, (v, k) => -(v - g[k])); // gradient change of −LML
    const sy = s[0] * yv[0] + s[1] * yv[1] + s[2] * yv[2];
    const improvement = next.value - current.value;
    x.set(xn);
    current = next;
    if (sy > 1e-12) {
      // BFGS update of the inverse Hessian of −LML.
      const Hy = new Float64Array(3);
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) Hy[a] += H[a * 3 + b] * yv[b];
      const yHy = yv[0] * Hy[0] + yv[1] * Hy[1] + yv[2] * Hy[2];
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          H[a * 3 + b] += ((sy + yHy) * s[a] * s[b]) / (sy * sy) - (Hy[a] * s[b] + s[a] * Hy[b]) / sy;
        }
      }
    }
    if (Math.abs(improvement) < 1e-12 * Math.max(1, Math.abs(current.value))) break;
  }
  return x;
}

export class GaussianProcessRegressor implements Regressor {
  readonly kind = KIND;
  readonly task = "regression" as const;
  readonly hyperparameters: GaussianProcessHyperparameters;
  featureNames: readonly string[] = [];
  private state: GpState | undefined;

  constructor(raw: Hyperparameters = {}) {
    const positive = { min: 0, exclusiveMin: true };
    this.hyperparameters = {
      signalVariance: numberParameter(raw, "signalVariance", 1, positive),
      lengthScale: numberParameter(raw, "lengthScale", 1, positive),
      noiseVariance: numberParameter(raw, "noiseVariance", 1, positive),
      optimize: booleanParameter(raw, "optimize", true),
      normalizeY: booleanParameter(raw, "normalizeY", false),
    };
  }

  /** Fitted kernel hyperparameters and log marginal likelihood. */
  get fittedKernel(): {
    signalVariance: number;
    lengthScale: number;
    noiseVariance: number;
    logMarginalLikelihood: number;
  } {
    const s = this.fitted();
    return {
      signalVariance: s.signalVariance,
      lengthScale: s.lengthScale,
      noiseVariance: s.noiseVariance,
      logMarginalLikelihood: s.logMarginalLikelihood,
    };
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    checkInput(X, y);
    const hp = this.hyperparameters;
    const n = X.rows;
    let yMean = 0;
    let yScale = 1;
    if (hp.normalizeY) {
      for (let i = 0; i < n; i++) yMean += y[i];
      yMean /= n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (y[i] - yMean) ** 2;
      yScale = Math.sqrt(v / n) || 1;
    }
    const yn = Float64Array.from(y, (v) => (v - yMean) / yScale);
    const d2 = squaredDistances(X);
    let theta: Float64Array = Float64Array.of(
      Math.log(hp.signalVariance),
      Math.log(hp.lengthScale),
      Math.log(hp.noiseVariance),
    );
    if (hp.optimize) theta = maximise(theta, d2, yn, n);
    const result = evaluate(theta, d2, yn, n, false);
    if (!result)
      throw new RangeError("gaussian-process kernel matrix is not positive definite; increase noiseVariance");
    this.featureNames = options.featureNames ? [...options.featureNames] : defaultFeatureNames(X.cols);
    this.state = {
      columns: X.cols,
      X: [...X.data],
      alpha: [...result.alpha],
      signalVariance: Math.exp(theta[0]),
      lengthScale: Math.exp(theta[1]),
      noiseVariance: Math.exp(theta[2]),
      yMean,
      yScale,
      logMarginalLikelihood: result.value,
    };
    return this;
  }

  private fitted(): GpState {
    if (!this.state) throw new Error("gaussian-process model is not fitted: call fit first");
    return this.state;
  }

  private crossKernel(X: Matrix): Float64Array {
    const s = this.fitted();
    checkInput(X, undefined, s.columns);
    const n = s.alpha.length;
    const k = new Float64Array(X.rows * n);
    const twoL2 = 2 * s.lengthScale * s.lengthScale;
    for (let r = 0; r < X.rows; r++) {
      for (let i = 0; i < n; i++) {
        let d = 0;
        for (let c = 0; c < s.columns; c++) d += (X.data[r * s.columns + c] - s.X[i * s.columns + c]!) ** 2;
        k[r * n + i] = s.signalVariance * Math.exp(-d / twoL2);
      }
    }
    return k;
  }

  /** Posterior mean. */
  predict(X: Matrix): Float64Array {
    const s = this.fitted();
    const k = this.crossKernel(X);
    const n = s.alpha.length;
    const out = new Float64Array(X.rows);
    for (let r = 0; r < X.rows; r++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += k[r * n + i] * s.alpha[i]!;
      out[r] = m * s.yScale + s.yMean;
    }
    return out;
  }

  /** Posterior standard deviation of y (noise included), in y's units. */
  predictStd(X: Matrix): Float64Array {
    const s = this.fitted();
    const n = s.alpha.length;
    const Xtrain: Matrix = { rows: n, cols: s.columns, data: Float64Array.from(s.X) };
    const d2 = squaredDistances(Xtrain);
    const L = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) L[i] = s.signalVariance * Math.exp(-d2[i] / (2 * s.lengthScale ** 2));
    for (let i = 0; i < n; i++) L[i * n + i] += s.noiseVariance;
    choleskyInPlace(L, n);
    const k = this.crossKernel(X);
    const out = new Float64Array(X.rows);
    const v = new Float64Array(n);
    for (let r = 0; r < X.rows; r++) {
      for (let i = 0; i < n; i++) {
        let t = k[r * n + i];
        for (let j = 0; j < i; j++) t -= L[i * n + j] * v[j];
        v[i] = t / L[i * n + i];
      }
      let vv = 0;
      for (let i = 0; i < n; i++) vv += v[i] * v[i];
      out[r] = Math.sqrt(Math.max(0, s.signalVariance + s.noiseVariance - vv)) * s.yScale;
    }
    return out;
  }

  toJSON(): SerializedModel {
    return {
      kind: KIND,
      schemaVersion: SCHEMA_VERSION,
      featureNames: [...this.featureNames],
      hyperparameters: { ...this.hyperparameters },
      state: this.fitted(),
    };
  }

  static fromJSON(json: SerializedModel): GaussianProcessRegressor {
    checkSerialized(json, KIND, SCHEMA_VERSION);
    const model = new GaussianProcessRegressor(json.hyperparameters);
    model.state = json.state as GpState;
    model.featureNames = [...json.featureNames];
    return model;
  }
}
