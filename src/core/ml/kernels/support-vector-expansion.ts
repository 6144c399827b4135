/**
 * Shared parts of the support-vector models: hyperparameters (scikit-learn names and defaults), the
 * fitted kernel expansion f(x) = Σ_s coef_s k(sv_s, x) − ρ and its evaluation, and the kernel-row cache
 * over the training rows used by the SMO solver.
 */
import type { Matrix } from "../estimator.js";
import { checkInput, type Hyperparameters, numberParameter } from "../neural/hyperparameters.js";
import { type Kernel, type KernelSpec, kernelValue, resolveKernelSpec } from "./kernel-function.js";
import { KernelRowCache } from "./smo.js";

export const SVM_SCHEMA_VERSION = 1;

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
export interface Expansion {
  readonly index: number[];
  readonly coef: number[];
  readonly rho: number;
}

export interface SvmState {
  readonly kernel: Kernel;
  readonly columns: number;
  /** Support vectors, row-major. */
  readonly supportVectors: number[];
  readonly expansions: Expansion[];
  readonly classes: number[];
  readonly converged: boolean;
}

export function rowCache(
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

export function subMatrix(X: Matrix, rows: number[]): Matrix {
  const data = new Float64Array(rows.length * X.cols);
  rows.forEach((r, k) => {
    data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), k * X.cols);
  });
  return { rows: rows.length, cols: X.cols, data };
}

/** Decision values of every expansion for every row of X: rows × expansions. */
export function decisionValues(state: SvmState, X: Matrix): Float64Array {
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
