/**
 * Kernel functions k(x, z) of the kernel methods (names and defaults as scikit-learn's SVC):
 * rbf exp(−γ‖x − z‖²), linear xᵀz, poly (γ xᵀz + coef0)^degree, sigmoid tanh(γ xᵀz + coef0).
 * `gamma: "scale"` is 1 / (features · Var(X)) over all entries of X, `"auto"` is 1 / features.
 */
import type { Matrix } from "../estimator.js";
import { choiceParameter, type Hyperparameters, numberParameter } from "../neural/hyperparameters.js";

export const KERNELS = ["rbf", "linear", "poly", "sigmoid"] as const;
export type KernelName = (typeof KERNELS)[number];

export interface KernelSpec {
  readonly kernel: KernelName;
  /** A positive number, or "scale" / "auto" resolved at fit time. */
  readonly gamma: number | "scale" | "auto";
  readonly degree: number;
  readonly coef0: number;
}

/** A kernel with a resolved γ. */
export interface Kernel {
  readonly kernel: KernelName;
  readonly gamma: number;
  readonly degree: number;
  readonly coef0: number;
}

export function resolveKernelSpec(raw: Hyperparameters, defaultKernel: KernelName = "rbf"): KernelSpec {
  const g = raw.gamma;
  let gamma: KernelSpec["gamma"] = "scale";
  if (g === "scale" || g === "auto") gamma = g;
  else if (g !== undefined && g !== null)
    gamma = numberParameter(raw, "gamma", 1, { min: 0, exclusiveMin: true });
  return {
    kernel: choiceParameter(raw, "kernel", defaultKernel, KERNELS),
    gamma,
    degree: numberParameter(raw, "degree", 3, { min: 1, integer: true }),
    coef0: numberParameter(raw, "coef0", 0),
  };
}

/** Resolves γ for the training matrix X. */
export function resolveKernel(spec: KernelSpec, X: Matrix): Kernel {
  let gamma: number;
  if (spec.gamma === "auto") gamma = 1 / X.cols;
  else if (spec.gamma === "scale") {
    let mean = 0;
    for (let i = 0; i < X.data.length; i++) mean += X.data[i];
    mean /= X.data.length;
    let variance = 0;
    for (let i = 0; i < X.data.length; i++) variance += (X.data[i] - mean) ** 2;
    variance /= X.data.length;
    gamma = variance > 0 ? 1 / (X.cols * variance) : 1;
  } else gamma = spec.gamma;
  return { kernel: spec.kernel, gamma, degree: spec.degree, coef0: spec.coef0 };
}

/** k(a[aRow], b[bRow]) for row-major data with `d` columns. */
export function kernelValue(
  k: Kernel,
  a: Float64Array,
  aRow: number,
  b: Float64Array,
  bRow: number,
  d: number,
): number {
  const aOff = aRow * d;
  const bOff = bRow * d;
  if (k.kernel === "rbf") {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = a[aOff + j] - b[bOff + j];
      s += t * t;
    }
    return Math.exp(-k.gamma * s);
  }
  let dot = 0;
  for (let j = 0; j < d; j++) dot += a[aOff + j] * b[bOff + j];
  if (k.kernel === "linear") return dot;
  if (k.kernel === "poly") return (k.gamma * dot + k.coef0) ** k.degree;
  return Math.tanh(k.gamma * dot + k.coef0);
}

/** Full kernel matrix K[i, j] = k(A_i, B_j) (rows of A × rows of B). */
export function kernelMatrix(k: Kernel, A: Matrix, B: Matrix): Float64Array {
  const out = new Float64Array(A.rows * B.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.rows; j++) out[i * B.rows + j] = kernelValue(k, A.data, i, B.data, j, A.cols);
  }
  return out;
}
