/**
 * Banded LU factorisation with partial pivoting in LAPACK band storage (as `dgbtrf`/`dgbtrs`).
 *
 * An `n × n` matrix with `lower` sub- and `upper` superdiagonals is stored column by column with
 * leading dimension `ldab = 2·lower + upper + 1`: entry A(i, j) lives at `(lower + upper + i − j) + j·ldab`.
 * The first `lower` rows of each column are room for the fill-in that row interchanges create
 * (U gets `lower + upper` superdiagonals); {@link bandedLuFactor} clears them itself, so callers
 * only write the band of A (use {@link bandedIndex}). Work and storage are O(n·lower·(lower+upper)).
 * @see Anderson et al., LAPACK Users' Guide (3rd ed.), §5.3.2 band storage; routine DGBTF2.
 */

/** A banded matrix in LAPACK band storage (with room for pivoting fill-in). */
export interface BandedMatrix {
  readonly size: number;
  readonly lower: number;
  readonly upper: number;
  /** Leading dimension, `2·lower + upper + 1`. */
  readonly ldab: number;
  readonly data: Float64Array;
  readonly pivots: Int32Array;
}

/** Allocates a zero banded matrix of order `size` with the given bandwidths. */
export function createBandedMatrix(size: number, lower: number, upper: number): BandedMatrix {
  for (const [name, v] of [
    ["size", size],
    ["lower", lower],
    ["upper", upper],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`banded matrix ${name} must be a non-negative integer, got ${v}`);
  }
  const ldab = 2 * lower + upper + 1;
  return { size, lower, upper, ldab, data: new Float64Array(ldab * size), pivots: new Int32Array(size) };
}

/** Index of A(i, j) in `m.data`; valid for `-upper ≤ i − j ≤ lower`. */
export function bandedIndex(m: BandedMatrix, i: number, j: number): number {
  return m.lower + m.upper + i - j + j * m.ldab;
}

/** Factors `m` in place (P A = L U); returns false if a pivot column is exactly zero or not finite. */
export function bandedLuFactor(m: BandedMatrix): boolean {
  const { size: n, lower: kl, upper: ku, ldab, data: a, pivots } = m;
  const kv = kl + ku;
  for (let j = 0; j < n; j++) {
    const base = j * ldab;
    for (let r = 0; r < kl; r++) a[base + r] = 0;
  }
  let ju = 0;
  for (let j = 0; j < n; j++) {
    const km = Math.min(kl, n - 1 - j);
    const colJ = j * ldab + kv; // storage of A(j, j); A(j + k, j) at colJ + k
    let p = 0;
    let maxAbs = Math.abs(a[colJ]);
    for (let k = 1; k <= km; k++) {
      const v = Math.abs(a[colJ + k]);
      if (v > maxAbs) {
        maxAbs = v;
        p = k;
      }
    }
    pivots[j] = j + p;
    if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return false;
    const last = Math.min(j + ku + p, n - 1);
    if (last > ju) ju = last;
    if (p !== 0) {
      for (let c = j; c <= ju; c++) {
        const s = kv + j - c + c * ldab;
        const t = a[s];
        a[s] = a[s + p];
        a[s + p] = t;
      }
    }
    const inv = 1 / a[colJ];
    for (let k = 1; k <= km; k++) a[colJ + k] *= inv;
    for (let c = j + 1; c <= ju; c++) {
      const s = kv + j - c + c * ldab; // A(j, c)
      const u = a[s];
      if (u !== 0) {
        for (let k = 1; k <= km; k++) a[s + k] -= a[colJ + k] * u;
      }
    }
  }
  return true;
}

/** Overwrites `b` with the solution of `A x = b` using the factors from {@link bandedLuFactor}. */
export function bandedLuSolve(m: BandedMatrix, b: Float64Array): void {
  const { size: n, lower: kl, upper: ku, ldab, data: a, pivots } = m;
  const kv = kl + ku;
  if (kl > 0) {
    for (let j = 0; j < n - 1; j++) {
      const p = pivots[j];
      if (p !== j) {
        const t = b[j];
        b[j] = b[p];
        b[p] = t;
      }
      const bj = b[j];
      if (bj !== 0) {
        const km = Math.min(kl, n - 1 - j);
        const colJ = j * ldab + kv;
        for (let k = 1; k <= km; k++) b[j + k] -= a[colJ + k] * bj;
      }
    }
  }
  for (let j = n - 1; j >= 0; j--) {
    const colJ = j * ldab + kv;
    const x = b[j] / a[colJ];
    b[j] = x;
    if (x !== 0) {
      const top = Math.max(0, j - kv);
      for (let i = top; i < j; i++) b[i] -= a[colJ + i - j] * x;
    }
  }
}
