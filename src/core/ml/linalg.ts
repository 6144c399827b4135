/** Small dense linear-algebra kernels for the linear models (row-major Float64Array). */
import { MlInputError } from "./errors.js";

/**
 * Solves A x = b for symmetric positive-definite A (n×n, row-major) by Cholesky; A and b are not
 * modified. Throws if A is not positive definite.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j]!;
    for (let k = 0; k < j; k++) d -= L[j * n + k]! ** 2;
    if (!(d > 0)) throw new MlInputError(`matrix is not positive definite (pivot ${j} is ${d})`);
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = s / ljj;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/**
 * Least-squares solution of min ‖A x − b‖ for A (m×n, row-major, m ≥ n) by Householder QR, for
 * each of the `k` right-hand sides stored as columns of B (m×k row-major). Throws on rank deficiency.
 */
export function leastSquares(
  A: Float64Array,
  m: number,
  n: number,
  B: Float64Array,
  k: number,
): Float64Array {
  if (m < n) throw new MlInputError(`least squares needs at least as many rows (${m}) as columns (${n})`);
  // Column-major working copies: better locality for Householder reflections.
  const Q = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) Q[j * m + i] = A[i * n + j]!;
  const R = new Float64Array(m * k);
  for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) R[c * m + i] = B[i * k + c]!;
  const diag = new Float64Array(n);
  let maxNorm = 0;
  for (let j = 0; j < n; j++) {
    let norm = 0;
    for (let i = j; i < m; i++) norm += Q[j * m + i]! ** 2;
    norm = Math.sqrt(norm);
    maxNorm = Math.max(maxNorm, norm);
    if (norm <= 1e-13 * maxNorm || norm === 0) {
      throw new MlInputError(
        `design matrix is rank deficient (column ${j} is a linear combination of others)`,
      );
    }
    const alpha = Q[j * m + j]! > 0 ? -norm : norm;
    Q[j * m + j] = Q[j * m + j]! - alpha; // v = x − alpha e1 stored in place
    let vnorm2 = 0;
    for (let i = j; i < m; i++) vnorm2 += Q[j * m + i]! ** 2;
    diag[j] = alpha;
    for (let c = j + 1; c < n; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += Q[j * m + i]! * Q[c * m + i]!;
      const f = (2 * s) / vnorm2;
      for (let i = j; i < m; i++) Q[c * m + i] = Q[c * m + i]! - f * Q[j * m + i]!;
    }
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += Q[j * m + i]! * R[c * m + i]!;
      const f = (2 * s) / vnorm2;
      for (let i = j; i < m; i++) R[c * m + i] = R[c * m + i]! - f * Q[j * m + i]!;
    }
  }
  const x = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    for (let j = n - 1; j >= 0; j--) {
      let s = R[c * m + j]!;
      for (let l = j + 1; l < n; l++) s -= Q[l * m + j]! * x[l * k + c]!;
      x[j * k + c] = s / diag[j]!;
    }
  }
  return x;
}
