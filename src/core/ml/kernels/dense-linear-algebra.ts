/**
 * Small dense kernels used by the kernel methods, the RBF network and the Kalman filters: Cholesky
 * factorisation and solves of symmetric positive-definite systems (row-major `Float64Array`).
 */

/**
 * In-place lower Cholesky factor of the n × n SPD matrix `a` (upper triangle left untouched);
 * returns false when a pivot is not positive (matrix not positive definite).
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const jRow = j * n;
    let d = a[jRow + j];
    for (let k = 0; k < j; k++) d -= a[jRow + k] * a[jRow + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[jRow + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const iRow = i * n;
      let s = a[iRow + j];
      for (let k = 0; k < j; k++) s -= a[iRow + k] * a[jRow + k];
      a[iRow + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place (`b` becomes x) with the factor from `choleskyInPlace`. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    const row = i * n;
    for (let k = 0; k < i; k++) s -= l[row + k] * b[k];
    b[i] = s / l[row + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/**
 * Cholesky factor of `a` (copied), adding jitter 1e-10·mean(diag)·10^k to the diagonal until it
 * factorises (at most 8 tries); throws a clear error otherwise.
 */
export function choleskyWithJitter(a: Float64Array, n: number, what: string): Float64Array {
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += a[i * n + i];
  meanDiag = Math.abs(meanDiag / n) || 1;
  for (let attempt = 0; attempt <= 8; attempt++) {
    const l = Float64Array.from(a);
    const jitter = attempt === 0 ? 0 : 1e-10 * meanDiag * 10 ** attempt;
    for (let i = 0; i < n; i++) l[i * n + i] += jitter;
    if (choleskyInPlace(l, n)) return l;
  }
  throw new RangeError(`${what} is not positive definite (Cholesky failed even with diagonal jitter)`);
}
