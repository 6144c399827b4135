/**
 * Extended Kalman filter (e.g. Plett 2004 for battery SOC):
 *   predict  x⁻ = f(x, u),  P⁻ = F P Fᵀ + Q,               F = ∂f/∂x
 *   update   K = P⁻Hᵀ (H P⁻ Hᵀ + R)⁻¹,  x = x⁻ + K (z − h(x⁻, u)),  P = (I − KH) P⁻ (I − KH)ᵀ + K R Kᵀ
 * (Joseph form for a covariance that stays symmetric positive definite).
 * @see https://doi.org/10.1016/j.jpowsour.2004.02.033
 */
import { choleskySolveInPlace, choleskyWithJitter } from "../kernels/dense-linear-algebra.js";
import {
  checkFilterOptions,
  checkVector,
  type KalmanFilterOptions,
  multiply,
  numericalJacobian,
  type StateSpaceModel,
  symmetrize,
} from "./state-space.js";

export class ExtendedKalmanFilter {
  /** Current state estimate. */
  readonly state: Float64Array;
  /** Current covariance (n × n). */
  readonly covariance: Float64Array;
  private readonly Q: Float64Array;
  private readonly R: Float64Array;
  private readonly F: Float64Array;
  private readonly H: Float64Array;
  private readonly work: Float64Array;
  private readonly predicted: Float64Array;
  private readonly innovation: Float64Array;

  constructor(
    readonly model: StateSpaceModel,
    options: KalmanFilterOptions,
  ) {
    checkFilterOptions(model, options);
    const n = model.stateSize;
    const m = model.measurementSize;
    this.state = Float64Array.from(options.initialState);
    this.covariance = Float64Array.from(options.initialCovariance);
    this.Q = Float64Array.from(options.processNoise);
    this.R = Float64Array.from(options.measurementNoise);
    this.F = new Float64Array(n * n);
    this.H = new Float64Array(m * n);
    this.work = new Float64Array(n * n);
    this.predicted = new Float64Array(n);
    this.innovation = new Float64Array(m);
  }

  /** Time update with input u. */
  predict(u: Float64Array): void {
    const n = this.model.stateSize;
    const { F, work, covariance: P } = this;
    if (this.model.transitionJacobian) this.model.transitionJacobian(this.state, u, F);
    else numericalJacobian((x, out) => this.model.transition(x, u, out), this.state, n, F);
    this.model.transition(this.state, u, this.predicted);
    this.state.set(this.predicted);
    multiply(F, P, n, n, n, work);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < n; q++) s += work[i * n + q] * F[j * n + q];
        P[i * n + j] = s + this.Q[i * n + j];
      }
    }
    symmetrize(P, n);
  }

  /** Measurement update with measurement z taken under input u. */
  update(z: ArrayLike<number>, u: Float64Array): void {
    const n = this.model.stateSize;
    const m = this.model.measurementSize;
    const { H, covariance: P } = this;
    if (this.model.measurementJacobian) this.model.measurementJacobian(this.state, u, H);
    else numericalJacobian((x, out) => this.model.measurement(x, u, out), this.state, m, H);
    this.model.measurement(this.state, u, this.innovation);
    for (let i = 0; i < m; i++) this.innovation[i] = z[i] - this.innovation[i];
    // PHt = P Hᵀ (n × m); S = H P Hᵀ + R (m × m)
    const PHt = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let q = 0; q < n; q++) s += P[i * n + q] * H[j * n + q];
        PHt[i * m + j] = s;
      }
    }
    const S = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = this.R[i * m + j];
        for (let q = 0; q < n; q++) s += H[i * n + q] * PHt[q * m + j];
        S[i * m + j] = s;
      }
    }
    applyGain(this.state, P, PHt, S, this.innovation, H, this.R, n, m);
  }

  /** One predict + update cycle; returns the state estimate. */
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

/**
 * Kalman gain K = PHt S⁻¹, state x += K·innovation and the Joseph-form covariance update
 * (with H given) or P −= K S Kᵀ (H undefined, as in the UKF).
 */
export function applyGain(
  x: Float64Array,
  P: Float64Array,
  PHt: Float64Array,
  S: Float64Array,
  innovation: Float64Array,
  H: Float64Array | undefined,
  R: Float64Array,
  n: number,
  m: number,
): void {
  const L = choleskyWithJitter(S, m, "innovation covariance S");
  const K = new Float64Array(n * m);
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) row[j] = PHt[i * m + j];
    choleskySolveInPlace(L, m, row); // S symmetric: (S⁻¹ PHtᵢ)ᵀ = row i of K
    K.set(row, i * m);
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += K[i * m + j] * innovation[j];
    x[i] += s;
  }
  const next = new Float64Array(n * n);
  if (H) {
    const A = new Float64Array(n * n); // I − K H
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = i === j ? 1 : 0;
        for (let q = 0; q < m; q++) s -= K[i * m + q] * H[q * n + j];
        A[i * n + j] = s;
      }
    }
    const AP = new Float64Array(n * n);
    multiply(A, P, n, n, n, AP);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < n; q++) s += AP[i * n + q] * A[j * n + q];
        for (let a = 0; a < m; a++)
          for (let b = 0; b < m; b++) s += K[i * m + a] * R[a * m + b] * K[j * m + b];
        next[i * n + j] = s;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = P[i * n + j];
        for (let a = 0; a < m; a++)
          for (let b = 0; b < m; b++) s -= K[i * m + a] * S[a * m + b] * K[j * m + b];
        next[i * n + j] = s;
      }
    }
  }
  P.set(next);
  symmetrize(P, n);
}
