/**
 * Dense LU factorisation with partial (row) pivoting, in place, on a row-major `n × n` Float64Array.
 *
 * After `denseLuFactor(a, n, pivots)` the strict lower triangle of `a` holds the multipliers of L
 * (unit diagonal) and the upper triangle holds U, with `P A = L U`; `pivots[k]` is the row swapped
 * with row k at step k. Nothing is allocated, so a matrix can be re-factored every step for free.
 * @see Golub & Van Loan, Matrix Computations (4th ed.), Algorithm 3.4.1.
 */

/** Factors `a` in place; returns false (leaving `a` partially factored) if a pivot is exactly zero or not finite. */
export function denseLuFactor(a: Float64Array, n: number, pivots: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    let maxAbs = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > maxAbs) {
        maxAbs = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return false;
    if (p !== k) {
      const rk = k * n;
      const rp = p * n;
      for (let j = 0; j < n; j++) {
        const t = a[rk + j];
        a[rk + j] = a[rp + j];
        a[rp + j] = t;
      }
    }
    const rowK = k * n;
    const inv = 1 / a[rowK + k];
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      const l = a[rowI + k] * inv;
      a[rowI + k] = l;
      if (l !== 0) {
        for (let j = k + 1; j < n; j++) a[rowI + j] -= l * a[rowK + j];
      }
    }
  }
  return true;
}

/** Overwrites `b` with the solution of `A x = b`, using the factors from {@link denseLuFactor}. */
export function denseLuSolve(lu: Float64Array, n: number, pivots: Int32Array, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = pivots[k];
    if (p !== k) {
      const t = b[k];
      b[k] = b[p];
      b[p] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    const row = i * n;
    let s = b[i];
    for (let j = 0; j < i; j++) s -= lu[row + j] * b[j];
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const row = i * n;
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= lu[row + j] * b[j];
    b[i] = s / lu[row + i];
  }
}
