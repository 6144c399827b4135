/**
 * Damped Newton's method for F(x) = 0 with a backtracking (Armijo) line search on ½‖F‖².
 *
 * The Jacobian is the system's analytic one if given, else forward differences; the linear solves
 * use the dense LU of this module. Work arrays come from {@link createNewtonWorkspace} and can be
 * reused across calls, so repeated solves allocate nothing.
 * @see Dennis & Schnabel, Numerical Methods for Unconstrained Optimization and Nonlinear Equations (1996), §6.3 (Alg. A6.3.1).
 */
import { denseLuFactor, denseLuSolve } from "./dense-lu.js";

/** A square nonlinear system F(x) = 0. */
export interface NonlinearSystem {
  readonly size: number;
  /** Writes F(x) into `out`. */
  residual(x: Float64Array, out: Float64Array): void;
  /** Writes dF/dx (row-major `size × size`) into `out`; forward differences if absent. */
  jacobian?(x: Float64Array, out: Float64Array): void;
}

export interface NewtonOptions {
  /** Converged when max|F_i| ≤ residualTolerance (default 1e-10) … */
  residualTolerance?: number;
  /** … or when the full step satisfies max|Δx_i| ≤ stepTolerance·(1 + |x_i|) (default 1e-12). */
  stepTolerance?: number;
  /** Default 50. */
  maxIterations?: number;
  workspace?: NewtonWorkspace;
}

export interface NewtonResult {
  converged: boolean;
  iterations: number;
  /** max|F_i| at the returned x. */
  residualNorm: number;
  message: string;
}

/** Work arrays for {@link newtonSolve} on systems of one size. */
export interface NewtonWorkspace {
  readonly size: number;
  readonly f: Float64Array;
  readonly fTrial: Float64Array;
  readonly step: Float64Array;
  readonly xTrial: Float64Array;
  readonly jacobian: Float64Array;
  readonly pivots: Int32Array;
}

export function createNewtonWorkspace(size: number): NewtonWorkspace {
  return {
    size,
    f: new Float64Array(size),
    fTrial: new Float64Array(size),
    step: new Float64Array(size),
    xTrial: new Float64Array(size),
    jacobian: new Float64Array(size * size),
    pivots: new Int32Array(size),
  };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (!(a <= m)) m = a; // NaN propagates
  }
  return m;
}

function halfSquaredNorm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return 0.5 * s;
}

function finiteDifferenceJacobian(system: NonlinearSystem, x: Float64Array, ws: NewtonWorkspace): void {
  const n = system.size;
  const sqrtEps = Math.sqrt(Number.EPSILON);
  for (let j = 0; j < n; j++) {
    const xj = x[j];
    const h = sqrtEps * Math.max(Math.abs(xj), 1);
    x[j] = xj + h;
    system.residual(x, ws.fTrial);
    x[j] = xj;
    const inv = 1 / h;
    for (let i = 0; i < n; i++) ws.jacobian[i * n + j] = (ws.fTrial[i] - ws.f[i]) * inv;
  }
}

/** Solves F(x) = 0 in place, starting from `x`; never throws on non-convergence (see `converged`). */
export function newtonSolve(
  system: NonlinearSystem,
  x: Float64Array,
  options: NewtonOptions = {},
): NewtonResult {
  const n = system.size;
  if (x.length !== n) throw new RangeError(`newtonSolve: x has length ${x.length}, system size is ${n}`);
  const ws = options.workspace ?? createNewtonWorkspace(n);
  if (ws.size !== n)
    throw new RangeError(`newtonSolve: workspace size ${ws.size} differs from system size ${n}`);
  const fTol = options.residualTolerance ?? 1e-10;
  const xTol = options.stepTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 50;
  system.residual(x, ws.f);
  let fNorm = maxAbs(ws.f);
  if (!Number.isFinite(fNorm)) {
    return {
      converged: false,
      iterations: 0,
      residualNorm: fNorm,
      message: "residual is not finite at the initial guess",
    };
  }
  for (let it = 1; it <= maxIterations; it++) {
    if (fNorm <= fTol)
      return { converged: true, iterations: it - 1, residualNorm: fNorm, message: "converged" };
    if (system.jacobian) system.jacobian(x, ws.jacobian);
    else finiteDifferenceJacobian(system, x, ws);
    if (!denseLuFactor(ws.jacobian, n, ws.pivots)) {
      return {
        converged: false,
        iterations: it,
        residualNorm: fNorm,
        message: `singular Jacobian at iteration ${it}`,
      };
    }
    for (let i = 0; i < n; i++) ws.step[i] = -ws.f[i];
    denseLuSolve(ws.jacobian, n, ws.pivots, ws.step);
    // Backtracking: accept λ when φ(λ) ≤ (1 − 2·1e-4·λ) φ(0), φ = ½‖F‖² (slope of φ along a Newton step is −2φ(0)).
    const phi0 = halfSquaredNorm(ws.f);
    let lambda = 1;
    let accepted = false;
    for (let k = 0; k < 30; k++) {
      for (let i = 0; i < n; i++) ws.xTrial[i] = x[i] + lambda * ws.step[i];
      system.residual(ws.xTrial, ws.fTrial);
      const phi = halfSquaredNorm(ws.fTrial);
      if (Number.isFinite(phi) && phi <= (1 - 2e-4 * lambda) * phi0) {
        accepted = true;
        break;
      }
      // Quadratic model of φ along the step, safeguarded to [0.1λ, 0.5λ].
      const next = Number.isFinite(phi)
        ? (lambda * lambda * phi0) / (phi - phi0 + 2 * lambda * phi0)
        : 0.1 * lambda;
      lambda = Math.min(0.5 * lambda, Math.max(0.1 * lambda, next));
    }
    if (!accepted) {
      return {
        converged: false,
        iterations: it,
        residualNorm: fNorm,
        message: `line search failed at iteration ${it} (residual ${fNorm.toExponential(3)})`,
      };
    }
    let smallStep = lambda === 1;
    for (let i = 0; i < n; i++) {
      if (Math.abs(ws.xTrial[i] - x[i]) > xTol * (1 + Math.abs(x[i]))) smallStep = false;
      x[i] = ws.xTrial[i];
      ws.f[i] = ws.fTrial[i];
    }
    fNorm = maxAbs(ws.f);
    if (smallStep)
      return { converged: true, iterations: it, residualNorm: fNorm, message: "converged (step tolerance)" };
  }
  const converged = fNorm <= fTol;
  return {
    converged,
    iterations: maxIterations,
    residualNorm: fNorm,
    message: converged
      ? "converged"
      : `no convergence in ${maxIterations} iterations (residual ${fNorm.toExponential(3)})`,
  };
}
