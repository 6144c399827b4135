/**
 * Discrete-time nonlinear state-space models for the Kalman filters:
 *   x_{k+1} = f(x_k, u_k) + w_k,   z_k = h(x_k, u_k) + v_k,   w ~ N(0, Q), v ~ N(0, R).
 * Jacobians are optional: when absent the EKF uses central finite differences. Any model (an
 * equivalent circuit, a single-particle model, a neural measurement map) plugs in through this contract.
 */

export interface StateSpaceModel {
  readonly stateSize: number;
  readonly measurementSize: number;
  /** Writes f(x, u) into `out` (length stateSize). */
  transition(x: Float64Array, u: Float64Array, out: Float64Array): void;
  /** Writes h(x, u) into `out` (length measurementSize). */
  measurement(x: Float64Array, u: Float64Array, out: Float64Array): void;
  /** Writes ∂f/∂x (stateSize × stateSize, row-major) into `out`. */
  transitionJacobian?(x: Float64Array, u: Float64Array, out: Float64Array): void;
  /** Writes ∂h/∂x (measurementSize × stateSize, row-major) into `out`. */
  measurementJacobian?(x: Float64Array, u: Float64Array, out: Float64Array): void;
}

/** Central-difference Jacobian of g: ℝⁿ → ℝᵐ at x (row-major m × n), step 1e-6·max(1, |x_j|). */
export function numericalJacobian(
  g: (x: Float64Array, out: Float64Array) => void,
  x: Float64Array,
  m: number,
  out: Float64Array,
): void {
  const n = x.length;
  const xp = Float64Array.from(x);
  const up = new Float64Array(m);
  const down = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[j]));
    xp[j] = x[j] + h;
    g(xp, up);
    xp[j] = x[j] - h;
    g(xp, down);
    xp[j] = x[j];
    for (let i = 0; i < m; i++) out[i * n + j] = (up[i] - down[i]) / (2 * h);
  }
}

/** Options shared by the EKF and UKF. */
export interface KalmanFilterOptions {
  /** Initial state estimate x̂₀. */
  readonly initialState: ArrayLike<number>;
  /** Initial covariance P₀ (n × n, row-major). */
  readonly initialCovariance: ArrayLike<number>;
  /** Process-noise covariance Q (n × n). */
  readonly processNoise: ArrayLike<number>;
  /** Measurement-noise covariance R (m × m). */
  readonly measurementNoise: ArrayLike<number>;
}

export function checkFilterOptions(model: StateSpaceModel, options: KalmanFilterOptions): void {
  const n = model.stateSize;
  const m = model.measurementSize;
  const expect = (name: string, value: ArrayLike<number>, size: number) => {
    if (value.length !== size) throw new RangeError(`${name} must have ${size} entries, got ${value.length}`);
    for (let i = 0; i < value.length; i++) {
      if (!Number.isFinite(value[i])) throw new RangeError(`${name}[${i}] must be finite, got ${value[i]}`);
    }
  };
  expect("initialState", options.initialState, n);
  expect("initialCovariance", options.initialCovariance, n * n);
  expect("processNoise", options.processNoise, n * n);
  expect("measurementNoise", options.measurementNoise, m * m);
}

/** C = A·B for row-major A (r × k) and B (k × c). */
export function multiply(
  a: Float64Array,
  b: Float64Array,
  r: number,
  k: number,
  c: number,
  out: Float64Array,
): void {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += a[i * k + q] * b[q * c + j];
      out[i * c + j] = s;
    }
  }
}

/** Symmetrises a square matrix in place: P ← (P + Pᵀ)/2. */
export function symmetrize(p: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (p[i * n + j] + p[j * n + i]);
      p[i * n + j] = v;
      p[j * n + i] = v;
    }
  }
}

/** Checks a measurement or input vector: expected length and finite entries (clear error otherwise). */
export function checkVector(name: string, value: ArrayLike<number>, size: number): void {
  if (value.length !== size) throw new RangeError(`${name} must have ${size} entries, got ${value.length}`);
  for (let i = 0; i < size; i++) {
    if (!Number.isFinite(value[i])) throw new RangeError(`${name}[${i}] must be finite, got ${value[i]}`);
  }
}
