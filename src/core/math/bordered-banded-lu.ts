/**
 * LU solve of a bordered-banded matrix `[[A, B], [C, D]]` by block elimination (Schur complement).
 *
 * A is `core × core` banded (LAPACK band storage, partial pivoting within the band), B is `core × border`
 * (dense columns), C is `border × core` (dense rows) and D is `border × border`. Typical use: a
 * discretised PDE (banded) plus a few global unknowns such as a current or a capacity counter.
 * Factor: A = P L U, W = A⁻¹ B (stored over B), S = D − C W (stored over D, dense LU).
 * Solve: z = A⁻¹ b₁, x₂ = S⁻¹ (b₂ − C z), x₁ = z − W x₂. Cost O(core·(band·band + border²)).
 * Pivoting is done within A and within S only, so A itself must be non-singular (true for the
 * iteration matrices `M − γJ` of stiff integrators with small γ).
 * @see Golub & Van Loan, Matrix Computations (4th ed.), §3.2.10 block LU / Schur complement.
 */
import { type BandedMatrix, bandedLuFactor, bandedLuSolve, createBandedMatrix } from "./banded-lu.js";
import { denseLuFactor, denseLuSolve } from "./dense-lu.js";

/** Storage for a bordered-banded matrix; write A via `band`, B via `right`, C via `bottom`, D via `corner`. */
export interface BorderedBandedMatrix {
  readonly size: number;
  /** Order of the banded block A (`size − border`). */
  readonly core: number;
  readonly border: number;
  readonly band: BandedMatrix;
  /** B column-major: B(i, c) at `c·core + i`; overwritten by A⁻¹B on factorisation. */
  readonly right: Float64Array;
  /** C row-major: C(r, j) at `r·core + j`. */
  readonly bottom: Float64Array;
  /** D row-major: D(r, c) at `r·border + c`; overwritten by the LU factors of the Schur complement. */
  readonly corner: Float64Array;
  readonly cornerPivots: Int32Array;
  readonly rightColumns: readonly Float64Array[];
  readonly work: Float64Array;
}

/** Allocates a zero bordered-banded matrix of order `size` whose last `border` rows/columns are dense. */
export function createBorderedBandedMatrix(
  size: number,
  lower: number,
  upper: number,
  border: number,
): BorderedBandedMatrix {
  if (!Number.isInteger(border) || border < 0 || border > size) {
    throw new RangeError(`bordered-banded border must be an integer in [0, size=${size}], got ${border}`);
  }
  const core = size - border;
  const right = new Float64Array(core * border);
  const rightColumns: Float64Array[] = [];
  for (let c = 0; c < border; c++) rightColumns.push(right.subarray(c * core, (c + 1) * core));
  return {
    size,
    core,
    border,
    band: createBandedMatrix(core, lower, upper),
    right,
    bottom: new Float64Array(border * core),
    corner: new Float64Array(border * border),
    cornerPivots: new Int32Array(border),
    rightColumns,
    work: new Float64Array(border),
  };
}

/** Sets entry (i, j) of the full matrix; throws if (i, j) lies outside the band of A. Convenience for assembly. */
export function setBorderedBandedEntry(m: BorderedBandedMatrix, i: number, j: number, value: number): void {
  const { core, border, band } = m;
  if (i < core && j < core) {
    if (i - j > band.lower || j - i > band.upper) {
      throw new RangeError(
        `entry (${i}, ${j}) lies outside the band (lower ${band.lower}, upper ${band.upper})`,
      );
    }
    band.data[band.lower + band.upper + i - j + j * band.ldab] = value;
  } else if (i < core) m.right[(j - core) * core + i] = value;
  else if (j < core) m.bottom[(i - core) * core + j] = value;
  else m.corner[(i - core) * border + (j - core)] = value;
}

/** Factors in place; false if A or the Schur complement is singular. */
export function borderedBandedLuFactor(m: BorderedBandedMatrix): boolean {
  const { core, border, band, bottom, corner, rightColumns } = m;
  if (core > 0 && !bandedLuFactor(band)) return false;
  for (let c = 0; c < border; c++) {
    const w = rightColumns[c]!;
    if (core > 0) bandedLuSolve(band, w);
    for (let r = 0; r < border; r++) {
      const row = r * core;
      let s = 0;
      for (let j = 0; j < core; j++) s += bottom[row + j] * w[j];
      corner[r * border + c] -= s;
    }
  }
  return border === 0 || denseLuFactor(corner, border, m.cornerPivots);
}

/** Overwrites `b` (length `size`) with the solution of the factored system. */
export function borderedBandedLuSolve(m: BorderedBandedMatrix, b: Float64Array): void {
  const { core, border, band, bottom, corner, rightColumns, work } = m;
  if (core > 0) bandedLuSolve(band, b); // touches b[0..core) only
  if (border === 0) return;
  for (let r = 0; r < border; r++) {
    const row = r * core;
    let s = b[core + r];
    for (let j = 0; j < core; j++) s -= bottom[row + j] * b[j];
    work[r] = s;
  }
  denseLuSolve(corner, border, m.cornerPivots, work);
  for (let c = 0; c < border; c++) {
    const x = work[c];
    b[core + c] = x;
    if (x !== 0) {
      const w = rightColumns[c]!;
      for (let j = 0; j < core; j++) b[j] -= w[j] * x;
    }
  }
}
