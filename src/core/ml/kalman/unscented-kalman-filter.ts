/**
 * Unscented Kalman filter with the scaled unscented transform (Julier & Uhlmann 1997; Wan & van der
 * Merwe 2000): 2n + 1 sigma points x̂ ± columns of √((n + λ)P), λ = α²(n + κ) − n, weights
 * W₀ᵐ = λ/(n + λ), W₀ᶜ = W₀ᵐ + 1 − α² + β, Wᵢ = 1/(2(n + λ)). Additive process and measurement noise.
 * Defaults α = 1, β = 2, κ = 3 − n (Julier's choice for Gaussian priors; keeps all weights ≥ 0 for n ≤ 3).
 * @see https://doi.org/10.1109/ASSPCC.2000.882463
 */
import { choleskyWithJitter } from "../kernels/dense-linear-algebra.js";
import { applyGain } from "./extended-kalman-filter.js";
import {
  checkFilterOptions,
  checkVector,
  type KalmanFilterOptions,
  type StateSpaceModel,
  symmetrize,
} from "./state-space.js";

export interface UnscentedKalmanFilterOptions extends KalmanFilterOptions {
  readonly alpha?: number;
  readonly beta?: number;
  readonly kappa?: number;
}

export class UnscentedKalmanFilter {
  readonly state: Float64Array;
  readonly covariance: Float64Array;
  private readonly Q: Float64Array;
  private readonly R: Float64Array;
  private readonly lambda: number;
  private readonly wm: Float64Array;
  private readonly wc: Float64Array;
  private readonly sigma: Float64Array; // (2n + 1) × n propagated sigma points
  private readonly zSigma: Float64Array; // (2n + 1) × m

  constructor(
    readonly model: StateSpaceModel,
    options: UnscentedKalmanFilterOptions,
  ) {
    checkFilterOptions(model, options);
    const n = model.stateSize;
    const m = model.measurementSize;
    const alpha = options.alpha ?? 1;
    const beta = options.beta ?? 2;
    const kappa = options.kappa ?? 3 - n;
    this.lambda = alpha * alpha * (n + kappa) - n;
    if (!(n + this.lambda > 0))
      throw new RangeError(`UKF needs n + λ > 0, got ${n + this.lambda} (alpha, kappa)`);
    this.wm = new Float64Array(2 * n + 1).fill(1 / (2 * (n + this.lambda)));
    this.wc = Float64Array.from(this.wm);
    this.wm[0] = this.lambda / (n + this.lambda);
    this.wc[0] = this.wm[0] + 1 - alpha * alpha + beta;
    this.state = Float64Array.from(options.initialState);
    this.covariance = Float64Array.from(options.initialCovariance);
    this.Q = Float64Array.from(options.processNoise);
    this.R = Float64Array.from(options.measurementNoise);
    this.sigma = new Float64Array((2 * n + 1) * n);
    this.zSigma = new Float64Array((2 * n + 1) * m);
  }

  /** Sigma points of the current (x̂, P) written into `points` ((2n+1) × n). */
  private sigmaPoints(points: Float64Array): void {
    const n = this.model.stateSize;
    const scaled = Float64Array.from(this.covariance, (v) => v * (n + this.lambda));
    const L = choleskyWithJitter(scaled, n, "UKF covariance");
    points.set(this.state, 0);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const d = j >= i ? L[j * n + i] : 0; // column i of the lower factor
        points[(1 + i) * n + j] = this.state[j] + d;
        points[(1 + n + i) * n + j] = this.state[j] - d;
      }
    }
  }

  predict(u: Float64Array): void {
    const n = this.model.stateSize;
    const count = 2 * n + 1;
    const points = new Float64Array(count * n);
    this.sigmaPoints(points);
    const out = new Float64Array(n);
    this.state.fill(0);
    for (let s = 0; s < count; s++) {
      this.model.transition(points.subarray(s * n, (s + 1) * n), u, out);
      this.sigma.set(out, s * n);
      for (let j = 0; j < n; j++) this.state[j] += this.wm[s] * out[j];
    }
    const P = this.covariance;
    P.set(this.Q);
    for (let s = 0; s < count; s++) {
      for (let i = 0; i < n; i++) {
        const di = this.sigma[s * n + i] - this.state[i];
        for (let j = 0; j < n; j++) P[i * n + j] += this.wc[s] * di * (this.sigma[s * n + j] - this.state[j]);
      }
    }
    symmetrize(P, n);
  }

  update(z: ArrayLike<number>, u: Float64Array): void {
    const n = this.model.stateSize;
    const m = this.model.measurementSize;
    const count = 2 * n + 1;
    // Redraw sigma points from the predicted (x̂⁻, P⁻) so the additive Q is reflected in the spread.
    this.sigmaPoints(this.sigma);
    const zMean = new Float64Array(m);
    const out = new Float64Array(m);
    for (let s = 0; s < count; s++) {
      this.model.measurement(this.sigma.subarray(s * n, (s + 1) * n), u, out);
      this.zSigma.set(out, s * m);
      for (let j = 0; j < m; j++) zMean[j] += this.wm[s] * out[j];
    }
    const S = Float64Array.from(this.R);
    const Pxz = new Float64Array(n * m);
    for (let s = 0; s < count; s++) {
      for (let a = 0; a < m; a++) {
        const da = this.zSigma[s * m + a] - zMean[a];
        for (let b = 0; b < m; b++) S[a * m + b] += this.wc[s] * da * (this.zSigma[s * m + b] - zMean[b]);
        for (let i = 0; i < n; i++)
          Pxz[i * m + a] += this.wc[s] * (this.sigma[s * n + i] - this.state[i]) * da;
      }
    }
    const innovation = Float64Array.from(zMean, (v, j) => z[j] - v);
    applyGain(this.state, this.covariance, Pxz, S, innovation, undefined, this.R, n, m);
  }

  step(u: Float64Array, z: ArrayLike<number>): Float64Array {
    checkVector("measurement z", z, this.model.measurementSize);
    for (let i = 0; i < u.length; i++) {
      if (!Number.isFinite(u[i])) throw new RangeError(`input u[${i}] must be finite, got ${u[i]}`);
    }
    this.predict(u);
    this.update(z, u);
    return this.state;
  }
}
