/**
 * Small banded LU with partial pivoting for the condensed DFN system (row storage; pivoting widens the
 * upper band to kl + ku, as in LAPACK's gbtrf). Private to the electrochemical models until core/math
 * provides the shared kernel.
 */
export interface BandedMatrix {
  readonly size: number;
  readonly lower: number;
  readonly upper: number;
  /** Row i holds columns i − lower … i + lower + upper at offset i·width. */
  readonly data: Float64Array;
  readonly width: number;
  readonly pivots: Int32Array;
}

export function createBandedMatrix(size: number, lower: number, upper: number): BandedMatrix {
  const width = 2 * lower + upper + 1;
  return {
    size,
    lower,
    upper,
    width,
    data: new Float64Array(size * width),
    pivots: new Int32Array(size),
  };
}

/** Adds `value` at (row, column); the column must lie within the original band. */
export function bandedAdd(m: BandedMatrix, row: number, column: number, value: number): void {
  m.data[row * m.width + column - row + m.lower]! += value;
}

/** In-place LU with partial pivoting; false if a pivot is zero or not finite. */
export function bandedFactor(m: BandedMatrix): boolean {
  const { size: n, lower: kl, width: w, data: a, pivots } = m;
  const ku2 = kl + m.upper;
  for (let k = 0; k < n; k++) {
    const lastRow = Math.min(n - 1, k + kl);
    let p = k;
    let best = Math.abs(a[k * w + kl]!);
    for (let i = k + 1; i <= lastRow; i++) {
      const v = Math.abs(a[i * w + k - i + kl]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (!(best > 0) || !Number.isFinite(best)) return false;
    const lastColumn = Math.min(n - 1, k + ku2);
    if (p !== k) {
      for (let j = k; j <= lastColumn; j++) {
        const ik = k * w + j - k + kl;
        const ip = p * w + j - p + kl;
        const t = a[ik]!;
        a[ik] = a[ip]!;
        a[ip] = t;
      }
    }
    const pivot = a[k * w + kl]!;
    for (let i = k + 1; i <= lastRow; i++) {
      const ii = i * w - i + kl;
      const factor = a[ii + k]! / pivot;
      a[ii + k] = factor;
      if (factor === 0) continue;
      const kk = k * w - k + kl;
      for (let j = k + 1; j <= lastColumn; j++) a[ii + j]! -= factor * a[kk + j]!;
    }
  }
  return true;
}

/** Solves A x = b in place with the factors from {@link bandedFactor}. */
export function bandedSolve(m: BandedMatrix, b: Float64Array): void {
  const { size: n, lower: kl, width: w, data: a, pivots } = m;
  const ku2 = kl + m.upper;
  for (let k = 0; k < n; k++) {
    const p = pivots[k]!;
    if (p !== k) {
      const t = b[k]!;
      b[k] = b[p]!;
      b[p] = t;
    }
    const bk = b[k]!;
    if (bk === 0) continue;
    const lastRow = Math.min(n - 1, k + kl);
    for (let i = k + 1; i <= lastRow; i++) b[i]! -= a[i * w + k - i + kl]! * bk;
  }
  for (let k = n - 1; k >= 0; k--) {
    const kk = k * w - k + kl;
    let s = b[k]!;
    const lastColumn = Math.min(n - 1, k + ku2);
    for (let j = k + 1; j <= lastColumn; j++) s -= a[kk + j]! * b[j]!;
    b[k] = s / a[kk + k]!;
  }
}
