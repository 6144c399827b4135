/**
 * Problem and linear-solver contracts of the integrators.
 *
 * A semi-explicit DAE `M y' = f(t, y)` with a diagonal, possibly singular mass matrix `M`
 * (`mass[i] = 0` marks an algebraic equation). Models own their structure: they may supply an
 * analytic Jacobian or a whole linear solver for the iteration matrix `M - gamma * df/dy`,
 * otherwise the integrator falls back to a finite-difference dense (or banded) Jacobian.
 */

/** Storage pattern of df/dy used by the default finite-difference linear solver. */
export type JacobianStructure =
  | { readonly kind: "dense" }
  | { readonly kind: "banded"; readonly lower: number; readonly upper: number }
  /**
   * A banded block (`size − border` unknowns, bandwidths `lower`/`upper`) plus `border` trailing
   * unknowns whose rows and columns are dense (e.g. particle shells plus a capacity counter and a
   * current). Solved by block elimination (Schur complement of the border).
   */
  | {
      readonly kind: "bordered-banded";
      readonly lower: number;
      readonly upper: number;
      readonly border: number;
    };

/**
 * Solves with the iteration matrix `A = M - gamma * J(t, y)` (J = df/dy) of an implicit method.
 * `factor` may be called rarely: the integrator reuses a factorisation across Newton iterations
 * and steps while it converges, and calls `factor` again with a fresh `gamma` when needed.
 */
export interface IterationMatrixSolver {
  /**
   * Builds (re-evaluating the Jacobian when `refreshJacobian`) and factors `M - gamma J`; false if singular.
   * `fy` holds f(t_s, y) when `refreshJacobian` is true (for difference Jacobians); otherwise its content is
   * unspecified. The BDF integrator also calls this with a tiny gamma (1e-8 or smaller) during `reset` to
   * make algebraic unknowns consistent.
   */
  factor(t_s: number, y: Float64Array, fy: Float64Array, gamma: number, refreshJacobian: boolean): boolean;
  /** Overwrites `b` with `A^{-1} b` using the last factorisation. */
  solve(b: Float64Array): void;
}

/** Root functions g(t, y) whose zero crossings stop or mark the integration. */
export interface EventFunctions {
  readonly count: number;
  /** Writes g_k(t, y) into `out[k]`. */
  evaluate(t_s: number, y: Float64Array, out: Float64Array): void;
  /** +1: only rising crossings, -1: only falling, 0: both (default 0 for each). */
  readonly direction?: ArrayLike<number>;
  /** Whether a crossing of g_k stops the integration (default true for each); non-terminal roots are passed over. */
  readonly terminal?: ArrayLike<boolean>;
}

/** A semi-explicit index-1 DAE `M y' = f(t, y)` with diagonal mass matrix. */
export interface DaeProblem {
  readonly size: number;
  /** Diagonal of M: 1 (or any positive value) for differential rows, 0 for algebraic rows. */
  readonly mass: Float64Array;
  /** Writes f(t, y) into `out`. Must not allocate. */
  rhs(t_s: number, y: Float64Array, out: Float64Array): void;
  /** Analytic Jacobian df/dy into a dense row-major `size*size` array (used by the default solver). */
  jacobian?(t_s: number, y: Float64Array, out: Float64Array): void;
  /** Structure for the default finite-difference/analytic solver (default dense). */
  readonly jacobianStructure?: JacobianStructure;
  /** A problem-specific solver for the iteration matrix (e.g. block-condensed DFN); overrides the default. */
  createIterationMatrixSolver?(): IterationMatrixSolver;
  readonly events?: EventFunctions;
}
